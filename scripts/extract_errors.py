#!/usr/bin/env python3
"""Read the extractor's errors on a gold set, document by document.

    .venv/bin/python scripts/extract_errors.py ../shared/devset2 [--doc 25] [--pred P.jsonl]

Runs the extractor over FOLDER/docs (or reads --pred), pairs predicted and gold records
with the shared scorer's own pairing (../shared/eval/score.py), and prints for each
document the paired records with their label differences, the unmatched predictions
(speaker false positives) and the unmatched gold records (missed speakers). The last
lines count the misses by class, which is what a fix should be aimed at:

  missed speaker      a gold record no prediction pairs with
  extra speaker       a prediction no gold record pairs with
  label missed        a gold (speaker, label, target) the paired prediction lacks
  wrong target        a predicted target the paired gold record lacks for that label
  sponsor/type/...    attribute disagreements on paired records
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.scoring import load_documents, load_scorer

SHORT = {"blames": "B", "threatens_or_vows_revenge_against": "T", "condemns": "C",
         "praises_or_supports": "P", "condolences_to": "K"}  # fmt: skip


def _predict(folder: Path) -> list[dict]:
    from kg.extract import Extractor

    documents, _ = load_documents(folder / "docs")
    return [r.to_dict() for _, rs in Extractor().extract_many(documents) for r in rs]


def _labels(score, record: dict, amb_from: dict | None = None) -> dict[str, set[str]]:
    out = {}
    for field in score.LABELS:
        amb = score.ambiguous(amb_from, field) if amb_from else set()
        out[field] = score.label_set(record, field) - amb
    return out


def _who(record: dict) -> str:
    return (
        f"{record.get('speaker')} [{record.get('speaker_surface')}] ({record.get('speaker_type')})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="gold set folder with docs/ and gold.json")
    parser.add_argument("--pred", type=Path, help="predictions JSONL (default: run kg)")
    parser.add_argument("--doc", action="append", help="only these document ids")
    parser.add_argument("--quiet", action="store_true", help="only the counts")
    args = parser.parse_args(argv)
    score = load_scorer()
    cases = score.load_gold(args.folder / "gold.json")
    preds = score.load_pred(args.pred) if args.pred else _predict(args.folder)
    ids = {c["id"] for c in cases}
    by_doc: dict[str, list[dict]] = {}
    for record in preds:
        by_doc.setdefault(score.doc_key(record["doc_id"], ids), []).append(record)
    counts: Counter[str] = Counter()
    for case in cases:
        if args.doc and case["id"] not in args.doc:
            continue
        golds, prs = case["gold"], by_doc.get(case["id"], [])
        pairs = score.assign(prs, golds)
        lines = []
        for i, j in pairs:
            p, g = prs[i], golds[j]
            gl, pl = _labels(score, g, g), _labels(score, p, g)
            diffs = []
            for field in score.LABELS:
                for target in sorted(gl[field] - pl[field]):
                    diffs.append(f"-{SHORT[field]}:{target}")
                    counts["label missed " + SHORT[field]] += 1
                for target in sorted(pl[field] - gl[field]):
                    diffs.append(f"+{SHORT[field]}:{target}")
                    counts["wrong target " + SHORT[field]] += 1
            for attr in ("sponsor", "speaker_type", "platform"):
                pv, gv = p.get(attr), g.get(attr)
                if attr == "platform":
                    ok = score.norm_platform(pv) == score.norm_platform(gv) or (
                        score.norm_platform(pv) in score.ambiguous(g, "platform")
                    )
                else:
                    ok = (score.canon(pv) or None) == (score.canon(gv) or None)
                if not ok:
                    diffs.append(f"{attr}: {pv!r} (gold {gv!r})")
                    counts[attr] += 1
            if g.get("statement_date") and not score.date_ok(
                p.get("statement_date"), g["statement_date"]
            ):
                diffs.append(f"date {p.get('statement_date')} (gold {g['statement_date']})")
                counts["statement_date"] += 1
            mark = "  " if not diffs else "~ "
            lines.append(f"{mark}{_who(p)} ~ {g['speaker']}  {' '.join(diffs)}")
            if diffs:
                lines.append(f"      pred ev: {p.get('evidence')!r}")
                lines.append(f"      gold ev: {g.get('evidence')!r}")
        for i, p in enumerate(prs):
            if i not in {a for a, _ in pairs}:
                counts["extra speaker"] += 1
                labels = {SHORT[f]: sorted(v) for f, v in _labels(score, p).items() if v}
                lines.append(f"+ EXTRA {_who(p)} {labels}  ev: {p.get('evidence')!r}")
        for j, g in enumerate(golds):
            if j not in {b for _, b in pairs}:
                counts["missed speaker"] += 1
                labels = {SHORT[f]: sorted(v) for f, v in _labels(score, g, g).items() if v}
                counts["labels of missed speakers"] += sum(len(v) for v in labels.values())
                lines.append(f"- MISSED {_who(g)} {labels}  ev: {g.get('evidence')!r}")
        if not args.quiet:
            print(f"=== {case['id']}: {case.get('title', '')}")
            print("\n".join(lines))
    print(json.dumps(dict(sorted(counts.items())), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
