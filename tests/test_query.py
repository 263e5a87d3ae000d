"""kg.query: named queries with golden results, parameters, output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.build import build_graph
from kg.query import (
    QueryError,
    format_rows,
    iter_params,
    list_queries,
    load_query,
    prepare,
    query,
    sparql_term,
)
from kg.records import load_statements
from kg.vocab import ACTOR

FIXTURES = Path(__file__).parent / "fixtures"
QUERIES = ("who_blames_whom", "threats_by_target", "iran_backed_speakers", "event_statements")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)


def test_bundled_queries_are_listed() -> None:
    assert set(QUERIES) <= set(list_queries())


@pytest.mark.parametrize("name", QUERIES)
def test_golden_results(dataset: Dataset, name: str) -> None:
    expected = json.loads((FIXTURES / "queries" / f"{name}.json").read_text(encoding="utf-8"))
    assert query(name, dataset) == expected


@pytest.mark.parametrize("name", list_queries())
def test_every_query_has_a_header(name: str) -> None:
    named = load_query(name)
    assert named.description, f"{name}.rq: no description in its header"
    assert "Example output" in named.text, f"{name}.rq: no example output in its header"


def test_names_paths_and_text(dataset: Dataset, tmp_path: Path) -> None:
    by_name = query("who_blames_whom.rq", dataset)
    assert query("who_blames_whom", dataset) == by_name
    copy = tmp_path / "mine.rq"
    copy.write_text(load_query("who_blames_whom").text, encoding="utf-8")
    assert query(str(copy), dataset) == by_name
    rows = query("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }", dataset)
    assert isinstance(rows[0]["n"], int) and rows[0]["n"] > 0
    assert query("ASK { ?s ?p ?o }", dataset) == [{"result": True}]
    with pytest.raises(QueryError, match="no query named"):
        query("no_such_query", dataset)


def test_parameters(dataset: Dataset) -> None:
    rows = query("who_blames_whom", dataset, {"speaker": "yahya saree"})
    assert [(r["speaker_name"], r["target_name"]) for r in rows] == [("Yahya Saree", "Israel")]
    rows = query("who_blames_whom", dataset, {"target": "United States"})
    assert {r["speaker_name"] for r in rows} == {"Government of Iraq", "Kata'ib Hezbollah"}
    rows = query("event_statements", dataset, {"event": "DRONE strike"})
    assert rows and all("drone strike" in r["event_label"] for r in rows)
    assert query("iran_backed_speakers", dataset, {"sponsor": "Nobody"}) == []
    with pytest.raises(QueryError, match="unknown parameter"):
        query("who_blames_whom", dataset, {"spekaer": "x"})


def test_prepare_injects_values_after_the_outer_where() -> None:
    named = load_query("iran_backed_speakers")
    assert named.params == {"sponsor": "Iran"}
    text = prepare(named)
    _head, _, tail = text.partition("WHERE {")
    assert tail.lstrip().startswith('VALUES ?sponsor { "Iran" }')
    assert "VALUES ?speaker { UNDEF }" in prepare(load_query("who_blames_whom"))


def test_sparql_terms() -> None:
    assert sparql_term("Kata'ib Hezbollah") == '"Kata\'ib Hezbollah"'
    assert sparql_term('"quoted"') == '"quoted"'
    assert sparql_term('say "hi"') == '"say \\"hi\\""'
    assert sparql_term("42") == "42"
    assert sparql_term("actor:iran") == f"<{ACTOR['iran']}>"
    assert sparql_term("https://example.org/x") == "<https://example.org/x>"
    assert sparql_term("Note: not a prefix") == '"Note: not a prefix"'


def test_output_formats() -> None:
    rows = [{"speaker": "A", "n": 2}, {"speaker": "B, C", "n": None}]
    table = format_rows(rows, "table")
    assert table.splitlines()[0].split() == ["speaker", "n"]
    assert table.rstrip().endswith("(2 rows)")
    assert format_rows(rows, "csv") == 'speaker,n\nA,2\n"B, C",\n'
    assert json.loads(format_rows(rows, "json")) == rows
    assert format_rows([], "table") == "(no results)\n"
    with pytest.raises(QueryError):
        format_rows(rows, "xml")


def test_cli_params() -> None:
    assert iter_params(["speaker=A=B", "target="]) == {"speaker": "A=B", "target": ""}
    with pytest.raises(QueryError):
        iter_params(["speaker"])
