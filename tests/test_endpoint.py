"""kg.endpoint and `kg query --endpoint / --print`: the library's queries on a remote
SPARQL 1.1 endpoint.

The real engine is an Oxigraph server started on a free loopback port WITHOUT
`--union-default-graph` (the specification's default, Fuseki's too), loaded with the
fixture graph of tests/queries: every library query must give there, through `kg query
--endpoint`, the rows it gives in process. Auth, timeouts and wrong answers are checked
against a small stub server in this file.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import re
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from rdflib import Dataset
from test_queries_golden import fixture_dataset

from kg.cli import main
from kg.endpoint import Credentials, EndpointError, plain_term, query_endpoint
from kg.query import list_queries, load_query, prepare, query
from kg.serve import ServeError, Server, free_port, oxigraph_binary, start_server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return fixture_dataset()


@pytest.fixture(scope="module")
def oxigraph(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A writable Oxigraph server, no union default graph, holding the fixture graph."""
    from kg.graphio import write_graph

    try:
        oxigraph_binary()
    except ServeError as error:
        pytest.skip(f"no Oxigraph server to test against: {error}")
    folder = tmp_path_factory.mktemp("oxigraph")
    write_graph(dataset, folder / "graph.trig")
    store = folder / "store"
    with start_server(store, writable=True, union_default_graph=False, port=free_port()) as server:
        response = httpx.post(
            server.graph_store_url,
            content=(folder / "graph.trig").read_bytes(),
            headers={"Content-Type": "application/trig"},
            timeout=30,
        )
        assert response.status_code in (200, 201, 204), response.text
        yield server


def _lists_sorted(rows: list[dict]) -> list[dict]:
    """GROUP_CONCAT's order is not defined by SPARQL: compare its lists sorted."""

    def norm(value: object) -> object:
        if isinstance(value, str) and "; " in value:
            return "; ".join(sorted(value.split("; ")))
        return value

    return [{key: norm(value) for key, value in row.items()} for row in rows]


