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


# --- kg extract -----------------------------------------------------------------------

_EXTRACT_EPILOG = """\
examples:
  kg extract news/ -o out/statements.jsonl
  kg extract a.txt b.html feed.jsonl -o out/statements.jsonl --workers 2
  kg extract corpus/ -o out/statements.jsonl --resume     # skip documents already done
  kg extract corpus/ -o out/statements.jsonl --dask tcp://10.0.0.5:8786

inputs:
  .txt        the whole file; a short first line is the title, a dateline
              ("BAGHDAD, Jan 8, 2020 (Wire) -") the publication date
  .html .htm  the main text only (menus, banners, share and subscription boxes dropped);
              title, date and canonical URL from the page's head
  .jsonl      one document a line: {"id", "text", "url"?, "title"?, "published"?}
  folders     read recursively, in sorted order

Empty, binary, non-English or malformed inputs are reported as warnings and skipped;
non-UTF-8 text is decoded and reported; a file over --max-size is cut at a paragraph
break. The exit code is 1 only when nothing could be read or extracted.
Beside OUTPUT, OUTPUT.done lists the documents done (for --resume).
"""


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract statement records from news text (.txt, .html, .jsonl)",
        description=(
            "Extract statement records (who blames, threatens, condemns, praises or offers\n"
            "condolences to whom) from news documents into a JSON Lines file. The corpus is\n"
            "streamed, so memory stays bounded whatever its size."
        ),
        epilog=_EXTRACT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="document files or folders")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="records file to write (JSONL)"
    )
    p.add_argument(
        "--workers", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="keep OUTPUT and skip documents it already holds from this extractor version",
    )
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster (scheduler address)")
    p.add_argument(
        "--batch-size", type=int, default=32, metavar="N", help="documents per task (default 32)"
    )
    p.add_argument(
        "--max-size",
        type=float,
        default=1.0,
        metavar="MB",
        help="longest document read, in MB; longer files are cut (default 1)",
    )
    p.add_argument(
        "--any-language", action="store_true", help="do not skip texts that are not English"
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no notes (warnings stay)"
    )
    p.set_defaults(func=_run_extract)


def _run_extract(args: argparse.Namespace) -> int:
    from kg.extract.readers import ReadIssue
    from kg.extract.runner import extract_corpus

    if args.workers < 1 or args.batch_size < 1 or args.max_size <= 0:
        raise CliError("--workers, --batch-size and --max-size must be positive")

    def report(issue: ReadIssue) -> None:
        if issue.level == "warning":
            _warn(str(issue))
        elif not args.quiet:
            _info(f"kg: note: {issue}")

    try:
        summary = extract_corpus(
            args.inputs,
            args.output,
            workers=args.workers,
            resume=args.resume,
            dask_address=args.dask,
            progress=not args.quiet,
            batch_size=args.batch_size,
            max_bytes=int(args.max_size * 1_000_000),
            check_language=not args.any_language,
            on_issue=report,
        )
    except (ImportError, OSError, TimeoutError) as error:
        raise CliError(f"extraction could not run: {error}") from error
    _info(
        f"{summary.extracted} documents extracted, {summary.records} records "
        f"in {summary.seconds:.1f} s ({summary.docs_per_second:.1f} documents/s, "
        f"{summary.words_per_second:,.0f} words/s); {summary.skipped} already done, "
        f"{summary.failed} failed, {summary.issue_count} input problems -> {summary.output}"
    )
    if summary.documents == 0:
        _warn("nothing could be read from the inputs")
        return 1
    return 0 if summary.extracted or summary.skipped else 1


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
    _add_extract,
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
