"""The corpus runner: streaming output, workers, resume, failures, atomic output, Dask.

A small fake extractor stands in for spaCy so these tests stay fast; it makes one record
per sentence containing "said", fails on documents containing "EXPLODE", and interrupts
the whole run (like Ctrl-C) on "INTERRUPT".
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.extract.readers import ReadIssue
from kg.extract.runner import extract_batch, extract_corpus
from kg.model import SourceDocument, Statement


class FakeExtractor:
    version = "fake-1"

    def extract(self, doc: SourceDocument) -> list[Statement]:
        if "EXPLODE" in doc.text:
            raise RuntimeError("parser blew up")
        if "INTERRUPT" in doc.text:
            raise KeyboardInterrupt
        records = []
        for sentence in doc.text.split(". "):
            if "said" in sentence:
                records.append(
                    Statement(
                        doc_id=doc.doc_id,
                        speaker="Kata'ib Hezbollah",
                        speaker_surface="the group",
                        speaker_type="militia",
                        evidence=sentence.strip()[:60],
                        extractor=self.version,
                        extra={"pid": os.getpid()},
                    )
                )
        return records


class FakeExtractorV2(FakeExtractor):
    version = "fake-2"


class BatchingFake(FakeExtractor):
    """Has extract_many, like the real extractor."""

    def extract_many(self, docs, batch_size=32):
        for doc in docs:
            yield doc, self.extract(doc)


SAID = "The group said it would respond. The army said nothing happened. Calm returned."


def write_docs(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def index(path: Path) -> dict[str, dict]:
    lines = Path(f"{path}.done").read_text(encoding="utf-8").splitlines()
    return {entry["doc_id"]: entry for entry in map(json.loads, lines)}


def work_files(output: Path) -> list[Path]:
    """The work files of runs into `output` (OUTPUT.PID-RANDOM.part, ...done.part)."""
    return sorted(output.parent.glob(f"{output.name}.*part"))


def run(inputs, output, **options):
    issues: list[ReadIssue] = []
    options.setdefault("extractor_factory", FakeExtractor)
    options.setdefault("progress", False)
    summary = extract_corpus(inputs, output, on_issue=issues.append, **options)
    return summary, issues


def test_streams_records_and_writes_index(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", {f"{i:02d}": SAID for i in range(5)} | {"none": "Quiet."})
    out = tmp_path / "out" / "statements.jsonl"
    summary, issues = run(docs, out, batch_size=2)
    assert issues == []
    assert (summary.documents, summary.extracted, summary.records) == (6, 6, 10)
    assert summary.words == 5 * len(SAID.split()) + 1 and summary.seconds > 0
    rows = records(out)
    assert [r["doc_id"] for r in rows] == [f"{i:02d}" for i in range(5) for _ in (1, 2)]
    assert rows[0]["evidence"] == "The group said it would respond"
    assert index(out)["none"] == {"doc_id": "none", "version": "fake-1", "records": 0}
    assert work_files(out) == []
    assert summary.version == "fake-1"


def test_uses_extract_many_when_present(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", {"a": SAID, "b": "EXPLODE said. " + SAID, "c": SAID})
    out = tmp_path / "s.jsonl"
    summary, issues = run(docs, out, extractor_factory=BatchingFake)
    assert (summary.extracted, summary.failed, summary.records) == (2, 1, 4)
    assert [r["doc_id"] for r in records(out)] == ["a", "a", "c", "c"]
    assert len(issues) == 1 and "'b'" in issues[0].reason


def test_extract_batch_isolates_failures() -> None:
    batch = [SourceDocument("x", "EXPLODE"), SourceDocument("y", SAID)]
    results = extract_batch(FakeExtractor(), batch)
    assert results[0].error == "RuntimeError: parser blew up"
    assert results[1].error is None and len(results[1].lines) == 2


def test_failing_document_does_not_lose_the_others(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", {"a": SAID, "b": "EXPLODE. " + SAID, "c": SAID})
    out = tmp_path / "s.jsonl"
    summary, issues = run(docs, out, batch_size=8)
    assert (summary.documents, summary.extracted, summary.failed) == (3, 2, 1)
    assert {r["doc_id"] for r in records(out)} == {"a", "c"}
    [issue] = issues
    assert issue.path.endswith("b.txt")
    assert "extraction failed for document 'b'" in issue.reason and "parser blew up" in issue.reason
    assert "b" not in index(out)  # not marked done: a resume retries it


def test_resume_skips_documents_done_by_the_same_version(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", {"a": SAID, "b": "Nothing here.", "c": SAID})
    out = tmp_path / "s.jsonl"
    run(docs, out)
    write_docs(docs, {"d": SAID})
    summary, _ = run(docs, out, resume=True)
    assert (summary.skipped, summary.extracted, summary.kept) == (3, 1, 4)  # b: zero records
    assert [r["doc_id"] for r in records(out)] == ["a", "a", "c", "c", "d", "d"]
    assert set(index(out)) == {"a", "b", "c", "d"}

    # Without --resume everything is extracted again and the output replaced.
    summary, _ = run(docs, out)
    assert (summary.skipped, summary.extracted, summary.kept) == (0, 4, 0)
    assert len(records(out)) == 6


def test_resume_reextracts_documents_of_another_version(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", {"a": SAID, "b": SAID})
    out = tmp_path / "s.jsonl"
    run(docs, out)
    # A record of a document that is not in this run's input is kept as it is.
    with out.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"doc_id": "other", "extractor": "fake-1"}) + "\n")
    summary, _ = run(docs, out, resume=True, extractor_factory=FakeExtractorV2)
    assert (summary.skipped, summary.extracted, summary.kept) == (0, 2, 1)
    rows = records(out)
    assert [r["doc_id"] for r in rows] == ["other", "a", "a", "b", "b"]
    assert {r["extractor"] for r in rows[1:]} == {"fake-2"}
    assert {e["version"] for e in index(out).values()} == {"fake-2"}


def test_resume_without_index_uses_the_records_extractor_field(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", {"a": SAID, "b": SAID})
    out = tmp_path / "s.jsonl"
    run(docs, out)
    Path(f"{out}.done").unlink()
    summary, _ = run(docs, out, resume=True)
    assert (summary.skipped, summary.extracted) == (2, 0)
    assert len(records(out)) == 4


def test_interrupted_run_keeps_old_output_and_resume_recovers_its_work(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", {"a": SAID, "b": SAID})
    out = tmp_path / "s.jsonl"
    run(docs, out)
    before = out.read_bytes()
    write_docs(docs, {"c": SAID, "d": "INTERRUPT", "e": SAID})
    with pytest.raises(KeyboardInterrupt):
        run(docs, out, resume=True, batch_size=1)
    assert out.read_bytes() == before  # atomic: the old output is untouched
    [done_part, part] = work_files(out)  # the work done so far is on disk, named for its run
    assert part.name.startswith(f"{out.name}.{os.getpid()}-")
    assert done_part.name == part.name.removesuffix(".part") + ".done.part"

    write_docs(docs, {"d": SAID})
    summary, issues = run(docs, out, resume=True)
    assert any("recovered 1 documents" in i.reason for i in issues)
    assert (summary.skipped, summary.extracted) == (3, 2)  # a, b, c done; d, e now
    assert [r["doc_id"] for r in records(out)] == ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e"]
    assert work_files(out) == []


def test_nothing_readable_leaves_output_alone(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "s.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    summary, issues = run(tmp_path / "in", out)
    assert summary.documents == 0 and issues[0].reason == "empty file; skipped"
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_two_worker_processes(tmp_path: Path) -> None:
    texts = {f"{i:02d}": SAID for i in range(12)} | {"05": "EXPLODE. " + SAID}
    docs = write_docs(tmp_path / "in", texts)
    out = tmp_path / "s.jsonl"
    summary, issues = run(docs, out, workers=2, batch_size=2)
    assert (summary.extracted, summary.failed, summary.records) == (11, 1, 22)
    rows = records(out)
    expected = [f"{i:02d}" for i in range(12) if i != 5]
    assert [r["doc_id"] for r in rows[::2]] == expected  # input order kept
    assert os.getpid() not in {r["pid"] for r in rows}  # extracted in the workers
    assert "'05'" in issues[0].reason


def test_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    docs = write_docs(tmp_path / "in", {f"{i}": SAID for i in range(6)} | {"x": "EXPLODE"})
    out = tmp_path / "s.jsonl"
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary, issues = run(docs, out, dask_address=client, batch_size=2)
        assert (summary.extracted, summary.failed, summary.records) == (6, 1, 12)
        assert "'x'" in issues[0].reason
        # An address works as well as a client.
        summary, _ = run(docs, tmp_path / "t.jsonl", dask_address=cluster.scheduler_address)
        assert summary.records == 12
    assert [r["doc_id"] for r in records(out)][::2] == [str(i) for i in range(6)]


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="workers"):
        run(tmp_path, tmp_path / "s.jsonl", workers=0)


def test_output_inside_an_input_folder_is_not_read_back(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", {"a": SAID})
    out = docs / "statements.jsonl"
    run(docs, out)
    summary, issues = run(docs, out, resume=True)
    assert (summary.documents, summary.skipped) == (1, 1)
    assert {i.level for i in issues} == {"note"}
    assert any("output of this run" in i.reason for i in issues)


def test_batches_close_at_a_character_budget() -> None:
    """spaCy parses a batch together: slices of a big file must not share one batch."""
    from kg.extract.runner import _batched

    docs = [SourceDocument(f"d{i}", "x" * size) for i, size in enumerate([60, 50, 10, 200, 5])]
    batches = [[d.doc_id for d in batch] for batch in _batched(iter(docs), 3, max_chars=100)]
    assert batches == [["d0"], ["d1", "d2"], ["d3"], ["d4"]]
    small = [SourceDocument(f"s{i}", "y") for i in range(7)]
    assert [len(b) for b in _batched(iter(small), 3, max_chars=100)] == [3, 3, 1]
