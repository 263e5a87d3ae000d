"""What the extractor knows of places: the states of data/states.yaml (through
`kg.places.load_states`) and the few names data/places.yaml adds, validated on load.

`load_places()` returns a frozen `Places`, the extractor's view: demonyms ("Israeli" ->
Israel, plus adjectives of groups such as "Houthi"), capitals read as metonyms ("Tehran
said"), dateline cities ("BAGHDAD, 3 May" -> Iraq), each state's government actor and
ministry adjective, the states "the Kingdom" can name, and names whose actor depends on the
text ("the occupation"). The states' forms have one home, data/states.yaml; data/places.yaml
holds only what is not a state's. A bad section fails with a `PlacesError` naming the
file and the section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.files import read_yaml
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.paths import data_path
from kg.places import load_states


class PlacesError(ValueError):
    """A places file that does not follow its format; the message names file and section."""


@dataclass(frozen=True, eq=False)
class Places:
    demonyms: dict[str, str]  # "Israeli" -> "Israel", "Houthi" -> "Ansar Allah"
    capitals: dict[str, str]  # "Baghdad" -> "Iraq": a capital can stand for its state
    ministry_adjectives: dict[str, str]  # "Greece" -> "Greek"
    contextual: dict[str, tuple[str, ...]]  # "the occupation" -> ("Israel", "United States")
    # "the occupation" -> {"Hamas": "Israel", ...}: whose mentions count for which reading
    context_votes: dict[str, dict[str, str]] = field(default_factory=dict)
    monarchies: frozenset[str] = frozenset()  # states "the Kingdom" can name
    governments: dict[str, str] = field(default_factory=dict)  # "Iraq" -> "Government of Iraq"
    dateline_cities: dict[str, str] = field(default_factory=dict)  # "Erbil" -> "Iraq"

    def demonym_of(self) -> dict[str, str]:
        """State -> its usual demonym ("Iran" -> "Iranian"), for "its people"."""
        out: dict[str, str] = {}
        for demonym, state in self.demonyms.items():
            if demonym[:1].isupper() and "." not in demonym and len(demonym) > 3:
                out.setdefault(state, demonym)
        return out


def ministry_name(adjectives: dict[str, str], state: str, kind: str) -> str:
    """The one way a ministry the gazetteer lacks is named: "Greek Ministry of Foreign
    Affairs" for Greece's foreign ministry, whether a pattern or a reference found it."""
    return f"{adjectives.get(state, state)} Ministry of {kind}"


def is_ministry_name(name: str) -> bool:
    """Whether `name` is written as `ministry_name` writes one ("Iranian Ministry of ...")."""
    return " Ministry of " in name


def load_places(path: str | Path | None = None, states: str | Path | None = None) -> Places:
    """The extractor's places: data/places.yaml (or `path`) over data/states.yaml (or
    `states`); cached per pair of files."""
    return _load(
        str(Path(path or data_path("places.yaml")).resolve()),
        str(Path(states or data_path("states.yaml")).resolve()),
    )


@lru_cache(maxsize=4)
def _load(path: str, states_path: str) -> Places:
    data = read_yaml(path, PlacesError, "places")
    if not isinstance(data, dict):
        raise PlacesError(f"{path}: expected a mapping of sections")
    unknown = set(data) - {"adjectives", "contextual_names"}
    if unknown:
        raise PlacesError(f"{path}: section(s) nothing reads: {', '.join(sorted(unknown))}")
    gazetteer = load_gazetteer()
    states = load_states(states_path)
    adjectives = _adjectives(path, data, gazetteer)
    contextual = _contextual(path, data, gazetteer)
    clash = sorted(set(adjectives) & set(states.demonyms()))
    if clash:
        raise PlacesError(f"{path}: adjectives already in states.yaml: {', '.join(clash)}")
    return Places(
        demonyms={**states.demonyms(), **adjectives},
        capitals=states.capitals(),
        ministry_adjectives=states.ministry_adjectives(),
        contextual={form: tuple(readings) for form, readings in contextual.items()},
        context_votes={
            form: {voter: name for name, voters in readings.items() for voter in voters}
            for form, readings in contextual.items()
        },
        monarchies=states.monarchies("kingdom"),
        governments=states.governments(),
        dateline_cities=states.dateline_cities(),
    )


def _adjectives(path: str, data: dict[str, Any], gazetteer: Gazetteer) -> dict[str, str]:
    value = data.get("adjectives", {})
    if not isinstance(value, dict):
        raise PlacesError(f"{path}: section 'adjectives' must be a mapping")
    out = {str(k): str(v) for k, v in value.items()}
    for adjective, actor in out.items():
        known = gazetteer.resolve(actor)
        if known is None or known.name != actor:
            raise PlacesError(
                f"{path}: adjectives: {adjective!r}: {actor!r} is not a canonical gazetteer name"
            )
    return out


def _contextual(
    path: str, data: dict[str, Any], gazetteer: Gazetteer
) -> dict[str, dict[str, tuple[str, ...]]]:
    """form -> {reading: the actors whose mentions count for it}, readings in file order."""
    value = data.get("contextual_names", {})
    if not isinstance(value, dict):
        raise PlacesError(f"{path}: section 'contextual_names' must be a mapping")
    out = {}
    for form, readings in value.items():
        where = f"{path}: contextual_names: {form!r}"
        if not isinstance(readings, dict) or len(readings) < 2:
            raise PlacesError(f"{where} needs a mapping of two or more actors to voter lists")
        for name, voters in readings.items():
            if not isinstance(voters, list):
                raise PlacesError(f"{where}: {name!r} needs a list of actors")
            for actor in [name, *voters]:
                known = gazetteer.resolve(str(actor))
                if known is None or known.name != str(actor):
                    raise PlacesError(f"{where}: {actor!r} is not a canonical gazetteer name")
        out[str(form).lower()] = {
            str(name): tuple(str(v) for v in voters) for name, voters in readings.items()
        }
    return out


@lru_cache(maxsize=1)
def actor_parents() -> dict[str, str]:
    """actor -> its parent: the gazetteer's affiliations (an affiliation written as an
    alias, "Government of Israel", maps to its actor too) and each state's government ->
    the state. What a speaker speaks for, up this chain, is never its own target."""
    places = load_places()
    gazetteer = load_gazetteer()
    parents = {a.name: a.affiliation for a in gazetteer.actors if a.affiliation}
    parents |= {alias: gazetteer.canonical(alias) for alias in set(parents.values())
                if gazetteer.canonical(alias) != alias}  # fmt: skip
    parents |= {government: state for state, government in places.governments.items()
                if government != state}  # fmt: skip
    return parents
