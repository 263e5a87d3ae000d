"""kg.store: the persistent Oxigraph store (incremental builds, replacement by provenance,
idempotent rebuilds, queries)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import build_graph
from kg.model import Statement
from kg.query import list_queries, run_query
from kg.query import query as rdflib_query
from kg.reason import add_inferred, infer
from kg.records import load_statements
from kg.rules import actor_relation_rules, derived_properties
from kg.store import (
    ASSERTED_GRAPH,
    INFERRED_GRAPH,
    StoreError,
    add_statements,
    build_store,
    export_store,
    graph_sizes,
    iter_statements,
    load_file,
    open_store,
    query_store,
)

FIXTURES = Path(__file__).parent / "fixtures"
RECORDS = FIXTURES / "statements.jsonl"
ACTOR = "https://w3id.org/kg-armed-groups/id/actor/"


def _records() -> list[dict]:
    return [json.loads(line) for line in RECORDS.read_text().splitlines() if line.strip()]


def _quads(store, graph: str | None = None) -> set[tuple[str, str, str, str]]:
    import pyoxigraph as ox

    pattern = ox.NamedNode(graph) if graph else None
    return {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in store.quads_for_pattern(None, None, None, pattern)
    }


def _rdflib_quads(records: list[Statement]) -> set[tuple[str, str, str, str]]:
    import pyoxigraph as ox

    store = ox.Store()
    data = build_graph(records).serialize(format="nquads")
    store.load(data.encode(), ox.RdfFormat.N_QUADS)
    return _quads(store)


def _derived(records: list[Statement]) -> set[tuple[str, str, str]]:
    """The derived relations owlrl gives, and the statement counts kg.reason adds."""
    from kg.counts import COUNT_BASE

    properties = derived_properties(actor_relation_rules())
    return {
        (s.n3(), p.n3(), o.n3())
        for s, p, o in infer(build_graph(records))
        if str(p) in properties or str(s).startswith(COUNT_BASE)
    }


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_store_holds_the_builders_triples_and_owlrls_derived_relations(tmp_path: Path) -> None:
    result = build_store([RECORDS], tmp_path / "db")
    assert result.records == 5 and not result.issues
    assert result.added.documents == 3 and result.added.replaced_documents == 0
    store = open_store(tmp_path / "db")
    records = load_statements([RECORDS]).statements
    assert _quads(store, ASSERTED_GRAPH) == _rdflib_quads(records)
    inferred = {(s, p, o) for s, p, o, _ in _quads(store, INFERRED_GRAPH)}
    assert inferred == _derived(records)
    assert result.sizes == {
        ASSERTED_GRAPH: len(_rdflib_quads(records)),
        INFERRED_GRAPH: len(inferred),
    }


def test_second_build_of_the_same_input_adds_no_triples(tmp_path: Path) -> None:
    build_store([RECORDS], tmp_path / "db")
    before = _quads(open_store(tmp_path / "db"))
    again = build_store([RECORDS], tmp_path / "db")
    assert again.added.replaced_documents == 3
    assert _quads(open_store(tmp_path / "db")) == before


def test_reextracted_document_replaces_its_statements(tmp_path: Path) -> None:
    records = _records()
    build_store([_write(tmp_path / "v1.jsonl", records)], tmp_path / "db")
    # Re-extract fx-001: Kata'ib Hezbollah now blames Israel, the government's statement
    # is gone, and the event is described differently.
    fx1 = [dict(r) for r in records if r["doc_id"] == "fx-001"]
    kh = next(r for r in fx1 if r["speaker"] == "Kata'ib Hezbollah")
    kh.update(blames=["Israel"], event="strike on a headquarters")
    report = build_store([_write(tmp_path / "v2.jsonl", [kh])], tmp_path / "db")
    assert report.added.replaced_documents == 1
    final = [r for r in records if r["doc_id"] != "fx-001"] + [kh]
    expected = _rdflib_quads([Statement.from_dict(r) for r in final])
    store = open_store(tmp_path / "db")
    got = _quads(store, ASSERTED_GRAPH)
    # Exactly what a fresh build of the final records holds: the old statements, their
    # event and the actors only they named (the Government of Iraq) are gone.
    assert got == expected
    assert report.added.removed_actors >= 1
    assert not any(q[0] == f"<{ACTOR}government-of-iraq>" for q in got)
    inferred = {(s, p, o) for s, p, o, _ in _quads(store, INFERRED_GRAPH)}
    assert inferred == _derived([Statement.from_dict(r) for r in final])
    blames = f"<{ACTOR}kataib-hezbollah> <https://w3id.org/kg-armed-groups/ontology#blames>"
    assert f"{blames} <{ACTOR}israel>" in {f"{s} {p} {o}" for s, p, o in inferred}
    assert f"{blames} <{ACTOR}united-states>" not in {f"{s} {p} {o}" for s, p, o in inferred}


def test_incremental_add_of_a_new_document(tmp_path: Path) -> None:
    records = _records()
    first = [r for r in records if r["doc_id"] != "fx-002"]
    build_store([_write(tmp_path / "a.jsonl", first)], tmp_path / "db")
    second = [r for r in records if r["doc_id"] == "fx-002"]
    report = build_store([_write(tmp_path / "b.jsonl", second)], tmp_path / "db")
    assert report.added.replaced_documents == 0
    store = open_store(tmp_path / "db")
    all_records = load_statements([RECORDS]).statements
    assert _quads(store, ASSERTED_GRAPH) == _rdflib_quads(all_records)
    inferred = {(s, p, o) for s, p, o, _ in _quads(store, INFERRED_GRAPH)}
    assert inferred == _derived(all_records)


def _normalise(rows: list[dict]) -> list[dict]:
    # GROUP_CONCAT leaves the order of its values to the engine.
    out = []
    for row in rows:
        fixed = {}
        for key, value in row.items():
            if isinstance(value, str) and ("; " in value or key == "documents"):
                separator = "; " if "; " in value else " "
                value = separator.join(sorted(value.split(separator)))
            fixed[key] = value
        out.append(fixed)
    return out


@pytest.mark.parametrize("name", list_queries())
def test_every_bundled_query_gives_the_same_rows_on_the_store(tmp_path: Path, name: str) -> None:
    records = load_statements([RECORDS]).statements
    dataset = build_graph(records)
    add_inferred(dataset, infer(dataset))
    store = open_store(tmp_path / "db")
    add_statements(store, records)
    assert _normalise(run_query(store, name)) == _normalise(rdflib_query(name, dataset))


def test_query_store_plain_values_ask_and_construct(tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    add_statements(store, load_statements([RECORDS]).statements)
    rows = query_store(
        store,
        "PREFIX kg: <https://w3id.org/kg-armed-groups/ontology#> "
        "SELECT ?s ?start ?conf WHERE { ?s kg:evidenceStart ?start ; kg:confidence ?conf }",
    )
    assert rows == [{"s": rows[0]["s"], "start": 120, "conf": 0.9}]
    assert query_store(store, "ASK { ?s ?p ?o }") == [{"result": True}]
    triples = query_store(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2")
    assert len(triples) == 2 and set(triples[0]) == {"subject", "predicate", "object"}
    with pytest.raises(StoreError, match="SPARQL syntax error"):
        query_store(store, "SELEKT")


def test_export_and_load_round_trip(tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    add_statements(store, load_statements([RECORDS]).statements)
    export_store(store, tmp_path / "out.trig")
    export_store(store, tmp_path / "out.ttl")
    copy = open_store(tmp_path / "copy")
    load_file(copy, tmp_path / "out.trig")
    assert _quads(copy) == _quads(store)
    flat = open_store(tmp_path / "flat")
    load_file(flat, tmp_path / "out.ttl")
    assert graph_sizes(flat) == {ASSERTED_GRAPH: len({q[:3] for q in _quads(store)})}
    with pytest.raises(StoreError, match="unknown RDF format"):
        export_store(store, tmp_path / "out.xyz")


def test_streamed_records_report_bad_lines_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = RECORDS.read_text().splitlines()[0]
    path.write_text(f"{good}\n{{broken\n\n{json.dumps({'doc_id': 'x'})}\n", encoding="utf-8")
    issues: list = []
    statements = list(iter_statements([path, tmp_path / "missing.jsonl"], issues))
    assert len(statements) == 1
    assert [(i.line, i.reason.split(" ")[0]) for i in issues[:2]] == [
        (2, "malformed"),
        (4, "'speaker'"),
    ]
    assert "no such file" in str(issues[2])


def test_open_store_errors(tmp_path: Path) -> None:
    afile = tmp_path / "file.txt"
    afile.write_text("x")
    with pytest.raises(StoreError, match="not a store directory"):
        open_store(afile)
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "none", read_only=True)


def test_cli_build_query_align_viz_with_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    store = str(tmp_path / "db")
    assert main(["build", str(RECORDS), "--store", store]) == 0
    first = _quads(open_store(store, read_only=True))
    assert main(["build", str(RECORDS), "--store", store]) == 0
    assert "3 replaced" in capsys.readouterr().err
    assert _quads(open_store(store, read_only=True)) == first  # nothing added
    assert main(["query", "who_blames_whom", "--store", store, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["speaker_name"], r["target_name"]) for r in rows} == {
        ("Government of Iraq", "United States"),
        ("Kata'ib Hezbollah", "United States"),
        ("Yahya Saree", "Israel"),
    }
    graph = str(tmp_path / "g.trig")
    assert main(["build", str(RECORDS), "-o", graph, "--reason"]) == 0
    capsys.readouterr()
    assert main(["align", "--store", store, "--top", "50"]) == 0
    from_store = capsys.readouterr().out
    assert main(["align", "--graph", graph, "--top", "50"]) == 0
    assert capsys.readouterr().out == from_store
    assert main(["viz", "--store", store, "-o", str(tmp_path / "g.html")]) == 0
    assert (tmp_path / "g.html").stat().st_size > 10_000
    assert main(["build", str(RECORDS), "--store", store, "-o", graph]) == 2
    assert main(["query", "who_blames_whom"]) == 2
