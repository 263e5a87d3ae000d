"""kg.align and kg.align_export: stance graph from SPARQL, pair scores, exports, CLI."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.align import AlignmentError, alignment, stance_graph, stances_query
from kg.align_export import (
    CSV_COLUMNS,
    add_alignment,
    align_files,
    alignment_rows,
    format_summary,
    format_table,
    write_csv,
    write_gexf,
    write_graphml,
    write_rdf,
)
from kg.build import build_graph
from kg.cli import main
from kg.graphio import read_graph, write_graph
from kg.query import query
from kg.reason import add_inferred, infer
from kg.records import load_statements
from kg.stances import load_stances
from kg.vocab import ACTOR

FIXTURE = Path(__file__).parent / "queries" / "fixture_statements.jsonl"
A = str(ACTOR)
SIGNS = {s.id: s.sign for s in load_stances()}  # stance id -> alignment sign (the registry's)


@pytest.fixture(scope="module")
def asserted() -> Dataset:
    return build_graph(load_statements([FIXTURE]).statements)


@pytest.fixture(scope="module")
def reasoned() -> Dataset:
    dataset = build_graph(load_statements([FIXTURE]).statements)
    return add_inferred(dataset, infer(dataset))


def _pair(result, a: str, b: str):
    a, b = sorted((A + a, A + b))
    return next(p for p in result.pairs if (p.a, p.b) == (a, b))


# --- stance graph -------------------------------------------------------------------------


def test_stance_query_asks_for_every_registry_property() -> None:
    text = stances_query(load_stances())
    values = text.split("VALUES ?property {", 1)[1].split("}", 1)[0].split()
    assert values == [f"kg:{s.statement_property}" for s in load_stances()]


def test_stance_edges_carry_the_registrys_ids_and_signs(asserted: Dataset) -> None:
    graph = stance_graph(asserted)
    seen = {(data["stance"], data["sign"]) for _, _, data in graph.edges(data=True)}
    assert seen == set(SIGNS.items())  # the fixture uses every stance


def test_stance_graph_nodes_and_edges(asserted: Dataset) -> None:
    graph = stance_graph(asserted)
    kh = graph.nodes[A + "kataib-hezbollah"]
    assert kh["label"] == "Kata'ib Hezbollah"
    assert kh["type"] == "ArmedGroup"
    assert kh["sponsors"] == [A + "iran"]
    assert kh["affiliations"] == [A + "popular-mobilization-forces"]
    assert kh["statements"] == 1
    assert graph.nodes[A + "islamic-resistance-in-iraq"]["type"] == "UmbrellaFront"
    edge = graph.edges[A + "kataib-hezbollah", A + "united-states", "threatens"]
    assert edge["count"] == 1 and edge["sign"] == -1
    assert edge["dates"] == ["2024-02-03"]
    (evidence,) = edge["evidence"]
    assert evidence["quote"].startswith("the group said Washington")
    assert evidence["doc_id"] == "q-002"
    assert evidence["url"] == "https://example.org/q/002"
    # A year-less date stays year-less; a statement with no target adds no edge.
    hezbollah_edges = graph.out_edges(A + "hezbollah", keys=True, data=True)
    assert {d["dates"][0] for *_e, d in hezbollah_edges} == {"--03-14"}
    assert graph.out_degree(A + "saraya-awliya-al-dam") == 0


def test_reasoning_does_not_change_the_stance_graph(asserted: Dataset, reasoned: Dataset) -> None:
    plain, closed = stance_graph(asserted), stance_graph(reasoned)
    assert sorted(plain.edges(keys=True)) == sorted(closed.edges(keys=True))
    assert dict(plain.nodes(data=True)) == dict(closed.nodes(data=True))


# --- scores -------------------------------------------------------------------------------


def test_scores_on_the_fixture(reasoned: Dataset) -> None:
    result = alignment(reasoned)
    nujaba_kh = _pair(result, "harakat-hezbollah-al-nujaba", "kataib-hezbollah")
    # T: both hostile to the US (1 common target): 1 / (1 + 1); D: Nujaba praises KH;
    # S: both called Iran-backed.
    assert (nujaba_kh.target_agreement, nujaba_kh.direct_stance, nujaba_kh.ties) == (0.5, 1, 0.5)
    assert nujaba_kh.score == 2.0 and result.pairs[0] == nujaba_kh
    bureau_saree = _pair(result, "ansar-allah-political-bureau", "yahya-saree")
    assert bureau_saree.common_targets == ("Israel", "United States")
    assert bureau_saree.score == pytest.approx(2 / 3 + 0.5, abs=1e-4)  # shared parent
    kh_us = _pair(result, "kataib-hezbollah", "united-states")
    assert kh_us.score == -1 and kh_us.direct_stance == -1
    assert result.communities[A + "kataib-hezbollah"] == result.communities[A + "abu-ali-al-askari"]
    assert set(result.communities) == set(result.stance.nodes)


def _worked_example() -> nx.MultiDiGraph:
    """The example in docs/analysis.md."""
    graph = nx.MultiDiGraph()
    for name in ("A", "B", "US", "IL", "GAZA", "IR"):
        graph.add_node(name, label=name, type="Actor", sponsors=[], affiliations=[], statements=0)
    graph.nodes["A"]["sponsors"] = graph.nodes["B"]["sponsors"] = ["IR"]

    def stance(speaker: str, target: str, name: str, count: int) -> None:
        graph.add_edge(
            speaker, target, key=name, stance=name, sign=SIGNS[name], count=count,
            dates=[], evidence=[],
        )  # fmt: skip

    stance("A", "US", "blames", 3)
    stance("A", "US", "praises", 1)
    stance("A", "IL", "threatens", 2)
    stance("A", "GAZA", "condolences", 1)
    stance("B", "US", "condemns", 1)
    stance("B", "IL", "praises", 1)
    stance("B", "GAZA", "praises", 2)
    stance("A", "B", "praises", 1)
    return graph


def test_worked_example_of_the_docs() -> None:
    result = alignment(_worked_example())
    pair = next(p for p in result.pairs if (p.a, p.b) == ("A", "B"))
    # n_A = (US -0.5, IL -1, GAZA +1), n_B = (US -1, IL +1, GAZA +1)
    # T = (0.5 - 1 + 1) / (3 + 1) = 0.125; D = +1; S = 0.5 (both backed by IR)
    assert pair.target_agreement == 0.125
    assert pair.direct_stance == 1.0
    assert pair.ties == 0.5
    assert pair.score == 1.625
    assert (pair.agreements, pair.disagreements) == (2, 1)


def test_rejects_what_it_cannot_read() -> None:
    with pytest.raises(AlignmentError):
        alignment(42)  # type: ignore[arg-type]


@st.composite
def stance_graphs(draw) -> nx.MultiDiGraph:
    actors = [f"x{i}" for i in range(draw(st.integers(2, 8)))]
    graph = nx.MultiDiGraph()
    for actor in actors:
        sponsors = draw(st.lists(st.sampled_from(actors), max_size=1))
        graph.add_node(actor, label=actor, type="Actor", sponsors=sponsors, affiliations=[])
    edges = draw(
        st.lists(
            st.tuples(
                st.sampled_from(actors),
                st.sampled_from(actors),
                st.sampled_from(list(SIGNS)),
                st.integers(1, 5),
            ),
            max_size=25,
        )
    )
    for speaker, target, name, count in edges:
        graph.add_edge(
            speaker, target, key=name, stance=name, sign=SIGNS[name], count=count,
            dates=[], evidence=[],
        )  # fmt: skip
    return graph


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stance_graphs())
def test_scores_stay_in_range_and_are_deterministic(graph: nx.MultiDiGraph) -> None:
    result = alignment(graph)
    seen = set()
    for pair in result.pairs:
        assert pair.a < pair.b and (pair.a, pair.b) not in seen
        seen.add((pair.a, pair.b))
        assert -1 < pair.target_agreement < 1
        assert -1 <= pair.direct_stance <= 1
        assert pair.ties in (0, 0.5, 1)
        total = pair.target_agreement + pair.direct_stance + pair.ties
        assert pair.score == pytest.approx(total, abs=2e-4)
        assert pair.agreements + pair.disagreements <= len(pair.common_targets)
    again = alignment(graph)
    assert again.pairs == result.pairs and again.communities == result.communities
    assert [p.score for p in result.pairs] == sorted((p.score for p in result.pairs), reverse=True)


# --- exports ------------------------------------------------------------------------------


def test_exports(reasoned: Dataset, tmp_path: Path) -> None:
    result = alignment(reasoned)
    rows = list(csv.DictReader(write_csv(result, tmp_path / "a.csv").open(encoding="utf-8")))
    assert list(rows[0]) == list(CSV_COLUMNS) and len(rows) == len(result.pairs)
    assert rows[0]["actor_a"] == "Harakat Hezbollah al-Nujaba" and rows[0]["score"] == "2.0"
    graphml = nx.read_graphml(write_graphml(result.graph, tmp_path / "a.graphml"))
    assert graphml.number_of_edges() == len(result.pairs)
    assert graphml.nodes[A + "kataib-hezbollah"]["community"] >= 1
    gexf = nx.read_gexf(write_gexf(result.graph, tmp_path / "a.gexf"))
    assert gexf.number_of_nodes() == result.graph.number_of_nodes()
    stance_file = write_graphml(result.stance, tmp_path / "stance.graphml")
    assert nx.read_graphml(stance_file).number_of_edges() == result.stance.number_of_edges()
    table = format_table(result, top=3)
    assert "Kata'ib Hezbollah" in table and f"{len(result.pairs) - 3} more pairs" in table
    assert [r["rank"] for r in alignment_rows(result, 5)] == [1, 2, 3, 4, 5]
    summary = format_summary(result)
    assert summary.splitlines()[1].split()[:2] == ["United", "States"]  # most addressed
    assert "largest communities:" in summary and "Abu Ali al-Askari" in summary


def test_rdf_write_back_is_queryable(reasoned: Dataset, tmp_path: Path) -> None:
    result = alignment(reasoned)
    write_graph(reasoned, tmp_path / "graph.ttl")
    write_rdf(result, tmp_path / "graph.alignment.ttl")  # the sidecar read_graph picks up
    rows = query("alignment_scores", read_graph(tmp_path / "graph.ttl"))
    assert len(rows) == len(result.pairs)
    assert rows[0]["actor_a"] == "Harakat Hezbollah al-Nujaba" and rows[0]["score"] == 2.0
    write_rdf(result, tmp_path / "alignment.trig")
    both = read_graph([tmp_path / "graph.ttl", tmp_path / "alignment.trig"])
    assert len(query("alignment_scores", both, {"actor": "yahya saree"})) > 0
    dataset = build_graph(load_statements([FIXTURE]).statements)
    add_alignment(dataset, result)
    add_alignment(dataset, result)  # replaces, does not add twice
    assert len(query("alignment_scores", dataset)) == len(result.pairs)


def test_align_files_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "graph.ttl"
    write_graph(build_graph(load_statements([FIXTURE]).statements), graph)
    done = align_files(graph, csv_path=tmp_path / "a.csv", gexf=tmp_path / "a.gexf")
    assert [p.name for p in done.written] == ["a.csv", "a.gexf"]
    code = main(
        ["align", "--graph", str(graph), "-o", str(tmp_path / "b.csv"), "--top", "3",
         "--graphml", str(tmp_path / "b.graphml"), "--rdf", str(tmp_path / "graph.alignment.ttl")]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0
    assert "Harakat Hezbollah al-Nujaba" in out.splitlines()[2]
    assert "pairs" in err and "wrote" in err
    assert (tmp_path / "b.csv").read_text() == (tmp_path / "a.csv").read_text()
    assert main(["align", "--graph", str(tmp_path / "missing.ttl")]) == 2


def test_focus_keeps_the_actors_pairs_and_edges_with_unchanged_scores(reasoned: Dataset) -> None:
    from kg.align import focus

    whole = alignment(reasoned)
    actor = whole.pairs[0].a
    narrowed = focus(whole, [actor])
    assert narrowed.pairs == [p for p in whole.pairs if actor in (p.a, p.b)]
    assert all(actor in (u, v) for u, v in narrowed.stance.edges())
    assert all(actor in (a, b) for a, b in narrowed.graph.edges())
    assert set(narrowed.graph) == {actor} | {n for p in narrowed.pairs for n in (p.a, p.b)}
    assert narrowed.communities == {
        n: c for n, c in whole.communities.items() if n in narrowed.graph
    }
    assert "narrowed to" in narrowed.notes[-1]


def test_align_and_viz_take_an_actor_by_any_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = tmp_path / "graph.ttl"
    write_graph(build_graph(load_statements([FIXTURE]).statements), graph)
    whole = align_files(graph, csv_path=tmp_path / "all.csv").result
    assert (
        main(["align", "--graph", str(graph), "--actor", "KH", "-o", str(tmp_path / "kh.csv")]) == 0
    )
    rows = (tmp_path / "kh.csv").read_text().splitlines()[1:]
    assert 0 < len(rows) < len(whole.pairs)
    assert all("Kata'ib Hezbollah" in row for row in rows)
    assert "narrowed to Kata'ib Hezbollah" in capsys.readouterr().err
    page = tmp_path / "kh.html"
    assert (
        main(["viz", "--graph", str(graph), "--actor", "Hizbullah Brigades", "-o", str(page)]) == 0
    )
    assert "Kata" in page.read_text(encoding="utf-8")
    assert main(["align", "--graph", str(graph), "--actor", "zzqq xxvv"]) == 2
    assert "no actor called 'zzqq xxvv'" in capsys.readouterr().err
