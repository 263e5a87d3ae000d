"""The extractor over the shared dev set, scored by the shared scorer (targets of issue 4)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.extract.dateline import dateline_date
from kg.model import SourceDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEVSET = SHARED / "devset"
SCORER = SHARED / "eval" / "score.py"

# Targets of issue 4 (measured 1.000 / 0.995 / 1.0 with kg-extract/0.5.0, but the rules were
# developed on this set, so the assertion stays at the targets, not at the measured figures).
SPEAKER_F1 = 0.85
LABEL_F1 = 0.75


def _scorer():
    spec = importlib.util.spec_from_file_location("kg_shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (DEVSET / "gold.json").exists(), reason="../shared/devset is absent")
def test_devset_meets_targets() -> None:
    from kg.extract import Extractor

    score = _scorer()
    documents, texts = [], {}
    for path in sorted((DEVSET / "docs").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        first = text.strip().splitlines()[0]
        title = first if len(first) < 120 else None
        documents.append(
            SourceDocument(path.stem, text, title=title, published=dateline_date(text))
        )
        texts[path.stem] = text
    predictions = [
        record.to_dict() for _, records in Extractor().extract_many(documents) for record in records
    ]
    cases = score.load_gold(DEVSET / "gold.json")
    result = score.score(cases, predictions, texts)
    assert result["evidence_validity"]["rate"] == 1.0
    assert result["speaker"]["f1"] >= SPEAKER_F1, score.table(result)
    assert result["labels_overall"]["f1"] >= LABEL_F1, score.table(result)
