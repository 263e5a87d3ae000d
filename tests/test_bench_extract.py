"""Smoke test of the extraction benchmark and its document generator (not a timed test)."""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from test_extract_runner import FakeExtractor

from kg.extract.readers import iter_documents

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_extract
import generate


def test_generator_is_deterministic_and_readable(tmp_path: Path) -> None:
    first = list(generate.generate_documents(5, seed=3))
    assert first == list(generate.generate_documents(5, seed=3))
    assert first != list(generate.generate_documents(5, seed=4))
    assert [d.doc_id for d in first] == [f"gen-{i:06d}" for i in range(1, 6)]
    for doc in first:
        assert 50 < len(doc.text.split()) < 600
    path = tmp_path / "docs.jsonl"
    assert generate.write_jsonl(iter(first), path) == 5
    issues: list = []
    again = list(iter_documents(path, on_issue=issues.append))
    assert issues == [] and [d.text for d in again] == [d.text for d in first]
    assert [d.published for d in again] == [d.published for d in first]


def test_benchmark_runs_on_five_documents(tmp_path: Path) -> None:
    docs = list(generate.generate_documents(5, seed=1))
    results = bench_extract.run_benchmark(
        docs,
        [1],
        nlp_loader=lambda: spacy.blank("en"),
        extractor_factory=FakeExtractor,
        workdir=tmp_path,
    )
    assert results["documents"] == 5 and results["extractor_version"] == "fake-1"
    whats = [run["what"] for run in results["runs"]]
    assert whats == [
        "kg extractor alone (no I/O)",
        "bare spaCy parse (nlp.pipe)",
        "kg extract (end to end)",
    ]
    assert all(run["docs_per_s"] > 0 for run in results["runs"])
    assert {c["workers"] for c in results["comparisons"]} == {1}
    table = bench_extract.markdown(results)
    assert "| kg extract (end to end) | 1 |" in table and "target >= 0.5" in table


def test_large_file_benchmark_writes_its_file_and_reads_back_in_slices(tmp_path: Path) -> None:
    import bench_large_file

    path = tmp_path / "big.txt"
    size = bench_large_file.write_big_file(path, 0.05)
    assert 50_000 <= size < 55_000
    docs = list(iter_documents(path, max_bytes=10_000, on_issue=lambda issue: None))
    assert len(docs) >= 5 and all(d.doc_id.startswith("big-slice") for d in docs)
