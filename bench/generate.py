"""Synthetic news-style DOCUMENTS (text to extract from), for extraction benchmarks.

Every sentence comes from templates written for kg; the actors are drawn from the
gazetteer (data/actors.yaml, names and aliases), with cue verbs for the five labels,
dates, places and filler sentences (background, casualty figures, analysts' readings) so
the text looks like a wire report or a monitoring digest of 150 to 300 words.
Deterministic: the same `--count` and `--seed` give byte-identical output.

    .venv/bin/python bench/generate.py --count 2000 -o out/bench/docs.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.gazetteer import Actor, load_gazetteer
from kg.model import SourceDocument

PLACES = ("BAGHDAD", "BEIRUT", "SANAA", "ERBIL", "DUBAI", "TEHRAN", "DAMASCUS", "AMMAN")
CITIES = ("Baghdad", "Beirut", "Sanaa", "Erbil", "Basra", "Hodeidah", "Tyre", "Mosul",
          "Aden", "Nabatieh", "Jurf al-Sakhar", "Qaim", "Anbar", "the Red Sea")  # fmt: skip
EVENTS = ("drone strike on a base near {city}", "rocket attack on a convoy outside {city}",
          "air strike on a weapons depot in {city}", "raid on a command post in {city}",
          "missile attack on a vessel off {city}", "explosion at a checkpoint in {city}",
          "assassination of a commander in {city}", "shelling of villages near {city}")  # fmt: skip
PLATFORMS = ("on its Telegram channel", "in a post on X", "in a televised speech",
             "on its website", "at a press conference", "in a statement",
             "in remarks to reporters", "in a speech")  # fmt: skip
# One template list per label; {s} speaker, {t} target, {e} event, {p} platform, {d} date.
CUES = {
    "blames": (
        "{s} said {p} that {t} was responsible for the {e}.",
        "{s} accused {t} of carrying out the {e}, according to a statement released {d}.",
        "{s} held {t} fully responsible for the {e} and its consequences.",
        "In a statement {d}, {s} blamed {t} for the {e}.",
    ),
    "threatens": (
        "{s} warned {p} that {t} would pay a heavy price for the {e}.",
        "{s} vowed revenge against {t}, saying the {e} would not go unanswered.",
        "If the attacks continue, {t} will face a painful response, {s} said {d}.",
        "{s} threatened to strike the interests of {t} across the region.",
    ),
    "condemns": (
        "{s} condemned the {e}, calling it a crime committed by {t}.",
        "{s} strongly denounced {t} {p} over the {e}.",
        "The {e} was a terrorist act by {t}, {s} said in a statement {d}.",
        "{s} slammed {t} for what it called aggression against civilians.",
    ),
    "praises": (
        "{s} praised {t} {p} and declared its full support for them.",
        "{s} hailed the steadfastness of {t} after the {e}.",
        "{s} expressed solidarity with {t}, saying they were defending their land.",
    ),
    "condolences": (
        "{s} offered condolences to {t} after the {e}.",
        "{s} extended its condolences to {t} {p}.",
    ),
}
NEGATIVE = (
    "{s} denied any role in the {e} and said it had nothing to do with the incident.",
    "{s} called for calm and restraint after the {e}, urging all sides to avoid escalation.",
    "{s} said it was following the situation closely {p} and gave no further details.",
)
FILLER = (
    "Local officials said at least {n} people were killed and {m} wounded in the {e}.",
    "The {e} came days after a series of similar incidents in the area.",
    "No group has claimed responsibility so far, security sources said.",
    "Analysts said the {e} marked a new stage in the confrontation between the sides.",
    "Witnesses described loud explosions and thick smoke rising over {city}.",
    "According to a security source, the damage was limited to empty buildings.",
    "The incident was the latest in a string of attacks on foreign forces in the region.",
    "Traffic was halted for several hours while rescue teams searched the site.",
)
HEADLINES = (
    "{s} vows response after {e}",
    "{s}: {t} will pay for the {e}",
    "Reactions pour in after {e}",
    "{s} blames {t} for {e}",
    "Tensions rise as {s} warns {t}",
)
LABELS = tuple(CUES)


def _names(actor: Actor, rng: random.Random) -> str:
    forms = (actor.name, *actor.aliases)
    return forms[0] if rng.random() < 0.6 else rng.choice(forms)


def _speaker(actors: dict[str, list[Actor]], rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.25 and actors["person"]:
        person = rng.choice(actors["person"])
        if person.affiliation:
            return f"{person.affiliation} leader {_names(person, rng)}"
        return _names(person, rng)
    if roll < 0.4:
        group = rng.choice(actors["militia"])
        return f"A spokesman for {_names(group, rng)}"
    kind = "militia" if roll < 0.75 else "state"
    return _names(rng.choice(actors[kind]), rng)


def _target(actors: dict[str, list[Actor]], label: str, rng: random.Random) -> str:
    if label in ("praises", "condolences"):
        pool = actors["other"] + actors["militia"]
        if label == "condolences" and rng.random() < 0.5:
            return rng.choice(("the families of the victims", "the Iraqi people",
                               "the people of Lebanon", "the Yemeni people"))  # fmt: skip
    else:
        pool = actors["state"] + actors["militia"]
    if label in ("blames", "threatens") and rng.random() < 0.3:
        return rng.choice(("the American occupation", "the Zionist entity", "Washington"))
    return _names(rng.choice(pool), rng)


def generate_documents(count: int, seed: int = 1) -> Iterator[SourceDocument]:
    """`count` synthetic documents, the same for the same seed."""
    rng = random.Random(seed)
    actors: dict[str, list[Actor]] = {"person": [], "militia": [], "state": [], "other": []}
    for actor in load_gazetteer().actors:
        actors.setdefault(actor.type, []).append(actor)
    start = dt.date(2019, 1, 1)
    for number in range(1, count + 1):
        yield _document(f"gen-{number:06d}", actors, start, rng)


def _document(
    doc_id: str, actors: dict[str, list[Actor]], start: dt.date, rng: random.Random
) -> SourceDocument:
    day = start + dt.timedelta(days=rng.randrange(0, 2400))
    city = rng.choice(CITIES)
    event = rng.choice(EVENTS).format(city=city)

    def fill(template: str, label: str = "blames") -> str:
        sentence = template.format(
            s=_speaker(actors, rng), t=_target(actors, label, rng), e=event, city=city,
            p=rng.choice(PLATFORMS), n=rng.randint(1, 40), m=rng.randint(2, 90),
            d=rng.choice(("on Sunday", "late on Monday", "yesterday",
                          f"on {day.day} {day:%B}", f"on {day:%B} {day.day}, {day.year}")),
        )  # fmt: skip
        return sentence[0].upper() + sentence[1:]

    paragraphs = []
    for _ in range(rng.randint(4, 7)):
        sentences = []
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.55:
                label = rng.choice(LABELS)
                sentences.append(fill(rng.choice(CUES[label]), label))
            elif roll < 0.7:
                sentences.append(fill(rng.choice(NEGATIVE)))
            else:
                sentences.append(fill(rng.choice(FILLER)))
        paragraphs.append(" ".join(sentences))
    headline = fill(rng.choice(HEADLINES))
    if rng.random() < 0.7:
        dateline = f"{rng.choice(PLACES)}, {day:%b} {day.day}, {day.year} (Wire) - "
    else:
        dateline = f"{city}, {day.day} {day:%B} {day.year}\n\n"
    text = f"{headline}\n\n{dateline}" + "\n\n".join(paragraphs) + "\n"
    return SourceDocument(doc_id=doc_id, text=text, title=headline, published=day.isoformat())


def write_jsonl(docs: Iterator[SourceDocument], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            data = {"id": doc.doc_id, "text": doc.text, "title": doc.title,
                    "published": doc.published}  # fmt: skip
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="documents (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args(argv)
    written = write_jsonl(generate_documents(args.count, args.seed), args.output)
    print(f"{written} documents -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
