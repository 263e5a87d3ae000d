"""kg push and every library query on a real OpenLink Virtuoso 7.2 (issue 14, item 4).

Virtuoso (`virtuoso-t` from the Debian package `virtuoso-opensource-7-bin`) is started
on free loopback ports in a tmp folder with the configuration Debian ships (its 10,000
result-row limit and 60 s execution limit included; bench/engines.py) and stopped by its
process id afterwards. The fixture graph of tests/queries is pushed with `kg push` to the
authenticated endpoint `/sparql-auth` (Digest auth, user dba); then every query in
queries/ runs through `kg query --endpoint` (the anonymous `/sparql`) and must give the
rows the in-process Oxigraph gives, in the same order, with the same kinds of values (a
boolean that came back as 1 would be a difference). Pushes: replacing a dataset, the
stale graphs it removes, counts, the default batch size, the shrinking of a batch
Virtuoso refuses, the Graph Store Protocol, two datasets in one store.

Skipped when virtuoso-t is missing, except in CI (CI=true), where it fails
(scripts/test-deps.sh installs it).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset
from test_endpoint import _lists_sorted
from test_queries_golden import fixture_dataset

from kg.cli import main
from kg.endpoint import Credentials, EndpointError, query_endpoint, run_endpoint
from kg.push import push
from kg.query import list_queries, query

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from engines import (
    PASSWORD,
    USER,
    EngineError,
    Virtuoso,
    rows_in_one_index_only,
    start_virtuoso,
    virtuoso_binary,
)

pytestmark = pytest.mark.server

KG = "https://w3id.org/kg-armed-groups/"
ASSERTED, INFERRED, ALIGNMENT = (
    f"{KG}graph/{name}" for name in ("asserted", "inferred", "alignment")
)


def _require_virtuoso() -> None:
    if virtuoso_binary():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Virtuoso is required in CI (scripts/test-deps.sh installs it)")
    pytest.skip("virtuoso-t not installed (apt-get install virtuoso-opensource-7-bin); skipped")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    _require_virtuoso()
    try:
        with start_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
            yield server
    except EngineError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return fixture_dataset()


@pytest.fixture(scope="module")
def graph_file(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.graphio import write_graph

    path = tmp_path_factory.mktemp("fixture") / "graph.trig"
    write_graph(dataset, path)
    return path


@pytest.fixture(scope="module")
def pushed(virtuoso: Virtuoso, graph_file: Path) -> Virtuoso:
    """The fixture graph pushed with `kg push` (SPARQL Update, Digest auth as dba)."""
    argv = ["push", "--graph", str(graph_file), "--endpoint", virtuoso.auth_url]
    assert main([*argv, "--user", USER, "--password", PASSWORD]) == 0
    return virtuoso


def _counts(virtuoso: Virtuoso, prefix: str = KG) -> dict[str, int]:
    sparql = (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER (STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g'
    )
    return {row["g"]: row["n"] for row in query_endpoint(virtuoso.sparql_url, sparql)}


def _expected_counts(path: Path) -> dict[str, int]:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(path))
    return {
        g.value: len(list(store.quads_for_pattern(None, None, None, g)))
        for g in store.named_graphs()
    }


def _typed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with each value's kind beside it: numbers are numbers whatever their literal
    form (3, "3.0"^^xsd:decimal), but True and 1 are told apart (Python has 1 == True)."""

    def kind(value: object) -> str:
        if isinstance(value, bool):
            return "bool"
        return "number" if isinstance(value, int | float) else type(value).__name__

    return [
        {key: (kind(value), value) for key, value in row.items()} for row in _lists_sorted(rows)
    ]


# --- every library query ---------------------------------------------------------------


@pytest.mark.parametrize("name", list_queries())
def test_every_query_gives_the_in_process_rows_on_virtuoso(
    name: str, dataset: Dataset, pushed: Virtuoso, capsys: pytest.CaptureFixture[str]
) -> None:
    local = query(name, dataset)
    assert local, f"{name}: no rows in process; the comparison would prove nothing"
    assert main(["query", name, "--endpoint", pushed.sparql_url, "--format", "json"]) == 0
    remote = json.loads(capsys.readouterr().out)
    assert _typed(remote) == _typed(local)


