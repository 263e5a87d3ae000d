"""Extraction over a corpus: streaming, parallel, resumable, on one machine or a Dask cluster.

`extract_corpus(inputs, output)` reads documents one at a time (kg.extract.readers),
extracts them in batches and writes their records as they come, so memory stays bounded
whatever the corpus size. Files it keeps beside `output`:

* `output` itself: the records (JSON Lines), replaced atomically at the end of a run;
* `output + ".done"`: the index, one `{"doc_id", "version", "records"}` line per document
  extracted (documents with no records included), also replaced atomically;
* `output + ".PID-RANDOM.part"` and `output + ".PID-RANDOM.done.part"`: the work of the
  current run, flushed after every batch, named for this process alone. After a crash or
  Ctrl-C they are still there, and `resume=True` folds what they hold into the output
  before going on (those of every earlier run, oldest first), so no finished document is
  lost; a run without `resume` removes them;
* `.NAME.lock` (kg.files.output_lock): held for the whole run, so a second process
  writing the same output stops at once with kg.files.OutputLocked naming the holder's
  pid. The OS lock ends with its process, so a crashed run does not block the next one.

With `resume=True` a document whose doc_id the index (or, without an index, the output's
records) lists for the same extractor version is skipped; one extracted by another version
is extracted again and its old records are replaced. A document whose extraction raises is
reported with its doc_id and left out of the index (so a later resume retries it); the
others go on.
"""

from __future__ import annotations

import glob
import json
import os
import re
import secrets
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from kg.extract.readers import IssueHandler, ReadIssue, iter_documents
from kg.files import atomic_writer, output_lock
from kg.model import SourceDocument

DEFAULT_BATCH_SIZE = 32
# A batch also closes at this many characters: spaCy parses a batch together, and its
# memory grows with the batch's text (about 2.7 KB a character with kg's pipeline), so
# 32 slices of a big file must not go in one batch. News articles (2,000-8,000
# characters) still fill batches of 12-32.
MAX_BATCH_CHARS = 100_000
# Issues kept in the summary (all of them still go to `on_issue`).
MAX_KEPT_ISSUES = 1000


class ExtractorLike(Protocol):
    version: str

    def extract(self, doc: SourceDocument) -> list[Any]: ...


ExtractorFactory = Callable[[], ExtractorLike]


def default_extractor() -> ExtractorLike:
    """kg's own extractor (spaCy is loaded lazily, on the first document)."""
    from kg.extract import Extractor  # type: ignore[attr-defined]

    return Extractor()


@dataclass
class ExtractSummary:
    output: str
    version: str = ""
    documents: int = 0  # documents read from the inputs
    extracted: int = 0  # documents extracted in this run
    skipped: int = 0  # documents already done by this extractor version (resume)
    failed: int = 0  # documents whose extraction raised
    records: int = 0  # records written by this run
    kept: int = 0  # records kept from the previous output (resume)
    words: int = 0  # words in the documents extracted
    seconds: float = 0.0
    written: bool = False  # whether `output` (and its index) were written by this run
    issue_count: int = 0
    issues: list[ReadIssue] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.extracted / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class _Result:
    doc_id: str
    path: str | None
    words: int
    lines: tuple[str, ...] = ()
    error: str | None = None


