"""The stance registry (data/stances.yaml): one entry per stance a statement can take.

`load_stances()` reads and validates the registry and returns its `Stance` entries in file
order; a bad entry raises `StanceError` naming the file and the entry. Everything that
spells a stance (the record's label fields, the RDF properties, alignment signs, the page's
colours) asks the loader; nothing is read at import time. The loader caches per resolved
path, and the default path follows `KG_HOME` (kg.paths).

`cues` belong to the extractor: the loader checks only that they are a list of mappings
and keeps them as written.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.files import read_yaml
from kg.paths import data_path

SIGNS = (-1, 1)
_REQUIRED = (
    "id",
    "field",
    "label",
    "statement_property",
    "relation",
    "cameo",
    "plover",
    "colour",
    "sign",
)
_KEYS = frozenset((*_REQUIRED, "cues"))
_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_FIELD_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LOCAL_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_CAMEO_RE = re.compile(r"^\d{2,4}$")
_PLOVER_RE = re.compile(r"^[A-Z][A-Z_]*$")
_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


class StanceError(ValueError):
    """A registry that does not follow the format; the message names the file and entry."""


@dataclass(frozen=True)
class Stance:
    """One stance: how records, the graph, the alignment and the page spell it."""

    id: str  # short name (kg align, the page): "blames"
    field: str  # the record's label field: "threatens_or_vows_revenge_against"
    label: str  # human label (legend, docs): "praises / supports"
    statement_property: str  # local name of the statement -> target property
    relation: str  # local name of the derived actor -> actor property
    cameo: str  # CAMEO event code, a string of digits ("051")
    plover: str  # PLOVER event type ("ACCUSE")
    colour: str  # the page's edge colour, "#rrggbb"
    sign: int  # alignment sign: -1 hostile (under kg:opposes), +1 friendly
    cues: tuple[Mapping[str, Any], ...] = dataclasses.field(default=(), hash=False)  # raw

    @property
    def hostile(self) -> bool:
        """Sign -1: the relation is a sub-property of kg:opposes."""
        return self.sign < 0


def load_stances(path: str | Path | None = None) -> tuple[Stance, ...]:
    """The registry's stances in file order (data/stances.yaml under KG_HOME by default)."""
    if path is None:
        return _default(os.environ.get("KG_HOME"))
    return _load_cached(str(Path(path).resolve()))


def stance_fields(stances: Sequence[Stance] | None = None) -> tuple[str, ...]:
    """The record's label fields, in registry order (the default registry's are cached:
    every record asks)."""
    if stances is None:
        return _default_fields(os.environ.get("KG_HOME"))
    return tuple(s.field for s in stances)


def by_field(stances: Sequence[Stance] | None = None) -> dict[str, Stance]:
    """Record field -> stance."""
    return {s.field: s for s in _or_default(stances)}


def by_id(stances: Sequence[Stance] | None = None) -> dict[str, Stance]:
    """Stance id -> stance."""
    return {s.id: s for s in _or_default(stances)}


def _or_default(stances: Sequence[Stance] | None) -> Sequence[Stance]:
    return load_stances() if stances is None else stances


@lru_cache(maxsize=8)
def _default(home: str | None) -> tuple[Stance, ...]:
    # Keyed by KG_HOME, so the per-record callers (Statement) skip resolving the path.
    return load_stances(data_path("stances.yaml"))


@lru_cache(maxsize=8)
def _default_fields(home: str | None) -> tuple[str, ...]:
    return stance_fields(_default(home))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> tuple[Stance, ...]:
    data = read_yaml(path, StanceError, "stance registry")
    if not isinstance(data, dict) or not isinstance(data.get("stances"), list):
        raise StanceError(f"{path}: expected a mapping with a list under 'stances'")
    unknown = set(data) - {"stances"}
    if unknown:
        raise StanceError(f"{path}: unknown top-level keys {', '.join(sorted(map(str, unknown)))}")
    if not data["stances"]:
        raise StanceError(f"{path}: 'stances' is empty")
    stances = tuple(_stance(path, n, entry) for n, entry in enumerate(data["stances"], 1))
    for key in ("id", "field", "statement_property", "relation"):
        seen: dict[str, str] = {}
        for stance in stances:
            value = getattr(stance, key)
            if value in seen:
                raise StanceError(
                    f"{path}: stance {stance.id!r}: {key} {value!r} is already stance "
                    f"{seen[value]!r}'s"
                )
            seen[value] = stance.id
    properties = {s.statement_property: s.id for s in stances}
    for stance in stances:
        if stance.relation in properties:
            raise StanceError(
                f"{path}: stance {stance.id!r}: relation {stance.relation!r} is stance "
                f"{properties[stance.relation]!r}'s statement property"
            )
    return stances


def _stance(path: str, number: int, entry: object) -> Stance:
    where = f"{path}: entry {number}"
    if not isinstance(entry, dict):
        raise StanceError(f"{where}: expected a mapping, got {type(entry).__name__}")
    if isinstance(entry.get("id"), str):
        where = f"{where} ({entry['id']})"
    unknown = set(entry) - _KEYS
    if unknown:
        raise StanceError(f"{where}: unknown keys {', '.join(sorted(map(str, unknown)))}")
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise StanceError(f"{where}: missing keys {', '.join(missing)}")
    checks = (
        ("id", _ID_RE, "a lowercase name ([a-z][a-z0-9_-]*)"),
        ("field", _FIELD_RE, "a lowercase identifier ([a-z][a-z0-9_]*)"),
        ("statement_property", _LOCAL_NAME_RE, "an IRI local name ([A-Za-z][A-Za-z0-9_]*)"),
        ("relation", _LOCAL_NAME_RE, "an IRI local name ([A-Za-z][A-Za-z0-9_]*)"),
        ("cameo", _CAMEO_RE, 'a quoted string of 2 to 4 digits ("051")'),
        ("plover", _PLOVER_RE, "an upper-case PLOVER type (ACCUSE)"),
        ("colour", _COLOUR_RE, 'a quoted "#rrggbb" colour'),
    )
    for key, pattern, what in checks:
        value = entry[key]
        if not isinstance(value, str) or not pattern.match(value):
            raise StanceError(f"{where}: {key!r} must be {what}, got {value!r}")
    label = entry["label"]
    if not isinstance(label, str) or not label.strip():
        raise StanceError(f"{where}: 'label' must be a non-empty string, got {label!r}")
    sign = entry["sign"]
    if not isinstance(sign, int) or isinstance(sign, bool) or sign not in SIGNS:
        raise StanceError(f"{where}: 'sign' must be -1 (hostile) or 1 (friendly), got {sign!r}")
    cues = entry.get("cues", [])
    if not isinstance(cues, list) or not all(isinstance(cue, dict) for cue in cues):
        raise StanceError(f"{where}: 'cues' must be a list of mappings")
    return Stance(
        id=entry["id"],
        field=entry["field"],
        label=label.strip(),
        statement_property=entry["statement_property"],
        relation=entry["relation"],
        cameo=entry["cameo"],
        plover=entry["plover"],
        colour=entry["colour"],
        sign=sign,
        cues=tuple(cues),
    )
