"""Real SPARQL engines to test and measure kg against: OpenLink Virtuoso Open Source 7.2
(`virtuoso-t`, Debian package `virtuoso-opensource-7-bin`), started on free loopback
ports in a folder of its own, with the configuration Debian ships
(/usr/share/virtuoso-opensource-7/virtuoso.ini of package `virtuoso-opensource-7`) but
its own paths and ports: notably `ResultSetMaxRows = 10000`, `MaxQueryExecutionTime =
60` and `MaxQueryCostEstimationTime = 400`, so what works here works on a default
Virtuoso. The web server's plugins and VAD packages are left out (not in the -bin
package; the SPARQL endpoints do not need them).

    with start_virtuoso(folder) as virtuoso:
        virtuoso.sparql_url      # http://127.0.0.1:PORT/sparql (anonymous, read)
        virtuoso.auth_url        # .../sparql-auth (Digest auth, user dba)

Used by tests/test_virtuoso.py and bench/bench_stores.py. Run as a script, it starts one
on the usual ports (SPARQL on 8890) until Ctrl-C, the Virtuoso the README's commands use:

    python bench/engines.py work/virtuoso [--http-port 8890] [--sql-port 1111]
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

USER = "dba"
PASSWORD = "dba"  # Virtuoso's initial dba password; the server listens on 127.0.0.1 only

# Debian's virtuoso.ini, sections [Database] to [HTTPServer] and [SPARQL]; {folder},
# {sql_port} and {http_port} filled in.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = .
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxMemPoolSize = 200000000
MacSpotlight = 0
MaxQueryMem = 2G
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 4
AsyncQueueMaxThreads = 10
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 1

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
DeferInferenceRulesInit = 0
"""


class EngineError(RuntimeError):
    """An engine that is missing or did not start; the message says which and why."""


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


@dataclass
class Virtuoso:
    folder: Path
    http_port: int
    sql_port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """Queries, anonymous (Virtuoso's SPARQL user may read, not write)."""
        return f"{self.url}/sparql"

    @property
    def auth_url(self) -> str:
        """Queries and updates as dba, with Digest auth."""
        return f"{self.url}/sparql-auth"

    @property
    def graph_store_url(self) -> str:
        """The Graph Store Protocol, as dba with Digest auth."""
        return f"{self.url}/sparql-graph-crud-auth"

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self, wait_s: float = 60.0) -> None:
        """SIGTERM (Virtuoso checkpoints and exits), SIGKILL if it does not in time."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


@contextmanager
def start_virtuoso(
    folder: Path,
    *,
    within_s: float = 180.0,
    http_port: int | None = None,
    sql_port: int | None = None,
) -> Iterator[Virtuoso]:
    """A Virtuoso on the database in `folder` (created when new), on the given loopback
    ports (free ones by default), stopped on exit; EngineError when virtuoso-t is missing
    or its /sparql endpoint does not answer within `within_s`."""
    from kg.serve import free_port

    binary = virtuoso_binary()
    if binary is None:
        raise EngineError("virtuoso-t not found (apt-get install virtuoso-opensource-7-bin)")
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = http_port or free_port(), sql_port or free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port))
    with (folder / "stdout.log").open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C of the tests does not reach it mid-checkpoint
        )
    virtuoso = Virtuoso(folder, http_port, sql_port, process)
    try:
        _wait_until_ready(virtuoso, within_s)
        yield virtuoso
    finally:
        virtuoso.stop()


def _wait_until_ready(virtuoso: Virtuoso, within_s: float) -> None:
    """A fresh database takes about 5 s to create; /sparql answers once it is online."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if virtuoso.process.poll() is not None:
            raise EngineError(
                f"virtuoso-t exited with status {virtuoso.process.returncode}: {virtuoso.log()}"
            )
        try:
            response = httpx.get(virtuoso.sparql_url, params={"query": "ASK {}"}, timeout=5)
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise EngineError(f"Virtuoso did not answer within {within_s:g} s: {virtuoso.log()}")


def rows_in_one_index_only(virtuoso: Virtuoso, prefix: str, timeout_s: float = 60) -> int:
    """Rows of the graphs under `prefix` that one of RDF_QUAD's two full indexes (its
    primary key PSOG, and POGS) holds and the other does not, through Virtuoso's SQL
    port (isql-vt). Deletes in its row-by-row mode (`DEFINE sql:log-enable 3`) left such
    rows: the replaced graph then counted 20,089 or 20,000 triples by the index a plan
    read (tests/test_virtuoso.py, bench/bench_virtuoso_replace.py)."""

    def missing(index: str, other: str) -> str:
        return (
            f"SELECT 'KG-ROWS', COUNT(*) FROM DB.DBA.RDF_QUAD a TABLE OPTION (INDEX {index}) "
            f"WHERE id_to_iri(a.G) LIKE '{prefix}%' AND NOT EXISTS (SELECT 1 FROM "
            f"DB.DBA.RDF_QUAD b TABLE OPTION (LOOP, INDEX {other}) WHERE a.G = b.G AND "
            f"a.P = b.P AND a.O = b.O AND a.S = b.S);"
        )

    sql = missing("RDF_QUAD", "RDF_QUAD_POGS") + missing("RDF_QUAD_POGS", "RDF_QUAD")
    argv = ["isql-vt", str(virtuoso.sql_port), USER, PASSWORD, f"exec={sql}"]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=timeout_s,
                         check=True).stdout  # fmt: skip
    counts = [int(n) for n in re.findall(r"^KG-ROWS\s+(\d+)", out, re.M)]
    if len(counts) != 2:
        raise EngineError(f"isql-vt gave no counts: {out[-500:]}")
    return sum(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start Virtuoso 7.2 as the tests do.")
    parser.add_argument("folder", type=Path, help="database folder (created when new)")
    parser.add_argument("--http-port", type=int, default=8890)
    parser.add_argument("--sql-port", type=int, default=1111)
    args = parser.parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so Virtuoso is stopped too (it runs in its own session).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with start_virtuoso(args.folder, http_port=args.http_port, sql_port=args.sql_port) as v:
            print(f"Virtuoso at {v.sparql_url} (read), {v.auth_url} (Digest, user {USER})")
            print("Stop with Ctrl-C.", flush=True)
            v.process.wait()
    except KeyboardInterrupt:
        return 0
    except EngineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