def extract_corpus(
    inputs: str | Path | Iterable[str | Path],
    output: str | Path,
    *,
    workers: int = 1,
    resume: bool = False,
    dask_address: str | Any | None = None,
    progress: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    extractor_factory: ExtractorFactory | None = None,
    on_issue: IssueHandler | None = None,
    max_bytes: int | None = None,
    check_language: bool = True,
) -> ExtractSummary:
    """Extract statement records from every document in `inputs` into `output` (JSONL).

    `workers` > 1 runs that many processes, each loading its own extractor once;
    `dask_address` (a scheduler address such as "tcp://10.0.0.5:8786", or a
    `distributed.Client`) runs the batches as tasks on a Dask cluster instead (kg must be
    installed on its workers). `extractor_factory` makes the extractor (default: kg's own,
    `kg.extract.Extractor`); it must be picklable for workers and Dask. Problems with
    inputs and failed documents are passed to `on_issue` as they happen and kept (the
    first 1,000) in the summary. Raises kg.files.OutputLocked, before anything else, when
    another process is writing `output`.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(out):
        return _extract_locked(
            inputs,
            out,
            workers=workers,
            resume=resume,
            dask_address=dask_address,
            progress=progress,
            batch_size=batch_size,
            factory=extractor_factory or default_extractor,
            on_issue=on_issue,
            max_bytes=max_bytes,
            check_language=check_language,
        )


def _extract_locked(
    inputs: str | Path | Iterable[str | Path],
    out: Path,
    *,
    workers: int,
    resume: bool,
    dask_address: str | Any | None,
    progress: bool,
    batch_size: int,
    factory: ExtractorFactory,
    on_issue: IssueHandler | None,
    max_bytes: int | None,
    check_language: bool,
) -> ExtractSummary:
    started = time.perf_counter()
    summary = ExtractSummary(output=str(out))

    def report(issue: ReadIssue) -> None:
        summary.issue_count += 1
        if len(summary.issues) < MAX_KEPT_ISSUES:
            summary.issues.append(issue)
        if on_issue is not None:
            on_issue(issue)

    local = factory()
    with _WORKER_LOCK:  # Dask workers running as threads of this process share it
        _WORKER_EXTRACTORS.setdefault(factory, (local, threading.Lock()))
    summary.version = str(local.version)
    paths = _WorkPaths(out)
    if resume:
        _fold_parts(paths, report)
        done = _done_ids(paths, summary.version, report)
    else:
        paths.remove_leftovers()
        done = set()

    read_options: dict[str, Any] = {
        "on_issue": report,
        "check_language": check_language,
        "exclude": (paths.output, paths.index),
    }
    if max_bytes is not None:
        read_options["max_bytes"] = max_bytes
    docs = _counted(iter_documents(inputs, **read_options), summary)
    todo = _skip_done(docs, done, summary)
    extracted: set[str] = set()
    bar = _progress_bar(progress)
    try:
        with (
            paths.part.open("w", encoding="utf-8") as part,
            paths.done_part.open("w", encoding="utf-8") as done_part,
        ):
            batches = _batched(todo, batch_size)
            for results in _run(batches, local, factory, workers, dask_address):
                _write_batch(results, summary, part, done_part, extracted, report)
                bar.update(len(results))
                bar.set_postfix(records=summary.records, refresh=False)
        if summary.documents or resume:
            summary.kept = _merge(
                paths,
                paths.part,
                paths.done_part,
                superseded=extracted,
                keep_old=resume,
                report=report,
            )
            summary.written = True
        paths.remove_parts()
    finally:
        bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


# --- work files ---------------------------------------------------------------------------


class _WorkPaths:
    """The output, its index, and this run's work files (named for this process: the
    lock keeps other kg processes out, and unique names keep even a process that does not
    take the lock from truncating this run's work)."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.index = Path(f"{output}.done")
        tag = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.part = Path(f"{output}.{tag}.part")
        self.done_part = Path(f"{output}.{tag}.done.part")
        output.parent.mkdir(parents=True, exist_ok=True)

    def leftovers(self) -> list[tuple[Path, Path]]:
        """(records, index) work files of earlier runs that did not finish, oldest first,
        the fixed names of earlier kg versions (OUTPUT.part, OUTPUT.done.part) included.
        A records file without its index holds no finished document; it is listed with
        the index it would have had."""
        name = self.output.name
        own = re.compile(rf"{re.escape(name)}(\.\d+-[0-9a-f]{{8}})?(\.done)?\.part")
        ours = {self.part, self.done_part}
        found: dict[Path, Path] = {}
        for path in self.output.parent.glob(f"{glob.escape(name)}.*part"):
            if path in ours or not own.fullmatch(path.name):
                continue
            stem = path.name.removesuffix(".part").removesuffix(".done")
            found.setdefault(path.with_name(stem + ".part"), path.with_name(stem + ".done.part"))
        return sorted(found.items(), key=lambda pair: _mtime(pair[0]))

    def remove_leftovers(self) -> None:
        for part, done_part in self.leftovers():
            _remove(part, done_part)

    def remove_parts(self) -> None:
        _remove(self.part, self.done_part)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(*paths: Path) -> None:
    for path in paths:
        if path.exists():
            path.unlink()


