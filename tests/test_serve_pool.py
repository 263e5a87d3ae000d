"""kg.serve_pool: the query timeout holds. A runaway query (a four-way cross join) is
stopped at the timeout with a 503, its oxigraph worker process is killed and replaced,
the next query is answered at once, and abandoned queries neither keep a core busy nor
add threads."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.serve import Server, free_port, start_server
from kg.serve_pool import _EXTRA_THREADS

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc"),
]

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TIMEOUT_S = 2
WORKERS = 2


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 quads: the cross join has 8.1e9 rows (hours of work)."""
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("pool") / "store"
    store = ox.Store(str(path))
    data = "".join(f'<http://x/s{i}> <http://x/p> "{i}" <http://x/g> .\n' for i in range(300))
    store.load(data.encode(), ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return path


@pytest.fixture
def server(store_dir: Path) -> Server:
    with start_server(store_dir, port=free_port(), timeout_s=TIMEOUT_S, workers=WORKERS) as s:
        yield s


def _get(url: str, query: str, timeout: float = 60) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}")
    request.add_header("Accept", "application/sparql-results+json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _workers(server: Server) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    return sorted(int(pid) for pid in found.stdout.split())


def _threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").is_dir() and "zombie" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"


@pytest.mark.parametrize("query", [CROSS_JOIN, COUNT_JOIN], ids=["select", "count"])
def test_runaway_query_gets_503_at_the_timeout_and_the_next_answers_at_once(
    server: Server, query: str
) -> None:
    before = _workers(server)
    assert len(before) == WORKERS
    started = time.monotonic()
    status, body = _get(server.url, query)
    elapsed = time.monotonic() - started
    assert status == 503 and b"stopped at the 2 s timeout" in body
    assert TIMEOUT_S <= elapsed < TIMEOUT_S + 5
    started = time.monotonic()
    status, body = _get(server.url, COUNT, timeout=10)
    assert status == 200 and b'"300"' in body
    assert time.monotonic() - started < 1.0
    # The worker that ran it was killed, and replaced: the pool keeps its size.
    deadline = time.monotonic() + 30
    while len(_workers(server)) != WORKERS or set(_workers(server)) == set(before):
        assert time.monotonic() < deadline, (before, _workers(server))
        time.sleep(0.1)
    assert len(set(before) - set(_workers(server))) == 1


def test_a_slow_query_does_not_hold_up_the_others(server: Server) -> None:
    slow = threading.Thread(target=_get, args=(server.url, CROSS_JOIN))
    slow.start()
    time.sleep(0.3)
    started = time.monotonic()
    status, _ = _get(server.url, COUNT, timeout=10)
    assert status == 200 and time.monotonic() - started < 1.0
    slow.join()


def test_abandoned_queries_are_stopped_and_threads_stay_bounded(server: Server) -> None:
    with start_server(
        server.store_dir, port=free_port(), timeout_s=600, workers=WORKERS
    ) as patient:  # a long timeout: only the clients' leaving can stop the queries
        first = _workers(patient)
        host, port = patient.url.rsplit("/", 1)[1].split(":")
        path = f"/query?{urllib.parse.urlencode({'query': CROSS_JOIN})}"
        for _ in range(8):
            client = socket.create_connection((host, int(port)))
            client.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            time.sleep(0.5)
            client.close()  # the user gave up
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in first) or len(_workers(patient)) != WORKERS:
            assert time.monotonic() < deadline, "abandoned queries were not stopped"
            time.sleep(0.1)
        time.sleep(1.0)
        workers = _workers(patient)
        # Nobody is computing any more: the workers are idle...
        cpu = {pid: _cpu_seconds(pid) for pid in workers}
        time.sleep(1.0)
        assert all(_cpu_seconds(pid) - cpu[pid] < 0.3 for pid in workers)
        # ...and the front's threads are bounded by the pool (main + handlers).
        assert _threads(patient.pid) <= 1 + WORKERS + _EXTRA_THREADS
        status, _ = _get(patient.url, COUNT, timeout=10)
        assert status == 200
    assert not any(_alive(pid) for pid in workers)
