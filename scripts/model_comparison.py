#!/usr/bin/env python3
"""Rules alone, the learned stance model alone, and the two combined: figures per label on
both dev parts and cross-validated on the training corpus (by event).

    .venv/bin/python scripts/model_comparison.py [--out bench/results/stance-model.md]
                                                 [--seed 7] [--folds 5]

Trains both model variants from data/corpus/ into a temporary folder (the shipped model
is not touched), runs the extractor with each over ../shared/devset2 and ../shared/devset
(never used for training), scores them with the shared scorer, and scores the corpus's own
out-of-fold records (each document by a model that never saw its event) the same way.
docs/model-card.md quotes the file it writes. The speakers are the rules' throughout
(kg.train.prepare switches the attribution model off; scripts/attribution_comparison.py
measures that one).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.scoring import comparison_tables, corpus_gold, dev_scores, load_scorer  # noqa: E402

SYSTEMS = (("rules", "rules"), ("model alone", "replace"), ("rules + model", "add"))


def corpus_scores(prepared, thresholds, seed: int, score) -> dict[str, dict]:
    """The corpus's out-of-fold records per system, scored against its gold."""
    from kg import train

    processed = prepared.processed
    gold, texts = corpus_gold(score, (case for case, _ in processed))
    out = {}
    for system, mode in SYSTEMS:
        records = train.oof_records(processed, prepared.items, prepared.folds, seed, mode,
                                    prepared.extractor, thresholds)  # fmt: skip
        out[system] = score.score(gold, [r.to_dict() for r in records], texts)
    return out


def render(results: dict[str, dict[str, dict]], meta: dict) -> str:
    today = _dt.date.today().isoformat()
    lines = [f"# Stance model: rules, model, combined (measured {today})", "",
             "Written by `scripts/model_comparison.py`; scored by the shared scorer. Each cell "
             "is precision / recall / F1. The model variants are trained on data/corpus/ "
             f"({meta['documents']} documents, {meta['records']} gold records, "
             f"{meta['events']} events; seed {meta['seed']}); `corpus (CV)` scores each "
             "corpus document by a model trained without its event.", ""]  # fmt: skip
    return "\n".join(lines + comparison_tables(results))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" /
                        "stance-model.md")  # fmt: skip
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    from kg import train
    from kg.corpus import load_corpus, summary
    from kg.extract.stance_model import load_model, save_model
    from kg.files import write_text_atomic

    # the corpus is run through the rules and cross-validated once, for every system
    score = load_scorer()
    prepared = train.prepare(None, args.folds, args.seed)
    _, thresholds = train.report(prepared.items, prepared.folds, args.seed)
    models: dict[str, object] = {"rules": None}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("replace", "add"):
            # through the file, so each model is exactly what kg train would ship
            path = Path(tmp) / f"{mode}.json"
            model, _ = train.train(prepared.items, prepared.folds, args.seed, mode, thresholds)
            save_model(model, path)
            models[mode] = load_model(path)
    by_system = {system: models[mode] for system, mode in SYSTEMS}
    results = dev_scores(prepared.extractor, "kg_learned_stances", by_system, score)
    results["corpus (CV)"] = corpus_scores(prepared, thresholds, args.seed, score)
    counts = summary(load_corpus())
    meta = {"documents": counts["documents"], "records": counts["records"],
            "events": counts["events"], "seed": args.seed}  # fmt: skip
    write_text_atomic(args.out, render(results, meta))
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
