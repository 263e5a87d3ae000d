"""Speed of Gazetteer.match, and the scores behind its fuzzy threshold.

Builds `--count` mixed names (deterministic for `--seed`): listed names and aliases as
written, the same respelt (case, apostrophes, hyphens, the article), one-letter typos of
them, and names the gazetteer does not know (made of syllables, as capitalised words in
news text mostly are), then times `Gazetteer.match` over them:

* cold: a fresh gazetteer, each name matched once (the lookup cache starts empty);
* warm: the same names again (every lookup a cache hit);
* unknown only: the unknown names alone on a fresh gazetteer, each a full fuzzy search
  that finds nothing (the slowest case).

It also prints, from tests/fixtures/name_pairs.yaml, the lowest score of a fuzzy positive to
its actor and the highest score of a negative to the actor it must not match, with the
threshold between them. Results go to bench/results/names.json and names.md.

    nice .venv/bin/python bench/bench_names.py
    nice .venv/bin/python bench/bench_names.py --count 2000 --seed 3
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from kg.files import write_text_atomic
from kg.gazetteer import Actor, Gazetteer, load_gazetteer
from kg.names import FUZZY_THRESHOLD

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAIRS = ROOT / "tests" / "fixtures" / "name_pairs.yaml"
_SYLLABLES = [
    "al",
    "ba",
    "dar",
    "fa",
    "gha",
    "ha",
    "ja",
    "ka",
    "lim",
    "ma",
    "na",
    "qa",
    "ra",
    "sa",
    "ta",
    "wa",
    "ya",
    "za",
    "bor",
    "ken",
    "ton",
    "vil",
    "mer",
]


def _unknown(rng: random.Random) -> str:
    words = rng.choice((1, 2, 2, 3))
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(words)
    )


def _respell(rng: random.Random, form: str) -> str:
    text = form.replace("-", rng.choice(["-", " "])).replace("'", rng.choice(["'", "’", ""]))
    return text.upper() if rng.random() < 0.1 else text.lower() if rng.random() < 0.2 else text


def _typo(rng: random.Random, form: str) -> str:
    at = rng.randrange(len(form))
    return form[:at] + rng.choice("aeiouhkqrst") + form[at + rng.choice((0, 1)) :]


def mixed_names(gazetteer: Gazetteer, count: int, seed: int) -> list[tuple[str, str]]:
    """(kind, name) pairs: listed forms, respelt forms, typos, unknown names."""
    rng = random.Random(seed)
    forms = sorted(gazetteer.surface_forms())
    kinds = ("listed", "respelt", "typo", "unknown")
    out = []
    for _ in range(count):
        kind = rng.choices(kinds, weights=(25, 20, 15, 40))[0]
        out.append((kind, _name(rng, kind, rng.choice(forms))))
    return out


def _name(rng: random.Random, kind: str, form: str) -> str:
    if kind == "respelt":
        return _respell(rng, form)
    if kind == "typo":
        return _typo(rng, form)
    return _unknown(rng) if kind == "unknown" else form


def time_matches(names: list[str], unknown: list[str]) -> dict[str, Any]:
    gazetteer = Gazetteer(list(load_gazetteer().actors))  # fresh caches
    start = time.perf_counter()
    found = [gazetteer.match(name) for name in names]
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for name in names:
        gazetteer.match(name)
    warm = time.perf_counter() - start
    gazetteer = Gazetteer(list(load_gazetteer().actors))
    start = time.perf_counter()
    for name in unknown:
        gazetteer.match(name)
    worst = time.perf_counter() - start
    return {
        "names": len(names),
        "matched": sum(actor is not None for actor in found),
        "cold_seconds": round(cold, 3),
        "cold_calls_per_second": round(len(names) / cold),
        "warm_calls_per_second": round(len(names) / warm),
        "unknown_names": len(unknown),
        "unknown_calls_per_second": round(len(unknown) / worst),
    }


def table_scores(path: Path = PAIRS) -> dict[str, Any]:
    """The lowest fuzzy-positive and highest negative score of the pair table."""
    pairs = yaml.safe_load(path.read_text(encoding="utf-8"))
    extra = [Actor(**entry) for entry in pairs["extra_actors"]]
    g = Gazetteer([*load_gazetteer().actors, *extra])
    how: Counter[str] = Counter()
    fuzzy = []
    for name, actor in pairs["positives"]:
        found = g.names.lookup(name) if g.resolve(name) is None else None
        how["exact" if found is None else found.how] += 1
        if found is not None and found.how == "fuzzy":
            fuzzy.append((g.names.score(name, g.by_id(actor)), name))
    negative = [(g.names.score(n, g.by_id(bad)), n) for n, bad, _ in pairs["negatives"]]
    low, high = min(fuzzy), max(negative)
    return {
        "positives": len(pairs["positives"]),
        "positives_by_stage": dict(how),
        "negatives": len(negative),
        "negatives_scoring_above_0": sum(score > 0 for score, _ in negative),
        "lowest_fuzzy_positive": {"score": round(low[0], 1), "name": low[1]},
        "highest_negative": {"score": round(high[0], 1), "name": high[1]},
        "threshold": FUZZY_THRESHOLD,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    mixed = mixed_names(load_gazetteer(), args.count, args.seed)
    result = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "seed": args.seed,
        "mix": dict(Counter(kind for kind, _ in mixed)),
        "speed": time_matches(
            [name for _, name in mixed], [name for kind, name in mixed if kind == "unknown"]
        ),
        "table": table_scores(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_text_atomic(args.out / "names.json", json.dumps(result, indent=2) + "\n")
    write_text_atomic(args.out / "names.md", _markdown(result))
    print(_markdown(result))


def _markdown(result: dict[str, Any]) -> str:
    speed, table = result["speed"], result["table"]
    mix = ", ".join(f"{count} {kind}" for kind, count in sorted(result["mix"].items()))
    return (
        "# Gazetteer.match\n\n"
        f"{speed['names']} names ({mix}; seed {result['seed']}), Python {result['python']}.\n\n"
        "| run | calls/s |\n| --- | --- |\n"
        f"| cold (empty cache) | {speed['cold_calls_per_second']:,} |\n"
        f"| warm (cached) | {speed['warm_calls_per_second']:,} |\n"
        f"| unknown names only ({speed['unknown_names']}, empty cache) "
        f"| {speed['unknown_calls_per_second']:,} |\n\n"
        f"Matched: {speed['matched']} of {speed['names']}.\n\n"
        f"Pair table: {table['positives']} positives {table['positives_by_stage']}, "
        f"{table['negatives']} negatives ({table['negatives_scoring_above_0']} score above 0 "
        "after the guards). Lowest fuzzy positive: "
        f"{table['lowest_fuzzy_positive']['score']} ({table['lowest_fuzzy_positive']['name']}); "
        f"highest negative: {table['highest_negative']['score']} "
        f"({table['highest_negative']['name']}); threshold {table['threshold']}.\n"
    )


if __name__ == "__main__":
    main()
