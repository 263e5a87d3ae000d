"""Actor tagging: where the text names an actor, and which actor it is.

Contract: `find_mentions(text, gazetteer, lexicon)` -> sorted, non-overlapping `Mention`s
from the gazetteer's surface forms (longest match first), from descriptor patterns for
bodies the gazetteer lacks ("Greece's foreign ministry", "Sistani's office") and from
demonyms ("Israeli", "Houthi"; kind "adj"). `ner_mentions(doc, mentions)` adds named
people and organisations that spaCy's NER found and the gazetteer does not know (kind
"ner"), with a later bare surname expanded to the full name given earlier. Pure functions
over text or a parsed `Doc`; works with `spacy.blank("en")` (no entities, then).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from kg.extract.lexicon import Lexicon
from kg.gazetteer import Actor, Gazetteer

_APOS = "['\u2019\u02bc`]"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    name: str  # canonical name (or the name as written for unknown actors)
    type: str  # person | militia | state | organization | media | other
    kind: str = "name"  # name | adj | ner | descriptor
    affiliation: str | None = None
    umbrella: bool = False
    known: bool = True


def _form_regex(form: str) -> str:
    parts = []
    for char in form:
        if char in "'\u2019":
            parts.append(_APOS)
        elif char in "- ":
            parts.append(r"[\s\-]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _case_sensitive(form: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", form)
    return len(letters) <= 4 or letters.isupper()


@lru_cache(maxsize=8)
def _matchers(gazetteer: Gazetteer, lexicon: Lexicon) -> tuple[Any, Any, Any]:
    forms = gazetteer.surface_forms()
    sensitive = sorted((f for f in forms if _case_sensitive(f)), key=len, reverse=True)
    insensitive = sorted((f for f in forms if not _case_sensitive(f)), key=len, reverse=True)
    bound = r"(?<![\w\-]){}(?![\w\-]|-\w)"
    exact = re.compile(bound.format("(?:" + "|".join(map(_form_regex, sensitive)) + ")"))
    loose = re.compile(
        bound.format("(?:" + "|".join(map(_form_regex, insensitive)) + ")"), re.IGNORECASE
    )
    adjectives = sorted(lexicon.demonyms, key=len, reverse=True)
    demonym = re.compile(  # "Iranian-made", "Russian-built": where a weapon comes from, no actor
        r"(?<![\w.])(?:" + "|".join(map(re.escape, adjectives)) + r")(?![\w])"
        r"(?!-(?:made|built|designed|supplied|manufactured|produced)\b)"
    )
    return exact, loose, demonym


_MINISTRY = re.compile(
    r"(?:(?<=\bthe )|(?<=\bThe ))?(?P<country>(?!The\b)[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}?)(?:"
    + _APOS
    + r"s)?\s+"
    r"(?P<kind>[Ff]oreign|[Dd]efen[cs]e|[Ii]nterior)\s+[Mm]inistry"
    r"|(?P<country2>(?!The\b)[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}?)" + _APOS + r"s\s+Ministry of "
    r"(?P<kind2>Foreign Affairs|Defen[cs]e|Interior)"
)
_OFFICE = re.compile(
    r"(?P<person>(?:(?:[A-Z]|al-|el-)[\w\-]*\s+){0,4}(?:[A-Z]|al-|el-)[\w\-]*)"
    + _APOS
    + r"s\s+office"
)
_KIND = {"foreign": "Foreign Affairs", "foreign affairs": "Foreign Affairs",
         "defense": "Defense", "defence": "Defense", "interior": "Interior"}  # fmt: skip


def _actor_mention(start: int, end: int, text: str, actor: Actor, kind: str) -> Mention:
    return Mention(start, end, text, actor.name, actor.type, kind, actor.affiliation,
                   actor.umbrella)  # fmt: skip


def find_mentions(text: str, gazetteer: Gazetteer, lexicon: Lexicon) -> list[Mention]:
    """Gazetteer names, descriptor bodies and demonyms in `text`, longest first."""
    exact, loose, demonym = _matchers(gazetteer, lexicon)
    found: list[Mention] = []
    for match in _MINISTRY.finditer(text):
        country_text = match.group("country") or match.group("country2")
        country = gazetteer.resolve(country_text) or gazetteer.resolve(
            lexicon.demonyms.get(country_text, "")
        )
        if country is None or country.type != "state":
            continue
        whole = gazetteer.resolve(match.group(0))
        if whole is not None:
            found.append(_actor_mention(match.start(), match.end(), match.group(0), whole, "name"))
            continue
        kind = _KIND[(match.group("kind") or match.group("kind2")).lower()]
        adjective = lexicon.ministry_adjectives.get(country.name, country.name)
        found.append(Mention(match.start(), match.end(), match.group(0),
                             f"{adjective} Ministry of {kind}", "state", "descriptor",
                             country.name))  # fmt: skip
    for match in _OFFICE.finditer(text):
        words = match.group("person").split()
        for skip in range(len(words)):
            person = gazetteer.resolve(" ".join(words[skip:]))
            if person is not None and person.type == "person":
                break
        if person is not None and person.type == "person":
            start = match.start() + len(" ".join(words[:skip])) + (1 if skip else 0)
            found.append(Mention(start, match.end(), text[start : match.end()],
                                 f"Office of {person.name}", "organization", "descriptor",
                                 person.name))  # fmt: skip
    for regex in (exact, loose):
        for match in regex.finditer(text):
            actor = gazetteer.resolve(match.group(0))
            if actor is not None:
                found.append(
                    _actor_mention(match.start(), match.end(), match.group(0), actor, "name")
                )
    for match in demonym.finditer(text):
        actor = gazetteer.resolve(lexicon.demonyms[match.group(0)])
        if actor is not None:
            found.append(_actor_mention(match.start(), match.end(), match.group(0), actor, "adj"))
    return resolve_contextual(_non_overlapping(found), lexicon.contextual_names or {})


def resolve_contextual(mentions: list[Mention], contextual: dict[str, tuple[str, ...]],
                       ) -> list[Mention]:  # fmt: skip
    """ "the occupation": the candidate named before with the same head word ("the American
    occupation"), else the candidate named most in the text, else the first (its usual
    reading)."""
    if not contextual:
        return mentions
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.text.lower() not in contextual:
            counts[mention.name] = counts.get(mention.name, 0) + 1
    out = []
    for index, mention in enumerate(mentions):
        candidates = contextual.get(mention.text.lower())
        if candidates is None:
            out.append(mention)
            continue
        word = mention.text.lower().split()[-1]
        earlier = [m for m in mentions[:index] if m.name in candidates
                   and word in m.text.lower() and m.text.lower() not in contextual]  # fmt: skip
        if earlier:
            out.append(replace(mention, name=earlier[-1].name))
            continue
        # the candidate named most; on a tie the first, the name's usual reading
        ranked = sorted(candidates, key=lambda name: -counts.get(name, 0))
        out.append(replace(mention, name=ranked[0]))
    return out


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    priority = {"descriptor": 0, "name": 1, "ner": 2, "adj": 3}
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), priority[m.kind], m.start))
    taken: list[Mention] = []
    used = bytearray(max((m.end for m in mentions), default=0) + 1)
    for mention in ordered:
        if not any(used[mention.start : mention.end]):
            taken.append(mention)
            used[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return sorted(taken, key=lambda m: m.start)


_NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "abd", "abdul", "de", "van"}


def strip_titles(name: str, titles: frozenset[str]) -> str:
    """ "Foreign Minister Hossein Amir-Abdollahian" -> "Hossein Amir-Abdollahian"."""
    words = name.split()
    # "Kurdistan Region Prime Minister Masrour Barzani": a title after the place it serves
    last = max((i for i, w in enumerate(words[:-2]) if w.lower().strip(",.") in titles), default=-1)
    if last > 0 and words[last][:1].isupper():
        words = words[last + 1 :]
    while len(words) > 1 and words[0].lower().strip(",.") in titles:
        words = words[1:]
    return " ".join(words)


def ner_mentions(
    doc: Any,
    mentions: list[Mention],
    generic: frozenset[str] = frozenset(),
    titles: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Add spaCy PERSON/ORG entities the gazetteer missed; expand bare surnames.
    Entities made only of `generic` words ("the Guards", "Caretaker") are not actors."""
    full_text = doc.text  # computed by spaCy on each access: read it once
    out = list(mentions)
    people: list[Mention] = [m for m in mentions if m.type == "person"]
    used = bytearray(len(full_text) + 1)
    for mention in mentions:
        used[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        first = ent.start
        while (
            ent.label_ == "PERSON" and first > 0 and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].text[:1].isupper() and doc[first - 1].head.i in range(first, ent.end)
        ):  # fmt: skip  # NER cut a name short: "Sarkawt Omar" tagged as "Omar"
            first -= 1
        start, end = doc[first].idx, ent.end_char
        if any(used[start:end]) and ent.label_ == "PERSON" and ent.end - first >= 2:
            # "defence minister Israel Katz": a first name that is also a country's name
            country = [m for m in out if m.start == start and m.end == doc[first].idx + len(
                doc[first].text) and m.type == "state" and m.kind == "name"]  # fmt: skip
            name = doc[first + 1]
            if (
                country and name.pos_ == "PROPN" and name.lower_.strip(".") not in titles
                and not any(used[country[0].end : end])
            ):  # fmt: skip
                out.remove(country[0])
                used[country[0].start : country[0].end] = b"\x00" * len(country[0].text)
        if any(used[start:end]):
            continue
        text = full_text[start:end]
        if text.lower().startswith("the "):
            start, text = start + 4, text[4:]
        if not text or not text[0].isupper() or len(text) < 3:
            continue
        if all(w.lower().strip("'’s") in generic or w.lower() in generic for w in text.split()):
            continue
        if ent.label_ == "PERSON":
            stripped = strip_titles(text, titles)
            start, text = start + len(text) - len(stripped), stripped
            name = _full_name(text, people)
            if name == text and " " not in text:
                name = _name_in_text(full_text, text, start)
            mention = Mention(start, start + len(text), text, name, "person", "ner", known=False)
            people.append(mention)
        else:
            kind = "media" if re.search(r"\b(News|TV|Channel|Agency|Media)\b", text) else None
            mention = Mention(start, start + len(text), text, text, kind or "organization",
                              "ner", known=False)  # fmt: skip
        out.append(mention)
        used[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return _expand_known_surnames(sorted(out, key=lambda m: m.start))


def _name_in_text(text: str, surname: str, before: int) -> str:
    """The fuller name a bare surname had earlier in the text ("Shukr" -> "Fuad Shukr")."""
    pattern = r"\b((?:[A-Z][\w'\u2019]*[ -]){1,3}(?:al-|el-)?)" + re.escape(surname) + r"\b"
    window = max(0, before - 20_000)  # the last pages are enough, and keep it linear
    for match in re.finditer(pattern, text[window:before]):
        words = match.group(1).split()
        if words and words[0].lower() not in ("the", "in", "on", "by", "for", "of", "and"):
            return match.group(0)
    return surname


def _full_name(text: str, people: list[Mention]) -> str:
    tokens = text.replace("-", " ").split()
    if len(tokens) == 1:
        for person in reversed(people):
            parts = person.name.replace("-", " ").split()
            if parts and parts[-1].lower() == tokens[0].lower().removeprefix("al"):
                return person.name
            if parts and parts[-1].lower() == tokens[0].lower():
                return person.name
    return text


def _expand_known_surnames(mentions: list[Mention]) -> list[Mention]:
    out = []
    people: list[Mention] = []
    for mention in mentions:
        if mention.type == "person" and mention.kind == "ner" and " " not in mention.text:
            full = _full_name(mention.text, people)
            if full != mention.text:
                mention = replace(mention, name=full)
            full = mention.name
            for person in people:
                if person.name == full and person.known:
                    mention = replace(mention, known=True, affiliation=person.affiliation)
        if mention.type == "person":
            people.append(mention)
        out.append(mention)
    return out
