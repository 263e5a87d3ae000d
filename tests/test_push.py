"""kg push: load a graph into an external SPARQL 1.1 store, here a writable oxigraph server
started on a free loopback port."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from kg.cli import main
from kg.push import PushError, guess_query_url, push
from kg.serve import Server, free_port, start_server

pytestmark = pytest.mark.server

KG = "https://w3id.org/kg-armed-groups/"
ASSERTED = f"{KG}graph/asserted"
INFERRED = f"{KG}graph/inferred"
TRIG = f"""
@prefix kg: <{KG}ontology#> .
@prefix actor: <{KG}id/actor/> .
@prefix st: <{KG}id/statement/> .
<{ASSERTED}> {{
  st:s1 kg:speaker actor:kataib-hezbollah ; kg:blamesTarget actor:united-states ;
        kg:evidence "The group said Washington bears full responsibility."@en ;
        kg:evidenceStart 12 .
  st:s2 kg:speaker actor:hezbollah ; kg:condemnsTarget actor:israel ;
        kg:evidence "It condemned the \\"crime\\" in strong terms." .
  actor:hezbollah kg:note [ kg:text "a blank node that must stay whole" ; kg:rank 1 ] .
}}
<{INFERRED}> {{
  actor:kataib-hezbollah kg:blames actor:united-states .
  actor:hezbollah kg:condemns actor:israel .
}}
"""


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Server]:
    with start_server(tmp_path / "target", writable=True, port=free_port()) as server:
        yield server


def _counts(server: Server) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    request = urllib.request.Request(
        f"{server.query_url}?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        rows = json.load(response)["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def _expected(path: Path) -> dict[str, int]:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(path))
    return {
        g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs()
    }


def test_graph_store_protocol_push_gives_the_same_triples_and_replaces(
    graph_file: Path, target: Server
) -> None:
    expected = _expected(graph_file)
    assert expected == {ASSERTED: 10, INFERRED: 2}
    report = push(graph_file, graph_store=target.graph_store_url, batch_size=3)
    assert report.graphs == expected
    # Loads (asserted: blank-node triples + 3 per request; inferred: 1), a count per
    # temporary graph, the listing of the target's graphs, the swap, a count per graph.
    assert report.requests == 4 + 1 + 2 + 1 + 1 + 2
    assert report.verified == expected and not report.warnings
    assert _counts(target) == expected
    # Pushing again replaces each graph: no duplicates.
    push(graph_file, graph_store=target.graph_store_url)
    assert _counts(target) == expected


def test_sparql_update_push_in_batches(graph_file: Path, target: Server) -> None:
    report = push(graph_file, endpoint=target.update_url, batch_size=2)
    assert report.method == "update"
    assert _counts(target) == _expected(graph_file)
    push(graph_file, endpoint=target.update_url, batch_size=2)
    assert _counts(target) == _expected(graph_file)
    # The blank node arrived whole: one node with both of its properties.
    query = f"SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ ?a <{KG}ontology#note> ?b . ?b ?p ?o }}"
    url = f"{target.query_url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.load(response)["results"]["bindings"][0]["n"]["value"] == "1"


def test_push_from_a_store_directory(graph_file: Path, target: Server, tmp_path: Path) -> None:
    import pyoxigraph as ox

    source = tmp_path / "source-store"
    store = ox.Store(str(source))
    store.load(path=str(graph_file))
    store.flush()
    del store
    code = main(["push", "--store", str(source), "--graph-store", target.graph_store_url])
    assert code == 0
    assert _counts(target) == _expected(graph_file)


def test_http_failures_are_clear_errors(graph_file: Path, target: Server) -> None:
    with pytest.raises(PushError, match=r"POST .*/nowhere.* HTTP 404"):
        push(graph_file, endpoint=f"{target.url}/nowhere")
    with pytest.raises(PushError, match="HTTP 415 Unsupported Media Type: No supported"):
        # The query endpoint does not take updates.
        push(graph_file, endpoint=f"{target.url}/query")
    closed = f"http://127.0.0.1:{free_port()}/update"
    with pytest.raises(PushError, match=r"cannot reach http.*is the server running"):
        push(graph_file, endpoint=closed, timeout_s=5)
    with pytest.raises(PushError, match="no such graph file"):
        push(graph_file.with_name("missing.trig"), endpoint=target.update_url)
    assert main(["push", "--graph", str(graph_file), "--endpoint", closed]) == 2


def test_cli_push_credentials_are_checked_before_anything_is_sent(
    graph_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    closed = f"http://127.0.0.1:{free_port()}/update"  # never reached: the check comes first
    for variable in ("KG_PUSH_PASSWORD", "KG_SPARQL_PASSWORD"):
        monkeypatch.delenv(variable, raising=False)
    argv = ["push", "--graph", str(graph_file), "--endpoint", closed]
    assert main([*argv, "--user", "kg"]) == 2
    err = capsys.readouterr().err
    assert "--user needs a password" in err and "KG_SPARQL_PASSWORD" in err
    assert main([*argv, "--password", "secret"]) == 2
    assert "--password needs --user" in capsys.readouterr().err
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "secret")  # the variable kg query reads works too
    assert main([*argv, "--user", "kg", "--timeout", "5"]) == 2
    assert "cannot reach" in capsys.readouterr().err


def test_turtle_with_its_inferred_sidecar_keeps_the_named_graphs(
    tmp_path: Path, target: Server
) -> None:
    main_file = tmp_path / "graph.ttl"
    main_file.write_text(
        f"<{KG}id/statement/s1> <{KG}ontology#speaker> <{KG}id/actor/a> .\n", encoding="utf-8"
    )
    (tmp_path / "graph.inferred.ttl").write_text(
        f"<{KG}id/actor/a> <{KG}ontology#made> <{KG}id/statement/s1> .\n", encoding="utf-8"
    )
    report = push(main_file, graph_store=target.graph_store_url)
    assert report.graphs == {ASSERTED: 1, INFERRED: 1}
    assert _counts(target) == {ASSERTED: 1, INFERRED: 1}


def test_push_authenticates_with_digest_and_reports_timeouts(graph_file: Path) -> None:
    """Virtuoso's authenticated endpoints want Digest auth; a slow server is reported as
    slow (with the timeout to raise), not as unreachable. The stub server of
    tests/test_endpoint.py checks the Digest answer against its password."""
    from test_endpoint import PASSWORD, USER, Stub

    stub = Stub()
    thread = threading.Thread(target=stub.server.serve_forever, daemon=True)
    thread.start()
    try:
        digest = stub("/digest")
        report = push(graph_file, endpoint=digest, user=USER, password=PASSWORD, verify=False)
        assert report.triples > 0
        sent = [kind for path, kind, body in stub.seen if path == "/digest" and "INSERT" in body]
        assert sent and all(kind.startswith("application/sparql-update") for kind in sent)
        with pytest.raises(PushError, match=r"HTTP 401 .*refused user 'kg'"):
            push(graph_file, endpoint=stub("/digest"), user=USER, password="wrong", verify=False)
        with pytest.raises(PushError, match=r"HTTP 401 .*wants credentials"):
            push(graph_file, endpoint=stub("/digest"), verify=False)
        with pytest.raises(PushError, match=r"no answer within 0.5 s.*--timeout"):
            push(graph_file, endpoint=stub("/slow"), timeout_s=0.5, verify=False)
    finally:
        stub.server.shutdown()
        stub.server.server_close()


class _Blackhole(http.server.BaseHTTPRequestHandler):
    """Answers every PUT and POST with 204 and keeps nothing, as a store does when given
    a URL that is not the endpoint kg thinks it is (issue 14: "pushed 8115 triples",
    exit 0, nothing landed)."""

    def _swallow(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _swallow

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def blackhole() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Blackhole)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/update"
    finally:
        server.shutdown()
        server.server_close()


def test_a_push_that_lands_nothing_is_a_wrong_endpoint_error(
    graph_file: Path, target: Server, blackhole: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(PushError, match=r"nothing landed: .*wrong kind of endpoint"):
        push(graph_file, graph_store=blackhole, query_endpoint=target.query_url)
    argv = ["push", "--graph", str(graph_file), "--graph-store", blackhole]
    assert main([*argv, "--query-endpoint", target.query_url]) == 2
    err = capsys.readouterr().err
    assert "wrong kind of endpoint" in err and "pushed" not in err


def test_a_count_mismatch_names_the_graph_and_both_counts(graph_file: Path) -> None:
    """The stub answers every query with n = 7: the asserted graph was sent 10 triples."""
    from test_endpoint import PASSWORD, USER, Stub

    stub = Stub()
    threading.Thread(target=stub.server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(
            PushError,
            match=rf"graph <{ASSERTED}> \(loaded into <{ASSERTED}.kg-push-tmp-\w+>\) holds 7 "
            rf"triples .* the source has 10",
        ):
            push(graph_file, endpoint=stub("/digest"), user=USER, password=PASSWORD)
    finally:
        stub.server.shutdown()
        stub.server.server_close()


def test_the_query_endpoint_is_guessed_from_the_push_url() -> None:
    assert guess_query_url("http://h:7878/update") == "http://h:7878/query"
    assert guess_query_url("http://h:7878/store") == "http://h:7878/query"
    assert guess_query_url("http://h:3030/kg/data") == "http://h:3030/kg/query"
    assert guess_query_url("http://h:8890/sparql-graph-crud-auth") == "http://h:8890/sparql-auth"
    assert guess_query_url("http://h:8890/sparql") == "http://h:8890/sparql"
    assert guess_query_url("http://h/elsewhere") is None


def test_a_source_without_inferred_graph_gives_a_warning(
    tmp_path: Path, target: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text(f"<{KG}id/statement/s1> <{KG}ontology#speaker> <{KG}id/actor/a> .\n")
    report = push(path, graph_store=target.graph_store_url)
    assert report.warnings and "no inferred graph" in report.warnings[0]
    assert main(["push", "--graph", str(path), "--graph-store", target.graph_store_url]) == 0
    err = capsys.readouterr().err
    assert "warning: the source has no inferred graph" in err
    assert "queries that read derived relations" in err


# --- datasets, mirroring, swap-in, batch shrinking, a killed push --------------------------


def _graph_names(server: Server) -> set[str]:
    return set(_counts(server))


def test_datasets_share_a_store_and_replace_mirrors_one_dataset(
    graph_file: Path, target: Server, tmp_path: Path
) -> None:
    from kg.push import target_graph

    a, b = (f"{KG}dataset/{name}/graph/" for name in ("corpus-a", "corpus-b"))
    push(graph_file, graph_store=target.graph_store_url, dataset="corpus-a")
    push(graph_file, endpoint=target.update_url, dataset="corpus-b")
    assert _counts(target) == {a + "asserted": 10, a + "inferred": 2, b + "asserted": 10,
                               b + "inferred": 2}  # fmt: skip
    # corpus-a again, now without its inferred graph: that graph goes, corpus-b stays.
    asserted_only = tmp_path / "asserted.ttl"
    asserted_only.write_text(f"<{KG}id/statement/s9> <{KG}ontology#speaker> <{KG}id/actor/x> .\n")
    report = push(asserted_only, graph_store=target.graph_store_url, dataset="corpus-a")
    assert report.removed == [a + "inferred"]
    assert _counts(target) == {a + "asserted": 1, b + "asserted": 10, b + "inferred": 2}
    assert target_graph(ASSERTED, None) == ASSERTED
    with pytest.raises(PushError, match="dataset name 'a b'"):
        push(graph_file, endpoint=target.update_url, dataset="a b")


def test_replace_without_a_dataset_removes_stale_kg_graphs(
    graph_file: Path, target: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14: graphs absent from the source stayed on the target (stale alignment)."""
    alignment = f"{KG}graph/alignment"
    stale = tmp_path / "with-alignment.trig"
    stale.write_text(TRIG + f"<{alignment}> {{ <{KG}id/actor/a> <{KG}ontology#x> 1 . }}\n")
    push(stale, endpoint=target.update_url)
    assert alignment in _graph_names(target)
    assert main(["push", "--graph", str(graph_file), "--endpoint", target.update_url]) == 0
    assert _counts(target) == _expected(graph_file)
    assert f"removed {alignment} (not in the source)" in capsys.readouterr().err


