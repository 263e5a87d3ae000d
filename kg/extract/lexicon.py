"""The extractor's word lists (data/lexicons/cues.yaml and places.yaml), validated on load.

`load_lexicon()` returns a frozen `Lexicon`; a missing section, a wrong type, an empty list,
a bad regular expression or a place mapped to an actor the gazetteer does not know fails
loudly with a `LexiconError` naming the file and the section. Nothing here knows any
document: rules are data, the code only loads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.files import read_yaml
from kg.gazetteer import load_gazetteer
from kg.paths import data_path


class LexiconError(ValueError):
    """A lexicon file that does not follow its format; the message names file and section."""


_WORD_LISTS = (
    "reporting_verbs", "non_speaker_nouns", "role_nouns", "speech_nouns", "condemn_verbs",
    "crime_nouns", "aggression_nouns", "harm_nouns", "harm_verbs", "blame_verbs",
    "responsibility_words", "threat_verbs", "threat_victim_predicates",
    "threat_agent_predicates", "threat_victim_weak", "threat_nouns", "future_markers",
    "praise_verbs",
    "praise_nouns", "praise_stand_verbs", "condolence_nouns", "hedges", "negations",
    "framing_nouns", "person_titles", "praise_epithets", "militia_name_words",
    "blame_deed_verbs", "cessation_verbs", "non_factual_verbs", "hypothetical_determiners",
    "military_body_words", "state_body_words", "weak_threat_verbs", "complicity_words",
    "impact_verbs", "weapon_nouns",
)  # fmt: skip
_REGEX_LISTS = ("condemn_phrases", "justification_phrases", "sponsor_cues", "sponsor_backs")
PLATFORMS = ("Telegram", "X", "TV", "website", "press")


@dataclass(frozen=True, eq=False)
class Lexicon:
    words: dict[str, frozenset[str]]
    conditional_reporting_verbs: dict[str, frozenset[str]]
    anaphor_nouns: dict[str, str]  # noun -> class (militia, media, state, statement)
    regexes: dict[str, tuple[re.Pattern[str], ...]]
    platforms: tuple[tuple[str, re.Pattern[str]], ...]
    demonyms: dict[str, str]  # adjective as written -> canonical actor
    ministry_adjectives: dict[str, str]  # canonical country -> adjective
    capitals: dict[str, str]  # city -> canonical country
    governments: dict[str, str]  # canonical country -> canonical government
    monarchies: frozenset[str] = frozenset()  # canonical countries "the kingdom" can name
    contextual_names: dict[str, tuple[str, ...]] | None = None  # "the occupation" -> actors

    def has(self, section: str, word: str) -> bool:
        return word in self.words[section]


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """Load and validate data/lexicons/cues.yaml and places.yaml (cached per directory)."""
    folder = Path(directory) if directory else data_path("lexicons")
    return _load(str(folder.resolve()))


def _read(path: Path) -> dict[str, Any]:
    data = read_yaml(path, LexiconError, "lexicon")
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping of sections")
    return data


def _words(path: Path, data: dict[str, Any], section: str) -> frozenset[str]:
    value = data.get(section)
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{path}: section '{section}' must be a non-empty list of words")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"{path}: section '{section}': {item!r} is not a word")
    return frozenset(item.strip().lower() for item in value)


def _regexes(path: Path, data: dict[str, Any], section: str) -> tuple[re.Pattern[str], ...]:
    value = data.get(section)
    if not isinstance(value, list) or not value:
        raise LexiconError(f"{path}: section '{section}' must be a non-empty list of regexes")
    out = []
    for item in value:
        try:
            out.append(re.compile(str(item), re.IGNORECASE))
        except re.error as error:
            raise LexiconError(
                f"{path}: section '{section}': bad regex {item!r}: {error}"
            ) from error
    return tuple(out)


def _mapping(path: Path, data: dict[str, Any], section: str) -> dict[str, Any]:
    value = data.get(section)
    if not isinstance(value, dict) or not value:
        raise LexiconError(f"{path}: section '{section}' must be a non-empty mapping")
    return value


@lru_cache(maxsize=4)
def _load(folder: str) -> Lexicon:
    cues_path, places_path = Path(folder) / "cues.yaml", Path(folder) / "places.yaml"
    cues, places = _read(cues_path), _read(places_path)
    words = {section: _words(cues_path, cues, section) for section in _WORD_LISTS}
    regexes = {section: _regexes(cues_path, cues, section) for section in _REGEX_LISTS}
    conditional = {
        str(verb): _words(cues_path, {"x": triggers}, "x")
        for verb, triggers in _mapping(cues_path, cues, "conditional_reporting_verbs").items()
    }
    anaphors: dict[str, str] = {}
    for kind, nouns in _mapping(cues_path, cues, "anaphor_nouns").items():
        for noun in _words(cues_path, {"anaphor_nouns": nouns}, "anaphor_nouns"):
            anaphors[noun] = str(kind)
    platforms = []
    for number, entry in enumerate(cues.get("platforms") or [], 1):
        if not isinstance(entry, dict) or entry.get("platform") not in PLATFORMS:
            raise LexiconError(f"{cues_path}: platforms entry {number}: bad platform")
        try:
            platforms.append((entry["platform"], re.compile(str(entry["pattern"]))))
        except (KeyError, re.error) as error:
            raise LexiconError(f"{cues_path}: platforms entry {number}: {error}") from error
    if not platforms:
        raise LexiconError(f"{cues_path}: section 'platforms' must not be empty")
    gazetteer = load_gazetteer()
    mappings: dict[str, dict[str, str]] = {}
    for section in ("demonyms", "ministry_adjectives", "capitals", "governments"):
        mapping = {str(k): str(v) for k, v in _mapping(places_path, places, section).items()}
        for key, value in mapping.items():
            actor = value if section in ("demonyms", "capitals", "governments") else key
            if gazetteer.resolve(actor) is None:
                raise LexiconError(
                    f"{places_path}: section '{section}': {actor!r} is not in the gazetteer"
                )
        mappings[section] = mapping
    monarchies = places.get("monarchies")
    if not isinstance(monarchies, list) or not monarchies:
        raise LexiconError(f"{places_path}: section 'monarchies' must be a non-empty list")
    for name in monarchies:
        if gazetteer.resolve(str(name)) is None:
            raise LexiconError(
                f"{places_path}: section 'monarchies': {name!r} is not in the gazetteer"
            )
    contextual: dict[str, tuple[str, ...]] = {}
    for form, candidates in _mapping(places_path, places, "contextual_names").items():
        if not isinstance(candidates, list) or len(candidates) < 2:
            raise LexiconError(
                f"{places_path}: section 'contextual_names': {form!r} needs a list of actors"
            )
        for name in candidates:
            if gazetteer.resolve(str(name)) is None:
                raise LexiconError(
                    f"{places_path}: section 'contextual_names': {name!r} is not in the gazetteer"
                )
        contextual[str(form).lower()] = tuple(str(name) for name in candidates)
    return Lexicon(
        words=words,
        conditional_reporting_verbs=conditional,
        anaphor_nouns=anaphors,
        regexes=regexes,
        platforms=tuple(platforms),
        demonyms=mappings["demonyms"],
        ministry_adjectives=mappings["ministry_adjectives"],
        capitals=mappings["capitals"],
        governments=mappings["governments"],
        monarchies=frozenset(str(name) for name in monarchies),
        contextual_names=contextual,
    )
