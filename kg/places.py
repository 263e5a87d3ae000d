"""States by every name a text uses for them (data/states.yaml).

`load_states()` reads and validates data/states.yaml (each state and government must be a
`type: state` actor of the gazetteer under its canonical name; no form may name two
states; a form the gazetteer knows must name the same state) and returns `States`:
`by_form("Emirati")`, `by_form("Tehran")`, `by_form("U.S.")` give the `State`, and the maps
the extractor reads (demonyms, capitals, governments, ministry adjectives, monarchies).

`States.backer(form)` is the state a form names as a backer (rule 5's "<STATE>-backed",
"backed by <STATE>"): the kg_sponsors component finds the cue in the parse and asks here.

Forms all in capitals ("US", "UAE") and forms of up to four letters ("Iraq", "Doha") match
as written or all in capitals (so "us" is never the United States); longer forms match in
any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.files import read_yaml
from kg.gazetteer import Actor, Gazetteer, load_gazetteer
from kg.names import normalize_name
from kg.paths import data_path

REALMS = ("kingdom", "emirate", "sultanate")
_SHORT = 4  # forms with at most this many letters match as written or in capitals
_THE = re.compile(r"^the\s+", re.IGNORECASE)


class StatesError(ValueError):
    """A states file that does not follow its format; the message names file and entry."""


@dataclass(frozen=True)
class State:
    name: str  # canonical, a state actor of the gazetteer
    demonyms: tuple[str, ...]
    short_forms: tuple[str, ...]
    capital: str
    government: str  # canonical government actor (the state itself when none is listed)
    ministry_adjective: str
    monarchy: bool = False
    realm: str | None = None  # "kingdom", "emirate", "sultanate": "the Kingdom" names it
    cities: tuple[str, ...] = ()
    capital_spellings: tuple[str, ...] = ()  # "Kiev": the capital as other texts spell it

    def forms(self) -> tuple[str, ...]:
        """Every name of the state: canonical, demonyms, short forms, capital, cities."""
        return (*self.sponsor_forms(), *self.cities)

    def capitals(self) -> tuple[str, ...]:
        """The capital in each spelling a text may use ("Kyiv", "Kiev")."""
        return (self.capital, *self.capital_spellings)

    def sponsor_forms(self) -> tuple[str, ...]:
        """The names that can stand for the state as a backer (cities other than the
        capital cannot: "Dubai-backed" is no cue)."""
        return (self.name, *self.demonyms, *self.short_forms, *self.capitals())


class States:
    """The states of data/states.yaml, looked up by any of their forms."""

    def __init__(self, states: Iterable[State]) -> None:
        self.states = tuple(states)
        self._by_name = {state.name: state for state in self.states}
        self._exact: dict[str, State] = {}
        self._folded: dict[str, State] = {}
        for state in self.states:
            for form in state.forms():
                for table, key in _keys(form):
                    lookup = self._exact if table == "exact" else self._folded
                    other = lookup.setdefault(key, state)
                    if other is not state:
                        raise StatesError(f"{form!r} names both {other.name!r} and {state.name!r}")

    def by_form(self, text: str) -> State | None:
        """The state a demonym, short form, capital, city or canonical name stands for
        ("Emirati", "the UAE", "Tehran", "IRAQ"); None for anything else ("us", "Iraqis")."""
        text = _THE.sub("", text.strip())
        found = self._exact.get(text)
        if found is None and _letters(text) > _SHORT:
            found = self._folded.get(normalize_name(text))
        return found

    def get(self, name: str) -> State | None:
        """A state by its canonical name."""
        return self._by_name.get(name)

    def demonyms(self) -> dict[str, str]:
        """Demonym as written -> state ("Iranian" -> "Iran", "U.S." -> "United States")."""
        return {form: s.name for s in self.states for form in s.demonyms}

    def capitals(self) -> dict[str, str]:
        """Capital, in each of its spellings -> state ("Tehran" -> "Iran", "Kiev" -> "Ukraine")."""
        return {capital: s.name for s in self.states for capital in s.capitals()}

    def dateline_cities(self) -> dict[str, str]:
        """Capital or other city that heads a dateline -> state ("Erbil" -> "Iraq")."""
        return {city: s.name for s in self.states for city in (*s.capitals(), *s.cities)}

    def governments(self) -> dict[str, str]:
        """State -> its government actor ("Iraq" -> "Government of Iraq", "Iran" -> "Iran")."""
        return {s.name: s.government for s in self.states}

    def ministry_adjectives(self) -> dict[str, str]:
        """State -> the adjective its ministries are named with ("Saudi Arabia" -> "Saudi")."""
        return {s.name: s.ministry_adjective for s in self.states}

    def monarchies(self, realm: str | None = None) -> frozenset[str]:
        """The monarchies; with `realm`, those a text calls "the <realm>" ("kingdom")."""
        return frozenset(
            s.name for s in self.states if s.monarchy and (realm is None or s.realm == realm)
        )

    def backer(self, text: str) -> State | None:
        """The state a form names as a backer ("Tehran-backed", "backed by the Emirates"):
        any form but a city other than the capital ("Dubai-backed" names no backer)."""
        state = self.by_form(text)
        if state is None:
            return None
        cities = {normalize_name(city) for city in state.cities}
        return None if normalize_name(_THE.sub("", text.strip())) in cities else state


def load_states(path: str | Path | None = None) -> States:
    """Load and validate data/states.yaml (cached per file)."""
    return _load(str(Path(path or data_path("states.yaml")).resolve()))


@lru_cache(maxsize=4)
def _load(path: str) -> States:
    entries = read_yaml(path, StatesError, "states")
    if not isinstance(entries, list) or not entries:
        raise StatesError(f"{path}: expected a list of state entries")
    gazetteer = load_gazetteer()
    states = [_state(path, number, entry, gazetteer) for number, entry in enumerate(entries, 1)]
    names = [state.name for state in states]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise StatesError(f"{path}: states listed twice: {', '.join(twice)}")
    try:
        return States(states)
    except StatesError as problem:
        raise StatesError(f"{path}: {problem}") from problem


_FIELDS = {"name", "demonyms", "short_forms", "capital", "capital_spellings", "cities",
           "government", "ministry_adjective", "monarchy", "realm"}  # fmt: skip


def _state(path: str, number: int, entry: object, gazetteer: Gazetteer) -> State:
    where = f"{path}: entry {number}"
    if not isinstance(entry, dict):
        raise StatesError(f"{where}: expected a mapping")
    where += f" ({entry.get('name')})"
    unknown = set(entry) - _FIELDS
    if unknown:
        raise StatesError(f"{where}: unknown fields {', '.join(sorted(unknown))}")
    name = _state_actor(where, "name", entry.get("name"), gazetteer)
    government = _state_actor(where, "government", entry.get("government"), gazetteer)
    monarchy, realm = entry.get("monarchy"), entry.get("realm")
    if not isinstance(monarchy, bool):
        raise StatesError(f"{where}: 'monarchy' must be true or false")
    if realm is not None and (realm not in REALMS or not monarchy):
        raise StatesError(f"{where}: 'realm' must be one of {REALMS}, and only for a monarchy")
    state = State(
        name=name,
        demonyms=_strings(where, entry, "demonyms", required=True),
        short_forms=_strings(where, entry, "short_forms"),
        capital=_string(where, entry, "capital"),
        capital_spellings=_strings(where, entry, "capital_spellings"),
        cities=_strings(where, entry, "cities"),
        government=government,
        ministry_adjective=_string(where, entry, "ministry_adjective"),
        monarchy=monarchy,
        realm=realm,
    )
    for form in state.forms():
        actor = gazetteer.resolve(form)
        if actor is not None and not _belongs(gazetteer, actor, state):
            raise StatesError(f"{where}: {form!r} is {actor.name!r} in the gazetteer")
    return state


def _state_actor(where: str, field: str, value: Any, gazetteer: Gazetteer) -> str:
    if not isinstance(value, str) or not value.strip():
        raise StatesError(f"{where}: {field!r} is required")
    actor = gazetteer.resolve(value)
    if actor is None or actor.type != "state":
        raise StatesError(f"{where}: {field} {value!r} is not a state actor in the gazetteer")
    if actor.name != value:
        raise StatesError(f"{where}: {field} {value!r}: write the canonical {actor.name!r}")
    return value


def _string(where: str, entry: dict[str, Any], field: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise StatesError(f"{where}: {field!r} must be a non-empty string")
    return value.strip()


def _strings(where: str, entry: dict[str, Any], field: str, required: bool = False) -> tuple:
    value = entry.get(field, [] if not required else None)
    if not isinstance(value, list) or (required and not value):
        raise StatesError(f"{where}: {field!r} must be a list of names")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise StatesError(f"{where}: {field!r}: {item!r} is not a name")
    return tuple(item.strip() for item in value)


def _belongs(gazetteer: Gazetteer, actor: Actor, state: State) -> bool:
    """The actor is the state, its government, or one of their bodies."""
    seen: set[str] = set()
    current: Actor | None = actor
    while current is not None and current.name not in seen:
        if current.name in (state.name, state.government):
            return True
        seen.add(current.name)
        current = gazetteer.resolve(current.affiliation) if current.affiliation else None
    return False


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _is_exact(form: str) -> bool:
    """Acronyms and short forms match as written (or in capitals), others in any case."""
    return form.upper() == form or _letters(form) <= _SHORT


def _keys(form: str) -> Iterator[tuple[str, str]]:
    """Where a form is looked up: as written and in capitals, or by its folded key."""
    form = _THE.sub("", form)
    if _is_exact(form):
        yield "exact", form
        yield "exact", form.upper()
    else:
        yield "folded", normalize_name(form)