@pytest.mark.parametrize("name", list_queries())
def test_every_query_gives_the_in_process_rows_on_an_oxigraph_server(
    name: str,
    dataset: Dataset,
    oxigraph: Server,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`kg query NAME --endpoint URL` on a store whose default graph is empty (no union)
    prints the rows the in-process Oxigraph gives, in the same order."""
    local = query(name, dataset)
    assert local, f"{name}: no rows in process; the comparison would prove nothing"
    assert main(["query", name, "--endpoint", oxigraph.query_url, "--format", "json"]) == 0
    remote = json.loads(capsys.readouterr().out)
    assert _lists_sorted(remote) == _lists_sorted(local)


def test_the_server_has_no_union_default_graph(oxigraph: Server) -> None:
    """Else the test above would not show that the queries name their graphs."""
    rows = query_endpoint(oxigraph.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert rows == [{"n": 0}]
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert query_endpoint(oxigraph.query_url, named)[0]["n"] > 0


def test_parameters_reach_the_server(oxigraph: Server, dataset: Dataset) -> None:
    params = {"speaker": "yahya saree", "limit": "5"}
    rows = query_endpoint(oxigraph.query_url, prepare(load_query("who_blames_whom"), params))
    assert rows == query("who_blames_whom", dataset, params)
    assert [(r["speaker_name"], r["target_name"]) for r in rows] == [("Yahya Saree", "Israel")]


def test_ask_and_construct(oxigraph: Server) -> None:
    assert query_endpoint(oxigraph.query_url, "ASK { GRAPH ?g { ?s ?p ?o } }") == [{"result": True}]
    rows = query_endpoint(
        oxigraph.query_url,
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2",
    )
    assert len(rows) == 2 and set(rows[0]) == {"subject", "predicate", "object"}


def test_print_shows_the_sparql_that_would_run(capsys: pytest.CaptureFixture[str]) -> None:
    # A name no gazetteer entry is near: 'Isr"ael' now resolves to Israel (a0c0cbc).
    assert main(["query", "who_threatens", "--param", 'target=Nowhere"land', "--print"]) == 0
    printed = capsys.readouterr().out
    assert printed == prepare(load_query("who_threatens"), {"target": 'Nowhere"land'})
    assert printed.count('BIND ("Nowhere\\"land" AS ?target)') == 3
    assert "FROM <https://w3id.org/kg-armed-groups/graph/asserted>" in printed
    assert main(["query", "who_threatens", "--param", "target=<not an iri>", "--print"]) == 2
    assert "not a valid absolute IRI" in capsys.readouterr().err


def test_query_needs_exactly_one_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "who_threatens"]) == 2
    argv = ["query", "who_threatens", "--store", "x", "--endpoint", "http://localhost:1/q"]
    assert main(argv) == 2
    assert "exactly one of" in capsys.readouterr().err


def test_plain_terms() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert plain_term({"type": "literal", "value": "3", "datatype": xsd + "integer"}) == 3
    assert plain_term({"type": "typed-literal", "value": "1.5", "datatype": xsd + "decimal"}) == 1.5
    assert plain_term({"type": "literal", "value": "true", "datatype": xsd + "boolean"}) is True
    assert plain_term({"type": "literal", "value": "x", "xml:lang": "en"}) == "x"
    assert plain_term({"type": "uri", "value": "urn:x"}) == "urn:x"
    assert plain_term({"type": "literal", "value": "2024-01-02", "datatype": xsd + "date"}) == (
        "2024-01-02"
    )
    assert plain_term(None) is None


# --- a stub endpoint: auth, timeouts, answers that are not SPARQL results -------------------

USER, PASSWORD, REALM, NONCE = "kg", "s3cret: \u00e9", "kg-test", "f00dfeed"
RESULTS = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal",
           "value": "7", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}  # fmt: skip


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _digest_ok(header: str, method: str) -> bool:
    """Whether an Authorization: Digest header answers our challenge with our password."""
    fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header))
    ha1 = _md5(f"{fields.get('username')}:{REALM}:{PASSWORD}")
    ha2 = _md5(f"{method}:{fields.get('uri')}")
    expected = _md5(f"{ha1}:{NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
    return fields.get("username") == USER and fields.get("response") == expected


def _basic_ok(header: str) -> bool:
    import base64

    return header == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


class _Stub(http.server.BaseHTTPRequestHandler):
    """POST /basic, /digest: SPARQL results behind that auth; /html: a web page;
    /slow: answers after 3 s; /error: HTTP 400 with a message; /cut, /anytime: results
    with Virtuoso's headers for incomplete rows."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("utf-8")
        self.server.seen.append((self.path, self.headers.get("Content-Type"), body))  # type: ignore[attr-defined]
        auth = self.headers.get("Authorization", "")
        if self.path == "/basic" and not _basic_ok(auth):
            return self._send(401, "text/plain", "no", {"WWW-Authenticate": 'Basic realm="x"'})
        if self.path == "/digest" and auth.startswith("Basic"):
            return self._send(401, "text/plain", "")  # as Virtuoso 7.2: no challenge
        if self.path == "/digest" and not _digest_ok(auth, "POST"):
            challenge = f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth", algorithm=MD5'
            return self._send(401, "text/plain", "no", {"WWW-Authenticate": challenge})
        if self.path == "/html":
            return self._send(200, "text/html", "<html><body>Welcome</body></html>")
        if self.path == "/error":
            return self._send(400, "text/plain", "Virtuoso 37000 Error SP030: syntax error")
        if self.path == "/slow":
            time.sleep(3)
        headers = {
            "/cut": {"X-SPARQL-MaxRows": "1"},  # Virtuoso's ResultSetMaxRows cut it
            "/anytime": {
                "X-SQL-State": "S1TAT",
                "X-SQL-Message": "RC...: Returning incomplete results",
            },
        }.get(self.path)
        self._send(200, "application/sparql-results+json", json.dumps(RESULTS), headers)

    def _send(self, status: int, kind: str, text: str, headers: dict | None = None) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, *_args: object) -> None:
        pass  # a client that gave up (the timeout test) is expected here


