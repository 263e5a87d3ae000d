"""The `kg` command line: a thin layer over the library.

Each command parses its arguments, makes one library call, prints a short report on
stderr, and turns library errors into a clear message and a non-zero exit code here, at
the boundary only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from kg import __version__


class CliError(Exception):
    """An error to report to the user as `kg: error: ...` with exit code 2."""


def _warn(message: str) -> None:
    print(f"kg: warning: {message}", file=sys.stderr)


def _info(message: str) -> None:
    print(message, file=sys.stderr)


# --- kg check -------------------------------------------------------------------------


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="validate statement records (JSONL, JSON, CSV, YAML) against the contract",
        description="Validate statement records and report every bad one with file and line.",
    )
    p.add_argument("statements", nargs="+", help="record files or folders")
    p.set_defaults(func=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from kg.records import load_statements

    result = load_statements(args.statements)
    for issue in result.issues:
        _warn(str(issue))
    _info(f"{len(result.statements)} valid records, {len(result.issues)} problems")
    return 1 if result.issues else 0


# --- kg serve (store helper) -----------------------------------------------------------


def _add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve a store as a SPARQL 1.1 endpoint (oxigraph), read-only on 127.0.0.1",
        description=(
            "Serve a store built with 'kg build --store DIR' as a SPARQL 1.1 Protocol endpoint "
            "(GET/POST /query, Graph Store Protocol at /store, a query editor at /). Runs "
            "until interrupted. Queries see the union of the named graphs by default."
        ),
    )
    p.add_argument("--store", required=True, metavar="DIR", help="store directory")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1; 0.0.0.0 exposes the store to the network)",
    )
    p.add_argument(
        "--timeout",
        type=int,
        default=30,
        metavar="SECONDS",
        help="query timeout in seconds (default 30; 0 for none)",
    )
    p.add_argument(
        "--writable",
        action="store_true",
        help="also accept SPARQL Update and Graph Store writes (default: read-only)",
    )
    p.set_defaults(func=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    import signal

    from kg.serve import ServeError, serve

    def _terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)

    def _ready(server: object) -> None:
        mode = "read-write" if args.writable else "read-only"
        url = getattr(server, "url", "")
        _info(f"SPARQL endpoint ({mode}) at {url}/query; query editor at {url}/")
        _info("Stop with Ctrl-C.")

    try:
        code = serve(
            args.store,
            host=args.host,
            port=args.port,
            timeout_s=args.timeout or None,
            writable=args.writable,
            on_ready=_ready,
        )
    except ServeError as error:
        raise CliError(str(error)) from error
    _info("server stopped")
    return 0 if code in (0, -2, -15) else int(code)


# --- kg push (store helper) ------------------------------------------------------------


def _add_push(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "push",
        help="load a graph or a store into an external SPARQL 1.1 store",
        description=(
            "Send every named graph of a graph file or a store to an external SPARQL 1.1 "
            "store (Fuseki, GraphDB, Virtuoso, QLever, Oxigraph) through the Graph Store "
            "Protocol (--graph-store URL) or SPARQL Update (--endpoint URL). Each target "
            "graph is replaced, so pushing twice does not duplicate triples."
        ),
    )
    p.add_argument("--endpoint", metavar="URL", help="SPARQL Update endpoint URL")
    p.add_argument(
        "--graph-store", metavar="URL", help="Graph Store Protocol URL (used when given)"
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--graph", metavar="FILE", help="graph file (.trig, .nq, .ttl, .nt, ...)")
    source.add_argument("--store", metavar="DIR", help="store directory")
    p.add_argument("--batch", type=int, default=50_000, help="triples per request (default 50000)")
    p.add_argument("--append", action="store_true", help="add to the target graphs, do not replace")
    p.add_argument("--user", help="HTTP basic-auth user (password from KG_PUSH_PASSWORD)")
    p.set_defaults(func=_run_push)


def _run_push(args: argparse.Namespace) -> int:
    import os

    from kg.push import PushError, push
    from kg.store import StoreError

    if not args.endpoint and not args.graph_store:
        raise CliError("give --endpoint URL (SPARQL Update) or --graph-store URL")
    try:
        report = push(
            args.graph or args.store,
            endpoint=args.endpoint,
            graph_store=args.graph_store,
            batch_size=args.batch,
            replace=not args.append,
            user=args.user,
            password=os.environ.get("KG_PUSH_PASSWORD"),
        )
    except (PushError, StoreError) as error:
        raise CliError(str(error)) from error
    for graph, count in report.graphs.items():
        _info(f"{count:>10} triples -> {graph or '(default graph)'}")
    _info(
        f"pushed {report.triples} triples in {len(report.graphs)} graphs with "
        f"{report.requests} requests ({report.method}) in {report.seconds:.1f} s"
    )
    return 0


# --- the parser -------------------------------------------------------------------------

# Each command contributes one `_add_*` function; order here is the order in --help.
_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_check,
    _add_serve,
    _add_push,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description=(
            "Build knowledge graphs of statements by armed groups: extract statement "
            "records from news text, build an RDF graph under the kg ontology, reason, "
            "query it with SPARQL, analyse alignment and draw it."
        ),
        epilog="Run 'kg COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in _COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
