"""The process behind `kg serve`: an HTTP front that enforces the query timeout over a
bounded pool of `oxigraph` server processes.

Why: the oxigraph server's own `--timeout-s` does not hold. Measured on a 300-quad store
with a 3 s timeout, a four-way cross join `SELECT *` streamed 420 MB in 20 s and went on;
an aggregate over the same join answered after 7 s with status 200 and a body cut off by
"The SPARQL operation has been cancelled" (not valid JSON). And an evaluation inside
Oxigraph cannot be stopped from another thread. A process can be: so each request is
handed to one idle worker, an `oxigraph serve-read-only` process of its own on a
loopback port, and the front waits for its whole answer. When the timeout passes or the
client hangs up first, the worker is killed (SIGKILL, by its id) and replaced, and the
client gets `503 Service Unavailable` with a one-line reason (the SPARQL 1.1 Protocol
lets a failed query answer with any 4xx/5xx status).

Bounded: `workers` oxigraph processes (one request each at a time; replaced, never
added), `workers + 4` handler threads, at most `_QUEUED` more connections waiting (the
rest get 503 at once). An answer is held in a spooled temporary file (memory up to
`_SPOOL_MEMORY`, then disk) until it is complete, so a timeout can still be reported as
an error, and an answer over `max_response_bytes` is refused the same way.

`python -m kg.serve_pool --store DIR --bind HOST:PORT ...` runs it (what `kg.serve`
starts); SIGTERM or SIGINT stops it and its workers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import IO, Any

DEFAULT_WORKERS = 2
DEFAULT_MAX_RESPONSE = 1 << 30  # 1 GiB
_QUEUED = 32  # connections allowed to wait for a handler thread
_EXTRA_THREADS = 4  # handler threads beyond the workers (requests waiting for a worker)
_SPOOL_MEMORY = 8 << 20
_POLL_S = 0.2
_HOP_HEADERS = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "host",
}


@dataclass(eq=False)
class Worker:
    """One oxigraph server process answering on a loopback port."""

    process: subprocess.Popen
    port: int

    def kill(self) -> None:
        """End this one process by its id and reap it."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()


