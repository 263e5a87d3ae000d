"""The statement record: the contract between extraction and the graph.

One record per speaker per statement in a document (see ../shared/spec/statements.md).
`Statement.from_dict` validates a plain mapping and raises `RecordError` with a reason;
unknown fields are kept in `extra` so nothing a curator wrote is silently lost.

The label fields (blames, threatens_or_vows_revenge_against, ...) are the stance
registry's (data/stances.yaml, kg.stances), not spelt here: `Statement.stances` maps each
registry field to its targets, in registry order. Each is also an attribute
(`record.blames`) and a keyword of the constructor (`Statement(..., blames=("Israel",))`).
`LABEL_FIELDS` is the registry's fields, read when first asked for.
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from kg.paths import data_path
from kg.stances import StanceError, by_field, stance_fields

SPEAKER_TYPES = ("person", "militia", "state", "organization", "media")
PLATFORMS = ("Telegram", "X", "TV", "website", "press")
# ISO date, or day and month with an unknown year.
DATE_RE = re.compile(r"^(\d{4}|XXXX)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

_PLATFORM_ALIASES = {p.casefold(): p for p in PLATFORMS} | {
    "twitter": "X",
    "tweet": "X",
    "x post": "X",
    "television": "TV",
    "web": "website",
    "newspaper": "press",
    "press conference": "press",
}
# Left out of to_dict when None (the other fields are written as null).
_OPTIONAL = ("evidence_start", "evidence_end", "confidence", "extractor", "reported_date")
# A full ISO date (a publication date is never partial).
FULL_DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def __getattr__(name: str) -> Any:
    """`LABEL_FIELDS`: the record's label fields, from the stance registry (when asked)."""
    if name == "LABEL_FIELDS":
        return label_fields()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class RecordError(ValueError):
    """A record that does not follow the contract; the message says why."""


@dataclass(frozen=True, init=False)
class Statement:
    doc_id: str
    speaker: str
    speaker_surface: str
    speaker_type: str
    evidence: str
    speaker_affiliation: str | None = None
    sponsor: str | None = None
    event: str = ""
    event_date: str | None = None
    # Registry field -> targets, every field of the registry in its order (see the module doc).
    stances: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    platform: str | None = None
    statement_date: str | None = None
    # The publication date of the document that reports the statement: never a statement
    # date, kept apart so the two are not confused (see analysis_date).
    reported_date: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    confidence: float | None = None
    extractor: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __init__(
        self,
        doc_id: str,
        speaker: str,
        speaker_surface: str,
        speaker_type: str,
        evidence: str,
        *,
        speaker_affiliation: str | None = None,
        sponsor: str | None = None,
        event: str = "",
        event_date: str | None = None,
        stances: Mapping[str, Iterable[str]] | None = None,
        platform: str | None = None,
        statement_date: str | None = None,
        reported_date: str | None = None,
        evidence_start: int | None = None,
        evidence_end: int | None = None,
        confidence: float | None = None,
        extractor: str | None = None,
        extra: dict[str, Any] | None = None,
        **labels: Iterable[str],
    ) -> None:
        """The label fields come as `stances` (field -> targets), as keywords named by
        the registry's fields (`blames=...`), or both (the keywords win)."""
        values = {
            "doc_id": doc_id,
            "speaker": speaker,
            "speaker_surface": speaker_surface,
            "speaker_type": speaker_type,
            "evidence": evidence,
            "speaker_affiliation": speaker_affiliation,
            "sponsor": sponsor,
            "event": event,
            "event_date": event_date,
            "stances": _label_values({**(stances or {}), **labels}),
            "platform": platform,
            "statement_date": statement_date,
            "reported_date": reported_date,
            "evidence_start": evidence_start,
            "evidence_end": evidence_end,
            "confidence": confidence,
            "extractor": extractor,
            "extra": {} if extra is None else extra,
        }
        self.__dict__.update(values)  # frozen: no __setattr__

    def __getattr__(self, name: str) -> tuple[str, ...]:
        """A registry field's targets (`record.blames`)."""
        stances = self.__dict__.get("stances")
        if stances is not None and name in stances:
            return stances[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def analysis_date(self) -> str | None:
        """The date the statement is analysed under: its statement date when the text gives
        a full one, else the date of the document that reports it, else None."""
        return analysis_date(self.statement_date, self.reported_date)

    def labels(self) -> dict[str, tuple[str, ...]]:
        return dict(self.stances)

    def to_dict(self) -> dict[str, Any]:
        """The record as the contract writes it (lists, not tuples; extras merged back)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "stances":
                out.update((name, list(targets)) for name, targets in self.stances.items())
            elif f.name != "extra":
                value = getattr(self, f.name)
                if value is not None or f.name not in _OPTIONAL:
                    out[f.name] = value
        return {**copy.deepcopy(self.extra), **out}

    @classmethod
    def from_dict(cls, data: Any) -> Statement:
        if not isinstance(data, dict):
            raise RecordError(f"expected an object, got {type(data).__name__}")
        labels = label_fields()
        known = {f.name for f in fields(cls)} - {"extra", "stances"} | set(labels)
        values: dict[str, Any] = {}
        for name in ("doc_id", "speaker", "evidence"):
            values[name] = _required_text(data, name)
        values["speaker_surface"] = _optional_text(data, "speaker_surface") or values["speaker"]
        values["speaker_type"] = _speaker_type(data.get("speaker_type"))
        for name in ("speaker_affiliation", "sponsor"):
            values[name] = _optional_text(data, name)
        values["event"] = _optional_text(data, "event") or ""
        for name in ("event_date", "statement_date"):
            values[name] = _date(data, name)
        values["reported_date"] = _reported_date(data)
        values["stances"] = {name: _targets(data, name) for name in labels}
        values["platform"] = _platform(data.get("platform"))
        values["evidence_start"], values["evidence_end"] = _offsets(data)
        values["confidence"] = _confidence(data.get("confidence"))
        values["extractor"] = _optional_text(data, "extractor")
        extra = {k: v for k, v in data.items() if k not in known}
        return cls(**values, extra=extra)


def label_fields() -> tuple[str, ...]:
    """The record's label fields: the stance registry's, in its order."""
    return _checked_fields(stance_fields())


@lru_cache(maxsize=8)
def _checked_fields(names: tuple[str, ...]) -> tuple[str, ...]:
    own = {f.name for f in fields(Statement)}
    for name in names:
        if name in own or hasattr(Statement, name):  # a field or a method
            stance = by_field()[name]
            raise StanceError(
                f"{data_path('stances.yaml')}: stance {stance.id!r}: field {name!r} "
                "is already a field or method of every record"
            )
    return names


def _label_values(given: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Every registry field's targets as a tuple, in registry order; a name that is not a
    registry field is refused as an unexpected keyword would be."""
    labels = label_fields()
    unknown = [name for name in given if name not in labels]
    if unknown:
        raise TypeError(
            f"Statement() got unexpected label fields {', '.join(map(repr, unknown))}: "
            f"not fields of the stance registry ({', '.join(labels)})"
        )
    out = {}
    for name in labels:
        targets = given.get(name, ())
        if isinstance(targets, str):
            raise TypeError(f"Statement(): {name!r} must be a sequence of names, not a string")
        out[name] = tuple(targets)
    return out


def _required_text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if isinstance(value, int) and not isinstance(value, bool) and name == "doc_id":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"'{name}' is required and must be a non-empty string")
    return value.strip() if name != "evidence" else value


