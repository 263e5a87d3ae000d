"""kg.viz_data: the statements table, the search names, the pair ranks."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.align import PairScore, alignment
from kg.build import build_graph
from kg.records import load_statements
from kg.viz_data import ACTOR_IRI, pair_ranks, search_names, statement_table

FIXTURE = Path(__file__).parent / "queries" / "fixture_statements.jsonl"


@pytest.fixture(scope="module")
def stance():
    return alignment(build_graph(load_statements([FIXTURE]).statements)).stance


def test_every_statement_once_with_its_date_and_source(stance) -> None:
    by_edge, rows, sources = statement_table(stance)
    assert sum(len(v) for v in by_edge.values()) == len(rows)
    assert len(rows) == sum(d["count"] for *_e, d in stance.edges(data=True))
    assert len({(s["title"], s["url"]) for s in sources}) == len(sources)  # written once
    threat = by_edge[f"{ACTOR_IRI}kataib-hezbollah|threatens|{ACTOR_IRI}united-states"]
    (date, reported, quote, source), = (rows[i] for i in threat)  # fmt: skip
    assert (date, reported) == ("2024-02-03", 0)
    assert quote.startswith("the group said Washington")
    assert sources[source]["url"] == "https://example.org/q/002"


def test_a_statement_without_a_full_date_takes_the_reported_one() -> None:
    graph = nx.MultiDiGraph()
    base = {"quote": "q", "document": None, "doc_id": "d1", "url": None, "title": None}
    evidence = [
        {**base, "statement": "s1", "statement_date": "--03-14", "reported": "2024-03-15"},
        {**base, "statement": "s2", "statement_date": "2024-01-02", "reported": "2024-01-05"},
        {**base, "statement": "s3", "statement_date": None, "reported": None},
    ]
    graph.add_edge("a", "b", key="blames", count=3, evidence=evidence)
    by_edge, rows, _ = statement_table(graph)
    assert [rows[i][:2] for i in by_edge["a|blames|b"]] == [
        ["2024-01-02", 0],
        ["2024-03-15", 1],  # the reporting document's date, and marked so
        [None, 0],  # undated: last
    ]


def test_search_names_hold_the_gazetteer_aliases(stance) -> None:
    names = search_names(stance)
    kh = names[f"{ACTOR_IRI}kataib-hezbollah"]
    assert {"kataib hezbollah", "kh", "hizbullah brigades"} <= set(kh)
    assert "us" in names[f"{ACTOR_IRI}united-states"]
    assert "houthis" in names[f"{ACTOR_IRI}ansar-allah"]
    assert all(key == key.strip().lower() for keys in names.values() for key in keys)


def test_an_actor_the_gazetteer_does_not_list_is_found_by_its_label() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node(f"{ACTOR_IRI}zz-unknown", label="The Hill Brigade")
    assert search_names(graph) == {f"{ACTOR_IRI}zz-unknown": ["hill brigade"]}


def _pair(a: str, b: str, score: float) -> PairScore:
    return PairScore(a, b, a, b, score, score, 0.0, 0.0, (), 0, 0)


def test_pair_ranks_are_per_actor_by_absolute_score() -> None:
    ranks = pair_ranks([_pair("a", "b", 0.2), _pair("a", "c", -0.9), _pair("b", "c", 0.5)])
    assert ranks[("a", "c")] == (0, 0)  # a's strongest (|-0.9|) and c's
    assert ranks[("a", "b")] == (1, 1)
    assert ranks[("b", "c")] == (0, 1)
