"""A SPARQL 1.1 Protocol endpoint over a kg store, served by `oxigraph` server processes.

`start_server(store_dir)` starts the front process (`python -m kg.serve_pool`) on
127.0.0.1: it runs `workers` `oxigraph serve-read-only` processes (one `oxigraph serve`
when `writable=True`) on loopback ports, hands each request to an idle one, and kills and
replaces a worker whose query passes the timeout or whose client hung up (the answer is
then a 503). It waits until the front answers and returns a `Server` handle whose
`stop()` ends the front by its id (the front stops its workers). `serve(store_dir)` does
the same and blocks until the server exits or the user interrupts it (`kg serve`).

The endpoint: `GET/POST {url}/query` (SPARQL 1.1 Query), `{url}/update` (only when
writable), `{url}/store` (Graph Store Protocol), and a YASGUI query editor at `{url}/`.
Queries see the union of all named graphs as their default graph (as `kg query` does),
unless `union_default_graph=False`. The query timeout (`timeout_s`) is enforced by the
front: oxigraph's own `--timeout-s` lets some queries run on (see `kg.serve_pool`).

While a read-only server runs, kg must not write the same store: the oxigraph read-only
mode does not lock it. `start_server` leaves a marker file in the store directory that
`kg.store.open_store` checks, and removes it on stop.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import types
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

SERVE_MARKER = "kg-serve.pid"
DEFAULT_PORT = 7878
DEFAULT_HOST = "127.0.0.1"
DEFAULT_TIMEOUT_S = 30
DEFAULT_WORKERS = 2


class ServeError(RuntimeError):
    """The server could not be started (no binary, no store, port taken, ...)."""


@dataclass
class Server:
    """A running oxigraph server started by kg."""

    process: subprocess.Popen
    url: str
    store_dir: Path
    writable: bool
    log_path: Path | None = None
    _output: IO[bytes] | None = field(default=None, repr=False)
    _stopped: bool = field(default=False, repr=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def graph_store_url(self) -> str:
        return f"{self.url}/store"

    def output(self) -> str:
        """What the server has written so far (its log)."""
        if self._output is None or self._output.closed:
            return ""
        self._output.flush()
        self._output.seek(0)
        return self._output.read().decode("utf-8", errors="replace")

    def stop(self, wait_s: float = 10.0) -> int | None:
        """End the server process (SIGTERM, then SIGKILL after `wait_s`) by its id."""
        if not self._stopped:
            self._stopped = True
            if self.process.poll() is None:
                os.kill(self.process.pid, signal.SIGTERM)
                try:
                    self.process.wait(wait_s)
                except subprocess.TimeoutExpired:
                    os.kill(self.process.pid, signal.SIGKILL)
                    self.process.wait(wait_s)
            _remove_marker(self.store_dir, self.process.pid)
            if self._output is not None:
                self._output.close()
        return self.process.returncode

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def oxigraph_binary() -> str:
    """Path of the `oxigraph` server binary (the PyPI package `oxigraph`, installed in the
    same environment as kg, or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError(
            "the 'oxigraph' server binary was not found; install it with "
            "'pip install \"oxigraph>=0.5.13,<0.6\"' in kg's environment"
        )
    return found


def worker_command(
    store_dir: str | Path,
    *,
    port: int,
    writable: bool = False,
    union_default_graph: bool = True,
) -> list[str]:
    """The oxigraph command line of one worker: on loopback, without oxigraph's own
    timeout (the front enforces it: `kg.serve_pool`)."""
    command = [
        oxigraph_binary(),
        "serve" if writable else "serve-read-only",
        "--location",
        str(store_dir),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if union_default_graph:
        command.append("--union-default-graph")
    return command


def server_command(
    store_dir: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    writable: bool = False,
    union_default_graph: bool = True,
    workers: int = DEFAULT_WORKERS,
) -> list[str]:
    """The command line `start_server` runs: the front (`kg.serve_pool`) that hands each
    request to one of `workers` oxigraph processes and enforces the timeout."""
    oxigraph_binary()  # fail here, with the install hint, when it is missing
    command = [
        sys.executable,
        "-m",
        "kg.serve_pool",
        "--store",
        str(store_dir),
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(1 if writable else workers),
        "--timeout-s",
        str(float(timeout_s or 0)),
    ]
    if writable:
        command.append("--writable")
    if not union_default_graph:
        command.append("--no-union-default-graph")
    return command


def start_server(
    store_dir: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    writable: bool = False,
    union_default_graph: bool = True,
    ready_within_s: float = 60.0,
    log_path: str | Path | None = None,
    workers: int = DEFAULT_WORKERS,
) -> Server:
    """Start an oxigraph SPARQL server on `store_dir` and wait until it answers.

    Read-only and bound to 127.0.0.1 unless told otherwise. A writable server may create
    the store; a read-only one needs an existing store (build it with `kg build --store`).
    """
    from kg.store_manifest import IncompleteStoreError, require_complete

    store = Path(store_dir)
    if not writable and not _looks_like_store(store):
        raise ServeError(f"{store}: not a kg store (build one with 'kg build --store {store}')")
    try:
        require_complete(store)
    except IncompleteStoreError as error:
        raise ServeError(str(error)) from error
    if writable:
        store.mkdir(parents=True, exist_ok=True)
    if not port_is_free(host, port):
        raise ServeError(f"port {port} on {host} is already in use; choose another with --port")
    command = server_command(
        store,
        host=host,
        port=port,
        timeout_s=timeout_s,
        writable=writable,
        union_default_graph=union_default_graph,
        workers=workers,
    )
    log = Path(log_path) if log_path else None
    # The server's messages go to a file (never a pipe nobody reads, which could fill up).
    out: IO[bytes] = log.open("ab") if log else tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop)
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    except BaseException:
        out.close()
        raise
    url = f"http://{_bracket(_client_host(host))}:{port}"
    server = Server(process, url, store, writable, log, out)
    try:
        _write_marker(store, process.pid, url)
        _wait_until_ready(server, ready_within_s)
    except BaseException:  # an interrupt too: never leave the server running behind
        server.stop()
        raise
    return server


def serve(
    store_dir: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    writable: bool = False,
    union_default_graph: bool = True,
    on_ready: object = None,
    workers: int = DEFAULT_WORKERS,
) -> int:
    """Serve `store_dir` until the server exits or the user interrupts; returns its exit
    code (0 after an interrupt). `on_ready(server)` is called once it answers."""
    server: Server | None = None
    try:
        server = start_server(
            store_dir,
            host=host,
            port=port,
            timeout_s=timeout_s,
            writable=writable,
            union_default_graph=union_default_graph,
            workers=workers,
        )
        if callable(on_ready):
            on_ready(server)
        return server.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            server.stop()


def _wait_until_ready(server: Server, within_s: float) -> None:
    deadline = time.monotonic() + within_s
    probe = f"{server.query_url}?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            err = server.output()
            raise ServeError(
                f"the server exited with code {server.process.returncode}: "
                f"{err.strip() or 'no message'}"
            )
        try:
            with urllib.request.urlopen(probe, timeout=1.0) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise ServeError(f"the server did not answer at {server.url} within {within_s:.0f} s")


def port_is_free(host: str, port: int) -> bool:
    """Whether a server could bind `host:port` now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do
        try:
            probe.bind((host.strip("[]"), port))
        except OSError:
            return False
    return True


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port on `host` that is free now (for tests and throwaway servers)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _looks_like_store(path: Path) -> bool:
    return path.is_dir() and any(path.glob("CURRENT"))


def _write_marker(store: Path, pid: int, url: str) -> None:
    # A read-only directory cannot be written by kg either: no marker needed there.
    with contextlib.suppress(OSError):
        (store / SERVE_MARKER).write_text(f"{pid} {url}\n", encoding="utf-8")


def _remove_marker(store: Path, pid: int) -> None:
    marker = store / SERVE_MARKER
    try:
        if marker.read_text(encoding="utf-8").split()[0] == str(pid):
            marker.unlink()
    except (OSError, IndexError):
        pass


def running_server(store_dir: str | Path) -> str | None:
    """The URL of a live kg server on `store_dir`, from its marker file, or None."""
    marker = Path(store_dir) / SERVE_MARKER
    try:
        pid_text, url = marker.read_text(encoding="utf-8").split()[:2]
        os.kill(int(pid_text), 0)
    except (OSError, ValueError):
        return None
    return url


def _client_host(host: str) -> str:
    # A server bound to every interface is reached through loopback from here.
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


class _CallableModule(types.ModuleType):
    """`kg.serve(...)` calls `serve(...)` even once `kg.serve` names this module."""

    def __call__(self, *args: Any, **kwargs: Any) -> int:
        return serve(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
