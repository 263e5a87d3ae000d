#!/usr/bin/env python3
"""Precision of extracted records by confidence bin, on a gold set.

    .venv/bin/python scripts/confidence_bins.py ../shared/devset2 [--pred P.jsonl]

A record is right when the shared scorer pairs its speaker with a gold record and none of
its labels is a false positive (gold `ambiguous` labels are neither right nor wrong). The
table gives, per bin, the records, how many are right and the precision; the last lines
the same for records at or above each threshold.
"""

from __future__ import annotations

import argparse
import sys
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.scoring import load_documents, load_scorer

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def _predict(folder: Path) -> list[dict]:
    from kg.extract import Extractor

    documents, _ = load_documents(folder / "docs")
    return [r.to_dict() for _, rs in Extractor().extract_many(documents) for r in rs]


def judged(score, cases: list[dict], preds: list[dict]) -> list[tuple[float, bool]]:
    """(confidence, right) for every predicted record."""
    ids = {c["id"] for c in cases}
    by_doc: dict[str, list[dict]] = {}
    for record in preds:
        by_doc.setdefault(score.doc_key(record["doc_id"], ids), []).append(record)
    out = []
    for case in cases:
        golds, prs = case["gold"], by_doc.get(case["id"], [])
        pairs = dict(score.assign(prs, golds))
        for i, record in enumerate(prs):
            right = i in pairs
            if right:
                gold = golds[pairs[i]]
                for field in score.LABELS:
                    amb = score.ambiguous(gold, field)
                    if (score.label_set(record, field) - amb) - score.label_set(gold, field):
                        right = False
            out.append((float(record.get("confidence") or 0), right))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pred", type=Path)
    args = parser.parse_args(argv)
    score = load_scorer()
    cases = score.load_gold(args.folder / "gold.json")
    preds = score.load_pred(args.pred) if args.pred else _predict(args.folder)
    rows = judged(score, cases, preds)
    print("| confidence | records | right | precision |\n| --- | ---: | ---: | ---: |")
    for low, high in pairwise(BINS):
        inside = [right for conf, right in rows if low <= conf < high]
        if inside:
            label = f"{low:.1f}-{min(high, 1.0):.1f}"
            print(f"| {label} | {len(inside)} | {sum(inside)} | {sum(inside) / len(inside):.2f} |")
    for threshold in (0.6, 0.7, 0.8, 0.9):
        above = [right for conf, right in rows if conf >= threshold]
        if above:
            share = sum(above) / len(above)
            print(f"| >= {threshold} | {len(above)} | {sum(above)} | {share:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