class WorkerPool:
    """`size` oxigraph processes; `acquire` lends an idle one, `release` takes it back,
    `replace` kills it and starts another in its place."""

    def __init__(
        self, command: Callable[[int], list[str]], size: int, ready_within_s: float = 60.0
    ) -> None:
        self._command = command
        self._size = size
        self._ready_within_s = ready_within_s
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    @property
    def size(self) -> int:
        return self._size

    def start(self) -> None:
        for _ in range(self._size):
            self._idle.put(self._spawn())

    def acquire(self, timeout_s: float | None) -> Worker | None:
        """An idle worker, or None after `timeout_s` (None: no limit) or once the pool
        is closed (a waiting thread must not keep the stopping server alive)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while not self._closed:
            wait = 1.0 if deadline is None else min(1.0, deadline - time.monotonic())
            if wait <= 0:
                return None
            try:
                return self._idle.get(timeout=wait)
            except queue.Empty:
                continue
        return None

    def release(self, worker: Worker) -> None:
        self._idle.put(worker)

    def replace(self, worker: Worker) -> None:
        """Kill `worker` (first: a writable store is locked until it is gone) and put a
        fresh process in its place once that one answers."""
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
        try:
            fresh = self._spawn()
        except RuntimeError as error:
            print(f"kg serve: could not restart a worker: {error}", file=sys.stderr, flush=True)
            return
        self._idle.put(fresh)

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(worker.process.pid for worker in self._workers)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()

    def _spawn(self) -> Worker:
        from kg.serve import free_port

        port = free_port()
        process = subprocess.Popen(self._command(port), stdin=subprocess.DEVNULL)
        worker = Worker(process, port)
        with self._lock:
            self._workers.add(worker)
            if self._closed:
                worker.kill()
                raise RuntimeError("the server is stopping")
        try:
            _wait_until_ready(worker, self._ready_within_s)
        except RuntimeError:
            worker.kill()
            with self._lock:
                self._workers.discard(worker)
            raise
        return worker


def _wait_until_ready(worker: Worker, within_s: float) -> None:
    deadline = time.monotonic() + within_s
    probe = f"http://127.0.0.1:{worker.port}/query?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            raise RuntimeError(f"oxigraph exited with code {worker.process.returncode}")
        try:
            with urllib.request.urlopen(probe, timeout=1.0) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise RuntimeError(f"oxigraph did not answer on port {worker.port} within {within_s:.0f} s")


# --- relaying one request -------------------------------------------------------------

DONE, TIMEOUT, CLIENT_GONE, TOO_LARGE, WORKER_FAILED = (
    "done",
    "timeout",
    "client gone",
    "too large",
    "worker failed",
)


def relay(
    port: int,
    request: bytes,
    client: socket.socket,
    spool: IO[bytes],
    *,
    deadline: float | None,
    max_bytes: int,
) -> str:
    """Send `request` to the worker on `port` and copy its whole answer into `spool`,
    watching the clock and the client. Returns DONE, TIMEOUT, CLIENT_GONE, TOO_LARGE or
    WORKER_FAILED (the worker must then be replaced: it may still be working)."""
    try:
        upstream = socket.create_connection(("127.0.0.1", port), timeout=10)
    except OSError:
        return WORKER_FAILED
    with upstream:
        try:
            upstream.sendall(request)
        except OSError:
            return WORKER_FAILED
        watched = [upstream, client]
        size = 0
        while True:
            wait = _POLL_S if deadline is None else max(0.0, min(_POLL_S, deadline - _now()))
            readable, _, _ = select.select(watched, [], [], wait)
            if upstream in readable:
                try:
                    chunk = upstream.recv(1 << 16)
                except OSError:
                    return WORKER_FAILED
                if not chunk:
                    return DONE if size else WORKER_FAILED
                spool.write(chunk)
                size += len(chunk)
                if size > max_bytes:
                    return TOO_LARGE
            if client in readable:
                if client_gone(client):
                    return CLIENT_GONE
                watched = [upstream]  # it sent more (pipelining): stop watching it
            if deadline is not None and _now() >= deadline:
                return TIMEOUT


def client_gone(client: socket.socket) -> bool:
    """Whether the client closed its side (a readable socket with nothing to read).
    select first: a socket with a timeout waits in recv whatever the flags say."""
    try:
        readable, _, _ = select.select([client], [], [], 0)
        return bool(readable) and client.recv(1, socket.MSG_PEEK) == b""
    except (BlockingIOError, TimeoutError):
        return False
    except OSError:
        return True


def _now() -> float:
    return time.monotonic()


# --- the front server -----------------------------------------------------------------


class FrontServer(HTTPServer):
    """An HTTP server with a fixed pool of handler threads and a bounded wait queue."""

    def __init__(
        self,
        address: tuple[str, int],
        pool: WorkerPool,
        *,
        timeout_s: float | None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        self.pool = pool
        self.timeout_s = timeout_s
        self.max_response_bytes = max_response_bytes
        threads = pool.size + _EXTRA_THREADS
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kg-serve")
        self._slots = threading.BoundedSemaphore(threads + _QUEUED)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            _refuse(request, "too many requests waiting; try again")
            self.shutdown_request(request)
            return
        self._executor.submit(self._handle, request, client_address)

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # one request's failure must not end the server
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._slots.release()

    def server_close(self) -> None:
        super().server_close()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _refuse(request: socket.socket, reason: str) -> None:
    body = f"kg serve: {reason}\n".encode()
    head = (
        "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
    )
    with contextlib.suppress(OSError):
        request.sendall(head.encode() + body)


class _Handler(BaseHTTPRequestHandler):
    server: FrontServer
    protocol_version = "HTTP/1.0"  # one request per connection: a thread is not held idle
    timeout = 60  # seconds to send the request: a silent client does not hold a thread
    server_version = "kg-serve"

    def do_GET(self) -> None:
        self._forward()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass  # oxigraph logs nothing per request either; errors are reported below

    def _forward(self) -> None:
        server = self.server
        if self.headers.get("Transfer-Encoding"):
            self._error(411, "send the request body with a Content-Length")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        started = _now()
        deadline = started + server.timeout_s if server.timeout_s else None
        worker = server.pool.acquire(None if deadline is None else deadline - started)
        if worker is None:
            self._error(503, f"all {server.pool.size} workers stayed busy for the timeout")
            return
        if client_gone(self.connection):  # it gave up while waiting: no work for nobody
            server.pool.release(worker)
            return
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY) as spool:
            outcome = relay(
                worker.port,
                self._upstream_request(worker.port, body),
                self.connection,
                spool,
                deadline=deadline,
                max_bytes=server.max_response_bytes,
            )
            if outcome == DONE:
                server.pool.release(worker)
                spool.seek(0)
                self._copy(spool)
                return
            worker.kill()  # stop the work now; the replacement is started below
            self._report(outcome, _now() - started)
        server.pool.replace(worker)

    def _upstream_request(self, port: int, body: bytes) -> bytes:
        # HTTP/1.0 upstream: the worker answers with a Content-Length or closes, never
        # chunked, so its answer can be passed on as it is to any client.
        lines = [f"{self.command} {self.path} HTTP/1.0", f"Host: 127.0.0.1:{port}"]
        for name, value in self.headers.items():
            if name.lower() not in _HOP_HEADERS:
                lines.append(f"{name}: {value}")
        lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
        return "\r\n".join(lines).encode("latin-1") + body

    def _copy(self, spool: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            while block := spool.read(1 << 16):
                self.wfile.write(block)

    def _report(self, outcome: str, elapsed: float) -> None:
        timeout = self.server.timeout_s
        if outcome == TIMEOUT:
            self._error(503, f"the query was stopped at the {timeout:g} s timeout")
        elif outcome == TOO_LARGE:
            limit = self.server.max_response_bytes
            self._error(503, f"the answer was larger than {limit:,} bytes and was dropped")
        elif outcome == WORKER_FAILED:
            self._error(502, "the query worker failed; it was restarted, try again")
        print(
            f"kg serve: {self.command} {self.path[:120]}: {outcome} after {elapsed:.1f} s; "
            "worker stopped and replaced",
            file=sys.stderr,
            flush=True,
        )

    def _error(self, status: int, message: str) -> None:
        body = f"kg serve: {message}\n".encode()
        with contextlib.suppress(OSError):
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if status == 503:
                self.send_header("Retry-After", "1")
            self.end_headers()
            self.wfile.write(body)


# --- entry point ------------------------------------------------------------------------


def run(
    worker_command: Callable[[int], list[str]],
    bind: tuple[str, int],
    *,
    workers: int,
    timeout_s: float | None,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE,
) -> int:
    """Start the workers and serve on `bind` until SIGTERM / SIGINT; stop the workers."""
    pool = WorkerPool(worker_command, workers)

    def _stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        # Bind first: a port in use is reported before any worker starts.
        server = FrontServer(bind, pool, timeout_s=timeout_s, max_response_bytes=max_response_bytes)
        try:
            pool.start()
            server.serve_forever(poll_interval=0.5)
        finally:
            server.server_close()
    except KeyboardInterrupt:
        return 0
    except (OSError, RuntimeError) as error:
        print(f"kg serve: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        pool.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from kg.serve import DEFAULT_HOST, worker_command

    parser = argparse.ArgumentParser(prog="python -m kg.serve_pool")
    parser.add_argument("--store", required=True)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--timeout-s", type=float, default=0)
    parser.add_argument("--max-response-bytes", type=int, default=DEFAULT_MAX_RESPONSE)
    parser.add_argument("--writable", action="store_true")
    parser.add_argument("--no-union-default-graph", action="store_true")
    args = parser.parse_args(argv)

    def command(port: int) -> list[str]:
        return worker_command(
            args.store,
            port=port,
            writable=args.writable,
            union_default_graph=not args.no_union_default_graph,
        )

    return run(
        command,
        (args.host.strip("[]"), args.port),
        workers=1 if args.writable else max(1, args.workers),
        timeout_s=args.timeout_s or None,
        max_response_bytes=args.max_response_bytes,
    )


if __name__ == "__main__":
    sys.exit(main())
