"""What the extractor knows of states (data/places.yaml), validated on load.

`load_places()` returns a frozen `Places`: demonyms ("Israeli" -> Israel), capitals and
dateline cities ("Baghdad" -> Iraq), each state's government actor and ministry adjective,
the monarchies "the Kingdom" can name, and names that depend on the text ("the
occupation"). Every actor named must be in the gazetteer; a bad section fails with a
`PlacesError` naming the file and the section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.files import read_yaml
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.paths import data_path


class PlacesError(ValueError):
    """A places file that does not follow its format; the message names file and section."""


@dataclass(frozen=True, eq=False)
class Places:
    demonyms: dict[str, str]  # "Israeli" -> "Israel"
    capitals: dict[str, str]  # "Baghdad" -> "Iraq"
    ministry_adjectives: dict[str, str]  # "Greece" -> "Greek"
    contextual: dict[str, tuple[str, ...]]  # "the occupation" -> ("Israel", "United States")
    monarchies: frozenset[str] = frozenset()  # states "the Kingdom" can name
    governments: dict[str, str] = field(default_factory=dict)  # "Iraq" -> "Government of Iraq"

    def demonym_of(self) -> dict[str, str]:
        """State -> its usual demonym ("Iran" -> "Iranian"), for "its people"."""
        out: dict[str, str] = {}
        for demonym, state in self.demonyms.items():
            if demonym[:1].isupper() and "." not in demonym and len(demonym) > 3:
                out.setdefault(state, demonym)
        return out


def load_places(path: str | Path | None = None) -> Places:
    return _load(str(Path(path or data_path("places.yaml")).resolve()))


@lru_cache(maxsize=4)
def _load(path: str) -> Places:
    data = read_yaml(path, PlacesError, "places")
    if not isinstance(data, dict):
        raise PlacesError(f"{path}: expected a mapping of sections")
    gazetteer = load_gazetteer()
    sections = ("demonyms", "ministry_adjectives", "capitals", "governments")
    maps = {section: _mapping(path, data, section, gazetteer) for section in sections}
    unknown = set(data) - {*maps, "monarchies", "contextual_names"}
    if unknown:
        raise PlacesError(f"{path}: section(s) nothing reads: {', '.join(sorted(unknown))}")
    return Places(
        demonyms=maps["demonyms"],
        capitals=maps["capitals"],
        ministry_adjectives=maps["ministry_adjectives"],
        contextual=_contextual(path, data, gazetteer),
        monarchies=frozenset(_actors(path, data, "monarchies", gazetteer)),
        governments=maps["governments"],
    )


def _mapping(path: str, data: dict[str, Any], section: str, gazetteer: Gazetteer) -> dict[str, str]:
    value = data.get(section)
    if not isinstance(value, dict) or not value:
        raise PlacesError(f"{path}: section '{section}' must be a non-empty mapping")
    out = {str(k): str(v) for k, v in value.items()}
    for key, actor in out.items():
        name = key if section == "ministry_adjectives" else actor
        if gazetteer.resolve(name) is None:
            raise PlacesError(f"{path}: section '{section}': {name!r} is not in the gazetteer")
    return out


def _actors(path: str, data: dict[str, Any], section: str, gazetteer: Gazetteer) -> list[str]:
    value = data.get(section)
    if not isinstance(value, list) or not value:
        raise PlacesError(f"{path}: section '{section}' must be a non-empty list")
    for name in value:
        if gazetteer.resolve(str(name)) is None:
            raise PlacesError(f"{path}: section '{section}': {name!r} is not in the gazetteer")
    return [str(name) for name in value]


def _contextual(
    path: str, data: dict[str, Any], gazetteer: Gazetteer
) -> dict[str, tuple[str, ...]]:
    value = data.get("contextual_names")
    if not isinstance(value, dict):
        raise PlacesError(f"{path}: section 'contextual_names' must be a mapping")
    out = {}
    for form, candidates in value.items():
        if not isinstance(candidates, list) or len(candidates) < 2:
            raise PlacesError(f"{path}: contextual_names: {form!r} needs a list of actors")
        out[str(form).lower()] = tuple(_actors(path, {"x": candidates}, "x", gazetteer))
    return out
