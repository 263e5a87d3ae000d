"""States by every name a text uses for them (data/states.yaml), and rule 5's sponsor cues.

`load_states()` reads and validates data/states.yaml (each state and government must be a
`type: state` actor of the gazetteer under its canonical name; no form may name two
states; a form the gazetteer knows must name the same state) and returns `States`:
`by_form("Emirati")`, `by_form("Tehran")`, `by_form("U.S.")` give the `State`, and the maps
the extractor reads (demonyms, capitals, governments, ministry adjectives, monarchies).

`sponsor_cues(text)` finds the cues of rule 5 for any state, with where the backed actor is
to be looked for (`kind`); it does not decide which actor is backed:

* "backed": "<STATE>-backed/-sponsored/-funded/-supported/-armed/-financed Y" (Y follows);
* "pro": "pro-<STATE> Y" (Y follows);
* "backed_by": "Y (is) backed/supported/funded/armed by (the) <STATE>" (Y precedes);
* "backs": "<STATE>, which backs/supports/funds/arms Y" (Y is the verb's object, after).

"-linked", "-allied", "-aligned", "-led", "proxy" and "-made" give nothing, nor does a
state form that goes on with a hyphen after "by" ("backed by the U.S.-led coalition").

Forms all in capitals ("US", "UAE") and forms of up to four letters ("Iraq", "Doha") match
as written or all in capitals (so "us" is never the United States); longer forms match in
any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from kg.files import read_yaml
from kg.gazetteer import Actor, Gazetteer, load_gazetteer
from kg.names import normalize_name
from kg.paths import data_path

REALMS = ("kingdom", "emirate", "sultanate")
CueKind = Literal["backed", "pro", "backed_by", "backs"]
_SHORT = 4  # forms with at most this many letters match as written or in capitals
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_HYPHEN = r"[-\u2010\u2011\u2012\u2013]"
_BACKED = r"(?:backed|sponsored|funded|supported|armed|financed|bankrolled)"
_BACKS = r"(?:back|support|fund|arm|sponsor|finance|bankroll)(?:s|ed)"


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

    def forms(self) -> tuple[str, ...]:
        """Every name of the state: canonical, demonyms, short forms, capital, cities."""
        return (*self.sponsor_forms(), *self.cities)

    def sponsor_forms(self) -> tuple[str, ...]:
        """The names that can stand for the state as a backer (cities other than the
        capital cannot: "Dubai-backed" is no cue)."""
        return (self.name, *self.demonyms, *self.short_forms, self.capital)


class SponsorCue(NamedTuple):
    start: int  # character offsets of the whole cue ("Iran-backed", "backed by Tehran")
    end: int
    state: str  # canonical state name
    kind: CueKind


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
        """Capital -> state ("Tehran" -> "Iran")."""
        return {s.capital: s.name for s in self.states}

    def dateline_cities(self) -> dict[str, str]:
        """Capital or other city that heads a dateline -> state ("Erbil" -> "Iraq")."""
        return {city: s.name for s in self.states for city in (s.capital, *s.cities)}

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

    def sponsor_forms(self) -> dict[str, str]:
        """Form -> state for building sponsor cues: canonical names, demonyms, short forms
        and capitals as metonyms, without a leading "the" ("Emirates" -> UAE)."""
        return {_THE.sub("", f): s.name for s in self.states for f in s.sponsor_forms()}

    @cached_property
    def _sponsor_patterns(self) -> tuple[tuple[CueKind, re.Pattern[str]], ...]:
        return _patterns(self.sponsor_forms())


def sponsor_cues(text: str, states: States | None = None) -> list[SponsorCue]:
    """Rule 5's cues in a text, in order: (start, end, state, kind). See the module's
    docstring for the kinds; which actor is backed is for the caller to decide."""
    states = states or load_states()
    found = [
        SponsorCue(match.start(), match.end(), _state_of(states, match.group("form")), kind)
        for kind, pattern in states._sponsor_patterns
        for match in pattern.finditer(text)
    ]
    return sorted(found, key=lambda cue: (cue.start, cue.end))


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


_FIELDS = {"name", "demonyms", "short_forms", "capital", "cities", "government",
           "ministry_adjective", "monarchy", "realm"}  # fmt: skip


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


def _state_of(states: States, form: str) -> str:
    state = states.by_form(form)
    assert state is not None, form  # the patterns are built from the states' own forms
    return state.name


def _patterns(forms: dict[str, str]) -> tuple[tuple[CueKind, re.Pattern[str]], ...]:
    folded = {form for form in forms if not _is_exact(form)}
    exact = {variant for form in forms if _is_exact(form) for variant in (form, form.upper())}
    state = rf"(?P<form>(?i:{_alternatives(folded)})|{_alternatives(exact)})"
    end = rf"(?![\w]|{_HYPHEN})"  # not "U.S.-led", not "Iranian-made"
    adverb = r"(?:\s+\w+ly)?"
    return (
        ("backed", re.compile(rf"(?<!\w){state}{_HYPHEN}(?i:{_BACKED})\b")),
        ("pro", re.compile(rf"(?<![\w-])(?i:pro){_HYPHEN}{state}{end}")),
        (
            "backed_by",
            re.compile(rf"(?i:\b{_BACKED}{adverb}\s+by\s+(?:both\s+)?(?:the\s+)?){state}{end}"),
        ),
        (
            "backs",
            re.compile(
                rf"(?<!\w){state},?\s+(?i:which\s+(?:(?:has|have|had|also|long|\w+ly)\s+){{0,2}}"
                rf"{_BACKS})\b(?!\s+(?i:down|off|away|out)\b)"
            ),
        ),
    )


def _alternatives(forms: Iterable[str]) -> str:
    def pattern(form: str) -> str:
        parts = []
        for char in form:
            if char.isspace():
                parts.append(r"\s+")
            elif char in "'\u2019":
                parts.append("['\u2019]")
            else:
                parts.append(re.escape(char))
        return "".join(parts)

    return "|".join(pattern(form) for form in sorted(forms, key=lambda f: (-len(f), f)))
