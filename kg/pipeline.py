"""The whole pipeline in one call: documents in, graph, alignment table and page out.

    >>> from kg.pipeline import run
    >>> summary = run(["data/sample"], "out")          # doctest: +SKIP
    >>> summary.statements, summary.conforms           # doctest: +SKIP

`run(inputs, out_dir)` chains the stages, each a call to another module's public function
(this module does no stage work itself):

| stage    | call                                        | writes in `out_dir`             |
| -------- | ------------------------------------------- | ------------------------------- |
| extract  | `kg.extract.runner.extract_corpus`          | `statements.jsonl`              |
| build    | `kg.records.load_statements`, `kg.build.build_graph` |                        |
| reason   | `kg.reason.infer` (skipped: `reason=False`) |                                 |
| validate | `kg.validate.validate` (SHACL)              | `shacl-report.txt` if not clean |
| align    | `kg.align.alignment`, `kg.align_export`     | `alignment.csv`, `.graphml`     |
| graph    | `kg.graphio.write_graph`                    | `graph.ttl` and its sidecars    |
| viz      | `kg.viz.visualize`                          | `graph.html`                    |
| summary  | `kg.pipeline_summary` (formatting only)     | `summary.json`, `summary.md`    |

Turtle holds one graph, so the inferred triples and the alignment scores go to sidecar
files beside `graph.ttl` (kg.graphio's convention); `kg.graphio.read_graph("out/graph.ttl")`
loads all three back into their named graphs.

With `progress=True` each stage is reported on stderr as it finishes (and extraction shows
its own progress bar on a terminal). The returned `RunSummary` carries the figures; the
CLI prints it.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.files import write_text_atomic
from kg.pipeline_summary import (
    SUMMARY_JSON,
    SUMMARY_MD,
    RunSummary,
    StageReport,
    summary_markdown,
    summary_text,
)

if TYPE_CHECKING:
    from kg.timeframe import DateWindow

__all__ = [
    "PipelineError",
    "RunSummary",
    "StageReport",
    "check_inputs",
    "run",
    "summary_markdown",
    "summary_text",
]

STATEMENTS_FILE = "statements.jsonl"
GRAPH_FILE = "graph.ttl"
ALIGNMENT_CSV = "alignment.csv"
ALIGNMENT_GRAPHML = "alignment.graphml"
HTML_FILE = "graph.html"
SHACL_REPORT = "shacl-report.txt"
# Columns of the alignment table kept in the summary (kg.align_export has them all).
TOP_COLUMNS = ("rank", "actor_a", "actor_b", "score", "common_targets")


class PipelineError(RuntimeError):
    """The run cannot go on (nothing to read, nothing extracted); the message says why."""


StageHook = Callable[[StageReport], None]


def run(
    inputs: str | Path | Iterable[str | Path],
    out_dir: str | Path,
    *,
    workers: int = 1,
    reason: bool = True,
    resume: bool = False,
    progress: bool = True,
    top: int = 10,
    on_issue: Callable[[Any], None] | None = None,
    on_stage: StageHook | None = None,
    extractor_factory: Callable[[], Any] | None = None,
    window: DateWindow | None = None,
) -> RunSummary:
    """Run the whole pipeline over `inputs` (document files or folders) into `out_dir`.

    `workers` extraction processes; `reason=False` skips OWL-RL reasoning; `resume=True`
    keeps the records of documents an earlier run into the same `out_dir` already
    extracted with this extractor version, and extracts only the others; `progress`
    reports each stage on stderr as it ends (`on_stage` receives the same reports);
    `top` alignments go into the summary; `on_issue` receives every input problem as it
    happens (a `kg.extract.readers.ReadIssue`, whose `level` is "warning" or "note", or a
    `kg.records.LoadIssue`; `str()` of either names the file and line); `window` keeps
    in the graph (and so in the alignment and the page) only the records whose analysis
    date falls in it, while `statements.jsonl` keeps every record extracted. Raises
    PipelineError when an input does not exist or no document could be read."""
    started = time.perf_counter()
    paths = [str(p) for p in ([inputs] if isinstance(inputs, str | Path) else inputs)]
    out = Path(out_dir)
    check_inputs(paths, out)
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary(inputs=paths, out_dir=str(out), reasoned=reason)
    if window is not None:
        summary.since, summary.until = window.since, window.until

    def issue(found: Any) -> None:
        if getattr(found, "level", "warning") == "note":
            summary.notes.append(str(found))
        else:
            summary.add_issue(str(found))
        if on_issue is not None:
            on_issue(found)

    stage = _stage_runner(summary, progress, on_stage)

    with stage("extract") as report:
        options = {"workers": workers, "resume": resume, "progress": progress}
        records_path = _extract(paths, out, options, extractor_factory, issue, summary)
        report.note = (
            f"{_count(summary.documents, 'document')} -> "
            f"{_count(summary.records_extracted, 'record')}"
        )
        if summary.documents_skipped:
            report.note += f" ({summary.documents_skipped:,} done before)"
    summary.files["statements"] = str(records_path)
    if summary.documents == 0:
        raise PipelineError(f"no document could be read from {', '.join(paths)}")

    with stage("build") as report:
        dataset = _build(records_path, summary, issue, window)
        report.note = f"{summary.triples_asserted:,} triples, {summary.actors:,} actors"

    with stage("reason", skip=not reason) as report:
        if reason:
            dataset = _reason(dataset, summary)
            report.note = f"+{summary.triples_inferred:,} inferred triples"
        else:
            report.note = "skipped (--no-reason)"

    with stage("validate") as report:
        _validate(dataset, out, summary)
        report.note = "conforms" if summary.conforms else f"{summary.violations} SHACL violations"

    with stage("align") as report:
        aligned = _align(dataset, out, top, summary)
        report.note = (
            f"{summary.alignment_pairs:,} actor pairs scored, "
            f"{summary.triples_alignment:,} alignment triples"
        )

    with stage("graph") as report:
        written = _write_graph(dataset, out)
        summary.files["graph"] = str(written[0])
        for extra in written[1:]:
            summary.files[extra.name.removeprefix("graph.").split(".")[0]] = str(extra)
        report.note = ", ".join(p.name for p in written)

    with stage("viz") as report:
        summary.files["html"] = str(_visualise(aligned, out))
        report.note = HTML_FILE

    summary.seconds = time.perf_counter() - started
    summary.files["summary_json"] = str(out / SUMMARY_JSON)
    summary.files["summary_md"] = str(out / SUMMARY_MD)
    write_text_atomic(out / SUMMARY_JSON, json.dumps(summary.to_dict(), indent=2) + "\n")
    write_text_atomic(out / SUMMARY_MD, summary_markdown(summary))
    return summary


def check_inputs(inputs: Iterable[str | Path], out_dir: str | Path) -> None:
    """Refuse, before anything runs, what would only fail later: an input that does not
    exist (a mistyped path among good ones would otherwise go unnoticed in a long run),
    an output folder inside an input folder."""
    paths = [str(p) for p in inputs]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise PipelineError(f"{', '.join(missing)}: no such file or folder")
    _check_out_dir(paths, Path(out_dir))


def _check_out_dir(inputs: list[str], out: Path) -> None:
    """Refuse an output folder inside an input folder: the next run would read its own
    graph.html as a news document."""
    target = out.resolve()
    for raw in inputs:
        source = Path(raw).resolve()
        if source.is_dir() and target.is_relative_to(source):
            raise PipelineError(
                f"the output folder {out} is inside the input folder {raw}, so a later run "
                "would read its own outputs as documents; choose an output folder outside "
                "the inputs"
            )


# --- the stages: one call each to the module that does the work -----------------------------


def _extract(
    inputs: list[str],
    out: Path,
    options: dict[str, Any],
    factory: Callable[[], Any] | None,
    issue: Callable[[Any], None],
    summary: RunSummary,
) -> Path:
    from kg.extract.runner import extract_corpus

    output = out / STATEMENTS_FILE
    result = extract_corpus(inputs, output, extractor_factory=factory, on_issue=issue, **options)
    summary.documents = result.documents
    summary.documents_skipped = result.skipped
    summary.failed_documents = result.failed
    summary.records_extracted = result.records + result.kept
    summary.extractor_version = result.version
    return output


def _build(
    records_path: Path,
    summary: RunSummary,
    issue: Callable[[Any], None],
    window: DateWindow | None = None,
) -> Any:
    from kg.build import build_graph
    from kg.records import LoadResult, load_statements
    from kg.timeframe import count_window

    # An empty records file (no statement found anywhere) is not a problem to report.
    empty = summary.records_extracted == 0 and (
        not records_path.exists() or records_path.stat().st_size == 0
    )
    loaded = LoadResult() if empty else load_statements([records_path])
    for problem in loaded.issues:
        issue(problem)
    summary.rejected_records = len(loaded.issues)
    statements = loaded.statements
    if window is not None:
        counted = count_window((s.analysis_date for s in statements), window)
        statements = [s for s in statements if window.contains(s.analysis_date)]
        summary.statements_left_out = counted.outside + counted.undated
        summary.window_note = counted.note(window, "records")
    summary.statements = len(statements)
    summary.documents_with_statements = len({s.doc_id for s in statements})
    dataset = build_graph(statements)
    summary.triples_asserted = len(dataset.graph(_graph_iri("asserted")))
    summary.actors = _count_actors(dataset)
    return dataset


def _reason(dataset: Any, summary: RunSummary) -> Any:
    from kg.reason import add_inferred, infer

    inferred = infer(dataset)
    summary.triples_inferred = len(inferred)
    return add_inferred(dataset, inferred)


def _validate(dataset: Any, out: Path, summary: RunSummary) -> None:
    from kg.validate import validate

    report = validate(dataset)
    summary.conforms = report.conforms
    summary.violations = len(report.errors)
    summary.shacl_warnings = len(report.warnings)
    report_path = out / SHACL_REPORT
    if report.violations:
        text = "\n".join([report.summary(), *(str(v) for v in report.violations)])
        write_text_atomic(report_path, text + "\n")
        summary.files["shacl_report"] = str(report_path)
    elif report_path.exists():
        report_path.unlink()  # a stale report from an earlier run


def _align(dataset: Any, out: Path, top: int, summary: RunSummary) -> Any:
    from kg.align import alignment
    from kg.align_export import add_alignment, alignment_rows, write_csv, write_graphml

    result = alignment(dataset)
    summary.files["alignment_csv"] = str(write_csv(result, out / ALIGNMENT_CSV))
    summary.files["alignment_graphml"] = str(write_graphml(result.graph, out / ALIGNMENT_GRAPHML))
    add_alignment(dataset, result)
    summary.triples_alignment = len(dataset.graph(_graph_iri("alignment")))
    summary.alignment_pairs = len(result.pairs)
    summary.top_alignments = [
        {column: row[column] for column in TOP_COLUMNS} for row in alignment_rows(result, top)
    ]
    return result


def _write_graph(dataset: Any, out: Path) -> list[Path]:
    from kg.graphio import write_graph

    return write_graph(dataset, out / GRAPH_FILE)


def _visualise(aligned: Any, out: Path) -> Path:
    from kg.viz import visualize

    return visualize(aligned, out / HTML_FILE)


def _graph_iri(name: str) -> Any:
    from kg import vocab

    return {
        "asserted": vocab.ASSERTED_GRAPH,
        "inferred": vocab.INFERRED_GRAPH,
        "alignment": vocab.ALIGNMENT_GRAPH,
    }[name]


def _count_actors(dataset: Any) -> int:
    from rdflib.namespace import RDF

    from kg.vocab import ACTOR_CLASSES, KG

    asserted = dataset.graph(_graph_iri("asserted"))
    classes = {*ACTOR_CLASSES.values(), KG.Actor, KG.UmbrellaFront}
    return len({s for cls in classes for s in asserted.subjects(RDF.type, cls)})


# --- stage reporting ------------------------------------------------------------------------


STAGES = ("extract", "build", "reason", "validate", "align", "graph", "viz")


def _stage_runner(
    summary: RunSummary, show: bool, on_stage: StageHook | None
) -> Callable[..., Any]:
    @contextmanager
    def stage(name: str, *, skip: bool = False) -> Iterator[StageReport]:
        report = StageReport(name, skipped=skip)
        if show:
            _show_start(report)
        started = time.perf_counter()
        yield report
        report.seconds = time.perf_counter() - started
        summary.stages.append(report)
        if show:
            _show_end(report)
        if on_stage is not None:
            on_stage(report)

    return stage


def _show_start(report: StageReport) -> None:
    """On a terminal, say which stage is running (the end line overwrites it)."""
    if sys.stderr.isatty():
        sys.stderr.write(f"  … {_position(report)} {report.name} ...\r")
        sys.stderr.flush()


def _show_end(report: StageReport) -> None:
    """The progress display: one line per stage on stderr, as the stage ends."""
    from tqdm import tqdm

    mark = "-" if report.skipped else "✓"
    line = (
        f"  {mark} {_position(report)} {report.name:<9} {report.note:<58} {report.seconds:5.1f} s"
    )
    if sys.stderr.isatty():
        line = "\x1b[2K" + line  # erase what is left of the "running" line
    tqdm.write(line, file=sys.stderr)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _position(report: StageReport) -> str:
    number = STAGES.index(report.name) + 1 if report.name in STAGES else 0
    return f"[{number}/{len(STAGES)}]"
