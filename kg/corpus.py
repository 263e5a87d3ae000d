"""The annotated training corpus in data/corpus/: loading and checking.

Layout: `docs/<id>.txt` holds each document; `gold/<writer>.json` holds one writer's
cases (a JSON list), each `{id, title, published, style, event_id, gold, not_annotated}`,
`gold` being records under the contract (../shared/spec/statements.md) plus the optional
`ambiguous` and `note`. `events.yaml` lists the events; every case names one, and splits
are made by event so one event never sits on both sides of a split.

`check_corpus` returns every problem it finds (file, case, record, reason) instead of
stopping at the first: a writer fixes a whole batch in one pass.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.model import label_fields
from kg.paths import data_path

RECORD_FIELDS = (
    "speaker",
    "speaker_surface",
    "speaker_type",
    "speaker_affiliation",
    "sponsor",
    "event",
    "event_date",
    "blames",
    "threatens_or_vows_revenge_against",
    "condemns",
    "praises_or_supports",
    "condolences_to",
    "platform",
    "statement_date",
    "evidence",
)
OPTIONAL_RECORD_FIELDS = ("ambiguous", "note")
CASE_FIELDS = ("id", "title", "published", "style", "event_id", "gold", "not_annotated")
STYLES = ("monitoring", "telegram", "wire", "partisan", "aggregator", "analysis")
SPEAKER_TYPES = {"person", "militia", "state", "organization", "media"}
PLATFORMS = {"Telegram", "X", "TV", "website", "press", None}
DATE = re.compile(r"^(\d{4}|XXXX)-\d{2}-\d{2}$")
DOC_LENGTH = (700, 2000)
EVIDENCE_MAX_WORDS = 30


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    published: str | None
    style: str
    event_id: str
    text: str
    gold: list[dict[str, Any]]
    source: str  # the gold file the case came from


@dataclass
class Corpus:
    cases: list[Case] = field(default_factory=list)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def records(self) -> int:
        return sum(len(case.gold) for case in self.cases)


def corpus_dir() -> Path:
    return data_path("corpus")


def load_corpus(root: Path | None = None, writers: Iterable[str] | None = None) -> Corpus:
    """Every case of every gold file (or only the named writers'), checked as it loads."""
    root = root or corpus_dir()
    corpus = Corpus(events=_load_events(root / "events.yaml"))
    wanted = set(writers) if writers else None
    for gold_file in sorted((root / "gold").glob("*.json")):
        if wanted is not None and gold_file.stem not in wanted:
            continue
        _load_gold_file(gold_file, root / "docs", corpus)
    ids = Counter(case.id for case in corpus.cases)
    corpus.problems += [f"case id {cid!r} used {n} times" for cid, n in ids.items() if n > 1]
    return corpus


def _load_events(path: Path) -> dict[str, dict[str, Any]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {str(entry["id"]): entry for entry in entries}


def _load_gold_file(path: Path, docs: Path, corpus: Corpus) -> None:
    try:
        cases = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        corpus.problems.append(f"{path.name}: not JSON: line {error.lineno}: {error.msg}")
        return
    if not isinstance(cases, list):
        corpus.problems.append(f"{path.name}: must hold a JSON list of cases")
        return
    for number, raw in enumerate(cases):
        where = f"{path.name}[{number}] {raw.get('id', '?') if isinstance(raw, dict) else ''}"
        problems = _case_problems(raw, docs, corpus.events)
        corpus.problems += [f"{where}: {problem}" for problem in problems]
        if not problems:
            corpus.cases.append(_case(raw, docs, path.name))


def _case(raw: dict[str, Any], docs: Path, source: str) -> Case:
    return Case(
        id=str(raw["id"]),
        title=raw["title"],
        published=raw["published"],
        style=raw["style"],
        event_id=raw["event_id"],
        text=(docs / f"{raw['id']}.txt").read_text(encoding="utf-8"),
        gold=raw["gold"],
        source=source,
    )


def _case_problems(raw: Any, docs: Path, events: dict[str, Any]) -> list[str]:
    if not isinstance(raw, dict):
        return ["a case must be a JSON object"]
    missing = [key for key in CASE_FIELDS if key not in raw]
    if missing:
        return [f"case lacks {missing}"]
    problems = []
    if raw["published"] is not None and not DATE.match(str(raw["published"])):
        problems.append(f"bad published date {raw['published']!r}")
    if raw["style"] not in STYLES:
        problems.append(f"style {raw['style']!r} is not one of {STYLES}")
    if raw["event_id"] not in events:
        problems.append(f"event_id {raw['event_id']!r} is not in events.yaml")
    doc = docs / f"{raw['id']}.txt"
    if not doc.exists():
        return [*problems, f"missing document {doc}"]
    text = doc.read_text(encoding="utf-8")
    if not DOC_LENGTH[0] <= len(text) <= DOC_LENGTH[1]:
        problems.append(f"document length {len(text)} outside {DOC_LENGTH}")
    if not isinstance(raw["gold"], list) or not raw["gold"]:
        return [*problems, "no gold records"]
    for number, record in enumerate(raw["gold"]):
        speaker = record.get("speaker") if isinstance(record, dict) else None
        problems += [f"record {number} {speaker!r}: {p}" for p in record_problems(record, text)]
    return problems


def record_problems(record: Any, text: str) -> list[str]:
    """What is wrong with one gold record under the contract, given its document."""
    if not isinstance(record, dict):
        return ["a record must be a JSON object"]
    missing = [f for f in RECORD_FIELDS if f not in record]
    extra = [f for f in record if f not in RECORD_FIELDS and f not in OPTIONAL_RECORD_FIELDS]
    if missing or extra:
        return [f"fields missing {missing}, unknown {extra}"]
    problems = []
    if record["speaker_type"] not in SPEAKER_TYPES:
        problems.append(f"speaker_type {record['speaker_type']!r}")
    if record["platform"] not in PLATFORMS:
        problems.append(f"platform {record['platform']!r}")
    for date_field in ("event_date", "statement_date"):
        value = record[date_field]
        if value is not None and not DATE.match(str(value)):
            problems.append(f"{date_field} {value!r} is not YYYY-MM-DD or XXXX-MM-DD")
    for text_field in ("evidence", "speaker_surface"):
        if not isinstance(record[text_field], str) or record[text_field] not in text:
            problems.append(f"{text_field} is not an exact substring of the document")
    if isinstance(record["evidence"], str) and (
        len(record["evidence"].split()) > EVIDENCE_MAX_WORDS
    ):
        problems.append(f"evidence longer than {EVIDENCE_MAX_WORDS} words")
    problems += _label_problems(record)
    return problems


def _label_problems(record: dict[str, Any]) -> list[str]:
    problems = []
    for label in label_fields():
        values = record[label]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(f"{label} must be a list of names")
    ambiguous = record.get("ambiguous", {})
    if not isinstance(ambiguous, dict):
        return [*problems, "ambiguous must be an object {field: [labels]}"]
    for name, values in ambiguous.items():
        if name not in RECORD_FIELDS:
            problems.append(f"ambiguous names unknown field {name!r}")
        elif name in label_fields() and set(values) & set(record[name]):
            problems.append(f"ambiguous {name} repeats a gold label")
    return problems


def summary(corpus: Corpus) -> dict[str, Any]:
    """Counts a writer or reviewer checks against the corpus's aims."""
    labels: Counter[str] = Counter()
    speakers: set[str] = set()
    empty = 0
    for case in corpus.cases:
        for record in case.gold:
            speakers.add(record["speaker"])
            filled = [label for label in label_fields() if record[label]]
            labels.update({label: len(record[label]) for label in filled})
            empty += not filled
    return {
        "documents": len(corpus.cases),
        "records": corpus.records(),
        "records with no label": empty,
        "distinct speakers": len(speakers),
        "events": len({case.event_id for case in corpus.cases}),
        "styles": dict(Counter(case.style for case in corpus.cases)),
        "labels": dict(labels),
    }
