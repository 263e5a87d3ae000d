#!/usr/bin/env python3
"""Measure extraction quality on the gold sets and write the figures the docs quote.

    .venv/bin/python scripts/extraction_figures.py [--out bench/results/extraction-quality.md]

Runs the extractor over ../shared/devset (part 1), ../shared/devset2 (part 2) and
tests/heldout, scores each with the shared scorer (../shared/eval/score.py), and writes one
markdown file: per-label precision / recall / F1 for every set, the attribute accuracies
(speaker_affiliation, which the scorer does not score, is measured here), and the
precision of records by confidence bin (scripts/confidence_bins.py). README.md and
docs/extraction.md quote this file; re-run it when the extractor changes.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from confidence_bins import judged  # noqa: E402

from tests.scoring import LABELS, SHARED, load_documents, load_scorer  # noqa: E402

SETS = (
    ("devset2", SHARED / "devset2", "part 2: 24 documents by other annotators (the measurement)"),
    ("devset", SHARED / "devset", "part 1: 24 documents the first rules were written on"),
    ("heldout", ROOT / "tests" / "heldout", "tests/heldout: 12 documents, no longer blind"),
)


def _row(name: str, m: dict) -> str:
    return (f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}** | "
            f"{m['tp']} | {m['fp']} | {m['fn']} |")  # fmt: skip


def measure(extractor, score, folder: Path) -> tuple[dict, list[tuple[float, bool]]]:
    documents, texts = load_documents(folder / "docs")
    preds = [r.to_dict() for _, rs in extractor.extract_many(documents) for r in rs]
    cases = score.load_gold(folder / "gold.json")
    result = score.score(cases, preds, texts)
    result["speaker_affiliation"] = affiliation_accuracy(folder / "gold.json", preds)
    return result, judged(score, cases, preds)


def affiliation_accuracy(gold_path: Path, preds: list[dict]) -> dict:
    """speaker_affiliation on records whose (document, canonical speaker) is in the gold:
    a contract field (rule 4) the shared scorer does not score. Names compare by their
    gazetteer actor ("Government of Israel" is Israel)."""
    import json

    from kg.gazetteer import load_gazetteer

    canonical = load_gazetteer().canonical
    gold = {
        (case["id"], canonical(r["speaker"])): r.get("speaker_affiliation")
        for case in json.loads(gold_path.read_text(encoding="utf-8"))
        for r in case["gold"]
    }
    correct = n = 0
    for record in preds:
        key = (record["doc_id"], canonical(record["speaker"]))
        if key in gold:
            n += 1
            want, got = gold[key], record.get("speaker_affiliation")
            correct += (want and canonical(want)) == (got and canonical(got))
    return {"accuracy": correct / n if n else None, "correct": correct, "n": n}


def render(results: list[tuple[str, str, dict, list]], version: str) -> str:
    today = _dt.date.today().isoformat()
    lines = [f"# Extraction quality ({version}, measured {today})", "",
             "Written by `scripts/extraction_figures.py`; scored by the shared scorer "
             "(`../shared/eval/score.py`); speaker_affiliation, which it does not score, "
             "by this script.", ""]  # fmt: skip
    for name, note, result, _ in results:
        lines += [f"## {name}: {note}", "",
                  f"{result['docs']} documents, {result['gold_records']} gold records, "
                  f"{result['pred_records']} predicted.", "",
                  "| | P | R | F1 | tp | fp | fn |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
                  _row("speaker", result["speaker"])]  # fmt: skip
        lines += [_row(short, result["labels"][field]) for field, short in LABELS.items()]
        lines += [_row("labels (micro)", result["labels_overall"]), ""]
        lines += ["| accuracy on matched records | |", "| --- | ---: |"]
        fields = ("sponsor", "speaker_type", "speaker_affiliation", "platform",
                  "statement_date", "event_date")  # fmt: skip
        for key in fields:
            m = result[key]
            if m["accuracy"] is not None:
                lines.append(f"| {key} | {m['accuracy']:.3f} ({m['correct']}/{m['n']}) |")
        ev = result["evidence_validity"]
        lines += [f"| evidence validity | {ev['rate']:.3f} ({ev['valid']}/{ev['n']}) |", ""]
    lines += ["## Precision of records by confidence", "",
              "A record is right when its speaker pairs with a gold record and none of its "
              "labels is a false positive.", "",
              "| set | >= 0.6 | >= 0.7 | >= 0.8 |", "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for name, _, _, rows in results:
        cells = []
        for threshold in (0.6, 0.7, 0.8):
            above = [right for conf, right in rows if conf >= threshold]
            share = f"{sum(above) / len(above):.2f}" if above else "n/a"
            cells.append(f"{share} ({sum(above)}/{len(above)})")
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" /
                        "extraction-quality.md")  # fmt: skip
    args = parser.parse_args(argv)
    from kg.extract import Extractor
    from kg.files import write_text_atomic

    score, extractor = load_scorer(), Extractor()
    results = []
    for name, folder, note in SETS:
        if not (folder / "gold.json").exists():
            print(f"skipped {name}: {folder} is absent", file=sys.stderr)
            continue
        result, rows = measure(extractor, score, folder)
        results.append((name, note, result, rows))
    write_text_atomic(args.out, render(results, extractor.version))
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