# Parameters the rows depend on: a speaker, a target, a tight limit (ties at the cut), no
# limit, a sponsor, a relation, an actor, dates.
PARAMETERS = [
    ("who_blames_whom", {"speaker": "Kata'ib Hezbollah"}),
    ("who_blames_whom", {"target": "United States", "limit": "2"}),
    ("threat_timeline", {"speaker": "Islamic Resistance in Iraq"}),
    ("threat_timeline", {"target": "Israel", "limit": "3"}),
    ("who_threatens", {"target": "Israel"}),
    ("who_threatens", {"limit": "0"}),
    ("claim_provenance", {"speaker": "Yahya Saree", "limit": "0"}),
    ("iran_backed_speakers", {"sponsor": "Iran", "limit": "2"}),
    ("inferred_vs_asserted", {"relation": "blames", "limit": "0"}),
    ("inferred_vs_asserted", {"limit": "5"}),
    ("actor_timeline", {"actor": "Yahya Saree"}),
    ("actor_timeline", {"actor": "Yahya Saree", "since": "2024-02-10", "until": "2024-12-31"}),
    ("threat_timeline", {"since": "2024-02-01", "until": "2024-02-29"}),
    ("statements_per_month", {"since": "2024-02-01"}),
    ("affiliation_chains", {"actor": ""}),
    ("aligned_against", {"actor": "Hezbollah", "limit": "3"}),
    ("most_condemned", {"limit": "1"}),
    ("speakers_by_platform", {"platform": "Telegram"}),
    ("event_statements", {"limit": "4"}),
    ("threats_by_target", {"limit": "1"}),
    ("sponsorship_chains", {"sponsor": "Iran"}),
    ("blames_both", {"limit": "0"}),
]


@pytest.mark.parametrize(("name", "params"), PARAMETERS, ids=lambda p: str(p))
def test_queries_with_parameters_give_the_in_process_rows_on_virtuoso(
    name: str, params: dict[str, str], dataset: Dataset, pushed: Virtuoso
) -> None:
    local = query(name, dataset, params)
    remote = run_endpoint(name, pushed.sparql_url, params)
    assert _typed(remote) == _typed(local)


