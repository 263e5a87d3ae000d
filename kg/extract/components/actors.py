"""`kg_actors`: where the text names an actor, and which actor it is.

Requires: the dependency parse and NER (`token.dep_`, `doc.ents`), `doc._.kg_layout`.
Assigns: `doc._.kg_mentions` (`Mentions`: sorted, non-overlapping `Mention`s and a
token index).

In order of trust:
1. gazetteer names and aliases (data/actors.yaml), longest first, matched on characters so
   that straight and curly apostrophes, hyphens and spaces are all one spelling
   ("Kata’ib", "Al-Nujaba" = "Al Nujaba"); short all-capital forms ("KH", "US") only as
   written;
2. bodies the gazetteer lacks, named by pattern: "Greece's foreign ministry" -> Greek
   Ministry of Foreign Affairs, "Sistani's office" -> Office of Ali al-Sistani;
3. demonyms ("Israeli", "Houthi"; kind `adj`) and capitals (kind `capital`), which name
   an actor only where a later stage says so;
4. abbreviations and alternative names the text defines in brackets ("the Southern
   Transitional Council (STC)", "Ansar Allah (the Houthis)"): later uses name that actor;
5. spaCy's PERSON and ORG entities the gazetteer does not know, matched against the
   gazetteer's spellings first (`Gazetteer.resolve`), with titles dropped ("Foreign
   Minister X" -> X), typed by their apposition ("X, a little-known group") or their name
   words ("Saraya ...", "... Command");
6. a bare surname for the full name the text gave before ("Khazali" -> Qais al-Khazali);
7. a bare surname of a person, wherever it stands, for the one full name the text gives
   with it, even where spaCy's NER missed the full name ("Fuad
   Shukr") or took the surname for a place or a group ("Arouri", "al-Arouri").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from kg.extract.components.layout import dateline_spans
from kg.extract.dateline import MONTHS
from kg.extract.doc import Mention, Mentions
from kg.extract.places import Places, ministry_name
from kg.extract.wordlists import Speech
from kg.gazetteer import Actor, Gazetteer
from kg.names import capital_label

_APOS = "['\u2019\u02bc`]"
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{4,}\b")
_KIND_PRIORITY = {"descriptor": 0, "name": 1, "abbr": 2, "ner": 3, "anaphor": 4, "capital": 5,
                  "adj": 6}  # fmt: skip
# A surname written with its article: "al-Sudani", "el-Sisi"
_ARTICLE_NAME = re.compile(r"(?:al|el)-[A-Z]")
# "Prime Minister Benjamin Netanyahu's office": the office of a named person
_OFFICE = re.compile(
    r"(?P<person>(?:(?:[A-Z]|al-|el-)[\w\-]*\s+){0,4}(?:[A-Z]|al-|el-)[\w\-]*)"
    + _APOS
    + r"s\s+office"
)
# "a shadowy faction calling itself Ashab al-Kahf Brigade": the name a group gives itself
_SELF_NAMED = re.compile(
    r"\b(?P<noun>[a-z]+)(?:,)?\s+(?:calling|calls|called|naming|names)\s+(?:itself|themselves)\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w'\u2019\-]*(?:\s+(?:[A-Z][\w'\u2019\-]*|al-[\w\-]+|al|of|the)){0,5})"
)
# "the federal government in Baghdad", "the government of Yemen": a state's government
_GOVERNMENT_OF = re.compile(
    r"\b(?:(?:[Ff]ederal|[Cc]entral|[Nn]ational|[Ii]nterim)\s+)?[Gg]overnment\s+(?:in|of)\s+"
    r"(?P<place>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)"
)
# "the regime in Tehran", "the regime in Riyadh": the state itself, as "the Zionist regime"
_REGIME_IN = re.compile(r"\b[Rr]egime\s+in\s+(?P<place>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)")
# "the government of President Abd-Rabbu Mansour Hadi", "the government of al-Kadhimi":
# the government its leader heads
_GOVERNMENT_LED_BY = re.compile(
    r"\b[Gg]overnment\s+of\s+(?P<person>(?:(?:al|el)-)?[A-Z][\w\-]+(?:\s[A-Z][\w\-]+){0,4})"
)
# "the Modi government", "the Trump administration", "the Sudani cabinet", "Abiy Ahmed's
# government": the government a listed leader heads, named by the leader's name or surname
_LEADER_GOVERNMENT = re.compile(
    r"(?P<person>(?:\b[A-Z][\w\-']*\s+){0,3}(?:\b(?:al|el)-)?\b[A-Z][\w\-]*)(?:['\u2019]s)?\s+"
    r"(?:government|administration|cabinet|regime)\b"
)
# A weapon's model: letters, a hyphen and a number ("Kh-101", "MQ-9", "Shahed-136")
_MODEL_NUMBER = re.compile(r"[A-Za-z]{1,10}-\d{1,4}[A-Za-z]?")
# "the Southern Transitional Council (STC)", "Ansar Allah (the Houthis)"
_BRACKETED = re.compile(r"\s*\((?:the\s+)?(?P<alias>[A-Z][\w'\u2019.\- ]{1,40}?)\)")


class ActorTagger:
    def __init__(self, gazetteer: Gazetteer, speech: Speech, places: Places) -> None:
        self.gazetteer, self.speech, self.places = gazetteer, speech, places
        self.exact, self.loose, self.adjectives, self.capitals, self.peoples = _matchers(
            gazetteer, places
        )
        self.ministry = _ministry_regex(list(speech.ministries))
        self.state_office = _state_office_regex(list(speech.state_offices))
        self.leaders = _leaders_by_surname(gazetteer, places)
        self.generic = (
            speech.role_nouns
            | speech.person_titles
            | {w for words in speech.anaphor_nouns.values() for w in words}
        )

    def __call__(self, doc: Any) -> Any:
        doc._.kg_mentions = self.mentions(doc)
        return doc

    def mentions(self, doc: Any) -> Mentions:
        text = doc.text
        datelines = dateline_spans(text)
        found = self._named(text) + self._descriptors(text) + self._adjectives(text)
        found = [m for m in found if not any(start <= m.start < end for start, end in datelines)]
        found = self._entities(doc, _non_overlapping(found + self._self_named(text)), datelines)
        found = self._spelled_by_abbreviation(text, found)
        found = _non_overlapping(found + _defined_aliases(text, found, self.speech.platform_names))
        found = _expand_partial_names(found, self.speech.person_titles)
        found = [_initials_of_named(m, found) for m in found]
        found = self._surnames(text, found)
        found = _non_overlapping(found + self._back_references(doc, found))
        found = _resolve_contextual(found, self.places.contextual, self.places.context_votes,
                                    self.gazetteer)  # fmt: skip
        found = [m for m in found if not _in_operation_name(text, m)]
        by_token: dict[int, Mention] = {}
        for mention in found:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span if span is not None else ():
                by_token.setdefault(token.i, mention)
        return Mentions(tuple(found), by_token)

    # -- gazetteer, descriptors, demonyms ------------------------------------------
    def _named(self, text: str) -> list[Mention]:
        out = []
        for regex in (self.exact, self.loose):
            for match in regex.finditer(text):
                actor = self.gazetteer.resolve(match.group(0))
                if actor is not None:
                    out.append(_from_actor(match.start(), match.end(), match.group(0), actor))
        return out

    def _descriptors(self, text: str) -> list[Mention]:
        out = []
        for match in self.ministry.finditer(text):
            named = match.group("country") or match.group("country2") or match.group("country3")
            country = self._country(named)
            if country is None:
                found = self._ruled_ministry(match, named)
                out.extend([found] if found is not None else [])
                continue
            whole = self.gazetteer.resolve(match.group(0))
            if whole is not None:
                out.append(_from_actor(match.start(), match.end(), match.group(0), whole))
                continue
            kind = self._ministry_kind(match)
            out.append(Mention(match.start(), match.end(), match.group(0),
                               ministry_name(self.places.ministry_adjectives, country, kind),
                               "state", "descriptor", country, known=False))  # fmt: skip
        for match in self.state_office.finditer(text):
            found = self._last_country(match.group("country"))
            if found is not None:
                country, start = found[0], match.start() + found[1]
                out.append(Mention(start, match.end(), text[start : match.end()],
                                   self._office_name(match.group("office"), country), "state",
                                   "descriptor", country, known=False))  # fmt: skip
        for match in _REGIONAL_BODY.finditer(text):  # "the Amhara regional government"
            if self.gazetteer.resolve(match.group(0)) is None:
                out.append(Mention(match.start(), match.end(), match.group(0), match.group(0),
                                   "state", "descriptor", None, known=False))  # fmt: skip
        # "the government in Baghdad" is the state's government, "the regime in Tehran"
        # the state itself
        for pattern, governments in ((_GOVERNMENT_OF, self.places.governments), (_REGIME_IN, {})):
            for match in pattern.finditer(text):
                state = self._state_of_place(match.group("place")) or ""
                actor = self.gazetteer.resolve(governments.get(state, state))
                if actor is not None:
                    found = _from_actor(match.start(), match.end(), match.group(0), actor)
                    out.append(replace(found, kind="descriptor"))
        for match in _GOVERNMENT_LED_BY.finditer(text):
            person = match.group("person")
            government = self._government_led_by(person) or self.leaders.get(
                re.sub(r"^(?:al|el)-", "", person))  # fmt: skip
            if government is not None:
                found = _from_actor(match.start(), match.end(), match.group(0), government)
                out.append(replace(found, kind="descriptor"))
        for match in _LEADER_GOVERNMENT.finditer(text):
            found = self._leader_government(match)
            if found is not None:
                out.append(found)
        for match in _OFFICE.finditer(text):
            for start, name in _name_tails(match, "person"):
                person = self.gazetteer.resolve(name)
                if person is not None and person.type == "person":
                    out.append(Mention(start, match.end(), text[start : match.end()],
                                       f"Office of {person.name}", "organization",
                                       "descriptor", person.name, known=False))  # fmt: skip
                    break
        return out

    def _back_references(self, doc: Any, mentions: list[Mention]) -> list[Mention]:
        """ "the Brigades", "the Guards", "the regime", "the coalition", "the Kingdom": a
        distinctive noun after "the" names the earlier actor whose name holds it (a
        monarchy for "the Kingdom")."""
        out = []
        for token in doc[1:]:
            lower = token.lower_
            if doc[token.i - 1].lower_ != "the" or self.speech.anaphor_kind(lower) is None:
                continue
            if not (token.text[:1].isupper() or lower in self.speech.distinctive_nouns):
                continue
            stem = lower[:-1] if lower.endswith("s") else lower
            demonym = None  # "a Saudi refinery" ... "back the Kingdom": if no name comes
            for mention in reversed(mentions):
                realm = stem == "kingdom"  # "the Kingdom": a monarchy, not a name's word
                monarchy = realm and mention.name in self.places.monarchies
                if mention.kind == "adj" and monarchy and mention.end <= token.idx:
                    demonym = demonym or mention
                    continue
                # (a monarchy's capital counts: "Riyadh, 19 June 2024" ... "the Kingdom")
                if mention.end > token.idx or mention.kind == "adj" or (
                        mention.kind == "capital" and not monarchy):  # fmt: skip
                    continue
                # a generic noun ("the government") names only an actor the text itself
                # called so; a distinctive one ("the Brigades") any of its known names
                generic = lower in self.speech.generic_back_references
                # (with the noun the name qualifies: "the Popular Mobilisation Commission")
                words = self._name_words(mention)
                if generic:
                    title = _next_word(doc.text, mention.end) & self.speech.title_nouns
                    words = _words(mention.text) | title
                if monarchy or (stem in words and not realm):
                    out.append(replace(mention, start=token.idx, end=token.idx + len(token),
                                       text=token.text, kind="anaphor"))  # fmt: skip
                    break
            else:
                if demonym is not None:
                    out.append(Mention(token.idx, token.idx + len(token), token.text,
                                       demonym.name, demonym.type, "anaphor"))  # fmt: skip
        return out

    def _self_named(self, text: str) -> list[Mention]:
        """ "a faction calling itself X": X is an actor, typed by the noun ("faction" ->
        militia) or its own name words."""
        out = []
        for match in _SELF_NAMED.finditer(text):
            name = match.group("name").strip()
            if self.gazetteer.resolve(name) is not None:
                continue  # the gazetteer's own entry is found anyway
            kind = self.speech.anaphor_kind(match.group("noun"))
            words = {w.lower() for w in re.split(r"[\s\-]", name)}
            if kind not in ("militia", "media", "state"):
                kind = "militia" if words & self.speech.militia_name_words else "organization"
            out.append(Mention(match.start("name"), match.start("name") + len(name), name, name,
                               kind, "descriptor", known=False))  # fmt: skip
        return out

    def _surnames(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Rule 7 of the module docstring: NER tags a surname alone as a person in one
        sentence, a place or a group in the next, and misses some full names; the name
        would then reach the records as "Shukr" in one and not at all in another."""
        # listed people too: "Prigozhin's channel" before "Yevgeny Prigozhin says", and
        # "Adraei wrote" under "Avichay Adraee", are that person however NER read them
        people = {m.name: m for m in mentions if m.type == "person"
                  and len(_name_words(m.name)) > 1}  # fmt: skip
        bare: dict[str, Mention] = {}  # "Shukr" (its first mention), and the text says
        for mention in mentions:  # "Fuad Shukr" somewhere: each name looked up once
            if mention.type == "person" and not mention.known and " " not in mention.name:
                bare.setdefault(mention.name, mention)
        for name, mention in bare.items():
            full = self._full_name(text, name)
            if full is not None and full not in people:
                people[full] = replace(mention, name=full, text=full)
        variants = _respelt_people(people)  # "Vitalii Kim" after "Vitaliy Kim"
        for variant in variants:
            del people[variant]
        by_surname: dict[str, set[str]] = {}
        for name in people:
            by_surname.setdefault(name.split()[-1].split("-")[-1], set()).add(name)
        found = []
        respelt: dict[str, str] = {}  # "Farmaajo" -> "Farmajo"
        words = set(_CAPITALISED_WORD.findall(text))  # the text's candidate respellings
        for surname, names in by_surname.items():
            if len(names) != 1 or len(surname) < 4 or not self._unknown_word(surname):
                continue
            person = people[next(iter(names))]
            forms = [surname, *self._respelt(words, surname)]  # "Farmaajo" after "Farmajo"
            respelt.update((form, surname) for form in forms[1:])
            alternatives = "|".join(re.escape(form) for form in forms)
            pattern = rf"\b(?:{re.escape(person.name)}|(?:(?:al|el)-)?(?:{alternatives}))\b"
            for match in re.finditer(pattern, text):
                found.append(replace(person, start=match.start(), end=match.end(),
                                     text=match.group(0), kind="ner"))  # fmt: skip
        renamed = [_renamed(m, people, respelt) for m in mentions]
        renamed = [replace(m, name=variants[m.name]) if m.name in variants else m
                   for m in renamed]  # fmt: skip
        return _non_overlapping(renamed + found)

    def _respelt(self, words: set[str], surname: str) -> list[str]:
        """Other spellings of a surname among the text's capitalised `words`, one letter
        doubled, dropped or changed ("Farmaajo" for "Farmajo", "Slutskiy" for
        "Slutsky"): transliterations a report mixes; only for surnames of six letters or
        more, and only words no actor or place is named by."""
        if len(surname) < 6:
            return []
        return sorted(
            word for word in words
            if Levenshtein.distance(word, surname) == 1 and self._unknown_word(word)
        )  # fmt: skip

    def _full_name(self, text: str, surname: str) -> str | None:
        """The one "First Surname" the text writes, a first name being a capitalised word
        that is no title, role or name the gazetteer or the places know."""
        firsts = set()
        for match in re.finditer(rf"\b([A-Z][a-z]{{2,}}) {re.escape(surname)}\b", text):
            if self._unknown_word(match.group(1)):
                firsts.add(match.group(1))
        return f"{firsts.pop()} {surname}" if len(firsts) == 1 else None

    def _unknown_word(self, word: str) -> bool:
        lower = word.lower()
        return (
            lower not in self.generic
            and lower not in self.speech.platform_names
            and self.gazetteer.resolve(word) is None
            and word not in self.places.demonyms
            and word not in self.places.capitals
            and self._country(word) is None
        )

    def _name_words(self, mention: Mention) -> set[str]:
        """The words of a mention and of every alias of its actor ("Hizbullah Brigades")."""
        actor = self.gazetteer.resolve(mention.name) if mention.known else None
        forms = [mention.text, *(actor.aliases if actor else ())]
        return {w for form in forms for w in _words(form)}

    def _government_led_by(self, name: str) -> Actor | None:
        """The government a listed person is affiliated with ("Abd-Rabbu Mansour Hadi" ->
        Government of Yemen), or None."""
        person = self.gazetteer.resolve(name) or self.gazetteer.resolve(
            self.speech.strip_titles(name))  # fmt: skip
        if person is None or person.type != "person":
            return None
        return _government_of(person, self.gazetteer, self.places)

    def _leader_government(self, match: re.Match[str]) -> Mention | None:
        """ "the Hadi government": the government of the listed person the words before
        the noun name, in full or by a surname no other listed leader has."""
        for start, name in _name_tails(match, "person"):
            government = self._government_led_by(name) or self.leaders.get(name)
            if government is not None:
                found = _from_actor(
                    start, match.end(), match.string[start : match.end()], government
                )
                return replace(found, kind="descriptor")
        return None

    def _state_of_place(self, place: str) -> str | None:
        """The state a capital ("Baghdad") or a state's own name ("Yemen") stands for; the
        longer reading first ("Abu Dhabi"), then its first word ("Baghdad Airport")."""
        for candidate in (place, place.split()[0]):
            if candidate in self.places.capitals:
                return self.places.capitals[candidate]
            actor = self.gazetteer.resolve(candidate)
            if actor is not None and actor.name in self.places.governments:
                return actor.name
        return None

    def _ruled_ministry(self, match: re.Match[str], named: str) -> Mention | None:
        """ "the Houthi health ministry", "the Hamas-run interior ministry": a ministry of
        an armed group that governs where it rules, named by the group as the text names it
        ("Houthi Ministry of Health"), affiliated with the group, never with its backer."""
        ruler = _RULED_BY.sub("", named)
        actor = self.gazetteer.resolve(ruler) or self.gazetteer.resolve(
            self.places.demonyms.get(ruler, ""))  # fmt: skip
        if actor is None or actor.type not in ("militia", "organization"):
            return None
        name = ministry_name(self.places.ministry_adjectives, ruler, self._ministry_kind(match))
        return Mention(match.start(), match.end(), match.group(0), name, "state", "descriptor",
                       actor.name, known=False)  # fmt: skip

    def _ministry_kind(self, match: re.Match[str]) -> str:
        """The kind a ministry pattern's match names, as ministries are named ("Interior")."""
        kind = match.group("kind") or match.group("kind2") or match.group("kind3")
        return self.speech.ministries[kind.lower()]

    def _country(self, text: str) -> str | None:
        """The state a name, a demonym or a capital ("Damascus' foreign ministry") names."""
        actor = (
            self.gazetteer.resolve(text)
            or self.gazetteer.resolve(self.places.demonyms.get(text, ""))
            or self.gazetteer.resolve(self.places.capitals.get(text, ""))
        )
        return actor.name if actor is not None and actor.type == "state" else None

    def _office_name(self, phrase: str, country: str) -> str:
        """ "prime minister's office", Israel -> "Office of the Prime Minister of Israel"."""
        key = re.sub(r"[\s\-]+", " ", phrase.lower()).replace("\u2019", "'")
        adjective = self.places.ministry_adjectives.get(country, country)
        return self.speech.state_offices[key].format(state=country, adjective=adjective)

    def _last_country(self, text: str) -> tuple[str, int] | None:
        """The state the last words name, and where they start ("Damascus. Iran" -> Iran:
        a sentence's end is no boundary to a name pattern that allows "U.S.")."""
        for word in re.finditer(r"\S+", text):
            country = self._country(text[word.start() :])
            if country is not None:
                return country, word.start()
        return None

    def _adjectives(self, text: str) -> list[Mention]:
        out = []
        for regex, table, kind in ((self.adjectives, self.places.demonyms, "adj"),
                                   (self.capitals, self.places.capitals, "capital")):  # fmt: skip
            for match in regex.finditer(text):
                actor = self.gazetteer.resolve(table[match.group(0)])
                if actor is not None:
                    out.append(replace(_from_actor(match.start(), match.end(), match.group(0),
                                                   actor), kind=kind))  # fmt: skip
        for match in self.peoples.finditer(text):  # "the Russians bombed the building"
            actor = self.gazetteer.resolve(self.places.demonyms[match.group("demonym")])
            if actor is not None and actor.type == "state":  # (not "the Houthis")
                start = match.start("demonym")
                out.append(_from_actor(start, match.end(), text[start : match.end()], actor))
        return out

    def _spelled_by_abbreviation(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "Tehreek-e-Jihad Pakistan (TJP)", "Uganda People's Defence Forces (UPDF)": the
        capitalised words before a bracketed abbreviation whose initials spell it are one
        body's name, though NER split it or a state's name ends it (rule 14: named as the
        text names it; not Pakistan, not the HPG's "People's Defence Forces")."""
        out = list(mentions)
        for match in _ABBREVIATION.finditer(text):
            start = _spelled_start(text, match.start(), match.group("abbr"))
            if start is None:
                continue
            end = match.start()
            while text[end - 1].isspace():  # the name ends before the space and bracket
                end -= 1
            inside = [m for m in out if m.start < end and m.end > start]
            if any(m.start <= start and m.end >= end for m in inside) or any(
                m.start < start or m.end > end for m in inside
            ):  # named whole already, or a name runs across its edge
                continue
            out = sorted([*(m for m in out if m not in inside),
                          self._spelled_mention(text, start, end, inside)],
                         key=lambda m: m.start)  # fmt: skip
        return out

    def _spelled_mention(self, text: str, start: int, end: int, inside: list[Mention]
                         ) -> Mention:  # fmt: skip
        """The body a spelled-out name names: the gazetteer's, else one of the name's
        kind; a state's forces ("Nigerian Air Force", "Rwanda Defence Force") belong to
        the state."""
        name = text[start:end]
        actor = self.gazetteer.match(name)
        if actor is not None:
            return _from_actor(start, end, name, actor)
        states = [m for m in inside if m.type == "state" and m.kind in ("name", "adj")]
        rest = [w.group(0) for w in re.finditer(r"[A-Z][\w'\u2019]*", name)
                if not any(m.start <= start + w.start() < m.end for m in states)]  # fmt: skip
        if len(states) == 1 and rest and set(rest) <= _STATE_BODY_WORDS | {"Defence", "Defense"}:
            return Mention(start, end, name, name, "state", "ner", states[0].name, known=False)
        kind = self.speech.name_kind(name) or "organization"
        return Mention(start, end, name, name, kind, "ner", known=False)

    # -- entities the gazetteer lacks ----------------------------------------------
    def _no_actor(self, name: str) -> bool:
        """A name NER tagged that no actor bears: a section label in capitals ("CLAIM",
        "MONITOR'S ASSESSMENT") or as a word ("Background", "Context"), or a note's writer
        ("Translator" of "[Translator's note:", "Mesopotamia Channels Desk"), or a weapon's
        model ("Kh-101", "S-300", "Shahed-136")."""
        words = re.sub(r"['\u2019]s$", "", name.strip(" .")).lower().split()
        return (
            capital_label(name)
            or _MODEL_NUMBER.fullmatch(name.strip()) is not None
            or " ".join(words) in self.speech.section_labels
            or bool(words and words[-1] in self.speech.note_writers)
        )

    def _entities(self, doc: Any, mentions: list[Mention],
                  datelines: list[tuple[int, int]]) -> list[Mention]:  # fmt: skip
        text = doc.text
        used = bytearray(len(text) + 1)
        for mention in mentions:
            used[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        out = list(mentions)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            if any(start <= ent.start_char < end for start, end in datelines):
                continue
            first = ent.start
            while (
                ent.label_ == "PERSON" and first > 0 and doc[first - 1].pos_ == "PROPN"
                and doc[first - 1].text[:1].isupper() and doc[first - 1].head.i in range(
                    first, ent.end) and doc[first - 1].lower_ not in self.generic
            ):  # fmt: skip  # NER cut a name short: "Sarkawt Omar" tagged as "Omar"
                first -= 1
            start, end = doc[first].idx, ent.end_char
            start, end = _trim(text, start, end)
            if any(used[start:end]):
                covered = self._country_first_name(doc, first, ent, out, used)
                covered = covered or self._respelt_whole(text, start, end, out, used)
                if covered is None:
                    covered = _named_over_demonym(ent, text, start, end, out, used)
                if covered is None:
                    continue
                out = covered
            mention = self._entity(doc, ent, text[start:end], start)
            if mention is None or (not mention.known and self._no_actor(mention.text)):
                continue
            if ent.label_ == "ORG" and not mention.known:
                out, mention = self._with_tail(text, mention, out, used)
            if not mention.text[0].isupper():  # "al-Sudani" after his full name is he;
                full = _named_in_full(mention, out)  # "al-Qaim", "al-Harir" are places
                if full is None:
                    continue
                mention = replace(mention, name=full.name, known=full.known,
                                  affiliation=full.affiliation)  # fmt: skip
            mention = _body_of_next(mention, text, out) or mention
            out.append(mention)
            used[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        return sorted(out, key=lambda m: m.start)

    def _with_tail(self, text: str, mention: Mention, out: list[Mention], used: bytearray
                   ) -> tuple[list[Mention], Mention]:  # fmt: skip
        """ "Joint Room of the Palestinian Resistance Factions", "General Staff of the Armed
        Forces", "Al-Qaeda in the Arabian Peninsula": NER ends a body's name before its
        "of the ..." part; the whole name is the body's (a demonym inside it is no actor
        of its own), typed by its words ("Factions": an armed group)."""
        tail = _NAME_TAIL.match(text, mention.end)
        if tail is None:
            return out, mention
        inside = [m for m in out if m.start < tail.end() and m.end > mention.end]
        if any(m.kind not in ("adj", "capital") and not _its_country(m, text) for m in inside):
            return out, mention  # "the Houthis of Ansar Allah": a name of its own follows
        name = text[mention.start : tail.end()]
        kind = self.speech.name_kind(name) or mention.type
        for inner in inside:
            used[inner.start : inner.end] = b"\x00" * (inner.end - inner.start)
        whole = replace(mention, end=tail.end(), text=name, name=name, type=kind)
        return [m for m in out if m not in inside], whole

    def _country_first_name(self, doc: Any, first: int, ent: Any, out: list[Mention],
                            used: bytearray) -> list[Mention] | None:  # fmt: skip
        """ "defence minister Israel Katz": a first name that is also a country's name."""
        if ent.label_ != "PERSON" or ent.end - first < 2:
            return None
        token = doc[first]
        country = [m for m in out if m.start == token.idx and m.end == token.idx + len(token)
                   and m.type == "state" and m.kind == "name"]  # fmt: skip
        following = doc[first + 1]
        if not country or following.pos_ != "PROPN" or following.lower_ in self.generic:
            return None
        if any(used[country[0].end : ent.end_char]):
            return None
        used[country[0].start : country[0].end] = b"\x00" * (country[0].end - country[0].start)
        return [m for m in out if m is not country[0]]

    def _respelt_whole(self, text: str, start: int, end: int, out: list[Mention],
                       used: bytearray) -> list[Mention] | None:  # fmt: skip
        """ "Kataib Hizbollah": a name NER found whole that the gazetteer knows only by
        another spelling, around a shorter listed form ("Hizbollah") that was tagged first;
        the whole name wins when it matches an actor and covers the shorter mentions."""
        inside = [m for m in out if m.start < end and m.end > start]
        if not inside or any(m.start < start or m.end > end for m in inside):
            return None
        if (end - start) <= max(m.end - m.start for m in inside):
            return None
        if self.gazetteer.match(text[start:end]) is None:
            return None
        for mention in inside:
            used[mention.start : mention.end] = b"\x00" * (mention.end - mention.start)
        return [m for m in out if m not in inside]

    def _entity(self, doc: Any, ent: Any, text: str, start: int) -> Mention | None:
        words = text.split()
        # a name, or a surname with its article ("al-Sudani said": kept only after the
        # full name, by the caller)
        if not text or not (text[0].isupper() or _ARTICLE_NAME.match(text)) or len(text) < 3:
            return None
        if all(re.sub(r"['\u2019]s$", "", w.lower()) in self.generic for w in words):
            return None
        if text.lower() in self.speech.platform_names:
            return None  # "Telegram", "Twitter": where a statement appeared, not who made it
        if text.lower() in self.speech.non_speaker_nouns:
            return None  # "Videos", "Repost": evidence or a post passed on, not an actor
        titled = ent.label_ != "PERSON" and self._titled_person(text)
        if ent.label_ == "PERSON" or titled:
            stripped = self.speech.strip_titles(text)
            start, text = start + len(text) - len(stripped), stripped
            if not (text[:1].isupper() or _ARTICLE_NAME.match(text)) or len(text) < 3:
                return None
        # a name NER found that the gazetteer's surface forms missed: its actor under any
        # spelling ("Kataib Hizbollah", "Abu Mahdi al-Mohandes"), guarded against near names
        actor = self.gazetteer.match(text)
        if actor is not None:
            return _from_actor(start, start + len(text), text, actor)
        kind = "person" if titled else self._kind(doc, ent, text)
        return Mention(start, start + len(text), text, text, kind, "ner", known=False)

    def _owners_channel(self, token: Any) -> bool:
        """ "Oleh Synehubov (Kharkiv regional administration channel)", "X (City Council
        channel)": a bracketed note naming the body whose channel carried the post says
        where the name's words appeared, not that the name is an outlet ("Rybar (Russian
        military Telegram channel)" is one)."""
        left = token.left_edge
        if not (left.text == "(" or (left.i > 0 and token.doc[left.i - 1].text == "(")):
            return False
        owners = self.speech.sub_body_nouns | {"administration", "government", "ministry"}
        return any(t.lower_ in owners for t in token.subtree if t.i != token.i)

    def _titled_person(self, text: str) -> bool:
        """ "President Buhari", "Caretaker PM Adel Abdul-Mahdi": a name NER took for an
        organisation that opens with a role or with two titles is a person, unless a word
        of it names a body ("Supreme Council", "Defence Headquarters", "General Staff")
        or is in lower case."""
        speech = self.speech
        titles = speech.person_titles
        words = text.split()
        lowered = [w.lower().strip(",.") for w in words]
        titled = len(words) > 1 and (
            lowered[0] in speech.role_nouns or (lowered[0] in titles and lowered[1] in titles)
        )
        if not titled or speech.name_kind(text) is not None:
            return False
        name = speech.strip_titles(text).split()
        if all(w.lower() in titles for w in name):
            return False  # nothing but titles: no name
        body_words = speech.sub_body_nouns | speech.media_name_words
        for word, lower in zip(words, lowered, strict=True):
            if not word[:1].isupper() or lower in body_words or speech.anaphor_kind(lower):
                return False
        return True

    def _kind(self, doc: Any, ent: Any, text: str) -> str:
        """An unknown actor's type: its apposition ("X, a little-known group"), its name
        words ("Saraya ...", "Joint Operations Command", "... News"), else NER's label."""
        speech = self.speech
        for child in ent.root.children:
            if child.dep_ == "appos" and child.i >= ent.end and not self._owners_channel(child):
                kind = speech.anaphor_kind(child.lower_)
                if kind in ("militia", "media", "state"):
                    return kind
                if child.lower_ in speech.role_nouns:
                    return "person"
        if ent.root.dep_ == "appos" and ent.root.head.lower_ in speech.role_nouns:
            return "person"  # "the secretary-general of the GCC, Jasem Albudaiwi,"
        if ent.start > 0 and speech.anaphor_kind(doc[ent.start - 1].lower_) == "media":
            return "media"  # "the daily Kayhan", "channel Shehab", "news agency SANA"
        kind = speech.name_kind(text)
        if kind in ("militia", "state"):
            return kind
        if ent.label_ == "PERSON":
            return "person"
        return kind or "organization"


# "Operation Hurricane Yemen", the "Operation Yemen Hurricane": a name inside an
# operation's title names no actor (it neither spoke nor did anything)
_OPERATION_TITLE = re.compile(r"\bOperation\s+(?:[\"\u201c]?[A-Z][\w'-]*\s+){0,3}[\"\u201c]?$")


def _its_country(inner: Mention, text: str) -> bool:
    """ "the Muslim Council of Sri Lanka", "the Human Rights Commission of Pakistan": a
    state named after "of" inside a body's name is part of that name, not another actor."""
    before = text[max(0, inner.start - 4) : inner.start]
    return inner.type == "state" and inner.kind == "name" and before == " of "


def _name_tails(match: re.Match[str], group: str) -> Iterator[tuple[int, str]]:
    """ "Yemeni President Abd-Rabbu Mansour Hadi": the group's words, then the same
    without each leading word in turn ("President Abd-Rabbu Mansour Hadi", ...), each with
    where it starts in the text, so the longest listed name among them can be found."""
    words = match.group(group).split()
    for skip in range(len(words)):
        yield (
            match.start(group) + len(" ".join(words[:skip])) + (1 if skip else 0),
            " ".join(words[skip:]),
        )


def _government_of(person: Actor, gazetteer: Gazetteer, places: Places) -> Actor | None:
    """The state's government a listed person is affiliated with, or None."""
    government = gazetteer.resolve(person.affiliation or "")
    if government is None or government.name not in places.governments.values():
        return None
    return government


def _leaders_by_surname(gazetteer: Gazetteer, places: Places) -> dict[str, Actor]:
    """Surname ("Sudani", "Hadi") -> the government of the listed person affiliated with
    a state's government; a surname two listed people share is left out."""
    found: dict[str, set[Actor | None]] = {}
    for actor in set(gazetteer.surface_forms().values()):
        if actor.type == "person":
            surname = re.sub(r"^(?:al|el)-", "", actor.name.split()[-1])
            found.setdefault(surname, set()).add(_government_of(actor, gazetteer, places))
    return {surname: government for surname, governments in found.items()
            if len(governments) == 1 and (government := next(iter(governments)))}  # fmt: skip


def _in_operation_name(text: str, mention: Mention) -> bool:
    return _OPERATION_TITLE.search(text, max(0, mention.start - 80), mention.start) is not None


def _next_word(text: str, end: int) -> set[str]:
    """The word right after a name, lower-cased (none after punctuation)."""
    match = re.match(r" (\w+)", text[end : end + 40])
    return {match.group(1).lower().rstrip("s")} if match else set()


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.split(r"[\s\-]", text.lower())}


def _ministry_regex(kinds: list[str]) -> re.Pattern[str]:
    """ "Greece's foreign ministry", "the Iraqi Interior Ministry", "Iran's Ministry of
    Foreign Affairs": a country (name or demonym) and a ministry of one of `kinds`."""
    short = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    # "the Hamas-run interior ministry": a group's ministry where it rules
    country = r"(?!The\b)[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}?(?:-(?:run|controlled))?"
    # "Damascus' foreign ministry": a bare apostrophe after a final s is a possessive too;
    # "the Turkish Ministry of National Defence": a demonym before "Ministry of"
    # "Pakistan's foreign office", "the foreign office in Islamabad": a foreign office with
    # its country or capital is that state's ministry (the gazetteer's "Foreign Office"
    # alone is the British one)
    ministry = r"(?i:ministry|(?<=foreign )office)"
    return re.compile(
        rf"(?:(?<=\bthe )|(?<=\bThe ))?(?P<country>{country})(?:{_APOS}s?)?\s+"
        rf"(?P<kind>(?i:{short}))\s+{ministry}"
        rf"|(?P<country2>{country})(?:{_APOS}s?)?\s+Ministry of (?P<kind2>(?i:{short}))\b"
        rf"|(?P<kind3>(?i:{short}))\s+{ministry}\s+in\s+(?P<country3>[A-Z][\w\-]+)"
    )


def _state_office_regex(phrases: list[str]) -> re.Pattern[str]:
    """ "the Israeli prime minister's office", "Iran's mission to the UN": a country (name,
    demonym or possessive) and one of a state's office `phrases`."""
    forms = "|".join(_form_regex(p) for p in sorted(phrases, key=len, reverse=True))
    country = r"(?!The\b)[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}?"
    return re.compile(rf"(?P<country>{country})(?:{_APOS}s?)?\s+(?P<office>(?i:{forms}))\b"
                      r"(?:\s+in\s+[A-Z][\w\-]+)?")  # fmt: skip


# A digest line's date the NER ran into a name: "Oct - Hawar News Agency", "Oct -"
_LEADING_DATE = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+)?"
    r"(?:" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + r")"
    r"\b\.?,?\s*(?:\d{1,2}[:.]\d{2}\s*)?[-\u2013\u2014]\s*"
)


# "the Amhara regional government", "the Oromia regional communications bureau", "the
# Donetsk regional administration": a region's own authority, named as the text names it;
# a capitalised "Regional Government" is a name the gazetteer may know ("Kurdistan ...")
_REGIONAL_BODY = re.compile(
    r"(?<![\w\-])(?!The\b)[A-Z][\w'\u2019\-]+ regional (?:communications? )?"
    r"(?:government|administration|council|bureau|authorities|cabinet)\b"
)
# "Hamas-run", "Houthi-controlled": the ruler's name before the suffix
_RULED_BY = re.compile(r"-(?:run|controlled)$")
_DANGLING_OF = re.compile(r"\s+of(?:\s+the)?$", re.IGNORECASE)
_BACKED_GAP = re.compile(r"\s+(?:the\s+)?(?:[\w'\u2019.]+-backed\s+)?")


def _body_of_next(mention: Mention, text: str, mentions: list[Mention]) -> Mention | None:
    """ "The Presidential Council of the Turkish-backed Government of National Accord":
    NER stopped at "of the", so the body is the council of the listed actor named next
    (its affiliation, and of its type)."""
    if mention.known or not _DANGLING_OF.search(mention.text):
        return None
    after = min((m for m in mentions if m.start >= mention.end and m.known and m.kind == "name"),
                key=lambda m: m.start, default=None)  # fmt: skip
    if after is None or not _BACKED_GAP.fullmatch(text[mention.end : after.start]):
        return None
    name = f"{_DANGLING_OF.sub('', mention.text)} of the {after.name}"
    return Mention(mention.start, after.end, text[mention.start : after.end], name, after.type,
                   "ner", after.name, known=False)  # fmt: skip


# A bracketed abbreviation after a name: "Tehreek-e-Jihad Pakistan (TJP)"
_ABBREVIATION = re.compile(r"\((?P<abbr>[A-Z]{2,6})\)")
# Lower-case words inside a body's name ("Tehreek-e-Jihad", "Armed Forces of the
# Philippines") that its abbreviation skips
_NAME_CONNECTORS = frozenset({"e", "i", "ul", "al", "el", "of", "the", "and", "for", "wa", "wal"})


def _spelled_start(text: str, end: int, abbr: str) -> int | None:
    """Where the capitalised words just before `end` whose initials spell `abbr` start
    (lower-case connectors between them), or None."""
    window = max(0, end - 150)
    letters = 0
    for word in reversed(list(re.finditer(r"[^\s\-\u2010\u2011]+", text[window:end]))):
        if not re.fullmatch(r"[\w'\u2019]+", word.group(0)):
            return None  # punctuation ends the name
        if word.group(0)[0].isupper():
            letters += 1
            if word.group(0)[0] != abbr[-letters]:
                return None
            if letters == len(abbr):
                return window + word.start()
        elif word.group(0).lower() not in _NAME_CONNECTORS:
            return None
    return None


# Words of a state's own forces and offices: "the Israeli Air Force" is the state's
_STATE_BODY_WORDS = {
    "Force",
    "Forces",
    "Army",
    "Navy",
    "Air",
    "Ministry",
    "Guard",
    "Guards",
    "Command",
    "Military",
    "Government",
    "Armed",
    "Police",
    "Coast",
}


def _named_over_demonym(ent: Any, text: str, start: int, end: int, out: list[Mention],
                        used: bytearray) -> list[Mention] | None:  # fmt: skip
    """ "the Democratic Party of Iranian Kurdistan", "the Ethiopian Human Rights Commission",
    "the Muslim Council of Sri Lanka": an organisation NER found whole, whose only known
    words are a demonym in its name or the state its name ends with, is that organisation
    (rule 14: named as the text names it), not the state."""
    if ent.label_ != "ORG":
        return None
    inside = [m for m in out if m.start < end and m.end > start]
    if not inside or any(
        (m.kind != "adj" and not (m.end == end and _its_country(m, text))) or m.end > end
        for m in inside
    ):
        return None
    capitalised = [
        w.group(0)
        for w in re.finditer(r"[A-Z][\w'\-]+", text[start:end])
        if not any(m.start <= start + w.start() < m.end for m in inside)
    ]
    if len(capitalised) < 2 or set(capitalised) & _STATE_BODY_WORDS:
        return None  # "the Israeli Air Force", "the Saudi Royal Navy": the state's own
    if any(m.start <= start for m in inside) and len(capitalised) < 3:
        # a demonym before a short name qualifies it ("Lebanese Islamic Resistance"); before
        # three words or more it opens a body's own name ("Iraqi Resistance Coordination
        # Commission")
        return None
    for mention in inside:
        used[mention.start : mention.end] = b"\x00" * (mention.end - mention.start)
    return [m for m in out if m not in inside]


# The "of the ..." part of a body's name NER left out: capitalised words after "of", "in"
# or "for", with "of", "and" or "the" between them
_NAME_TAIL = re.compile(
    r" (?:of|in|for) (?:the )?[A-Z][\w'\u2019\-]*(?:(?: (?:of|and|the))* [A-Z][\w'\u2019\-]*)*"
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity without a leading "the", date or quotation mark ('the "Houthi militia'
    as NER takes it), or a trailing possessive or line break ("Al-Manar\n" at a roundup
    header's end)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    leading = _LEADING_DATE.match(text[start:end])
    if leading:
        start += leading.end()
    if text[start:end].lower().startswith("the "):
        start += 4
    while start < end and text[start] in "\"\u201c\u201d'\u2018":
        start += 1
    match = re.search(_APOS + r"s?$", text[start:end])
    if match:
        end = start + match.start()
    # "Allied Democratic Forces (ADF": NER ran into the bracketed short name; the name
    # ends before it (the bracket is read as the name's alias)
    bracket = re.search(r"\s*\([^()]*$", text[start:end])
    if bracket and bracket.start() > 0:
        end = start + bracket.start()
    return start, end


def _from_actor(start: int, end: int, text: str, actor: Actor) -> Mention:
    return Mention(start, end, text, actor.name, actor.type, "name", actor.affiliation,
                   actor.umbrella)  # fmt: skip


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
def _matchers(gazetteer: Gazetteer, places: Places) -> tuple[re.Pattern[str], ...]:
    """The gazetteer's names (case as written, then any case), demonyms, capitals, and a
    people named with its article ("the Russians", "the Israelis"): the state that acts,
    as "the Americans" is the United States (not "ordinary Russians", a people)."""
    forms = gazetteer.surface_forms()
    sensitive = sorted((f for f in forms if _case_sensitive(f)), key=len, reverse=True)
    insensitive = sorted((f for f in forms if not _case_sensitive(f)), key=len, reverse=True)
    bound = r"(?<![\w\-]){}(?![\w\-]|-\w)"
    exact = re.compile(bound.format("(?:" + "|".join(map(_form_regex, sensitive)) + ")"))
    loose = re.compile(
        bound.format("(?:" + "|".join(map(_form_regex, insensitive)) + ")"), re.IGNORECASE
    )
    adjectives = sorted(places.demonyms, key=len, reverse=True)
    demonym = re.compile(  # "Iranian-made", "Saudi-led", "Israeli-held": a compound
        r"(?<![\w.])(?:" + "|".join(map(re.escape, adjectives)) + r")(?![\w])(?!-[a-z])"
    )
    capitals = re.compile(
        r"(?<![\w\-])(?:" + "|".join(map(re.escape, sorted(places.capitals, key=len,
                                                          reverse=True))) + r")(?![\w])"
    )  # fmt: skip
    peoples = re.compile(
        r"(?<![\w\-])[Tt]he\s+(?P<demonym>"
        + "|".join(re.escape(d) for d in adjectives if d[-1:].isalpha() and d[-1] != "s")
        + r")s(?![\w\-])"
    )
    return exact, loose, demonym, capitals, peoples


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), _KIND_PRIORITY[m.kind], m.start))
    taken: list[Mention] = []
    used = bytearray(max((m.end for m in mentions), default=0) + 1)
    for mention in ordered:
        if not any(used[mention.start : mention.end]):
            taken.append(mention)
            used[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    return sorted(taken, key=lambda m: m.start)


def _defined_aliases(text: str, mentions: list[Mention], platforms: Collection[str]
                     ) -> list[Mention]:  # fmt: skip
    """ "the Southern Transitional Council (STC) ... the STC said": a name the text
    defines in brackets after an actor names that actor wherever it is used; not where it
    posted ("Maria Zakharova (Telegram)")."""
    defined: dict[str, Mention] = {}
    for mention in mentions:
        if mention.kind in ("adj", "capital"):
            continue
        match = _BRACKETED.match(text, mention.end)
        if match is not None and match.group("alias").strip().lower() not in platforms:
            defined[match.group("alias").strip()] = mention
    out = []
    for alias, mention in defined.items():
        pattern = r"(?<![\w\-])" + _form_regex(alias) + r"(?![\w\-]|-\w)"
        for match in re.finditer(pattern, text):
            if match.start() < mention.end:
                continue
            out.append(replace(mention, start=match.start(), end=match.end(),
                               text=match.group(0), kind="abbr"))  # fmt: skip
    return out


def _initials_of_named(mention: Mention, mentions: list[Mention]) -> Mention:
    """ "the Transitional Military Council ... the TMC was responsible", "CPJ said ...
    the Committee to Protect Journalists": an unknown abbreviation that spells the
    initials of a body the text names in full is that body, though the text never
    defined it in brackets."""
    if mention.known or not re.fullmatch(r"[A-Z]{2,5}", mention.text):
        return mention
    for named in mentions:
        if named.start == mention.start or named.type in ("person", "other"):
            continue
        words = [w for w in re.split(r"[\s\-]+", named.name) if w[:1].isupper()]
        if len(words) > 1 and "".join(w[0] for w in words) == mention.text:
            return replace(named, start=mention.start, end=mention.end, text=mention.text,
                           kind="abbr")  # fmt: skip
    return mention


def _name_words(name: str) -> list[str]:
    words = [w for w in re.split(r"[\s\-]+", name.lower()) if w]
    return [w for w in words if w not in ("al", "el")]


def _expand_partial_names(mentions: list[Mention], titles: frozenset[str] = frozenset(),
                          ) -> list[Mention]:  # fmt: skip
    """ "Khazali", "Hajj Qasem", "Abu Mahdi", "General Zahedi" after "Qais al-Khazali",
    "Qasem Soleimani", "Abu Mahdi al-Muhandis", "Mohammad Reza Zahedi": an unknown name
    whose words (without titles) begin or end the name of exactly one person given in full
    before names that person."""
    out: list[Mention] = []
    people: dict[str, Mention] = {}
    for mention in mentions:
        if mention.kind in ("ner", "name") and not mention.known and mention.type in (
            "person", "organization"
        ):  # fmt: skip
            words = _name_words(mention.text)
            while len(words) > 1 and words[0] in titles:
                words = words[1:]
            found = {p.name: p for p in people.values() if words and _part_of(words, p)}
            if len(found) == 1:
                earlier = next(iter(found.values()))
                mention = replace(mention, name=earlier.name, type="person",
                                  affiliation=earlier.affiliation, known=earlier.known)  # fmt: skip
        if mention.type == "person" and len(_name_words(mention.name)) > 1:
            people[mention.name] = mention
        out.append(mention)
    return out


def _respelt_people(people: dict[str, Mention]) -> dict[str, str]:
    """Unlisted people's full names that respell one word of a name given before ("Vitalii
    Kim" after "Vitaliy Kim", "Masud Azhar" after "Masood Azhar"): the same person, as
    transliterations a report mixes. The word differs by one or two letters, keeps its
    first letter and has five letters or more; every other word is the same."""
    out: dict[str, str] = {}
    earlier: list[list[str]] = []
    for name, mention in people.items():
        words = name.split()
        if mention.known:
            continue
        for before in earlier:
            if len(before) != len(words):
                continue
            differ = [(a, b) for a, b in zip(before, words, strict=True) if a != b]
            if len(differ) == 1 and _respelling(*differ[0]):
                out[name] = " ".join(before)
                break
        else:
            earlier.append(words)
    return out


def _respelling(first: str, second: str) -> bool:
    return (
        min(len(first), len(second)) >= 5
        and first[0].lower() == second[0].lower()
        and Levenshtein.distance(first.lower(), second.lower()) <= 2
    )


def _renamed(mention: Mention, people: dict[str, Mention],
             respelt: dict[str, str]) -> Mention:  # fmt: skip
    """A one-word unknown person (or a group NER found: "Haddour's killing") whose full
    name `people` holds, under that name, however the surname is spelt."""
    tagged = mention.type == "person" or (mention.type == "organization" and mention.kind == "ner")
    if not tagged or mention.known or " " in mention.name:
        return mention
    bare = mention.name.removeprefix("al-").removeprefix("el-")
    bare = respelt.get(bare, bare)
    full = [name for name in people if name.split()[-1].split("-")[-1] == bare]
    return replace(mention, name=full[0], type="person") if len(full) == 1 else mention


def _part_of(words: list[str], person: Mention) -> bool:
    for full in (_name_words(person.name), _name_words(person.text)):
        if len(words) < len(full) and (full[: len(words)] == words or full[-len(words) :] == words):
            return True
    return False


def _resolve_contextual(mentions: list[Mention], contextual: dict[str, tuple[str, ...]],
                        votes: dict[str, dict[str, str]],
                        gazetteer: Gazetteer) -> list[Mention]:  # fmt: skip
    """ "the occupation": the candidate named before with the same word ("the American
    occupation"), else the candidate the text names most, counting the actors that vote
    for it (Hamas for Israel), the first on a tie."""
    if not contextual:
        return mentions
    named: dict[str, int] = {}
    for mention in mentions:
        if mention.text.lower() not in contextual:
            named[mention.name] = named.get(mention.name, 0) + 1
    out = []
    for index, mention in enumerate(mentions):
        candidates = contextual.get(mention.text.lower())
        if candidates is None:
            out.append(mention)
            continue
        counts = dict(named)
        for voter, reading in votes.get(mention.text.lower(), {}).items():
            counts[reading] = counts.get(reading, 0) + named.get(voter, 0)
        word = mention.text.lower().split()[-1]
        earlier = [m for m in mentions[:index] if m.name in candidates
                   and word in m.text.lower() and m.text.lower() not in contextual]  # fmt: skip
        if earlier:
            out.append(_read_as(mention, earlier[-1].name, gazetteer))
            continue
        ranked = sorted(candidates, key=lambda name: -counts.get(name, 0))
        out.append(_read_as(mention, ranked[0], gazetteer))
    return out


def _read_as(mention: Mention, name: str, gazetteer: Gazetteer) -> Mention:
    """A contextual name read as one of its actors takes that actor's type and affiliation
    too ("the Foreign Office" read as Pakistan's is affiliated with Pakistan)."""
    actor = gazetteer.resolve(name) if mention.kind == "name" else None
    if actor is None or actor.name != name:
        return replace(mention, name=name)
    return replace(mention, name=name, type=actor.type, affiliation=actor.affiliation,
                   umbrella=actor.umbrella)  # fmt: skip


def _register() -> None:
    from spacy.language import Language

    if "kg_actors" in Language.factories:
        return

    @Language.factory(
        "kg_actors",
        requires=["token.dep", "token.pos", "doc.ents", "doc._.kg_layout"],
        assigns=["doc._.kg_mentions"],
    )
    def make_actor_tagger(nlp: Any, name: str) -> ActorTagger:
        from kg.extract.places import load_places
        from kg.extract.wordlists import load_speech
        from kg.gazetteer import load_gazetteer

        return ActorTagger(load_gazetteer(), load_speech(), load_places())


_register()


def _named_in_full(mention: Mention, before: list[Mention]) -> Mention | None:
    """ "al-Sudani" after "Mohammed Shia al-Sudani": the person last named in full with
    that surname before it."""
    surname = mention.text.lower()
    named = [m for m in before if m.type == "person" and m.end <= mention.start
             and m.text.lower().endswith(" " + surname)]  # fmt: skip
    return max(named, key=lambda m: m.start) if named else None
