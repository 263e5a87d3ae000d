"""The extractor's word lists (data/speech.yaml, data/acts.yaml), validated on load.

`load_speech()` and `load_acts()` return frozen objects whose attributes are the files'
sections; a missing section, a wrong type, an empty list or a bad regular expression fails
with a `WordListError` naming the file and the section, and a section the code does not
read is an error too (every data section is read or deleted). Cached per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.files import read_yaml
from kg.paths import data_path

PLATFORMS = ("Telegram", "X", "TV", "website", "press")
_NOTE_LABEL = re.compile(r"[ \t]*\[?[ \t]*(\w+)(?:['\u2019]s)?[ \t]+(\w+)[ \t]*:")


class WordListError(ValueError):
    """A word-list file that does not follow its format; the message names file and section."""


Words = frozenset[str]


@dataclass(frozen=True)
class Speech:
    reporting_verbs: Words
    irregular_reporting_forms: Words
    source_verbs: Words
    hearsay_verbs: Words
    question_verbs: Words
    conditional_verbs: dict[str, Words]
    figurative_objects: dict[str, Words]
    colon_introducers: dict[str, Words]
    speech_nouns: Words
    outlet_nouns: Words
    affiliation_words: Words
    carrier_verbs: Words
    section_labels: Words
    note_writers: Words
    note_labels: Words
    media_name_words: Words
    distinctive_nouns: Words
    generic_back_references: Words
    title_nouns: Words
    person_back_references: Words
    ministries: dict[str, str]
    state_offices: dict[str, str]
    signing_verbs: Words
    voice_nouns: Words
    platform_names: Words
    sub_body_nouns: Words
    militia_name_words: Words
    military_body_words: Words
    state_body_heads: Words
    role_nouns: Words
    body_voice_roles: Words
    person_titles: Words
    non_speaker_nouns: Words
    research_bodies: Words
    analysis_verbs: Words
    nobody: Words
    anaphor_nouns: dict[str, Words]
    pronouns: dict[str, Words]
    platforms: tuple[tuple[str, re.Pattern[str]], ...]

    def note_label(self, text: str) -> bool:
        """Whether `text` opens with the outlet's own note ("Monitor's comment:", "Desk
        note:", "[Editor's note:")."""
        match = _NOTE_LABEL.match(text)
        return match is not None and match.group(1).lower() in (
            self.note_writers | self.note_labels) and match.group(2).lower() in (
            "note", "notes", "comment", "comments", "assessment")  # fmt: skip

    def anaphor_kind(self, word: str) -> str | None:
        """The kind of actor a noun like "group" or "ministry" refers back to."""
        for kind, words in self.anaphor_nouns.items():
            if word in words:
                return kind
        return None

    def name_kind(self, name: str) -> str | None:
        """The kind a name the gazetteer lacks has by its words: a state body when its
        head word is one ("Home Front Command", "Israel Police"), else an armed
        group ("Saraya Awliya al-Dam", "Resistance Front"), a state body, a medium; or None."""
        words = [w.lower() for w in re.split(r"[\s\-]", name) if w]
        if words and (words[-1] in self.military_body_words or words[-1] in self.state_body_heads):
            return "state"
        for kind, wanted in (("militia", self.militia_name_words),
                             ("state", self.military_body_words),
                             ("media", self.media_name_words)):  # fmt: skip
            if wanted.intersection(words):
                return kind
        return None

    def strip_titles(self, name: str) -> str:
        """ "Foreign Minister Hossein Amir-Abdollahian" -> "Hossein Amir-Abdollahian"."""
        words = name.split()
        # "Kurdistan Region Prime Minister Masrour Barzani": a title after the place it serves
        titles = self.person_titles
        last = max(
            (i for i, w in enumerate(words[:-2]) if w.lower().strip(",.") in titles), default=-1
        )
        if last > 0 and words[last][:1].isupper():
            words = words[last + 1 :]
        while len(words) > 1 and words[0].lower().strip(",.") in titles:
            words = words[1:]
        return " ".join(words)

    def platform_in(self, text: str) -> str | None:
        for platform, regex in self.platforms:
            if regex.search(text):
                return platform
        return None


@dataclass(frozen=True)
class Acts:
    harm_nouns: Words
    aggression_nouns: Words
    harm_verbs: Words
    impact_verbs: Words
    weapon_nouns: Words
    commit_verbs: Words
    asset_nouns: Words
    hedges: Words
    negations: Words
    future_markers: Words
    modal_verbs: Words
    intent_verbs: Words
    unanswered_words: Words
    threat_words: Words
    not_narrated_acts: Words
    casualty_words: Words
    person_nouns: Words
    backing_participles: Words
    backing_verbs: Words
    group_nouns: Words
    backed_group_nouns: Words
    group_back_nouns: Words
    written_group_nouns: Words
    ruling_body_nouns: Words
    recurrence_nouns: Words
    claim_verbs: Words
    victim_of_nouns: Words
    violated_nouns: Words
    exhortation_verbs: Words
    aspect_verbs: Words
    hypothetical_determiners: Words
    mocking_words: Words
    concern_words: Words
    contact_verbs: Words
    cessation_verbs: Words
    non_factual_verbs: Words
    deny_verbs: Words
    doubt_nouns: Words
    charge_nouns: Words
    reason_nouns: Words
    place_preps: Words
    evaluative_words: Words
    quality_nouns: Words
    branch_nouns: Words
    fellowship_nouns: Words
    member_nouns: Words
    service_nouns: Words
    epithet_nouns: Words
    enemy_nouns: Words
    population_nouns: Words
    people_nouns: Words


def load_speech(path: str | Path | None = None) -> Speech:
    return _load_speech(str(Path(path or data_path("speech.yaml")).resolve()))


def load_acts(path: str | Path | None = None) -> Acts:
    return _load_acts(str(Path(path or data_path("acts.yaml")).resolve()))


# Speech's sections that map a word to a list of words
_WORD_MAPS = (
    "conditional_verbs",
    "figurative_objects",
    "colon_introducers",
    "anaphor_nouns",
    "pronouns",
)


@lru_cache(maxsize=4)
def _load_speech(path: str) -> Speech:
    data = _read(path, Speech)
    values: dict[str, Any] = {}
    for spec in fields(Speech):
        name = spec.name
        if name == "platforms":
            values[name] = _platforms(path, data[name])
        elif name == "ministries":
            values[name] = _names(path, name, data[name])
        elif name == "state_offices":
            values[name] = _templates(path, name, data[name], ("{state}", "{adjective}"))
        elif name in _WORD_MAPS:
            values[name] = _word_map(path, name, data[name])
        else:
            values[name] = words(path, name, data[name])
    return Speech(**values)


@lru_cache(maxsize=4)
def _load_acts(path: str) -> Acts:
    data = _read(path, Acts)
    return Acts(**{spec.name: words(path, spec.name, data[spec.name]) for spec in fields(Acts)})


def _read(path: str, shape: type) -> dict[str, Any]:
    data = read_yaml(path, WordListError, "word lists")
    if not isinstance(data, dict):
        raise WordListError(f"{path}: expected a mapping of sections")
    wanted = {spec.name for spec in fields(shape)}
    missing, unknown = wanted - set(data), set(data) - wanted
    if missing:
        raise WordListError(f"{path}: missing section(s): {', '.join(sorted(missing))}")
    if unknown:
        raise WordListError(f"{path}: section(s) nothing reads: {', '.join(sorted(unknown))}")
    return data


def words(path: str, section: str, value: Any) -> Words:
    """A non-empty list of words, lower-cased; anything else names file and section."""
    if not isinstance(value, list) or not value:
        raise WordListError(f"{path}: section '{section}' must be a non-empty list of words")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise WordListError(f"{path}: section '{section}': {item!r} is not a word")
    return frozenset(item.strip().lower() for item in value)


def _word_map(path: str, section: str, value: Any) -> dict[str, Words]:
    if not isinstance(value, dict) or not value:
        raise WordListError(f"{path}: section '{section}' must be a mapping of word lists")
    return {str(key): words(path, f"{section}.{key}", items) for key, items in value.items()}


def _names(path: str, section: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise WordListError(f"{path}: section '{section}' must be a non-empty mapping")
    return {str(k).lower(): str(v) for k, v in value.items()}


def _templates(path: str, section: str, value: Any, slots: tuple[str, ...]) -> dict[str, str]:
    """Phrase -> name template; every template has one of the `slots` it is filled at."""
    out = _names(path, section, value)
    for phrase, template in out.items():
        if not any(slot in template for slot in slots):
            raise WordListError(f"{path}: section '{section}': {phrase!r} -> {template!r} "
                                f"lacks {' or '.join(slots)}")  # fmt: skip
    return out


def _platforms(path: str, value: Any) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if not isinstance(value, list) or not value:
        raise WordListError(f"{path}: section 'platforms' must be a non-empty list")
    out = []
    for number, entry in enumerate(value, 1):
        if not isinstance(entry, dict) or entry.get("platform") not in PLATFORMS:
            raise WordListError(
                f"{path}: platforms entry {number}: 'platform' must be one of {PLATFORMS}"
            )
        try:
            out.append((entry["platform"], re.compile(str(entry["pattern"]))))
        except (KeyError, re.error) as error:
            raise WordListError(f"{path}: platforms entry {number}: {error}") from error
    return tuple(out)