def _optional_text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"'{name}' must be a string or null, got {type(value).__name__}")
    return value.strip() or None


def _speaker_type(value: Any) -> str:
    text = str(value or "").strip().casefold()
    if text not in SPEAKER_TYPES:
        raise RecordError(
            f"'speaker_type' must be one of {', '.join(SPEAKER_TYPES)}; got {value!r}"
        )
    return text


def _date(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    text = str(value).strip()[:10]
    if not DATE_RE.match(text):
        raise RecordError(f"'{name}' must be YYYY-MM-DD or XXXX-MM-DD; got {value!r}")
    return text


def _reported_date(data: dict[str, Any]) -> str | None:
    """`reported_date`, a full ISO date; records written before the field existed get it
    from `doc_published` (the same publication date, which the extractor has always
    written) when that is a date, so older files still load and can be analysed by date."""
    value = data.get("reported_date")
    if value not in (None, ""):
        text = str(value).strip()[:10]
        if not is_full_date(text):
            raise RecordError(f"'reported_date' must be a date, YYYY-MM-DD; got {value!r}")
        return text
    published = data.get("doc_published")
    text = published.strip()[:10] if isinstance(published, str) else ""
    return text if is_full_date(text) else None


def is_full_date(text: str) -> bool:
    """A real calendar date written YYYY-MM-DD."""
    if not FULL_DATE_RE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def analysis_date(statement_date: str | None, reported_date: str | None) -> str | None:
    """`statement_date` when it is a full date (a day and month with no year cannot be placed
    in time), else `reported_date`, else None."""
    if statement_date and is_full_date(statement_date):
        return statement_date
    return reported_date or None


def _targets(data: dict[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise RecordError(f"'{name}' must be a list of names")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise RecordError(f"'{name}' must hold strings, got {type(item).__name__}")
        if item.strip() and item.strip() not in out:
            out.append(item.strip())
    return tuple(out)


def _platform(value: Any) -> str | None:
    if value is None or str(value).strip().casefold() in ("", "null", "none"):
        return None
    found = _PLATFORM_ALIASES.get(str(value).strip().casefold())
    if found is None:
        raise RecordError(
            f"'platform' must be one of {', '.join(PLATFORMS)} or null; got {value!r}"
        )
    return found


def _offsets(data: dict[str, Any]) -> tuple[int | None, int | None]:
    start, end = data.get("evidence_start"), data.get("evidence_end")
    if start is None and end is None:
        return None, None
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end:
        raise RecordError("'evidence_start'/'evidence_end' must be integers with 0 <= start <= end")
    return start, end


def _confidence(value: Any) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
        raise RecordError(f"'confidence' must be a number from 0 to 1; got {value!r}")
    return float(value)


@dataclass(frozen=True)
class SourceDocument:
    """A document to extract from: its id, main text and what is known about it.

    `doc_id` is the file name without its extension, or the JSONL `id`. `published` is an
    ISO date when known; it anchors partial dates in the text.
    """

    doc_id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    path: str | None = None