def test_the_authenticated_endpoint_answers_queries_with_digest(
    pushed: Virtuoso, dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--auth auto`: Virtuoso refuses Basic with a bare 401, kg tries Digest."""
    argv = ["query", "who_blames_whom", "--endpoint", pushed.auth_url, "--format", "json"]
    assert main([*argv, "--user", USER, "--password", PASSWORD]) == 0
    assert json.loads(capsys.readouterr().out) == query("who_blames_whom", dataset)
    wrong = Credentials(USER, "wrong", "auto")
    with pytest.raises(Exception, match="refused the credentials"):
        query_endpoint(pushed.auth_url, "ASK {}", credentials=wrong)


def test_virtuoso_is_the_default_configuration(pushed: Virtuoso) -> None:
    """Its 10,000-row cap holds (so the comparisons above ran under it; kg reports a
    result it cut as an error, from its X-SPARQL-MaxRows header), and its default
    graph is the union of all graphs (the queries' FROM clauses decide what they read)."""
    sparql = "SELECT ?i WHERE { VALUES ?x { 0 1 2 3 4 5 6 7 8 9 10 } ?s ?p ?o } LIMIT 20000"
    with pytest.raises(EndpointError, match="cut the result at 10000 rows"):
        query_endpoint(pushed.sparql_url, sparql)
    assert len(query_endpoint(pushed.sparql_url, sparql.replace("20000", "9999"))) == 9_999
    rows = query_endpoint(pushed.sparql_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert rows[0]["n"] > sum(_counts(pushed).values())


# --- pushes ------------------------------------------------------------------------------


def test_the_push_landed_every_graph_as_sent(pushed: Virtuoso, graph_file: Path) -> None:
    expected = _expected_counts(graph_file)
    assert set(expected) == {ASSERTED, INFERRED, ALIGNMENT}
    assert {g: n for g, n in _counts(pushed).items() if g.startswith(f"{KG}graph/")} == expected


def _synthetic(path: Path, count: int, word: str = "text") -> Path:
    lines = [
        f'<{KG}id/statement/s{i}> <{KG}ontology#evidence> "{word} {i}" .' for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_replace_swaps_a_dataset_and_removes_its_stale_graphs(
    virtuoso: Virtuoso, graph_file: Path, tmp_path: Path
) -> None:
    """A second push of a dataset replaces it (graphs counted as sent, the alignment graph
    the new source lacks removed, no temporary graph left) and leaves another alone."""
    a = f"{KG}dataset/swap-a/graph/"
    b = f"{KG}dataset/swap-b/graph/"
    auth = {"user": USER, "password": PASSWORD}
    push(graph_file, endpoint=virtuoso.auth_url, dataset="swap-a", **auth)
    push(graph_file, endpoint=virtuoso.auth_url, dataset="swap-b", **auth)
    sent = _expected_counts(graph_file)
    smaller = _synthetic(tmp_path / "smaller.nt", 2_500)
    report = push(smaller, endpoint=virtuoso.auth_url, dataset="swap-a", **auth)
    assert report.removed == [a + "alignment", a + "inferred"]
    assert report.verified == {a + "asserted": 2_500}
    assert _counts(virtuoso, f"{KG}dataset/swap-a/") == {a + "asserted": 2_500}
    assert rows_in_one_index_only(virtuoso, f"{KG}dataset/swap-a/") == 0
    assert _counts(virtuoso, f"{KG}dataset/swap-b/") == {
        g.replace(f"{KG}graph/", b): n for g, n in sent.items()
    }


def test_the_default_batch_works_and_a_refused_batch_shrinks(
    virtuoso: Virtuoso, tmp_path: Path
) -> None:
    """1,000 triples per INSERT DATA (the default) go through as they are. Virtuoso
    refuses 3,000 ("SP031: ... generated SQL text has exceeded 10000 lines"; 50,000 get
    "SP030: ... memory exhausted"): kg halves the batch until it passes."""
    path = _synthetic(tmp_path / "big.nt", 3_000)
    auth = {"user": USER, "password": PASSWORD}
    report = push(path, endpoint=virtuoso.auth_url, dataset="batches", **auth)
    assert report.batch_size == 1_000 and report.verified == {
        f"{KG}dataset/batches/graph/asserted": 3_000
    }
    report = push(path, endpoint=virtuoso.auth_url, dataset="batches", batch_size=3_000, **auth)
    assert report.batch_size < 3_000
    assert report.verified == {f"{KG}dataset/batches/graph/asserted": 3_000}


def test_graph_store_protocol_push_and_a_dataset_query(
    virtuoso: Virtuoso, graph_file: Path, dataset: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    """Virtuoso's /sparql-graph-crud-auth takes the graphs; kg guesses /sparql-auth to
    count and swap them; `kg query --dataset` reads that corpus only."""
    argv = ["push", "--graph", str(graph_file), "--graph-store", virtuoso.graph_store_url]
    assert main([*argv, "--user", USER, "--password", PASSWORD, "--dataset", "gsp"]) == 0
    assert "counted on the target: every named graph as sent" in capsys.readouterr().err
    argv = ["query", "threat_timeline", "--endpoint", virtuoso.sparql_url, "--format", "json"]
    assert main([*argv, "--dataset", "gsp"]) == 0
    assert _typed(json.loads(capsys.readouterr().out)) == _typed(query("threat_timeline", dataset))


def test_append_adds_a_disjoint_build_and_refuses_conflicting_counts(
    virtuoso: Virtuoso, tmp_path: Path
) -> None:
    from test_push import _build_with_counts

    from kg.push import PushError

    a = f"{KG}dataset/append/graph/"
    auth = {"user": USER, "password": PASSWORD, "dataset": "append"}
    first = _build_with_counts(tmp_path / "first.trig", {"kataib-hezbollah": 3, "hezbollah": 2})
    push(first, endpoint=virtuoso.auth_url, **auth)
    other = _build_with_counts(tmp_path / "other.trig", {"kataib-hezbollah": 5})
    with pytest.raises(PushError, match=r"1 derived relations .* 3 on the target, 5 in"):
        push(other, endpoint=virtuoso.auth_url, replace=False, **auth)
    assert _counts(virtuoso, f"{KG}dataset/append/") == {a + "asserted": 2, a + "inferred": 6}
    disjoint = _build_with_counts(tmp_path / "disjoint.trig", {"houthis": 4})
    report = push(disjoint, endpoint=virtuoso.auth_url, replace=False, **auth)
    assert report.verified == {a + "asserted": 3, a + "inferred": 9}


def test_a_push_killed_midway_leaves_the_previous_dataset_whole(
    virtuoso: Virtuoso, graph_file: Path, tmp_path: Path
) -> None:
    """SIGKILL a `kg push` while Virtuoso takes its batches: the anonymous endpoint still
    answers with the previous dataset, whole; the next push swaps in and removes the
    killed push's temporary graph."""
    from test_push import kill_push_while_loading

    from kg.push import TEMP_MARK

    prefix = f"{KG}dataset/killed/"
    auth = {"user": USER, "password": PASSWORD, "dataset": "killed"}
    push(graph_file, endpoint=virtuoso.auth_url, **auth)
    before = _counts(virtuoso, prefix)
    big = _synthetic(tmp_path / "big.nt", 20_000)
    argv = ["push", "--graph", str(big), "--endpoint", virtuoso.auth_url, "--batch", "50",
            "--user", USER, "--dataset", "killed"]  # fmt: skip
    kill_push_while_loading(argv, lambda: _counts(virtuoso, prefix), deadline_s=120,
                            poll_s=0.05, env={"KG_SPARQL_PASSWORD": PASSWORD})  # fmt: skip
    after = _counts(virtuoso, prefix)
    assert {g: n for g, n in after.items() if TEMP_MARK not in g} == before
    assert any(TEMP_MARK in graph for graph in after)  # killed midway, not before or after
    report = push(big, endpoint=virtuoso.auth_url, **auth)
    assert report.verified == {f"{prefix}graph/asserted": 20_000}
    assert _counts(virtuoso, prefix) == {f"{prefix}graph/asserted": 20_000}
    assert any(TEMP_MARK in graph for graph in report.removed)
    assert rows_in_one_index_only(virtuoso, prefix) == 0


def test_the_swap_moves_large_graphs_in_chunks(
    virtuoso: Virtuoso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Virtuoso the swap empties the live graph, moves the temporary graph in and
    empties the stale graphs in transactions of at most VIRTUOSO_CHUNK triples each (one
    MOVE of 1.76M triples overflowed its transaction log: SR325): with chunks of 700,
    2,500 triples replace 3,000 and 2,000 replace those (4 requests to empty the live
    graph, 3 to move), counts exact, no row in one index only, no temporary graph left."""
    import kg.push as module

    monkeypatch.setattr(module, "VIRTUOSO_CHUNK", 700)
    prefix = f"{KG}dataset/chunks/"
    live = f"{prefix}graph/asserted"
    auth = {"user": USER, "password": PASSWORD, "dataset": "chunks"}
    push(_synthetic(tmp_path / "a.nt", 3_000), endpoint=virtuoso.auth_url, **auth)
    report = push(_synthetic(tmp_path / "b.nt", 2_500, "other"), endpoint=virtuoso.auth_url, **auth)
    assert report.verified == {live: 2_500}
    updates: list[str] = []
    request = module._Client.request

    def recorded(client: Any, method: str, url: str, data: bytes, kind: str) -> None:
        updates.append(data.decode())
        request(client, method, url, data, kind)

    monkeypatch.setattr(module._Client, "request", recorded)
    report = push(_synthetic(tmp_path / "c.nt", 2_000, "third"), endpoint=virtuoso.auth_url, **auth)
    chunks = [u for u in updates if u.startswith("DELETE {") and "LIMIT 700" in u]
    assert len([u for u in chunks if "INSERT" not in u]) == 4
    assert len([u for u in chunks if "INSERT" in u]) == 3
    assert report.verified == {live: 2_000}
    assert _counts(virtuoso, prefix) == {live: 2_000}
    sparql = f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{live}> {{ ?s ?p "third 7" }} }}'
    assert query_endpoint(virtuoso.sparql_url, sparql)[0]["n"] == 1
    assert rows_in_one_index_only(virtuoso, prefix) == 0
