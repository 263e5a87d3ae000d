"""The bundled sample corpus (data/sample/): enough documents of every kind, all readable,
HTML boilerplate gone, and extraction finds grounded records in most of them."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.extract.readers import ReadIssue, iter_documents
from kg.model import SourceDocument
from kg.paths import data_path

SAMPLE = data_path("sample")


@pytest.fixture(scope="module")
def documents() -> tuple[list[SourceDocument], list[ReadIssue]]:
    issues: list[ReadIssue] = []
    return list(iter_documents(SAMPLE, on_issue=issues.append)), issues


def test_enough_documents_of_every_kind(
    documents: tuple[list[SourceDocument], list[ReadIssue]],
) -> None:
    docs, _ = documents
    assert len(docs) >= 15
    kinds = Counter(Path(doc.path or "").suffix for doc in docs)
    assert kinds[".txt"] >= 10
    html_files = {doc.path for doc in docs if (doc.path or "").endswith(".html")}
    assert len(html_files) >= 2
    jsonl = [doc for doc in docs if (doc.path or "").endswith(".jsonl")]
    assert len(jsonl) >= 2
    assert all(doc.url and doc.title and doc.published for doc in jsonl)


def test_every_file_reads_without_warnings(
    documents: tuple[list[SourceDocument], list[ReadIssue]],
) -> None:
    docs, issues = documents
    assert [str(i) for i in issues if i.level != "note"] == []
    files = sorted(p.name for p in SAMPLE.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    assert sorted({Path(doc.path or "").name for doc in docs}) == files
    for doc in docs:
        assert 700 <= len(doc.text) <= 3000, doc.doc_id
        assert doc.title, doc.doc_id


def test_jsonl_ids_are_unique_and_complete() -> None:
    for path in SAMPLE.glob("*.jsonl"):
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert len({item["id"] for item in items}) == len(items)
        for item in items:
            assert set(item) == {"id", "text", "url", "title", "published"}


def test_html_pages_lose_their_boilerplate(
    documents: tuple[list[SourceDocument], list[ReadIssue]],
) -> None:
    docs, _ = documents
    pages = [doc for doc in docs if (doc.path or "").endswith(".html")]
    for doc in pages:
        assert doc.url and doc.url.startswith("https://")
        assert doc.published
        lowered = doc.text.lower()
        for furniture in ("cookie", "subscribe", "newsletter", "all rights reserved", "share"):
            assert furniture not in lowered, (doc.doc_id, furniture)
        assert "said" in doc.text


def test_most_datelined_documents_have_a_publication_date(
    documents: tuple[list[SourceDocument], list[ReadIssue]],
) -> None:
    docs, _ = documents
    dated = [doc for doc in docs if doc.published]
    assert len(dated) >= len(docs) - 3


def test_the_readme_lists_every_document(
    documents: tuple[list[SourceDocument], list[ReadIssue]],
) -> None:
    docs, _ = documents
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "invented" in readme and "our own words" in readme
    for doc in docs:
        assert f"`{doc.doc_id}`" in readme, doc.doc_id


def test_no_sentence_is_taken_from_the_dev_set(
    documents: tuple[list[SourceDocument], list[ReadIssue]],
) -> None:
    """Our texts, not the dev set's: no run of 9 words is shared with a dev-set document
    (shorter runs are reporting formulas such as "said in a statement read on")."""
    devset = Path(__file__).resolve().parents[2] / "shared" / "devset" / "docs"
    if not devset.is_dir():
        pytest.skip(f"no dev set at {devset}")
    theirs = set().union(*(_runs(p.read_text(encoding="utf-8")) for p in devset.glob("*.txt")))
    docs, _ = documents
    shared = {doc.doc_id: sorted(_runs(doc.text) & theirs) for doc in docs}
    assert {doc_id: runs for doc_id, runs in shared.items() if runs} == {}


def _runs(text: str, size: int = 9) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.slow
def test_extraction_finds_grounded_records_in_most_documents(
    documents: tuple[list[SourceDocument], list[ReadIssue]],
) -> None:
    from kg.extract import Extractor

    docs, _ = documents
    extractor = Extractor()
    by_doc = {doc.doc_id: extractor.extract(doc) for doc in docs}
    with_records = [doc_id for doc_id, records in by_doc.items() if records]
    assert len(with_records) >= 0.8 * len(docs), sorted(set(by_doc) - set(with_records))
    texts = {doc.doc_id: doc.text for doc in docs}
    labelled = 0
    for doc_id, records in by_doc.items():
        for record in records:
            assert record.doc_id == doc_id
            assert record.evidence in texts[doc_id]
            if record.evidence_start is not None:
                span = texts[doc_id][record.evidence_start : record.evidence_end]
                assert span == record.evidence
            labelled += any(record.labels().values())
    assert labelled >= len(docs)
