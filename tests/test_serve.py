"""kg serve: a real oxigraph SPARQL server on a store, queried over HTTP on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.serve import (
    SERVE_MARKER,
    ServeError,
    free_port,
    running_server,
    server_command,
    start_server,
    worker_command,
)
from kg.store import StoreError, open_store

pytestmark = pytest.mark.server

KG = "https://w3id.org/kg-armed-groups/"
FIXTURE = f"""
<{KG}id/actor/a> <{KG}ontology#blames> <{KG}id/actor/b> <{KG}graph/inferred> .
<{KG}id/statement/s1> <{KG}ontology#speaker> <{KG}id/actor/a> <{KG}graph/asserted> .
<{KG}id/statement/s1> <{KG}ontology#evidence> "a said b did it" <{KG}graph/asserted> .
"""


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    import pyoxigraph as ox

    path = tmp_path / "store"
    store = ox.Store(str(path))
    store.load(FIXTURE.encode(), ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return path


def _select(url: str, query: str, method: str = "GET") -> list[dict]:
    if method == "GET":
        request = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}")
    else:
        body = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(f"{url}/query", data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Accept", "application/sparql-results+json")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/sparql-results+json")
        return json.load(response)["results"]["bindings"]


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_server_answers_sparql_protocol_queries_and_stops_by_pid(store_dir: Path) -> None:
    server = start_server(store_dir, port=free_port(), timeout_s=5)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        # The default graph is the union of the named graphs, as in `kg query`.
        blames = f"<{KG}ontology#blames>"
        rows = _select(server.url, f"SELECT ?a ?b WHERE {{ ?a {blames} ?b }}")
        assert [(r["a"]["value"], r["b"]["value"]) for r in rows] == [
            (f"{KG}id/actor/a", f"{KG}id/actor/b")
        ]
        count = _select(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", method="POST")
        assert count[0]["n"]["value"] == "3"
        graphs = _select(server.url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert {r["g"]["value"] for r in graphs} == {f"{KG}graph/asserted", f"{KG}graph/inferred"}
        # The query editor page is served by the server itself.
        with urllib.request.urlopen(f"{server.url}/", timeout=10) as response:
            assert "yasgui" in response.read().decode().lower()
        # A bad query is a 400 with the parser's message, not a crash.
        with pytest.raises(urllib.error.HTTPError) as bad:
            _select(server.url, "SELEKT nothing")
        assert bad.value.code == 400
        assert running_server(store_dir) == server.url
    finally:
        pid = server.pid
        server.stop()
    assert _gone(pid)
    assert not (store_dir / SERVE_MARKER).exists()


def test_read_only_server_refuses_updates_and_kg_refuses_to_write_under_it(
    store_dir: Path,
) -> None:
    with start_server(store_dir, port=free_port()) as server:
        request = urllib.request.Request(
            f"{server.url}/update",
            data=b"INSERT DATA { <http://x/a> <http://x/p> <http://x/b> }",
            method="POST",
        )
        request.add_header("Content-Type", "application/sparql-update")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code in (403, 404, 405)
        with pytest.raises(StoreError, match="kg serve"):
            open_store(store_dir)
        count = _select(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert count[0]["n"]["value"] == "3"


def test_server_command_runs_the_front_with_a_timeout_over_loopback_workers(
    store_dir: Path,
) -> None:
    command = server_command(store_dir, port=7999, timeout_s=12, workers=3)
    assert command[1:3] == ["-m", "kg.serve_pool"]
    assert command[command.index("--port") + 1] == "7999"
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--timeout-s") + 1] == "12.0"
    assert command[command.index("--workers") + 1] == "3"
    writable = server_command(store_dir, writable=True, timeout_s=None, workers=3)
    assert "--writable" in writable and writable[writable.index("--workers") + 1] == "1"
    worker = worker_command(store_dir, port=8001)
    assert worker[1] == "serve-read-only" and "--union-default-graph" in worker
    assert worker[worker.index("--bind") + 1] == "127.0.0.1:8001"
    # oxigraph's own timeout lets queries run on: the front enforces it instead.
    assert "--timeout-s" not in worker
    assert worker_command(store_dir, port=8001, writable=True)[1] == "serve"


def test_clear_errors_for_missing_store_and_taken_port(store_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="not a kg store"):
        start_server(tmp_path / "nothing-here", port=free_port())
    with start_server(store_dir, port=free_port()) as server:
        port = int(server.url.rsplit(":", 1)[1])
        with pytest.raises(ServeError, match="already in use"):
            start_server(store_dir, port=port)


def test_cli_serve_runs_until_terminated(store_dir: Path, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as err:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kg.cli",
                "serve",
                "--store",
                str(store_dir),
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 30
        while "SPARQL endpoint" not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "kg serve did not report its endpoint"
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        assert f"{url}/query" in log.read_text()
        rows = _select(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert len(rows) == 1
        server_pid = int((store_dir / SERVE_MARKER).read_text().split()[0])
        found = subprocess.run(["pgrep", "-P", str(server_pid)], capture_output=True, text=True)
        workers = [int(pid) for pid in found.stdout.split()]
        assert len(workers) == 2  # the default pool of oxigraph processes
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    assert process.returncode == 0, log.read_text()
    assert "server stopped" in log.read_text()
    assert _gone(server_pid)
    assert all(_gone(pid) for pid in workers)
    assert not (store_dir / SERVE_MARKER).exists()
