"""Synthetic statement RECORDS (the extraction contract), for store and query benchmarks.

Deterministic: the same `--count` and `--seed` give byte-identical output. Records follow
../shared/spec/statements.md and pass `kg.model.Statement.from_dict`. Documents hold 1 to
9 statements (5 on average); speakers and targets mix the gazetteer's actors with a long
tail of synthetic actors whose number grows with the corpus, both drawn with a skewed,
Zipf-like weight, as real coverage is (targets ranked with states first: a few states draw
most of the blame), so joins and aggregations see realistic fan-outs. Every record has a
`reported_date` (its document's date, 2019-2024), 80% also a `statement_date`.

    .venv/bin/python bench/gen_statements.py --count 100000 -o out/bench/s100k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SPEAKER_TYPES = ("person", "militia", "state", "organization", "media")
PLATFORMS = ("Telegram", "X", "TV", "website", "press", None, None)
LABELS = (
    "blames",
    "threatens_or_vows_revenge_against",
    "condemns",
    "praises_or_supports",
    "condolences_to",
)
# Chance that a record carries at least one target for each label.
LABEL_RATES = (0.45, 0.25, 0.35, 0.15, 0.08)
EVENT_KINDS = (
    "drone strike on",
    "rocket attack near",
    "raid in",
    "assassination in",
    "naval incident off",
    "air strike on",
    "protest in",
    "funeral in",
)
PLACES = (
    "Baghdad",
    "Erbil",
    "Beirut",
    "Sanaa",
    "Hodeidah",
    "Damascus",
    "Gaza",
    "Basra",
    "Tyre",
    "the Red Sea",
    "al-Qaim",
    "Jurf al-Sakhar",
    "Tel Aviv",
    "Aden",
)
COLLECTIVE_TARGETS = ("families of the victims", "Palestinian people")
COLLECTIVE_TARGET_RATE = 0.03
VERBS = ("said", "warned", "declared", "stated", "announced", "wrote", "told reporters")


def _gazetteer_actors() -> list[tuple[str, str, str | None]]:
    """(name, speaker type, affiliation) of the bundled gazetteer's actors."""
    from kg.gazetteer import load_gazetteer

    kinds = {"other": "organization"}
    return [(a.name, kinds.get(a.type, a.type), a.affiliation) for a in load_gazetteer().actors]


def _synthetic_actors(count: int, rng: random.Random) -> list[tuple[str, str, str | None]]:
    actors = []
    for number in range(count):
        kind = SPEAKER_TYPES[number % len(SPEAKER_TYPES)]
        name = {
            "person": f"Synthetic Speaker {number:05d}",
            "militia": f"Synthetic Brigade {number:05d}",
            "state": f"Synthetic Ministry {number:05d}",
            "organization": f"Synthetic Council {number:05d}",
            "media": f"Synthetic Media Office {number:05d}",
        }[kind]
        affiliation = f"Synthetic Brigade {rng.randrange(count):05d}" if kind == "person" else None
        actors.append((name, kind, affiliation))
    return actors


def generate(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Yield `count` statement records, deterministically for a given seed."""
    rng = random.Random(seed)
    known = _gazetteer_actors()
    tail = _synthetic_actors(max(50, count // 200), rng)
    actors = known + tail
    # Zipf-like weights: the gazetteer actors first and heavy, the tail light.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(actors))]
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    # Targets are as skewed as speakers but ranked differently: states draw most of the
    # blame and threats (stable sort keeps the gazetteer's order within each group).
    target_ranking = [a[0] for a in sorted(actors, key=lambda actor: actor[1] != "state")]

    def pick_actor() -> tuple[str, str, str | None]:
        return rng.choices(actors, cum_weights=cumulative, k=1)[0]

    def pick_target() -> str:
        if rng.random() < COLLECTIVE_TARGET_RATE:
            return rng.choice(COLLECTIVE_TARGETS)
        return rng.choices(target_ranking, cum_weights=cumulative, k=1)[0]

    produced = 0
    doc_number = 0
    while produced < count:
        doc_number += 1
        doc_id = f"syn-{doc_number:08d}"
        year = 2019 + doc_number % 6
        month, day = 1 + rng.randrange(12), 1 + rng.randrange(28)
        doc_date = f"{year}-{month:02d}-{day:02d}"
        event = f"{rng.choice(EVENT_KINDS)} {rng.choice(PLACES)} ({doc_id})"
        event_date = doc_date if rng.random() < 0.7 else None
        for index in range(min(1 + rng.randrange(9), count - produced)):
            name, kind, affiliation = pick_actor()
            record: dict[str, Any] = {
                "doc_id": doc_id,
                "speaker": name,
                "speaker_surface": name,
                "speaker_type": kind,
                "speaker_affiliation": affiliation,
                "sponsor": "Iran" if kind in ("militia", "person") and rng.random() < 0.3 else None,
                "event": event,
                "event_date": event_date,
            }
            for label, rate in zip(LABELS, LABEL_RATES, strict=True):
                targets: list[str] = []
                if rng.random() < rate:
                    targets = sorted({pick_target() for _ in range(1 + rng.randrange(2))})
                    targets = [t for t in targets if t != name]
                record[label] = targets
            record["platform"] = rng.choice(PLATFORMS)
            record["statement_date"] = doc_date if rng.random() < 0.8 else None
            # the document's publication date: every generated document has one
            record["reported_date"] = doc_date
            verb = rng.choice(VERBS)
            record["evidence"] = f"{name} {verb} about the {event} (statement {index + 1})"
            record["confidence"] = round(0.5 + rng.random() / 2, 3)
            record["extractor"] = "synthetic-0"
            yield record
            produced += 1


def write(path: str | Path | None, count: int, seed: int = 7) -> int:
    """Write `count` records as JSON Lines to `path` (stdout for None or '-')."""
    if path is None or str(path) == "-":
        for record in generate(count, seed):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return count
    from kg.files import atomic_writer

    with atomic_writer(path) as handle:
        for record in generate(count, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="number of records")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", help="JSONL file to write (default: stdout)")
    args = parser.parse_args(argv)
    write(args.output, args.count, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
