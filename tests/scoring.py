"""Scoring the extractor on a gold set (a folder with docs/*.txt and gold.json) with the shared
scorer, ../shared/eval/score.py. Used by test_extract_devset.py and test_extract_heldout.py."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from kg.extract.dateline import dateline_date
from kg.model import SourceDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"


def load_scorer() -> ModuleType:
    """The shared scorer, imported from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("kg_shared_score", SCORER)
    assert spec is not None and spec.loader is not None, f"cannot import {SCORER}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_documents(docs: Path) -> tuple[list[SourceDocument], dict[str, str]]:
    """Every docs/*.txt as a SourceDocument (a short first line is the title, the dateline
    the publication date), and the texts by document id for the scorer's evidence check."""
    documents, texts = [], {}
    for path in sorted(docs.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        first = text.strip().splitlines()[0]
        title = first if len(first) < 120 else None
        documents.append(
            SourceDocument(path.stem, text, title=title, published=dateline_date(text))
        )
        texts[path.stem] = text
    return documents, texts


@dataclass(frozen=True)
class Scored:
    documents: int
    result: dict
    table: str  # the scorer's printed table, for assertion messages


def score_gold_set(folder: Path) -> Scored:
    """Run the extractor over `folder`/docs and score it against `folder`/gold.json."""
    from kg.extract import Extractor

    score = load_scorer()
    documents, texts = load_documents(folder / "docs")
    predictions = [
        record.to_dict() for _, records in Extractor().extract_many(documents) for record in records
    ]
    result = score.score(score.load_gold(folder / "gold.json"), predictions, texts)
    return Scored(len(documents), result, score.table(result))