class Stub:
    def __init__(self) -> None:
        self.server = _QuietServer(("127.0.0.1", 0), _Stub)
        self.server.seen = []  # type: ignore[attr-defined]

    def __call__(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    @property
    def seen(self) -> list[tuple[str, str, str]]:
        return self.server.seen  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def stub() -> Iterator[Stub]:
    running = Stub()
    thread = threading.Thread(target=running.server.serve_forever, daemon=True)
    thread.start()
    yield running
    running.server.shutdown()
    running.server.server_close()


SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("auth", ["auto", "basic"])
def test_basic_auth(stub: Stub, auth: str) -> None:
    credentials = Credentials(USER, PASSWORD, auth)
    assert query_endpoint(stub("/basic"), SPARQL, credentials=credentials) == [{"n": 7}]


@pytest.mark.parametrize("auth", ["auto", "digest"])
def test_digest_auth(stub: Stub, auth: str) -> None:
    """Virtuoso's authenticated endpoint (/sparql-auth) wants Digest; auto tries Digest
    after Basic is refused, here (as there) with a bare 401 that names no scheme."""
    credentials = Credentials(USER, PASSWORD, auth)
    assert query_endpoint(stub("/digest"), SPARQL, credentials=credentials) == [{"n": 7}]


def test_the_query_is_posted_as_a_form(stub: Stub) -> None:
    """SPARQL 1.1 Protocol, query via URL-encoded POST (Virtuoso 7.2 never answers the
    direct application/sparql-query POST)."""
    from urllib.parse import urlencode

    query_endpoint(stub("/plain"), SPARQL)
    seen = (stub("/plain")[-6:], "application/x-www-form-urlencoded", urlencode({"query": SPARQL}))
    assert seen in stub.seen


def test_401_says_what_to_give(stub: Stub) -> None:
    with pytest.raises(EndpointError, match="wants credentials: give --user"):
        query_endpoint(stub("/digest"), SPARQL)
    wrong = Credentials(USER, "wrong", "auto")
    with pytest.raises(EndpointError, match="refused the credentials of user 'kg'"):
        query_endpoint(stub("/digest"), SPARQL, credentials=wrong)
    with pytest.raises(EndpointError, match="HTTP 401"):
        query_endpoint(stub("/basic"), SPARQL, credentials=Credentials(USER, "x", "digest"))


def test_answers_that_are_not_sparql_results(stub: Stub) -> None:
    with pytest.raises(EndpointError, match=r"text/html, not SPARQL results.*Welcome"):
        query_endpoint(stub("/html"), SPARQL)
    with pytest.raises(EndpointError, match=r"HTTP 400 .*SP030: syntax error"):
        query_endpoint(stub("/error"), SPARQL)


def test_results_virtuoso_marks_incomplete_are_errors(stub: Stub) -> None:
    with pytest.raises(EndpointError, match=r"cut the result at 1 rows.*ResultSetMaxRows"):
        query_endpoint(stub("/cut"), SPARQL)
    with pytest.raises(EndpointError, match=r"incomplete results \(S1TAT"):
        query_endpoint(stub("/anytime"), SPARQL)


def test_timeout_and_unreachable_host(stub: Stub) -> None:
    with pytest.raises(EndpointError, match=r"no answer within 0.5 s.*--timeout"):
        query_endpoint(stub("/slow"), SPARQL, timeout=0.5)
    with pytest.raises(EndpointError, match=r"cannot reach .*is the server running"):
        query_endpoint(f"http://127.0.0.1:{free_port()}/sparql", SPARQL, timeout=5)
    with pytest.raises(EndpointError, match="starts with http"):
        query_endpoint("ftp://example.org/sparql", SPARQL)


def test_cli_credentials(
    stub: Stub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    argv = ["query", text, "--endpoint", stub("/digest"), "--user", USER, "--format", "csv"]
    monkeypatch.delenv("KG_SPARQL_PASSWORD", raising=False)
    assert main(argv) == 2
    assert "--user needs a password" in capsys.readouterr().err
    monkeypatch.setenv("KG_SPARQL_PASSWORD", PASSWORD)
    assert main(argv) == 0
    assert capsys.readouterr().out == "n\n7\n"
    assert main([*argv, "--password", "wrong"]) == 2
    assert "refused the credentials" in capsys.readouterr().err
    assert main(["query", text, "--endpoint", stub("/html")]) == 2
    assert "not SPARQL results" in capsys.readouterr().err