class _SizeLimit(http.server.BaseHTTPRequestHandler):
    """A proxy to a real server that refuses bodies over LIMIT bytes, as Virtuoso does
    with large SPARQL Updates: HTTP 413 on /store, an HTTP 500 error text on /update."""

    LIMIT = 1_500
    upstream = ""

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if len(body) > self.LIMIT and "query" not in self.path:
            status, text = (
                (413, "Payload Too Large")
                if self.path.startswith("/store")
                else (500, "Virtuoso 42000 Error SQ200: the request exceeds the maximum size")
            )
            return self._answer(status, "text/plain", text.encode())
        headers = {k: v for k, v in self.headers.items() if k in ("Content-Type", "Accept")}
        response = httpx.request(
            self.command, self.upstream + self.path, content=body, headers=headers, timeout=30
        )
        self._answer(
            response.status_code, response.headers.get("Content-Type", ""), response.content
        )

    def _answer(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_PUT = do_POST = _forward

    def log_message(self, *_args: object) -> None:
        pass


def test_batches_shrink_while_the_server_says_too_large(tmp_path: Path, target: Server) -> None:
    lines = [f"<{KG}id/statement/s{i}> <{KG}ontology#n> {i} ." for i in range(200)]
    path = tmp_path / "graph.ttl"
    path.write_text("\n".join(lines) + "\n")
    handler = type("Proxy", (_SizeLimit,), {"upstream": target.url})
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{proxy.server_address[1]}"
    try:
        for kind, push_url in (("graph_store", f"{url}/store"), ("endpoint", f"{url}/update")):
            report = push(path, **{kind: push_url}, batch_size=100)
            assert report.batch_size < 100 and report.graphs == {ASSERTED: 200}
            assert _counts(target) == {ASSERTED: 200}
        # Blank-node triples cannot be split: a clear error; the asserted graph, loaded
        # first into its temporary graph, is dropped again; the live graph is untouched.
        blank = tmp_path / "blank.trig"
        objects = ", ".join(str(i) for i in range(300))
        blank.write_text(
            f"<{ASSERTED}> {{ <{KG}id/a> <{KG}ontology#n> 1 . }}\n"
            f"<{INFERRED}> {{ <{KG}id/a> <{KG}ontology#n> [ <{KG}ontology#m> {objects} ] }}\n"
        )
        with pytest.raises(PushError, match=r"HTTP 413 .*refuses even \d+ triples.*blank"):
            push(blank, graph_store=f"{url}/store")
        assert _counts(target) == {ASSERTED: 200}  # no temporary graph left either
    finally:
        proxy.shutdown()
        proxy.server_close()


def kill_push_while_loading(argv: list[str], counts: Callable[[], dict[str, int]],
                            deadline_s: float, poll_s: float, env: dict[str, str] | None = None
                            ) -> None:  # fmt: skip
    """Run `kg ARGV` in a process and SIGKILL it as soon as `counts()` (graph -> triples on
    the target) shows one of its temporary graphs: killed midway, not before or after."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from kg.push import TEMP_MARK

    code = "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), **(env or {})}
    process = subprocess.Popen([sys.executable, "-c", code, *argv], env=env)
    try:
        deadline = time.monotonic() + deadline_s
        while not any(TEMP_MARK in graph for graph in counts()):
            assert process.poll() is None, "the push ended before it could be killed"
            assert time.monotonic() < deadline, (
                f"no temporary graph appeared within {deadline_s:g} s"
            )
            time.sleep(poll_s)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_a_push_killed_midway_leaves_the_previous_dataset_whole(
    graph_file: Path, target: Server, tmp_path: Path
) -> None:
    """SIGKILL a `kg push` while it loads: readers still see the previous dataset, whole;
    the next push swaps in and removes the killed push's temporary graph."""
    from kg.push import TEMP_MARK

    push(graph_file, graph_store=target.graph_store_url)
    before = _counts(target)
    big = tmp_path / "big.ttl"
    lines = [f"<{KG}id/statement/n{i}> <{KG}ontology#n> {i} ." for i in range(20_000)]
    big.write_text("\n".join(lines) + "\n")
    argv = ["push", "--graph", str(big), "--endpoint", target.update_url, "--batch", "50"]
    kill_push_while_loading(argv, lambda: _counts(target), deadline_s=60, poll_s=0.02)
    after = _counts(target)
    assert {g: n for g, n in after.items() if TEMP_MARK not in g} == before
    assert any(TEMP_MARK in graph for graph in after)  # killed midway, not before or after
    report = push(big, endpoint=target.update_url)
    assert _counts(target) == {ASSERTED: 20_000}
    assert INFERRED in report.removed and len(report.removed) == 2
    assert any(TEMP_MARK in graph for graph in report.removed)


def test_an_empty_source_is_refused_not_mirrored(
    graph_file: Path, target: Server, tmp_path: Path
) -> None:
    """Mirroring an empty source would empty the dataset on the target."""
    push(graph_file, endpoint=target.update_url)
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    with pytest.raises(PushError, match="no triples to push"):
        push(empty, endpoint=target.update_url)
    assert _counts(target) == _expected(graph_file)


def test_library_queries_read_a_dataset_pushed_under_a_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kg query NAME --endpoint URL --dataset NAME` reads the graphs `kg push --dataset`
    wrote and gives the in-process rows; without --dataset the store (no union default
    graph) has none of kg's graphs and gives nothing."""
    from test_queries_golden import fixture_dataset

    from kg.graphio import write_graph

    dataset = fixture_dataset()
    write_graph(dataset, tmp_path / "fixture.trig")
    with start_server(
        tmp_path / "plain", writable=True, union_default_graph=False, port=free_port()
    ) as target:
        _query_a_named_dataset(target, tmp_path, dataset, capsys)


def _query_a_named_dataset(
    target: Server, tmp_path: Path, dataset: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.query import query

    push(tmp_path / "fixture.trig", graph_store=target.graph_store_url, dataset="corpus-a")
    argv = ["query", "who_blames_whom", "--endpoint", target.query_url, "--format", "json"]
    assert main([*argv, "--dataset", "corpus-a"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and rows == query("who_blames_whom", dataset)  # type: ignore[arg-type]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["query", "who_blames_whom", "--print", "--dataset", "corpus-a"]) == 0
    printed = capsys.readouterr().out
    assert f"FROM <{KG}dataset/corpus-a/graph/asserted>" in printed
    assert f"<{KG}graph/" not in printed
    assert main(["query", "who_blames_whom", "--print", "--dataset", "a/b"]) == 2


def _build_with_counts(path: Path, counts: dict[str, int]) -> Path:
    """A TriG 'build': one statement per relation and, in the inferred graph, the
    relation with its statement-count node (kg.counts: IRI hashed from the relation)."""
    from kg.counts import STATEMENT_COUNT, count_iri

    blames = f"{KG}ontology#blames"
    asserted, inferred = [], []
    for speaker, count in counts.items():
        subject, target = f"{KG}id/actor/{speaker}", f"{KG}id/actor/united-states"
        node = count_iri(subject, blames, target)
        asserted.append(f"<{KG}id/statement/{speaker}> <{KG}ontology#speaker> <{subject}> .")
        inferred += [
            f"<{subject}> <{blames}> <{target}> .",
            f"<{node}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{subject}> .",
            f"<{node}> <{STATEMENT_COUNT}> {count} .",
        ]
    path.write_text(
        f"<{ASSERTED}> {{\n" + "\n".join(asserted) + "\n}\n"
        f"<{INFERRED}> {{\n" + "\n".join(inferred) + "\n}\n",
        encoding="utf-8",
    )
    return path


def test_append_refuses_builds_whose_statement_counts_conflict(
    tmp_path: Path, target: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14: `--append` of another build left a relation with two statement counts
    (3 and 5). Now the appended graphs are staged and checked first: conflicting counts
    are refused with nothing added; a build whose relations are all new is added whole,
    and appending the same build again changes nothing."""
    first = _build_with_counts(tmp_path / "first.trig", {"kataib-hezbollah": 3, "hezbollah": 2})
    other = _build_with_counts(tmp_path / "other.trig", {"kataib-hezbollah": 5})
    disjoint = _build_with_counts(tmp_path / "disjoint.trig", {"houthis": 4})
    push(first, endpoint=target.update_url)
    before = _counts(target)
    argv = ["push", "--graph", str(other), "--endpoint", target.update_url, "--append"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--append would leave 1 derived relations" in err and "3 on the target, 5" in err
    assert _counts(target) == before  # nothing added, no temporary graph left
    report = push(disjoint, endpoint=target.update_url, replace=False)
    assert report.verified == {ASSERTED: 3, INFERRED: 9}
    push(first, endpoint=target.update_url, replace=False)
    assert _counts(target) == {ASSERTED: 3, INFERRED: 9}