def _json_lines(path: Path, report: IssueHandler) -> Iterator[tuple[str, dict[str, Any]]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                data = None
            if not isinstance(data, dict) or not isinstance(data.get("doc_id"), str):
                report(ReadIssue(str(path), number, "unreadable record line; dropped"))
                continue
            yield line if line.endswith("\n") else line + "\n", data


def _fold_parts(paths: _WorkPaths, report: IssueHandler) -> None:
    """Fold the work files that crashed runs left into the output and its index, oldest
    first (a later run's records of a document replace an earlier one's)."""
    for part, done_part in paths.leftovers():
        if done_part.exists():
            finished = {data["doc_id"] for _, data in _json_lines(done_part, report)}
            if finished:
                report(
                    ReadIssue(
                        str(part), None,
                        f"recovered {len(finished)} documents from an interrupted run", "note",
                    )
                )  # fmt: skip
            _merge(paths, part, done_part, superseded=finished, keep_old=True, report=report)
        _remove(part, done_part)


def _merge(
    paths: _WorkPaths,
    part: Path,
    done_part: Path,
    *,
    superseded: set[str],
    keep_old: bool,
    report: IssueHandler,
) -> int:
    """Write output = (old records of documents not in `superseded`, when `keep_old`) +
    the records of `part` of the finished documents; the index likewise, from
    `done_part`. Both atomically. Returns the number of old records kept."""
    kept = 0
    with atomic_writer(paths.output) as handle:
        if keep_old:
            for line, data in _json_lines(paths.output, report):
                if data["doc_id"] not in superseded:
                    handle.write(line)
                    kept += 1
        for line, data in _json_lines(part, report):
            if data["doc_id"] in superseded:
                handle.write(line)
    with atomic_writer(paths.index) as handle:
        if keep_old:
            for line, data in _json_lines(paths.index, report):
                if data["doc_id"] not in superseded:
                    handle.write(line)
        for line, _ in _json_lines(done_part, report):
            handle.write(line)
    return kept


def _done_ids(paths: _WorkPaths, version: str, report: IssueHandler) -> set[str]:
    """Documents the existing output holds for `version`: from the index, or (no index)
    from the records' `extractor` field."""
    source = paths.index if paths.index.exists() else paths.output
    field_name = "version" if source == paths.index else "extractor"
    return {
        data["doc_id"]
        for _, data in _json_lines(source, report)
        if str(data.get(field_name)) == version
    }


def _write_batch(
    results: Sequence[_Result],
    summary: ExtractSummary,
    part: IO[str],
    done_part: IO[str],
    extracted: set[str],
    report: IssueHandler,
) -> None:
    entries = []
    for result in results:
        if result.error is not None:
            summary.failed += 1
            report(
                ReadIssue(
                    result.path or result.doc_id, None,
                    f"extraction failed for document {result.doc_id!r}: {result.error}; "
                    "skipped (the other documents go on)",
                )
            )  # fmt: skip
            continue
        part.writelines(result.lines)
        summary.extracted += 1
        summary.records += len(result.lines)
        summary.words += result.words
        extracted.add(result.doc_id)
        entry = {"doc_id": result.doc_id, "version": summary.version, "records": len(result.lines)}
        entries.append(json.dumps(entry, ensure_ascii=False) + "\n")
    # Records first, then the index entries that vouch for them.
    part.flush()
    os.fsync(part.fileno())
    done_part.writelines(entries)
    done_part.flush()


# --- documents in, batches out -------------------------------------------------------------


def _counted(docs: Iterator[SourceDocument], summary: ExtractSummary) -> Iterator[SourceDocument]:
    for doc in docs:
        summary.documents += 1
        yield doc


def _skip_done(
    docs: Iterator[SourceDocument], done: set[str], summary: ExtractSummary
) -> Iterator[SourceDocument]:
    for doc in docs:
        if doc.doc_id in done:
            summary.skipped += 1
            continue
        yield doc


def _batched(
    docs: Iterator[SourceDocument], size: int, max_chars: int = MAX_BATCH_CHARS
) -> Iterator[list[SourceDocument]]:
    """Batches of at most `size` documents and (but for a single document) `max_chars`
    characters, taken lazily from `docs`."""
    batch: list[SourceDocument] = []
    chars = 0
    for doc in docs:
        if batch and chars + len(doc.text) > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def extract_batch(extractor: ExtractorLike, batch: Sequence[SourceDocument]) -> list[_Result]:
    """Extract a batch, one failure costing only its own document. Uses the extractor's
    `extract_many` (batched parsing) when it has one, and falls back to one document at a
    time after an error."""
    results: list[_Result] = []
    many = getattr(extractor, "extract_many", None)
    if many is not None:
        try:
            for doc, records in many(batch, batch_size=len(batch)):
                results.append(_ok(doc, records))
        except Exception:  # one bad document must not stop the batch
            pass
    for doc in batch[len(results) :]:
        try:
            results.append(_ok(doc, extractor.extract(doc)))
        except Exception as error:
            results.append(_Result(doc.doc_id, doc.path, 0, error=_describe(error)))
    return results


def _ok(doc: SourceDocument, records: Iterable[Any]) -> _Result:
    lines = []
    for record in records:
        data = record.to_dict() if hasattr(record, "to_dict") else dict(record)
        lines.append(json.dumps(data, ensure_ascii=False) + "\n")
    return _Result(doc.doc_id, doc.path, len(doc.text.split()), tuple(lines))


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


# --- where batches run: here, in worker processes, or on a Dask cluster --------------------

# One extractor per worker process (or Dask worker), loaded on its first batch.
_WORKER_EXTRACTORS: dict[ExtractorFactory, tuple[ExtractorLike, threading.Lock]] = {}
_WORKER_LOCK = threading.Lock()


def _worker_extractor(factory: ExtractorFactory) -> tuple[ExtractorLike, threading.Lock]:
    with _WORKER_LOCK:
        if factory not in _WORKER_EXTRACTORS:
            _WORKER_EXTRACTORS[factory] = (factory(), threading.Lock())
        return _WORKER_EXTRACTORS[factory]


def _init_worker(factory: ExtractorFactory) -> None:
    _worker_extractor(factory)


def run_batch_task(batch: list[SourceDocument], factory: ExtractorFactory) -> list[_Result]:
    """A batch as a task, on whatever process runs it (pool worker or Dask worker)."""
    extractor, lock = _worker_extractor(factory)
    with lock:  # a Dask worker may run several tasks in threads; one extractor each time
        return extract_batch(extractor, batch)


def _run(
    batches: Iterator[list[SourceDocument]],
    local: ExtractorLike,
    factory: ExtractorFactory,
    workers: int,
    dask_address: str | Any | None,
) -> Iterator[list[_Result]]:
    if dask_address is not None:
        yield from _run_dask(batches, factory, dask_address, workers)
    elif workers == 1:
        for batch in batches:
            yield extract_batch(local, batch)
    else:
        yield from _run_pool(batches, factory, workers)


def _run_pool(
    batches: Iterator[list[SourceDocument]], factory: ExtractorFactory, workers: int
) -> Iterator[list[_Result]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")  # no forking of threads or spaCy state

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(factory,)
        )

    pool = new_pool()
    try:
        pending: deque[tuple[list[SourceDocument], Any]] = deque()
        for batch in batches:
            try:
                future = pool.submit(run_batch_task, batch, factory)
            except BrokenProcessPool:  # a worker died: its batches fail, a new pool goes on
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                future = pool.submit(run_batch_task, batch, factory)
            pending.append((batch, future))
            while len(pending) >= 2 * workers:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(
    batches: Iterator[list[SourceDocument]],
    factory: ExtractorFactory,
    address: str | Any,
    workers: int,
) -> Iterator[list[_Result]]:
    from distributed import Client

    own = isinstance(address, str)
    client = Client(address) if own else address
    try:
        slots = max(2 * sum(client.nthreads().values()), 2 * workers, 2)
        pending: deque[tuple[list[SourceDocument], Any]] = deque()
        for batch in batches:
            future = client.submit(run_batch_task, batch, factory, pure=False)
            pending.append((batch, future))
            while len(pending) >= slots:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())
    finally:
        if own:
            client.close()


def _collect(batch: list[SourceDocument], future: Any) -> list[_Result]:
    """A finished batch; when its worker died, every document of it is marked failed (a
    later resume retries them)."""
    try:
        return future.result()
    except Exception as error:  # a dead worker, a lost task
        reason = f"worker failed on this batch ({_describe(error)})"
        return [_Result(doc.doc_id, doc.path, 0, error=reason) for doc in batch]


def _progress_bar(progress: bool) -> Any:
    from tqdm import tqdm

    enabled = progress and sys.stderr.isatty()
    return tqdm(
        desc="extract", unit="doc", file=sys.stderr, disable=not enabled, dynamic_ncols=True
    )
