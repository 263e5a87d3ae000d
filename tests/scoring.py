"""Scoring the extractor on a gold set (a folder with docs/*.txt and gold.json) with the shared
scorer, ../shared/eval/score.py. Used by test_extract_devset.py and the held-out guards,
and by the scripts that compare extractors (scripts/model_comparison.py,
scripts/attribution_comparison.py, scripts/nested_cv.py, scripts/extraction_figures.py)."""

from __future__ import annotations

import importlib.util
import json
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from kg.extract.dateline import dateline_date
from kg.model import SourceDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV_SETS = (("devset2", SHARED / "devset2"), ("devset", SHARED / "devset"))
# the record's label fields and the short names the figure tables use
LABELS = {"blames": "blames", "threatens_or_vows_revenge_against": "threatens",
          "condemns": "condemns", "praises_or_supports": "praises",
          "condolences_to": "condolences"}  # fmt: skip


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


def assert_floors_hold(folder: Path, documents: int, speaker_f1: float, label_f1: float) -> None:
    """A held-out guard: `folder` still has `documents` documents, every evidence quote is
    exact, and speaker and label micro-F1 stay at or above their floors."""
    scored = score_gold_set(folder)
    assert scored.documents == documents
    result = scored.result
    assert result["evidence_validity"]["rate"] == 1.0, scored.table
    assert result["speaker"]["f1"] >= speaker_f1, scored.table
    assert result["labels_overall"]["f1"] >= label_f1, scored.table


def corpus_gold(score: ModuleType, cases: Iterable[Any]) -> tuple[Any, dict[str, str]]:
    """The training corpus's cases (kg.corpus.Case) as the scorer's gold, and their texts
    by document id: the scorer reads gold only from a file."""
    cases = list(cases)
    raw = [{"id": c.id, "title": c.title, "published": c.published, "gold": c.gold,
            "not_annotated": []} for c in cases]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gold.json"
        path.write_text(json.dumps(raw), encoding="utf-8")
        gold = score.load_gold(path)
    return gold, {c.id: c.text for c in cases}


def dev_scores(extractor: Any, pipe: str, models: Mapping[str, Any], score: ModuleType
               ) -> dict[str, dict[str, dict]]:  # fmt: skip
    """{dev set: {system: scorer result}}: each system's model put into the pipeline
    component `pipe` in turn (its model is None again afterwards)."""
    component = extractor.nlp.get_pipe(pipe)
    out: dict[str, dict[str, dict]] = {}
    for name, folder in DEV_SETS:
        documents, texts = load_documents(folder / "docs")
        cases = score.load_gold(folder / "gold.json")
        out[name] = {}
        for system, model in models.items():
            component.model = model
            preds = [r.to_dict() for _, rs in extractor.extract_many(documents) for r in rs]
            out[name][system] = score.score(cases, preds, texts)
    component.model = None
    return out


def comparison_tables(results: Mapping[str, Mapping[str, dict]],
                      names: Mapping[str, str] | None = None) -> list[str]:  # fmt: skip
    """Markdown lines: per set a table of systems (columns, headed by `names` or their
    key) by speaker, each label and labels micro, each cell P / R / **F1**."""
    lines: list[str] = []
    for name, by_system in results.items():
        heads = [(names or {}).get(system, system) for system in by_system]
        lines += [f"## {name}", "", "| | " + " | ".join(heads) + " |",
                  "| --- |" + " ---: |" * len(by_system)]  # fmt: skip
        rows = [("speaker", lambda r: r["speaker"])]
        rows += [(short, lambda r, f=field: r["labels"][f]) for field, short in LABELS.items()]
        rows += [("labels (micro)", lambda r: r["labels_overall"])]
        for label, get in rows:
            cells = (_cell(get(r)) for r in by_system.values())
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _cell(m: dict) -> str:
    return f"{m['precision']:.3f} / {m['recall']:.3f} / **{m['f1']:.3f}**"
