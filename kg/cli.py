"""The `kg` command line: a thin layer over the library.

Each command parses its arguments, makes one library call, prints a short report on
stderr, and turns library errors into a clear message and a non-zero exit code here, at
the boundary only.

Exit codes, the same for every command (README, "Reliability"):

* 0: success (warnings about skipped inputs may have been printed);
* 1: the data was checked and is not valid: SHACL violations (`kg build`, `kg run`; the
  outputs are written) or bad records (`kg check`);
* 2: usage or input error: bad options, a missing input path, nothing readable, an output
  another kg process holds, a file that cannot be written, a missing model;
* 3: internal error: an unexpected exception (a bug; the traceback is printed), or every
  document failing extraction;
* 130: interrupted (Ctrl-C).

A reader that closes stdout early (`kg query --list | head -1`) is not an error: the
command stops printing, finishes its work, and exits with the code it would have had.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from kg import __version__

EXIT_OK = 0
EXIT_INVALID = 1  # SHACL violations, bad records: the data was checked and is not valid
EXIT_USAGE = 2  # bad options, missing or unreadable inputs, an output that cannot be written
EXIT_INTERNAL = 3  # an unexpected exception: a bug
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """An error to report to the user as `kg: error: ...` with exit code 2."""


class InternalError(Exception):
    """A failure that is not the user's (such as every document failing extraction):
    reported as `kg: error: ...` with exit code 3."""


def _warn(message: str) -> None:
    print(f"kg: warning: {message}", file=sys.stderr)


def _info(message: str) -> None:
    print(message, file=sys.stderr)


@contextmanager
def _library_errors(*errors: type[BaseException]) -> Iterator[None]:
    """Turn the given library errors into a CliError carrying the same message."""
    try:
        yield
    except errors as error:
        raise CliError(str(error)) from error


# --- option blocks shared by several commands ---------------------------------------------


def _add_skip_missing(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--skip-missing",
        action="store_true",
        help="warn about input paths that do not exist and go on (default: an error)",
    )


def _add_record_files(p: argparse.ArgumentParser) -> None:
    p.add_argument("statements", nargs="+", help="record files or folders")
    _add_skip_missing(p)


def _add_document_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="document files or folders")
    _add_skip_missing(p)


def _existing_inputs(paths: Sequence[str], skip_missing: bool) -> list[str]:
    """The input paths that exist. A missing one is an error naming it (exit 2), or, with
    --skip-missing, a warning; none left is an error either way."""
    missing = [path for path in paths if not os.path.exists(path)]
    if missing and not skip_missing:
        names = ", ".join(missing)
        raise CliError(
            f"no such file or folder: {names} (give --skip-missing to go on without "
            f"{'it' if len(missing) == 1 else 'them'})"
        )
    for path in missing:
        _warn(f"{path}: no such file or folder; skipped (--skip-missing)")
    present = [path for path in paths if path not in missing]
    if not present:
        raise CliError("none of the inputs exists")
    return present


def _add_graph_or_store_input(p: argparse.ArgumentParser) -> None:
    """--graph FILE... or --store DIR, read back by `_graph_or_store`."""
    p.add_argument("--graph", nargs="+", metavar="FILE", help="graph file(s)")
    p.add_argument("--store", metavar="DIR", help="a store built with 'kg build --store'")


def _add_date_window(p: argparse.ArgumentParser, *, query: bool = False) -> None:
    """--since / --until, read back by `_window`; for `kg query` (`query`) they set the
    query's date parameters (`_date_params`)."""
    for option, side in (("--since", "first"), ("--until", "last")):
        day = f"(YYYY-MM-DD; YYYY-MM or YYYY: its {side} day)"
        p.add_argument(
            option,
            metavar="DATE",
            help=f"set the query's {option[2:]} parameter {day}; only queries that declare "
            "it take it (kg query --list shows which)"
            if query
            else f"only statements dated on or {'after' if side == 'first' else 'before'} "
            f"DATE {day}, by their statement date, else the reporting document's date; "
            "undated statements are then left out",
        )


def _window(args: argparse.Namespace) -> Any:
    """The DateWindow of --since / --until, or None when neither is given."""
    from kg.timeframe import DateWindow, TimeframeError

    with _library_errors(TimeframeError):
        return DateWindow.from_options(args.since, args.until)


def _add_workers(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--workers", type=int, default=1, metavar="N", help=f"{what} (default 1)")


def _add_resume(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("--resume", action="store_true", help=help)


def _add_top(p: argparse.ArgumentParser, default: int, what: str) -> None:
    p.add_argument(
        "--top", type=int, default=default, metavar="N", help=f"{what} (default {default})"
    )


def _add_quiet(p: argparse.ArgumentParser, help: str) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help=help)


class _IssueReporter:
    """An on_issue callback for input problems: warnings to stderr (and counted), notes
    too unless quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.warnings = 0

    def __call__(self, issue: object) -> None:
        if getattr(issue, "level", "warning") != "note":
            self.warnings += 1
            _warn(str(issue))
        elif not self.quiet:
            _info(f"kg: note: {issue}")


# --- kg check -------------------------------------------------------------------------


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="validate statement records (JSONL, JSON, CSV, YAML) against the contract",
        description="Validate statement records and report every bad one with file and line.",
    )
    _add_record_files(p)
    p.set_defaults(func=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from kg.records import load_statements

    result = load_statements(_existing_inputs(args.statements, args.skip_missing))
    for issue in result.issues:
        _warn(str(issue))
    _info(f"{len(result.statements)} valid records, {len(result.issues)} problems")
    return EXIT_INVALID if result.issues else EXIT_OK


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
non-UTF-8 text is decoded (BOM, HTML <meta charset>, else detected) and reported with
its encoding and confidence, or skipped when the encoding is too uncertain; a text over
--max-size is read in slices of that size (NAME-slice0001, ...), so a file of any size is
extracted whole in bounded memory.
Beside OUTPUT, OUTPUT.done lists the documents done (for --resume). OUTPUT is locked for
the run: a second kg process writing to it stops at once with an error naming the pid of
the first (a crashed run's lock ends with it and blocks nothing).

exit status: 0 done; 2 an input path does not exist (unless --skip-missing), nothing
could be read, or OUTPUT is being written by another kg process; 3 every document
failed.
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
    _add_document_inputs(p)
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="records file to write (JSONL)"
    )
    _add_workers(p, "worker processes")
    _add_resume(p, "keep OUTPUT and skip documents it already holds from this extractor version")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster (scheduler address)")
    p.add_argument(
        "--batch-size", type=int, default=32, metavar="N", help="documents per task (default 32)"
    )
    p.add_argument(
        "--max-size",
        type=float,
        default=0.1,
        metavar="MB",
        help="largest document, in MB (millions of characters): a longer text is read in "
        "slices of this size, cut at paragraph breaks, each its own document (default 0.1; "
        "spaCy's memory grows with it, about 0.5 GB for 0.1)",
    )
    p.add_argument(
        "--any-language", action="store_true", help="do not skip texts that are not English"
    )
    _add_quiet(p, "no progress bar and no notes (warnings stay)")
    p.set_defaults(func=_run_extract)


def _run_extract(args: argparse.Namespace) -> int:
    from kg.extract.runner import extract_corpus

    if args.workers < 1 or args.batch_size < 1 or args.max_size <= 0:
        raise CliError("--workers, --batch-size and --max-size must be positive")

    from kg.files import OutputLocked

    inputs = _existing_inputs(args.inputs, args.skip_missing)
    report = _IssueReporter(args.quiet)
    try:
        summary = extract_corpus(
            inputs,
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
    except OutputLocked as error:
        raise CliError(str(error)) from error
    except (ImportError, OSError, TimeoutError) as error:
        raise CliError(f"extraction could not run: {error}") from error
    _info(
        f"{summary.extracted} documents extracted, {summary.records} records "
        f"in {summary.seconds:.1f} s ({summary.docs_per_second:.1f} documents/s, "
        f"{summary.words_per_second:,.0f} words/s); {summary.skipped} already done, "
        f"{summary.failed} failed, {report.warnings} warnings"
        + (f" -> {summary.output}" if summary.written else "; no file written")
    )
    if summary.documents == 0:
        raise CliError(f"no document could be read from {', '.join(inputs)}")
    if not (summary.extracted or summary.skipped):
        raise InternalError(f"extraction failed for every one of the {summary.failed} documents")
    return EXIT_OK


# --- --store DIR for build / query / align / viz (store helper) ---------------------------


def _open_store_arg(directory: str) -> object:
    from kg.store import StoreError, open_store

    with _library_errors(StoreError):
        return open_store(directory, read_only=True)


def _graph_or_store(args: argparse.Namespace) -> object:
    """The --graph files or the opened --store, for commands that read a graph."""
    if bool(args.graph) == bool(args.store):
        raise CliError("give the graph with --graph FILE... or a store with --store DIR")
    return _open_store_arg(args.store) if args.store else args.graph


def _run_build_store(args: argparse.Namespace) -> int:
    from kg.store import StoreError, build_store

    inputs = _existing_inputs(args.statements, args.skip_missing)
    with _library_errors(StoreError):
        result = build_store(inputs, args.store)
    for issue in result.issues:
        _warn(f"skipped record: {issue}")
    if result.resumed:
        _info(f"resumed     {result.resumed}")
    added = result.added
    sizes = "\n".join(f"  {count:>12,}  {graph}" for graph, count in result.sizes.items())
    _info(
        f"records     {result.records:,} ({len(result.issues)} skipped)\n"
        f"statements  {added.statements:,} from {added.documents:,} documents "
        f"({added.replaced_documents:,} replaced"
        + (
            f", {added.removed_actors:,} actors no longer named removed"
            if added.removed_actors
            else ""
        )
        + ")\n"
        f"derived     {added.derived_triples:,} new actor-relation triples, "
        + (f"{added.retracted_triples:,} retracted, " if added.retracted_triples else "")
        + f"{added.relation_counts:,} statement counts written ({added.derive_seconds:.1f} s)\n"
        f"store       {args.store}\n{sizes}\n"
        f"time        {result.seconds:.1f} s "
        f"({added.statements / max(result.seconds, 1e-9):,.0f} statements/s)"
    )
    return 0


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
        help="query timeout in seconds (default 30; 0 for none): the query's worker "
        "process is stopped and the client gets HTTP 503",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="N",
        help="oxigraph worker processes, one query each at a time (default 2)",
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

    with _library_errors(ServeError):
        code = serve(
            args.store,
            host=args.host,
            port=args.port,
            timeout_s=args.timeout or None,
            writable=args.writable,
            on_ready=_ready,
            workers=args.workers,
        )
    _info("server stopped")
    if code in (0, -2, -15):
        return EXIT_OK
    raise InternalError(f"the SPARQL server stopped with exit code {code}")


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
    p.add_argument(
        "--query-endpoint",
        metavar="URL",
        help="SPARQL query URL of the target, where kg counts what landed (default: "
        "guessed from the push URL, e.g. .../update -> .../query)",
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--graph", metavar="FILE", help="graph file (.trig, .nq, .ttl, .nt, ...)")
    source.add_argument("--store", metavar="DIR", help="store directory")
    p.add_argument(
        "--dataset",
        metavar="NAME",
        help="put NAME into the target graph IRIs (.../dataset/NAME/graph/asserted), so "
        "several corpora share one store; replacing one leaves the others alone",
    )
    p.add_argument(
        "--batch",
        type=int,
        default=1_000,
        help="triples per request (default 1000, which Virtuoso takes; halved while the "
        "server answers that a request is too large)",
    )
    p.add_argument(
        "--append",
        action="store_true",
        help="add to the live target graphs (staged and checked first; refused when its "
        "statement counts conflict with the target's); the default loads temporary graphs, "
        "checks them and swaps them in, removing the dataset's graphs the source lacks",
    )
    p.add_argument(
        "--user",
        help="HTTP user (password from --password, else the variable KG_PUSH_PASSWORD, else "
        "KG_SPARQL_PASSWORD, the one kg query reads)",
    )
    p.add_argument("--password", metavar="PASSWORD", help="password for --user")
    p.add_argument(
        "--auth",
        choices=("auto", "basic", "digest"),
        default="auto",
        help="HTTP auth for --user (default auto: Basic, or Digest when the server asks)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="how long to wait for each request (default 300; 0 for no limit)",
    )
    p.set_defaults(func=_run_push)


def _run_push(args: argparse.Namespace) -> int:
    from kg.endpoint import PASSWORD_ENV
    from kg.push import PushError, push
    from kg.store import StoreError

    if not args.endpoint and not args.graph_store:
        raise CliError("give --endpoint URL (SPARQL Update) or --graph-store URL")
    with _library_errors(PushError, StoreError):
        report = push(
            args.graph or args.store,
            endpoint=args.endpoint,
            graph_store=args.graph_store,
            batch_size=args.batch,
            replace=not args.append,
            user=args.user,
            password=_password(args, "KG_PUSH_PASSWORD", PASSWORD_ENV),
            auth=args.auth,
            timeout_s=args.timeout,
            query_endpoint=args.query_endpoint,
            dataset=args.dataset,
        )
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for graph, count in report.graphs.items():
        _info(f"{count:>10} triples -> {graph or '(default graph)'}")
    for graph in report.removed:
        _info(f"   removed {graph} (not in the source)")
    _info(
        f"pushed {report.triples} triples in {len(report.graphs)} graphs with "
        f"{report.requests} requests ({report.method}, batches of {report.batch_size}) in "
        f"{report.seconds:.1f} s; counted on the target: every named graph as sent"
    )
    return 0


# --- kg run -------------------------------------------------------------------------------

_RUN_EPILOG = """\
examples:
  kg run data/sample -o out                 # the bundled sample corpus
  kg run news/ extra.jsonl -o out --workers 2
  kg run news/ -o out --no-reason --quiet   # faster, summary only
  kg run news/ -o out --resume              # extract only documents not done before

stages (each reported as it ends):
  extract   documents -> OUT/statements.jsonl (statement records)
  build     records -> RDF graph under the kg ontology
  reason    OWL-RL closure; inferred triples kept apart (skip with --no-reason)
  validate  SHACL shapes (ontology/shapes.ttl); failures in OUT/shacl-report.txt
  align     actor-pair alignment scores -> OUT/alignment.csv, OUT/alignment.graphml
  graph     OUT/graph.ttl (+ graph.inferred.ttl, graph.alignment.ttl sidecars)
  viz       OUT/graph.html, an interactive page that works offline
  summary   OUT/summary.json, OUT/summary.md, and the summary printed here

inputs: .txt, .html/.htm (main text only) and .jsonl ({"id", "text", "url"?, "title"?,
"published"?}) files, or folders of them (read recursively). Unreadable inputs are
reported as warnings and skipped. OUT is locked for the run: a second kg process writing
into it stops at once with an error naming the pid of the first.

exit status: 0 done, graph valid; 1 done (every output written), but SHACL found
violations (OUT/shacl-report.txt); 2 an input path does not exist (unless
--skip-missing), no document could be read, or OUT is being written by another kg
process; 3 an internal error.
"""


def _add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="the whole pipeline: extract, build, reason, validate, align, visualise",
        description=(
            "Run the whole pipeline over news documents: extract statement records, build\n"
            "the RDF graph, reason, validate it with SHACL, score actor alignment and draw\n"
            "an interactive graph. Every output goes into the OUT folder."
        ),
        epilog=_RUN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_document_inputs(p)
    p.add_argument(
        "-o", "--out", required=True, metavar="OUT", help="output folder (created if missing)"
    )
    _add_workers(p, "extraction processes")
    p.add_argument(
        "--no-reason", action="store_true", help="skip OWL-RL reasoning (no inferred triples)"
    )
    _add_resume(p, "keep the records of documents an earlier run into OUT already extracted")
    _add_top(p, 10, "alignments shown")
    _add_date_window(p)
    _add_quiet(p, "no progress display and no notes")
    p.set_defaults(func=_run_run)


def _run_run(args: argparse.Namespace) -> int:
    from kg.files import OutputLocked
    from kg.pipeline import PipelineError, check_inputs, run, summary_text

    if args.workers < 1 or args.top < 0:
        raise CliError("--workers must be at least 1 and --top not negative")
    window = _window(args)
    # before the first progress line: a wrong path is one error, not a stage that fails
    inputs = _existing_inputs(args.inputs, args.skip_missing)
    with _library_errors(PipelineError):
        check_inputs(inputs, args.out)
    if not args.quiet:
        _info(f"kg run: {' '.join(inputs)} -> {args.out.rstrip('/')}/")
    try:
        summary = run(
            inputs,
            args.out,
            workers=args.workers,
            reason=not args.no_reason,
            resume=args.resume,
            progress=not args.quiet,
            top=args.top,
            on_issue=_IssueReporter(args.quiet),
            window=window,
        )
    except (PipelineError, OutputLocked) as error:
        raise CliError(str(error)) from error
    except (ImportError, OSError) as error:
        raise CliError(f"the pipeline could not run: {error}") from error
    if summary.window_note:  # even with -q: the graph holds less than was extracted
        _info(f"kg: note: {summary.window_note}")
    print(summary_text(summary))
    return EXIT_INVALID if summary.conforms is False else EXIT_OK


# --- kg build (graph) ---------------------------------------------------------------------

_BUILD_EPILOG = """\
examples:
  kg build out/statements.jsonl -o out/graph.ttl
  kg build data/sample/statements.jsonl curated.csv -o graph.trig --reason
  kg build records/ -o graph.nt --reason     # inferred triples -> graph.inferred.nt

Turtle and N-Triples hold one graph: with --reason the inferred triples go to a sidecar
file beside the output (graph.inferred.ttl), which 'kg query --graph graph.ttl' reads
back. TriG, N-Quads and JSON-LD keep both named graphs in one file.

exit status: 0 built and SHACL-valid; 1 built and written, but SHACL found violations
(listed on stderr); 2 nothing built (no valid record, an input path that does not exist
unless --skip-missing, unreadable input, cannot write); 3 an internal error.
Bad records are skipped with a warning naming file and line.
"""


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="build the RDF graph from statement records (optionally reason), SHACL-validate it",
        description=(
            "Build an RDF graph under the kg ontology from statement records (JSONL, JSON, "
            "CSV, YAML; files or folders), validate it with SHACL and write it atomically."
        ),
        epilog=_BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_record_files(p)
    p.add_argument("-o", "--output", help="graph file to write (or give --store)")
    p.add_argument(
        "--store",
        metavar="DIR",
        help="add the records to a persistent Oxigraph store instead (incremental: a "
        "document already there is replaced; derived actor relations included; no SHACL)",
    )
    p.add_argument(
        "--format",
        choices=("ttl", "nt", "jsonld", "trig", "nq"),
        help="output format (default: from the output's suffix)",
    )
    p.add_argument(
        "--reason",
        action="store_true",
        help="run OWL-RL reasoning; inferred triples go to the named graph .../graph/inferred",
    )
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.set_defaults(func=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    from kg.build import BuildError, build_files
    from kg.graphio import GraphFileError

    if args.store:
        if args.output:
            raise CliError("give either -o FILE or --store DIR, not both")
        return _run_build_store(args)
    if not args.output:
        raise CliError("give the graph file to write with -o FILE (or a store with --store DIR)")

    inputs = _existing_inputs(args.statements, args.skip_missing)
    try:
        result = build_files(
            inputs,
            args.output,
            format=args.format,
            reason=args.reason,
            validate=not args.no_validate,
        )
    except BuildError as error:
        for issue in error.issues:
            _warn(str(issue))
        raise CliError(str(error)) from error
    except GraphFileError as error:
        raise CliError(str(error)) from error
    for issue in result.issues:
        _warn(f"skipped record: {issue}")
    if result.report is not None:
        for violation in result.report.violations:
            _info(f"  {violation}")
    inferred = f" + {result.inferred_triples:,} inferred" if args.reason else ""
    timings = ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in result.timings.items())
    _info(
        f"records     {result.records:,} ({len(result.issues)} skipped)\n"
        f"statements  {result.statements:,}   actors {result.actors:,}   "
        f"documents {result.documents:,}\n"
        f"triples     {result.asserted_triples:,} asserted{inferred}\n"
        f"{result.report.summary() if result.report else 'SHACL: not run'}\n"
        f"time        {result.seconds:.2f} s ({timings})\n"
        f"wrote       {', '.join(str(p) for p in result.written)}"
    )
    return EXIT_OK if result.conforms else EXIT_INVALID


# --- kg query (graph) ---------------------------------------------------------------------

_QUERY_EPILOG = """\
examples:
  kg query who_blames_whom --graph out/graph.ttl
  kg query who_blames_whom --graph out/graph.ttl --param speaker="Kata'ib Hezbollah"
  kg query event_statements --graph out/graph.trig --param event="drone strike" --format csv
  kg query my_query.rq --graph a.ttl --graph b.ttl --format json
  kg query who_threatens --param target=Israel --print
  kg query who_threatens --endpoint http://localhost:8890/sparql
  kg query who_threatens --endpoint https://host/sparql-auth --user kg --auth digest
  kg query --list

QUERY is a .rq file or the name of one in queries/ (with or without .rq). The library's
queries name their graphs (FROM .../graph/asserted, .../graph/inferred), so they give the
same rows on a graph file, a store and any SPARQL 1.1 endpoint; a query of your own
without FROM runs over the union of all graphs of a file or store. Parameters are
declared in the query's header ('# param: NAME') and their defaults written in it
(BIND ("default" AS ?NAME)); see queries/README.md. Queries that can return a row per
statement stop at --param limit=N rows (default in the query; 0: no limit).
--print shows the exact SPARQL that would run (parameters substituted) and exits.
--endpoint sends it to a remote endpoint (SPARQL 1.1 Protocol, POST); the password comes
from --password or the environment variable KG_SPARQL_PASSWORD.
A graph file is loaded into an in-memory Oxigraph store and queried there (the engine
the library is written for); --engine rdflib uses rdflib's own SPARQL engine instead.
"""


def _add_query(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query (a .rq file or a name from queries/) over a graph",
        description="Run a SPARQL query over a kg graph and print the rows.",
        epilog=_QUERY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", nargs="?", help="a .rq file or a query name from queries/")
    p.add_argument(
        "--graph",
        action="append",
        default=[],
        metavar="FILE",
        help="graph file (ttl, nt, jsonld, trig, nq; sidecars are read too); repeatable",
    )
    p.add_argument("--store", metavar="DIR", help="query a store built with 'kg build --store'")
    p.add_argument("--endpoint", metavar="URL", help="query a remote SPARQL 1.1 endpoint")
    p.add_argument("--user", metavar="USER", help="user name for --endpoint")
    p.add_argument(
        "--password",
        metavar="PASSWORD",
        help="password for --user (default: the environment variable KG_SPARQL_PASSWORD)",
    )
    p.add_argument(
        "--auth",
        choices=("auto", "basic", "digest"),
        default="auto",
        help="HTTP auth for --user (default auto: Basic, or Digest when the server asks)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="stop with an error when the query takes longer, on --endpoint, --store or "
        "--graph (default 60; 0 for no limit)",
    )
    p.add_argument(
        "--print",
        action="store_true",
        help="print the SPARQL that would run (parameters substituted) and exit",
    )
    p.add_argument(
        "--dataset",
        metavar="NAME",
        help="with --endpoint or --print: read the graphs 'kg push --dataset NAME' wrote",
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a query parameter; repeatable",
    )
    p.add_argument(
        "--engine",
        choices=("oxigraph", "rdflib"),
        default="oxigraph",
        help="SPARQL engine for --graph (default: oxigraph, in memory)",
    )
    p.add_argument("--list", action="store_true", help="list the bundled queries and exit")
    _add_date_window(p, query=True)
    p.set_defaults(func=_run_query)


def _run_query(args: argparse.Namespace) -> int:
    from kg.graphio import GraphFileError, read_graph
    from kg.query import QueryError, format_rows, load_query, prepare, query

    if args.list:
        return _list_queries()
    if not args.query:
        raise CliError("give a QUERY (a .rq file or a name from queries/), or --list")
    if args.print:
        from kg.push import PushError, for_dataset

        with _library_errors(QueryError, PushError):
            text = prepare(load_query(args.query), _query_params(args)[0])
            sys.stdout.write(for_dataset(text, args.dataset))
        return 0
    sources = [bool(args.graph), bool(args.store), bool(args.endpoint)]
    if sum(sources) != 1:
        raise CliError("give exactly one of --graph FILE, --store DIR or --endpoint URL to query")
    if args.dataset and not args.endpoint:
        raise CliError("--dataset goes with --endpoint (or --print): a local graph has no datasets")
    params, resolutions = _query_params(args)
    if args.endpoint:
        rows = _query_endpoint(args, params)
        sys.stdout.write(format_rows(rows, args.format))
        if not rows:
            _explain_empty(args, params, resolutions)
        return 0
    with _library_errors(QueryError, GraphFileError):
        source = _open_store_arg(args.store) if args.store else read_graph(args.graph)
        rows = query(args.query, source, params, engine=args.engine, timeout_s=args.timeout or None)
        sys.stdout.write(format_rows(rows, args.format))
    if not rows:
        _explain_empty(args, params, resolutions)
    if not rows and not _has_inferred(source):
        print(
            "note: no rows, and this graph has no inferred triples: queries that read the "
            "derived relations or statement counts need `kg build --reason` (kg run and "
            "stores always derive them)",
            file=sys.stderr,
        )
    return 0


def _query_params(args: argparse.Namespace) -> tuple[dict[str, str], list[Any]]:
    """--param values, actor names resolved as the extractor resolves them ("houthis" ->
    Ansar Allah); each resolution is said on stderr."""
    from kg.actor_lookup import canonical_params
    from kg.query import iter_params

    params, resolutions = canonical_params(iter_params(args.param))
    params.update(_date_params(args, params))
    for resolution in resolutions:
        if resolution.actor is not None and resolution.actor.name != resolution.query:
            _info(f"kg: note: {resolution.query!r} is {resolution.actor.name!r}")
    return params, resolutions


def _date_params(args: argparse.Namespace, params: dict[str, str]) -> dict[str, str]:
    """--since / --until as the query's `since` / `until` parameters, checked: a query
    without them would silently ignore the dates, so that is an error."""
    from kg.query import list_queries, load_query

    window = _window(args)
    if window is None:
        return {}
    declared = load_query(args.query).params
    dates = {"since": window.since, "until": window.until}
    given = {name: value for name, value in dates.items() if value is not None}
    for name in given:
        if name not in declared:
            dated = [query for query in list_queries() if name in load_query(query).params]
            raise CliError(
                f"--{name}: the query {args.query!r} has no {name!r} parameter, so it cannot "
                f"be narrowed by date; the library's queries that can: {', '.join(dated)}"
            )
        if name in params:
            raise CliError(f"give --{name} or --param {name}=..., not both")
    return given


def _explain_empty(args: argparse.Namespace, given: dict[str, str], resolutions: list[Any]
                   ) -> None:  # fmt: skip
    """No rows: say which name was unknown (with the closest listed ones) and which
    parameters applied, defaults included."""
    from kg.query import load_query

    for resolution in resolutions:
        if resolution.actor is None:
            closest = ", ".join(form for form, _ in resolution.closest) or "none close"
            _info(f"kg: note: no rows; {resolution.query!r} is no listed actor "
                  f"(closest: {closest}; see 'kg actors NAME')")  # fmt: skip
    named = load_query(args.query)  # it has just run, so it loads
    applied = {k: given.get(k, v) for k, v in named.params.items() if given.get(k, v)}
    if applied:
        shown = ", ".join(f"{k}={v}" for k, v in applied.items())
        _info(f"kg: note: no rows with {shown}")


def _list_queries() -> int:
    from kg.query import list_queries, load_query

    for name in list_queries():
        named = load_query(name)
        params = ", ".join(
            f"{key}={value}" if value else key for key, value in named.params.items()
        )
        print(f"{name:24} {named.description}  [params: {params or '-'}]")
    return 0


def _password(args: argparse.Namespace, *variables: str) -> str | None:
    """--password, else the first of the environment `variables` that is set; checked
    against --user (a user without a password would only meet a bare HTTP 401)."""
    import os

    password = args.password
    for variable in variables:
        if password is None:
            password = os.environ.get(variable)
    if args.user and password is None:
        names = " or ".join(variables)
        raise CliError(f"--user needs a password: --password or the variable {names}")
    if args.password is not None and not args.user:
        raise CliError("--password needs --user")
    return password if args.user else None


def _query_endpoint(args: argparse.Namespace, params: dict[str, str]) -> list[dict[str, Any]]:
    from kg.endpoint import PASSWORD_ENV, Credentials, EndpointError, run_endpoint
    from kg.query import QueryError

    password = _password(args, PASSWORD_ENV)
    credentials = Credentials(args.user, password, args.auth) if args.user else None
    from kg.push import PushError

    with _library_errors(QueryError, EndpointError, PushError):
        return run_endpoint(
            args.query,
            args.endpoint,
            params,
            credentials=credentials,
            timeout=args.timeout,
            dataset=args.dataset,
        )


def _has_inferred(source: Any) -> bool:
    from kg.store import INFERRED_GRAPH, is_store

    if is_store(source):
        import pyoxigraph as ox

        return bool(source.contains_named_graph(ox.NamedNode(INFERRED_GRAPH)))
    from rdflib import URIRef

    return len(source.graph(URIRef(INFERRED_GRAPH))) > 0 if hasattr(source, "graph") else True


# --- kg align / kg viz (analysis helper) ------------------------------------------------


def _add_align(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align",
        help="score how far actors align (common targets, stances, ties); CSV, Gephi, RDF",
        description=(
            "Score every pair of actors that share a target or interact: agreement of their "
            "stances toward common targets + their stances toward each other + shared "
            "sponsor / affiliation ties (docs/analysis.md). Prints the ranked table; "
            "writes CSV, GraphML / GEXF (Gephi) and the scores as RDF on request."
        ),
        epilog=(
            "example: kg align --graph out/graph.ttl -o out/alignment.csv "
            "--gexf out/alignment.gexf --rdf out/graph.alignment.ttl --top 15"
        ),
    )
    _add_graph_or_store_input(p)
    p.add_argument("-o", "--output", metavar="CSV", help="write all ranked pairs as CSV")
    p.add_argument("--graphml", metavar="FILE", help="write the alignment graph as GraphML")
    p.add_argument("--gexf", metavar="FILE", help="write the alignment graph as GEXF (Gephi)")
    p.add_argument(
        "--rdf",
        metavar="FILE",
        help="write the scores as RDF (NAME.alignment.ttl beside NAME.ttl is read with it; "
        ".trig / .nq keep the named graph)",
    )
    _add_top(p, 20, "rows to print (with --period: changes)")
    _add_actor_filter(p, "pairs")
    p.add_argument("--seed", type=int, default=0, help="community detection seed (default 0)")
    _add_date_window(p)
    p.add_argument(
        "--period",
        choices=("month", "quarter", "year"),
        help="one alignment per period of the statements' dates: the CSV gets a period "
        "column, --graphml / --gexf one file per period (NAME.2024-Q1.graphml)",
    )
    p.add_argument(
        "--changes",
        metavar="CSV",
        help="with --period: write the score changes between consecutive periods as CSV",
    )
    p.set_defaults(func=_run_align)


def _add_actor_filter(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--actor",
        action="append",
        metavar="NAME",
        help=f"keep only the {what} of this actor and the actors it deals with; any name "
        "or alias works (houthis, US, KH); repeat for several (see kg actors NAME)",
    )


def _run_align(args: argparse.Namespace) -> int:
    from kg.actor_lookup import UnknownActorError
    from kg.align import AlignmentError
    from kg.align_export import align_files, format_summary, format_table
    from kg.graphio import GraphFileError

    window = _window(args)
    if args.period:
        return _run_align_periods(args, window)
    if args.changes:
        raise CliError("--changes needs --period (month, quarter or year)")
    with _library_errors(AlignmentError, GraphFileError, UnknownActorError, OSError):
        done = align_files(
            _graph_or_store(args),
            csv_path=args.output,
            graphml=args.graphml,
            gexf=args.gexf,
            rdf=args.rdf,
            seed=args.seed,
            window=window,
            actors=args.actor,
        )
    result = done.result
    for note in result.notes:
        _info(f"kg: note: {note}")
    print(format_table(result, top=max(0, args.top)))
    print(format_summary(result))
    communities = len(set(result.communities.values()))
    _info(
        f"{len(result.stance)} actors, {result.stance.number_of_edges()} stance edges, "
        f"{len(result.pairs)} pairs, {communities} communities in {done.seconds:.1f} s"
    )
    for path in done.written:
        _info(f"wrote {path}")
    return 0


def _run_align_periods(args: argparse.Namespace, window: Any) -> int:
    from kg.align import AlignmentError
    from kg.align_periods import align_period_files, format_changes, format_periods
    from kg.graphio import GraphFileError

    if args.rdf:
        raise CliError("--rdf writes one alignment; it cannot be combined with --period")
    if args.actor:
        raise CliError("--actor narrows one alignment; it cannot be combined with --period yet")
    with _library_errors(AlignmentError, GraphFileError, OSError):
        done = align_period_files(
            _graph_or_store(args),
            args.period,
            csv_path=args.output,
            graphml=args.graphml,
            gexf=args.gexf,
            changes=args.changes,
            seed=args.seed,
            window=window,
        )
    periods = done.periods
    _info(f"kg: note: {periods.note}")
    print(format_periods(periods))
    print(f"\nlargest changes between consecutive {args.period}s with statements:")
    print(format_changes(periods.changes, top=max(0, args.top)))
    _info(f"{len(periods.periods)} {args.period}s aligned in {done.seconds:.1f} s")
    for path in done.written:
        _info(f"wrote {path}")
    return 0


def _add_viz(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "viz",
        help="draw the stance and alignment graphs as one self-contained HTML page",
        description=(
            "Write an interactive HTML page (pyvis / vis-network, inlined: it opens from "
            "file:// with no network access) with the stance graph and the alignment graph, "
            "a legend, filters by stance and actor type, and evidence in the tooltips."
        ),
        epilog="example: kg viz --graph out/graph.ttl -o out/graph.html --view alignment",
    )
    _add_graph_or_store_input(p)
    p.add_argument("-o", "--output", required=True, metavar="HTML", help="page to write")
    p.add_argument(
        "--view",
        choices=("stance", "alignment"),
        default="stance",
        help="the view the page opens on (default stance; the page can switch)",
    )
    p.add_argument("--title", default="kg: statements by armed groups", help="page title")
    _add_date_window(p)
    _add_actor_filter(p, "statements and pairs")
    p.set_defaults(func=_run_viz)


def _run_viz(args: argparse.Namespace) -> int:
    from kg.actor_lookup import UnknownActorError
    from kg.align import AlignmentError
    from kg.graphio import GraphFileError
    from kg.viz import VizError, visualize

    window = _window(args)
    with _library_errors(AlignmentError, GraphFileError, VizError, UnknownActorError, OSError):
        source = _graph_or_store(args)
        if window is not None or args.actor:  # align here, to report what was left out
            from kg.align_export import align_files

            source = align_files(source, window=window, actors=args.actor).result
            for note in source.notes:
                _info(f"kg: note: {note}")
        path = visualize(source, args.output, view=args.view, title=args.title)
    _info(f"wrote {path} ({path.stat().st_size // 1024} KiB); open it in a browser")
    return 0


# --- kg train -------------------------------------------------------------------------


def _add_train(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="train the stance (or attribution) model from the annotated corpus",
        description=(
            "Run the rules over every corpus document, learn per stance when a (speaker, "
            "target) pair carries it (logistic regression over parse features and the rules' "
            "own findings), cross-validate by event, and write the model the extractor "
            "loads. Seeded: the same corpus gives the same model."
        ),
        epilog=(
            "example: kg train            # data/corpus/ -> kg/models/stances.json\n"
            "         kg train --corpus my-corpus/ -o out/stances.json --folds 10\n"
            "         kg train --component attribution   # -> kg/models/attribution.json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", metavar="DIR", help="corpus folder (default data/corpus)")
    p.add_argument(
        "-o",
        "--output",
        metavar="JSON",
        help="model file to write (default: the package's kg/models/stances.json)",
    )
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument(
        "--component",
        choices=("stances", "attribution"),
        default="stances",
        help="stances: the stance model (default, kg/models/stances.json); attribution: "
        "the speaker model (kg/models/attribution.json)",
    )
    p.add_argument(
        "--mode",
        choices=("add", "replace", "override", "alone"),
        default=None,
        help="stances: add (default: the model adds to the rules' claims) or replace (the "
        "model alone, without the rules' findings as features); attribution: override "
        "(default: adds speakers and replaces confident disagreements), add, or alone",
    )
    p.set_defaults(func=_run_train)


def _run_train(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tqdm import tqdm

    from kg.train import TrainingError, run

    if args.component == "attribution":
        return _run_train_attribution(args)
    if args.mode not in (None, "add", "replace"):
        _warn(f"--mode {args.mode} is for --component attribution; the stance model takes "
              "add or replace")  # fmt: skip
        return 2
    args.mode = args.mode or "add"
    with (
        _library_errors(TrainingError, OSError),
        tqdm(desc="corpus documents", unit="doc", disable=None) as bar,
    ):
        outcome = run(
            Path(args.corpus) if args.corpus else None,
            Path(args.output) if args.output else None,
            args.seed,
            args.folds,
            args.mode,
            bar.update,
        )
    for problem in outcome.problems:
        _warn(f"left out: {problem}")
    for line in outcome.report.lines():
        _info(line)
    _info(f"wrote {outcome.path} ({outcome.documents} documents, mode {args.mode})")
    return 0


def _run_train_attribution(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tqdm import tqdm

    from kg.train import TrainingError
    from kg.train_attribution import run

    if args.mode not in (None, "add", "override", "alone"):
        _warn(f"--mode {args.mode} is for the stance model; the attribution model takes "
              "override, add or alone")  # fmt: skip
        return 2
    with (
        _library_errors(TrainingError, OSError),
        tqdm(desc="corpus documents", unit="doc", disable=None) as bar,
    ):
        outcome = run(Path(args.corpus) if args.corpus else None,
                      Path(args.output) if args.output else None, args.seed, args.folds,
                      args.mode or "override", bar.update)  # fmt: skip
    for problem in outcome.problems:
        _warn(f"left out: {problem}")
    for line in outcome.lines():
        _info(line)
    _info(f"wrote {outcome.path} ({outcome.documents} documents, mode {outcome.model.mode})")
    return 0


# --- kg actors ------------------------------------------------------------------------


def _add_actors(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "actors",
        help="show what a name resolves to (canonical name, IRI, aliases, Wikidata id)",
        description=(
            "Resolve names the way the extractor does (any case, spelling, apostrophes, "
            "'al-', abbreviations, a guarded fuzzy match) and show the actor each names: "
            "canonical name, IRI, type, affiliation, Wikidata id, aliases; with --graph, "
            "its statement counts. An unknown name lists the closest known names."
        ),
        epilog='example: kg actors houthis US "Hizbullah Brigades" --graph out/graph.ttl',
    )
    p.add_argument("names", nargs="+", metavar="NAME", help="names as you would type them")
    p.add_argument("--graph", nargs="+", metavar="FILE", help="graph file(s), for counts")
    p.set_defaults(func=_run_actors)


def _run_actors(args: argparse.Namespace) -> int:
    from kg.actor_lookup import describe, resolve_name, statement_counts
    from kg.graphio import GraphFileError, read_graph

    dataset = None
    if args.graph:
        with _library_errors(GraphFileError, OSError):
            dataset = read_graph(args.graph)
    unknown = 0
    for name in args.names:
        resolution = resolve_name(name)
        if resolution.actor is not None and dataset is not None and resolution.iri:
            resolution.counts.update(statement_counts(dataset, resolution.iri))
        unknown += resolution.actor is None
        print("\n".join(describe(resolution)))
    return 1 if unknown else 0


# --- the parser -------------------------------------------------------------------------

# Each command contributes one `_add_*` function; order here is the order in --help.
_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_check,
    _add_extract,
    _add_build,
    _add_query,
    _add_align,
    _add_viz,
    _add_serve,
    _add_push,
    _add_run,
    _add_train,
    _add_actors,
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


class _QuietPipe:
    """A stdout or stderr whose reader may go away (`kg ... | head -1`): once a write
    fails with a broken pipe, the rest of the output is dropped, quietly, and the
    command goes on to its normal end and exit code. The stream's descriptor is pointed
    at os.devnull so that the interpreter's last flush does not fail either."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._break()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._break()

    def writelines(self, lines: Iterator[str]) -> None:
        for line in lines:
            self.write(line)

    def _break(self) -> None:
        self.broken = True
        try:
            fd = self._stream.fileno()
        except (AttributeError, OSError, ValueError):
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
        finally:
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _QuietPipe(sys.stdout), _QuietPipe(sys.stderr)
    try:
        return _dispatch(args)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = saved


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args) or 0)
    except CliError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except InternalError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # anything else is a bug: say so, with the traceback
        traceback.print_exc(file=sys.stderr)
        print(
            f"kg: internal error: {type(error).__name__}: {error} (this is a bug in kg; "
            "the traceback above helps to fix it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
