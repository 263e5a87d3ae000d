"""Reading one subject phrase as a speaker (part of the `kg_attribution` component).

`SubjectReader.speaker(head, act)` answers who the phrase headed by `head` names as the
speaker of `act`, with the chain of steps it took, or None ("analysts", "no group",
"the two governments", a phrase naming nobody). What the document said before (earlier
speakers, a digest entry's header, a block's issuer) comes from the attribution
component through the small `Context` protocol below.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import Any, Protocol

from kg.extract.doc import Entry, Mention, Speaker, SpeechAct, interrupted_clause, path_up
from kg.extract.places import is_ministry_name, ministry_name
from kg.extract.wordlists import Speech
from kg.gazetteer import Gazetteer
from kg.names import capital_label

Found = tuple[Speaker, tuple[str, ...]]
_CLAUSES = ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct")


class Context(Protocol):
    def entry_speaker(self, paragraph: int) -> Speaker | None: ...
    def entry_person(self, paragraph: int) -> Speaker | None: ...
    def block_speaker(self, paragraph: int) -> tuple[Speaker, tuple[str, ...]] | None: ...
    def previous_speaker(self, token: Any, want_person: bool) -> tuple[Speaker, str] | None: ...
    def last_speaker(self, token: Any) -> Speaker | None: ...
    def named_in_paragraph(self, token: Any, want_person: bool) -> Speaker | None: ...
    def speakers_so_far(self) -> list[Speaker]: ...


# How far after a lede's "Iraq's president" its holder may be named ("President X")
_LATER_CHARS = 2000
# The prepositions that end a role's words in a header ("spokesman for the ministry")
_ROLE_PREPOSITIONS = frozenset({"of", "for", "to", "at", "in", "on", "with"})
# Nouns that name a state's government when a demonym qualifies them
_ARMY_NOUNS = frozenset({"army", "military"})
_GOVERNMENT_NOUNS = frozenset({"government", "authority", "authorities", "administration",
                               "cabinet"})  # fmt: skip


class SubjectReader:
    def __init__(self, doc: Any, gazetteer: Gazetteer, speech: Speech,
                 governments: dict[str, str], context: Context,
                 capitals: dict[str, str] | None = None,
                 ministry_adjectives: dict[str, str] | None = None) -> None:  # fmt: skip
        self.doc, self.gazetteer, self.speech = doc, gazetteer, speech
        self.governments, self.context = governments, context
        self.mentions, self.layout = doc._.kg_mentions, doc._.kg_layout
        self.dateline_state = _dateline_state(doc, capitals or {})
        self.dateline_government = (
            governments.get(self.dateline_state, f"Government of {self.dateline_state}")
            if self.dateline_state else None
        )  # fmt: skip
        self.ministry_adjectives = ministry_adjectives or {}
        self.states_of = {government: state for state, government in governments.items()}

    # -- the phrase ------------------------------------------------------------------
    def speaker(self, head: Any, act: SpeechAct | None = None) -> Found | None:
        speech = self.speech
        lower, lemma = head.lower_, head.lemma_.lower()
        if self._nobody(head):
            return None
        mention = self.mentions.at(head)
        if mention is not None and mention.kind == "ner" and _non_speaker(mention, speech):
            return None  # NER's "Videos" (shared online show ...): a source, not an actor
        if mention is not None and mention.kind != "adj":
            if self._analyst(mention, head) or self._reading(mention, act):
                return None
            ministry = self._one_of_ministries(mention, head)
            if ministry is not None:
                return ministry, ("role", "ministries of")
            official = self._official_of(mention, head)
            if official is not None:
                return official, ("role", "named")
            glossed = self._glossed_by_parent(mention, head)
            if glossed is not None:
                return glossed
            return self._named(mention, head)
        body = self._sub_body(head)
        if body is not None:
            named = self._appositive(head)  # "Hamas's armed wing, the Qassam Brigades,"
            if named is not None and named[0].type != "person":
                return named
            return body, ("sub-body",)
        if lemma in speech.non_speaker_nouns or lower in speech.non_speaker_nouns:
            person = self._person_in(head)  # "a senior official, X, said": X
            if person is not None:
                return speaker_of(person), ("appos",)
            return self._official(head)
        if lower in speech.role_nouns or lemma in speech.role_nouns:
            return self._role(head)
        if lower in speech.speech_nouns or lemma in speech.speech_nouns:
            return self._statement(head)
        if lemma in speech.outlet_nouns:
            return self._outlet(head)
        appositive = self._appositive(head)
        if appositive is not None:
            return appositive
        if head.pos_ == "PRON":
            return self._pronoun(head)
        kind = speech.anaphor_kind(lower) or speech.anaphor_kind(lemma)
        if kind is not None:
            return self._anaphor(head, kind)
        named = self._named_by_last_word(head)
        if named is not None:
            return named, ("anaphor", "last word of a name")
        if head.pos_ == "PROPN" and head.text[:1].isupper():
            return self._surname(head) or self._unknown(head)
        return None

    def _named_by_last_word(self, head: Any) -> Speaker | None:
        """ "the Palestinian Journalists Syndicate condemned ... The syndicate also sent its
        condolences", "Government Media Office. The Hamas-run office held ...": a definite
        common noun that ends a body's name given before refers back to that body."""
        if head.pos_ != "NOUN" or not head.text.islower():
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            return None
        for mention in self.mentions.before(head.idx):
            if mention.kind in ("adj", "capital") or mention.type == "person":
                continue
            if mention.text.lower().split()[-1] == head.lower_:
                return speaker_of(mention, surface=head.text, start=head.idx)
        return None

    def _surname(self, head: Any) -> Found | None:
        """ "Tarek condemned ..." under the entry "Ahmed Tarek, spokesman ...:", or after a
        speaker named in full: a bare surname is that person."""
        entry = self._entry(head)
        candidates = ([entry] if entry is not None else []) + self.context.speakers_so_far()[::-1]
        for speaker in candidates:
            if speaker.type == "person" and speaker.name.split()[-1] == head.text:
                return speaker, ("surname",)
        return None

    def _analyst(self, mention: Mention, head: Any) -> bool:
        """ "Renad Mansour of Chatham House has argued", "Gregory Johnsen, a long-time Yemen
        scholar, argues", "political scientist Karim Bitar": a person the gazetteer does not
        list, presented as a researcher; a reading, not a statement (contract rule 11)."""
        if mention.known or mention.kind != "ner":  # NER types some of them as groups
            return False
        speech = self.speech
        readers = speech.non_speaker_nouns - speech.person_titles
        for child in head.children:
            if child.dep_ == "appos" and child.lemma_.lower() in readers:
                return True  # "X, an analyst,"; "X, the Ansarullah official," speaks
            if (
                child.dep_ in ("compound", "amod")
                and child.i < head.i
                and child.lower_ in readers
                and not mention.start <= child.idx < mention.end
            ):  # "political scientist X"; "Hamas official X" is a title, and "Journalists"
                # in "the Palestinian Journalists Syndicate" a word of the name
                return True
        return self._of_research_body(head)

    def _of_research_body(self, head: Any) -> bool:
        """ "X of Chatham House", "Y of the Middle East Institute": a researcher (rule 11)."""
        for child in head.children:
            words = {t.lemma_.lower() for t in child.subtree} | {t.lower_ for t in child.subtree}
            if (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and words & self.speech.research_bodies
            ):
                return True
        return False

    def is_reading(self, head: Any, act: SpeechAct) -> bool:
        """Whether the subject `head` of `act` offers a reading, not a statement (rule 11):
        an analyst, a researcher "of" a research body, a verb of analysis."""
        mention = self.mentions.at(head)
        if mention is not None and mention.kind != "adj":
            return self._analyst(mention, head) or self._reading(mention, act)
        return head.pos_ == "PROPN" and self._of_research_body(head)

    def _reading(self, mention: Mention, act: SpeechAct | None) -> bool:
        """ "Ali Vaez argues that ...", "Renad Mansour has written that ...": a person the
        gazetteer does not list, with a verb of analysis in the present or the present
        perfect, offers a reading, not a statement (contract rule 11)."""
        if act is None or mention.known or mention.type != "person":
            return False
        verb = self.doc[act.cue]
        if verb.lemma_.lower() not in self.speech.analysis_verbs:
            return False
        perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)
        return verb.tag_ in ("VBZ", "VBP") or perfect

    def _nobody(self, head: Any) -> bool:
        nobody = self.speech.nobody
        if head.lower_ in nobody:
            return True
        return head.pos_ == "NOUN" and any(
            (c.dep_ in ("det", "nummod", "amod") and c.lower_ in nobody) for c in head.children
        )

    def _named(self, mention: Mention, head: Any) -> Found:
        if not mention.known and mention.type == "person" and " " not in mention.text:
            fuller = self._surname(head)  # "Zayd" under "Yehia Zayd, spokesman for ...:"
            if fuller is not None:
                return fuller
        if mention.kind == "capital":  # "Ankara said": the government speaks
            name = self.governments.get(mention.name, mention.name)
            return Speaker(name, "state", mention.text, mention.start), ("capital",)
        affiliation = mention.affiliation
        owner = next((self._owner(c) for c in head.children if c.dep_ == "poss"), None)
        media = _words(mention.text) & self.speech.media_name_words  # "Iran's Fars news agency"
        if (
            not mention.known
            and mention.type == "organization"
            and owner is not None
            and (owner.type == "state" and not media)
        ):  # "Lebanon's Higher Defence Council": a state body (rule 4)
            body = replace(speaker_of(mention, affiliation=owner.name), type="state")
            return body, ("subject", "state body")
        if not mention.known and mention.type == "organization" and self._has_role(head):
            # "Hezam al-Asad, a member of the political bureau": NER's organisation has a
            # person's role
            mention = replace(mention, type="person")
        if mention.type == "person" and not affiliation:
            affiliation = self._body_in(head, exclude=mention) or self._known_affiliation(mention)
        return speaker_of(mention, affiliation=affiliation), ("subject",)

    def _has_role(self, head: Any) -> bool:
        roles = self.speech.role_nouns - self.speech.sub_body_nouns
        # "X, the group's spokesman", and "chairperson X Y", "spokesman Major General X Y"
        # (a role before a name of two words or more that NER took for an organisation's;
        # not "General Staff")
        return any(c.dep_ == "appos" or (c.dep_ == "compound" and c.i < head.i - 1)
                   for c in head.children if c.lemma_.lower() in roles)  # fmt: skip

    def _glossed_by_parent(self, mention: Mention, head: Any) -> Found | None:
        """ "The Lebanese Islamic Resistance, Hezbollah, said": a wing glossed by the name
        of the group it belongs to is that group, as the text names it."""
        if mention.type == "person" or not mention.affiliation:
            return None  # "X, whose Asa'ib Ahl al-Haq ...": a person is never his group
        for child in head.children:
            parent = self.mentions.at(child) if child.dep_ == "appos" else None
            if parent is not None and parent.name == mention.affiliation:
                return self._named(parent, child)
        return None

    def _appositive(self, head: Any) -> Found | None:
        """ "The naval mission, Aspides, said", "a faction calling itself X claimed": a
        name in apposition, or the name the subject gives itself, speaks."""
        for child in head.children:
            if child.dep_ == "appos":
                mention = self.mentions.at(child)
                if mention is not None and mention.kind not in ("adj", "capital"):
                    return self._named(mention, child)[0], ("appos",)
        named = self_named(head, self.mentions)
        return (speaker_of(named), ("appos",)) if named is not None else None

    def _sub_body(self, head: Any) -> Speaker | None:
        """ "Ansar Allah's political bureau", "Its presidential council", "The Syrian
        army's General Command": a body of a named actor speaks for itself, its parent as
        affiliation (rule 4): the gazetteer's entry ("Ansar Allah Political Bureau"); a
        capitalised body by its own name; else "Presidential Council of the X"."""
        if head.lemma_.lower() not in self.speech.sub_body_nouns or head.pos_ not in (
            "NOUN", "PROPN"):  # fmt: skip
            return None
        owner_token = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner_token is None:
            return self._named_body(head)
        owner = self._owner(owner_token)
        if owner is None or owner.type in ("person", "other"):
            return None
        words = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i > owner_token.i]
        phrase = " ".join(t.text for t in [*words, head])
        surface, start = _phrase(head)
        listed = self._listed_body(owner, phrase, surface, start)
        if listed is not None:
            return listed
        kind = "state" if owner.type == "state" else "organization"
        if phrase[:1].isupper():  # "Higher Defence Council", "General Command"
            return Speaker(phrase, kind, surface, start, owner.name, known=False)
        if any(c.dep_ == "prep" for c in head.children):  # "Qatar's mission to the UN"
            return Speaker(surface, kind, surface, start, owner.name, known=False)
        article = "the " if owner.name.split()[0].lower() in self.speech.anaphor_nouns.get(
            "state", frozenset()) | {"coalition", "council"} else ""  # fmt: skip
        name = f"{phrase.title()} of {article}{owner.name}"
        return Speaker(name, kind, surface, start, owner.name, known=False)

    def _named_body(self, head: Any) -> Speaker | None:
        """ "The SDF General Command", "the Hezbollah media office": a body named by its
        group as a modifier speaks for the group (rules 4 and 17), unless the gazetteer
        lists the body itself ("the Ansar Allah political bureau")."""
        for token in head.doc[head.left_edge.i : head.i]:
            owner = self.mentions.at(token) if token.dep_ in ("compound", "nmod") else None
            if owner is None or owner.kind in ("adj", "capital") or owner.type in (
                "person", "other"):  # fmt: skip
                continue
            after = [t for t in head.doc[token.i : head.i + 1] if t.idx >= owner.end]
            if any(t.dep_ not in ("amod", "compound") for t in after[:-1]):
                return None
            phrase = " ".join(t.text for t in after)
            surface, start = _phrase(head)
            listed = self._listed_body(owner, phrase, surface, start)
            return listed or speaker_of(owner, surface=surface, start=start)
        return None

    def _listed_body(self, owner: Mention, phrase: str, surface: str, start: int
                     ) -> Speaker | None:  # fmt: skip
        """The gazetteer's entry for `owner`'s body called `phrase` ("Ansar Allah political
        bureau" -> Ansar Allah Political Bureau), if it lists one with that parent."""
        actor = self.gazetteer.resolve(f"{owner.name} {phrase}")
        if actor is None or actor.affiliation != owner.name:
            return None
        return Speaker(actor.name, actor.type, surface, start, actor.affiliation)

    def _owner(self, token: Any) -> Mention | None:
        """Whose body it is: a named actor, an anaphor ("the movement's", "its"), or a
        state's army or government named by its demonym ("the Syrian army's")."""
        owner = self.mentions.at(token)
        if owner is not None and owner.kind not in ("adj", "capital"):
            return owner
        if self.speech.anaphor_kind(token.lower_) == "state":
            for child in token.children:
                adjective = self.mentions.at(child)
                if child.dep_ in ("amod", "compound") and adjective is not None and (
                    adjective.type == "state"
                ):  # fmt: skip
                    return Mention(adjective.start, adjective.end, adjective.text,
                                   adjective.name, "state", "adj")  # fmt: skip
        return self._possessor(token)

    # -- roles -----------------------------------------------------------------------
    def _role(self, head: Any) -> Found | None:
        """ "the group's secretary-general, X", "spokesman X", "the ministry's spokesman",
        "the AAH leader" (a person named before with that body)."""
        person = self._person_in(head)
        body = self._body_mention(head)
        if person is not None:
            affiliation = person.affiliation or (body.name if body else None)
            return speaker_of(person, affiliation=affiliation), ("role", "named")
        untagged = self._untagged_appositive(head, body)
        if untagged is not None:
            return untagged, ("role", "named")
        entry = self._entry_person(head)
        if entry is not None:  # "The Sadrist leader" under his name
            return entry, ("role", "entry")
        if body is None:
            found = self.context.previous_speaker(head, want_person=True)
            if found is None:
                person = self._person_just_named(head, None)
                found = (person, "named just before") if person is not None else None
            if found is None:
                person = self._titled_before(head)
                found = (person, "titled before") if person is not None else None
            return (found[0], ("role", found[1])) if found else None
        if head.lower_ in self.speech.body_voice_roles or head.lemma_ in (
            self.speech.body_voice_roles
        ):  # fmt: skip
            return speaker_of(body, surface=_phrase(head)[0], start=_phrase(head)[1]), (
                "role", "body")  # fmt: skip
        holder = (self._holder(body) or self._person_just_named(head, body)
                  or self._titled_later(head, body))  # fmt: skip
        if holder is not None:
            return holder, ("role", "title")
        return speaker_of(body, surface=_phrase(head)[0], start=_phrase(head)[1]), ("role", "body")

    def _untagged_appositive(self, head: Any, body: Mention | None) -> Speaker | None:
        """ "Iran's ambassador in Islamabad, Reza Amiri Moghadam, offered ...": a name in
        apposition to a role that neither NER nor the gazetteer knows is the role's holder,
        when it is two capitalised words or more that name no group."""
        for child in head.children:
            if child.dep_ != "appos" or child.pos_ != "PROPN" or self.mentions.at(child):
                continue
            name, start = self._untitled(self._name_span(child))
            words = name.split()
            if len(words) < 2 or self.speech.name_kind(name) is not None or not all(
                w[:1].isupper() or w[:3] in ("al-", "el-") for w in words):  # fmt: skip
                continue
            return Speaker(name, "person", name, start, body.name if body else None, known=False)
        return None

    def _official(self, head: Any) -> Found | None:
        """ "A KH official told", "a senior official of Kata'ib Hezbollah said", "an
        official in its media office told": one unnamed official of a named group speaks
        for it (rule 17); officials in the plural, or of a state ("a U.S. official", "an
        Iraqi official"), are sources (rule 16)."""
        if head.lower_ != "official":
            return None
        for token in head.subtree:
            if token.i == head.i or any(a.dep_ in _CLAUSES for a in path_up(token, head)):
                continue
            mention = self.mentions.at(token)
            if mention is None and token.dep_ == "poss":  # "in its media office"
                mention = self._possessor(token)
            if mention is not None and mention.type in ("militia", "organization"):
                return speaker_of(mention, surface=_phrase(head)[0], start=_phrase(head)[1]), (
                    "role", "official")  # fmt: skip
        return None

    def _person_just_named(self, head: Any, body: Mention | None) -> Speaker | None:
        """ "Ziad al-Nakhalah responded within hours. In an interview, the Islamic Jihad
        secretary-general accused Israel ...", "Muqtada al-Sadr chose another path. ...
        the Sadrist leader demanded ...": a role with no name of its own is the person
        named last before it, in its own sentence or the one before in its paragraph, when
        that person is their clause's subject or the only person of their sentence, and
        no other body claims them (rule 3: the person, not their title)."""
        before = [m for m in self.mentions.before(head.idx) if m.type == "person"
                  and m.kind not in ("adj", "capital")]  # fmt: skip
        if not before:
            return None
        person = before[0]
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or self.layout.at(span.start_char) is not self.layout.at(head.idx):
            return None
        sentences = [head.sent]
        if head.sent.start > 0:
            sentences.append(self.doc[head.sent.start - 1].sent)
        if span.sent not in sentences or span.root.i in interrupted_clause(head):
            return None  # "Abu al-Ata, the prime minister said, had ...": not the minister
        persons = [m for m in self.mentions.items if m.type == "person"
                   and span.sent.start_char <= m.start < span.sent.end_char]  # fmt: skip
        subject = span.root.dep_ in ("nsubj", "nsubjpass")
        if not subject and len({m.name for m in persons}) > 1:
            return None
        if body is not None and body.known and person.affiliation not in (None, body.name):
            return None
        return speaker_of(person, affiliation=person.affiliation or (body.name if body else None))

    def _titled_before(self, head: Any) -> Speaker | None:
        """ "... waged by President Hassan Sheikh Mohamud." and, a paragraph later, "The
        president, addressing the nation, said ...": the one person the text named with
        that title before (not "the prime minister" after two prime ministers)."""
        if head.lower_ not in self.speech.person_back_references or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        ):
            return None
        # the title as written: "the president", "the prime minister"
        title = " ".join(t.lower_ for t in head.subtree if t.i <= head.i and t.dep_ != "det")
        text = self.doc.text
        titled = {m.name: m for m in self.mentions.before(head.idx) if m.type == "person"
                  and m.kind not in ("adj", "capital")
                  and text[max(0, m.start - len(title) - 1) : m.start].lower().strip()
                  == title}  # fmt: skip
        return speaker_of(next(iter(titled.values()))) if len(titled) == 1 else None

    def _titled_later(self, head: Any, body: Mention) -> Speaker | None:
        """ "Iraq's president accused Turkey ..." in a wire lede, and two paragraphs down
        "President Abdul Latif Rashid condemned ...": a state's title whose holder the
        text names later, with that title before the name (rule 3: the person)."""
        if body.type != "state":
            return None
        title = [c.lower_ for c in head.children
                 if c.dep_ in ("compound", "amod") and c.i < head.i] + [head.lower_]  # fmt: skip
        for mention in self.mentions.items:
            if mention.start <= head.idx or mention.type != "person" or (
                    mention.kind not in ("name", "ner")):  # fmt: skip
                continue
            if mention.start - head.idx > _LATER_CHARS:
                break
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or span.start < len(title):
                continue
            before = [t.lower_ for t in self.doc[span.start - len(title) : span.start]]
            if before == title and mention.affiliation in (None, body.name):
                return speaker_of(mention, affiliation=mention.affiliation or body.name)
        return None

    def _official_of(self, group: Mention, head: Any) -> Speaker | None:
        """ "Kata'ib Hezbollah's secretary-general, Abu Hussein al-Hamidawi, announced":
        the parser can make the group the subject, with the role as its modifier and the
        name as its apposition; the named official speaks (rule 17), for the group."""
        if group.type == "person":
            return None
        roles = self.speech.role_nouns
        if not any(t.lower_ in roles or t.lemma_.lower() in roles
                   for t in head.subtree if t.i > head.i and t.dep_ != "appos"
                   and not any(a.dep_ in ("relcl", "acl", "appos") for a in path_up(t, head))
                   ):  # fmt: skip
            return None
        named = [c for c in head.children if c.dep_ == "appos"] + [
            c for c in head.head.children if c.dep_ == "nsubj" and c.i > head.i
        ]  # the name as an apposition, or parsed as a second subject
        for appos in named:
            person = self.mentions.at(appos)
            if person is not None and person.type == "person":
                return speaker_of(person, affiliation=person.affiliation or group.name)
        return None

    def _person_in(self, head: Any) -> Mention | None:
        ordered = [c for c in head.children if c.dep_ == "appos"] + [
            t for t in head.subtree if t.i != head.i
        ]
        for token in ordered:
            if any(a.dep_ in ("relcl", "acl", "ccomp") for a in path_up(token, head)):
                continue
            mention = self.mentions.at(token)
            if mention is not None and mention.type == "person":
                return mention
        return None

    def _body_mention(self, head: Any) -> Mention | None:
        """The body a role or outlet belongs to: "the ministry's", "of Ansar Allah",
        "Houthi", "its" (resolved like any anaphor)."""
        for token in head.subtree:
            if token.i == head.i or any(a.dep_ in _CLAUSES for a in path_up(token, head)):
                continue
            if token.dep_ == "appos" or any(a.dep_ == "appos" for a in path_up(token, head)):
                continue
            mention = self.mentions.at(token)
            if mention is not None and mention.type not in ("person", "other"):
                if mention.kind == "capital":
                    continue
                army = self._demonym_army(token.head) if token.head.i != head.i else None
                if army is not None:  # "a spokesman for the Nigerian army": the army's
                    return _as_mention(army, "descriptor")
                return mention
            if token.dep_ == "poss" and token.head.i == head.i:
                resolved = self._possessor(token)
                if resolved is not None:
                    return resolved
        return None

    def _possessor(self, token: Any) -> Mention | None:
        """ "the group's", "its", "the movement's": the actor they refer back to."""
        if token.pos_ == "PRON" and token.lower_ in ("his", "her"):
            return None
        want = self.speech.anaphor_kind(token.lower_) or self.speech.anaphor_kind(
            token.lemma_.lower())  # fmt: skip
        if token.pos_ != "PRON" and want is None:
            return None
        if want in ("militia", "state", "media"):  # "the movement's": an actor of that kind
            typed = self._anaphor(token, want)
            found = typed[0] if typed is not None else None
        else:
            found = self._context_group(token)
        if found is None:
            return None
        return _as_mention(found, "anaphor")

    def _holder(self, body: Mention) -> Speaker | None:
        """The person the text named with `body`: an earlier speaker affiliated with it,
        else a person mention the gazetteer affiliates with it."""
        for speaker in reversed(self.context.speakers_so_far()):
            if speaker.type == "person" and speaker.affiliation == body.name:
                return speaker
        for mention in self.mentions.before(body.start):
            if mention.type == "person" and mention.affiliation == body.name:
                return speaker_of(mention)
        return None

    def _body_in(self, head: Any, exclude: Mention | None) -> str | None:
        """A named person's body from their own phrase ("Houthi spokesman X", "X,
        secretary-general of Y", "X, its commander") or the entry they post in."""
        # "nmod": "U.S. Secretary of State Mike Pompeo" hangs the title on the name so
        tokens = [c for c in head.children
                  if c.dep_ in ("appos", "compound", "amod", "poss", "nmod")]  # fmt: skip
        for token in tokens:
            for inner in token.subtree:
                if any(a.dep_ in ("relcl", "acl") for a in path_up(inner, token)):
                    continue
                mention = self.mentions.at(inner)
                if mention is not None and mention != exclude and mention.type not in (
                    "person", "other") and mention.kind != "capital":  # fmt: skip
                    if mention.type == "state":  # "Iraqi Prime Minister X": its government
                        return self.governments.get(mention.name, mention.name)
                    return mention.name
                if inner.dep_ == "poss":
                    found = self._possessor(inner)
                    if found is not None:
                        return found.name
        entry = self._entry(head)
        if entry is not None and entry.type != "person":
            return entry.name
        return None

    def _known_affiliation(self, mention: Mention) -> str | None:
        for speaker in reversed(self.context.speakers_so_far()):
            if speaker.name == mention.name and speaker.affiliation:
                return speaker.affiliation
        return None

    # -- statements and outlets ------------------------------------------------------
    def _statement(self, head: Any) -> Found | None:
        """ "a statement by X", "X's post", "A post on a channel affiliated with X", "A
        message attributed to X"; an authorless "the statement" is the statement the
        context is about."""
        attributed = [head.head] if head.dep_ == "nsubj" and head.head.lemma_ == "attribute" else []
        for child in [*head.children, *attributed]:  # "Message attributed to X:", parsed as
            if child.dep_ == "poss":  # a clause too
                found = self.speaker(child)
                if found is not None:
                    return found[0], ("statement", *found[1])
            if child.lemma_.lower() == "attribute" and child.dep_ in ("acl", "ROOT"):
                child = next((c for c in child.children if c.lower_ == "to"), child)
            if child.dep_ == "prep" and child.lower_ in ("by", "of", "from", "on", "to"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if child.lower_ == "on" and pobj.lemma_ not in self.speech.outlet_nouns:
                        continue
                    found = self.speaker(pobj)
                    if found is not None:
                        return found[0], ("statement", *found[1])
        if head.head.lemma_.lower() == "read":  # "Saree read a statement. It read: ..."
            last = self.context.last_speaker(head)
            if last is not None:
                return last, ("statement", "previous speaker")
        return self._context_speaker(head, ("statement",))

    def _outlet(self, head: Any) -> Found | None:
        """ "the Telegram channel of X", "a channel affiliated with X" (rule 17: X
        speaks), "Al-Manar's channel" (the outlet), "The channel" in an entry."""
        owner = self._outlet_owner(head)
        if owner is not None:
            return owner, ("outlet",)
        for child in head.children:  # "the Gaza-based channel Shehab": the outlet's name
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                named = self._appositive(head) or self._unknown(child)
                if named is not None:
                    return named
        return self._context_speaker(head, ("outlet",))

    def _outlet_owner(self, head: Any) -> Speaker | None:
        affiliated = self.speech.affiliation_words
        for token in head.subtree:
            if token.i == head.i:
                continue
            linked = token.dep_ == "pobj" and (
                (token.head.lower_ in ("of", "for") and token.head.head.i == head.i)
                or token.head.head.lower_ in affiliated
            )
            if (token.dep_ == "poss" and token.head.i == head.i) or linked:
                mention = self.mentions.at(token)
                if mention is not None and mention.kind not in ("adj", "capital"):
                    return speaker_of(mention)
                found = self._possessor(token) if token.dep_ == "poss" else None
                if found is not None:
                    return speaker_of(found)
        return None

    def _context_speaker(self, head: Any, chain: tuple[str, ...]) -> Found | None:
        entry = self._entry(head)
        if entry is not None:
            return entry, (*chain, "entry")
        paragraph = self.layout.at(head.idx)
        block = self.context.block_speaker(paragraph.index) if paragraph.kind == "block" else None
        if block is not None:
            return block[0], (*chain, "block")
        for want_person in (False, True):
            found = self.context.previous_speaker(head, want_person)
            if found is not None:
                return found[0], (*chain, found[1])
        return None

    # -- pronouns and anaphors -------------------------------------------------------
    def _pronoun(self, head: Any) -> Found | None:
        lower = head.lower_
        if lower == "it" and head.dep_ == "nsubj" and head.head.lemma_.lower() == "read":
            return self._statement(head)  # "It read:": the statement just issued
        if lower in self.speech.pronouns["person"]:
            found = self.context.previous_speaker(head, want_person=True)
            return (found[0], ("pronoun", found[1])) if found else None
        if lower in self.speech.pronouns["group"]:
            found = self._context_group(head)
            return (found, ("pronoun",)) if found else None
        return None

    def _context_group(self, token: Any) -> Speaker | None:
        entry = self._entry(token)
        # "We salute the air defence forces" under "Abu Alaa al-Walaei, secretary-general
        # of Kata'ib Sayyid al-Shuhada": the header's person speaks for his group
        if entry is not None and (entry.type != "person" or token.lower_ == "we"):
            return entry
        paragraph = self.layout.at(token.idx)
        block = self.context.block_speaker(paragraph.index) if paragraph.kind == "block" else None
        if block is not None:
            return block[0]
        found = self.context.previous_speaker(token, want_person=False)
        return found[0] if found else None

    def _anaphor(self, head: Any, kind: str) -> Found | None:
        found = self._anaphor_of_kind(head, kind)
        if found is not None and head.lemma_.lower() in _ARMY_NOUNS:
            return self._army_of(found[0], head), found[1]
        return found

    def _army_of(self, state: Speaker, head: Any) -> Speaker:
        """ "The army said": the army of the state referred back to, when the gazetteer
        lists it (rule 4: the army is its own speaker), as "Israel's army" is the IDF."""
        army = self.gazetteer.resolve(f"{state.name}'s army")
        if army is None or army.name == state.name or army.type != "state":
            return state
        return Speaker(army.name, army.type, *_phrase(head), army.affiliation)

    def _anaphor_of_kind(self, head: Any, kind: str) -> Found | None:
        """ "the group", "the Brigades", "the Lebanese group", "the government"; a bare
        or indefinite noun ("factions that rejected ...") refers to no one."""
        if kind == "statement":
            return self._statement(head)
        entry = self._entry(head)
        if entry is not None and _fits(entry.type, kind):
            return entry, ("anaphor", "entry")
        if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "some", "any")
                   for c in head.children):  # fmt: skip
            return None
        qualified = self._qualified(head, kind)
        if qualified is not None:
            return qualified, ("anaphor", "qualified")
        government = self._demonym_government(head) if kind == "state" else None
        if government is not None:  # "the Saudi government", "the Dutch authorities"
            return government, ("anaphor", "demonym")
        army = self._demonym_army(head) if kind == "state" else None
        if army is not None:  # "the Nigerian army", "the Egyptian military"
            return army, ("anaphor", "demonym")
        if head.text[:1].isupper() and head.i > 0:  # "the Brigades", "the Guards"
            stem = head.lower_.rstrip("s")
            for mention in self.mentions.before(head.idx):
                words = [w.rstrip("s") for w in re.split(r"[\s\-]", mention.text.lower())]
                if mention.kind not in ("adj", "capital") and stem in words:
                    return speaker_of(mention, surface=head.text, start=head.idx), ("anaphor",)
        if head.lemma_.lower() in self.speech.sub_body_nouns | {"ministry"}:
            # "the foreign ministry" is a ministry named before, never a country, unless
            # its own phrase names the state ("the foreign ministry of Syria")
            if head.lower_ == "ministry" and self._state_within(head) is not None:
                return self._unnamed_ministry(head)
            for mention in self.mentions.before(head.idx):
                if head.lower_ in mention.text.lower() and mention.kind not in ("adj", "capital"):
                    return speaker_of(mention), ("anaphor", "named before")
            return self._unnamed_ministry(head)
        found = self.context.previous_speaker(head, want_person=False)
        if found is not None and _fits(found[0].type, kind):
            return found[0], ("anaphor", found[1])
        before = [m for m in self.mentions.before(head.idx)
                  if m.kind not in ("adj", "capital") and _fits(m.type, kind)]  # fmt: skip
        for mention in [m for m in before if m.known] + [m for m in before if not m.known]:
            return speaker_of(mention), ("anaphor", "named before")
        if kind == "state" and head.lower_ == "government" and self.dateline_government:
            name = self.dateline_government  # "the government" under a BAGHDAD dateline
            return Speaker(name, "state", _phrase(head)[0], _phrase(head)[1]), ("dateline",)
        return None

    def _demonym_government(self, head: Any) -> Speaker | None:
        """ "The Saudi government said", "the Dutch authorities": the government of the
        state the demonym names (rule 4), not the last government named or the
        dateline's; only for the nouns that name a state's government."""
        if head.lemma_.lower() not in _GOVERNMENT_NOUNS:
            return None
        for child in head.children:
            found = self.mentions.at(child) if child.dep_ in ("amod", "compound") else None
            if found is not None and found.kind == "adj" and found.type == "state":
                name = self.governments.get(found.name, found.name)
                return Speaker(name, "state", _phrase(head)[0], _phrase(head)[1])
        return None

    def _demonym_army(self, head: Any) -> Speaker | None:
        """ "The Nigerian army said", "the Egyptian military": the army of the state the
        demonym names, the gazetteer's when it lists one, else the army as written (rule
        4: the army is its own speaker), not whoever spoke last."""
        if head.lemma_.lower() not in _ARMY_NOUNS:
            return None
        for child in head.children:
            found = self.mentions.at(child) if child.dep_ in ("amod", "compound") else None
            if found is not None and found.kind == "adj" and found.type == "state":
                state = Speaker(found.name, "state", *_phrase(head))
                army = self._army_of(state, head)
                if army is not state:
                    return army
                written = head.doc[child.i : head.i + 1].text
                return Speaker(written, "state", *_phrase(head), found.name, known=False)
        return None

    def _unnamed_ministry(self, head: Any) -> Found | None:
        """ "its foreign ministry said", "In Tehran, the foreign ministry condemned", "the
        defence ministry said" under an ANKARA dateline, and then "the ministry": a ministry
        no name gave, of the state its possessor, a fronted capital or the dateline names."""
        if head.lower_ != "ministry":
            return None
        kind = self._ministry_kind(head)
        if kind is None:  # "the ministry": the one that spoke last
            earlier = [s for s in self.context.speakers_so_far() if is_ministry_name(s.name)]
            return (earlier[-1], ("anaphor", "spoke before")) if earlier else None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        state, step = self._state_within(head), "own phrase"
        if state is None and owner is not None:
            state, step = self._state_before(head), "possessor"
        elif state is None:
            state, step = self._fronted_capital(head), "fronted capital"
        if state is None and (owner is None or owner.pos_ == "PRON"):
            # "Algiers did not hide its hand. On 1 April its defence ministry announced",
            # "Damascus did not stop at mourning. ... the Foreign Ministry denounced"
            state, step = self._state_said_before(head), "sentence before"
        if state is None and owner is None:
            state, step = self.dateline_state, "dateline"
        if state is None:
            return None
        name = ministry_name(self.ministry_adjectives, state, kind)
        text, start = _phrase(head)
        return Speaker(name, "state", text, start, state, known=False), ("anaphor", step)

    def _ministry_kind(self, noun: Any) -> str | None:
        """The kind of ministry the words before `noun` name ("the foreign ministry",
        "the defence ministries"), from speech.yaml's `ministries`."""
        modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
        return self.speech.ministries.get(" ".join(c.lower_ for c in modifiers))

    def _one_of_ministries(self, mention: Mention, head: Any) -> Speaker | None:
        """ "The foreign ministries of Pakistan and Iraq condemned": each state named after
        "of" speaks through its ministry of that kind (one record each, rule 2)."""
        owner = head
        while owner.dep_ == "conj" and owner.head.i != owner.i:
            owner = owner.head
        if owner.dep_ != "pobj" or owner.head.lower_ != "of" or mention.type != "state":
            return None
        body = owner.head.head
        if body.lower_ != "ministries":
            return None
        kind = self._ministry_kind(body)
        state = self._ministry_state(mention)
        if kind is None or state is None:
            return None
        name = ministry_name(self.ministry_adjectives, state, kind)
        text, start = _phrase(body)
        return Speaker(name, "state", text, start, state, known=False)

    def _state_within(self, head: Any) -> str | None:
        """ "the foreign ministry of Syria", "of the Moscow-allied government in Damascus",
        "the Syrian government's foreign ministry": the state the ministry's own phrase
        names, last first; not a backer's name in a hyphenated modifier ("Moscow-allied")."""
        found = None
        for token in head.subtree:
            if token.i == head.i or (token.dep_ in ("amod", "compound") and token.head.i == head.i):
                continue  # "the Syrian foreign ministry" names its kind, read elsewhere
            mention = self.mentions.at(token)
            hyphenated = token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-"
            if mention is not None and mention.type == "state" and not hyphenated:
                found = self._ministry_state(mention) or found
        return found

    def _state_before(self, token: Any) -> str | None:
        """The state named last before `token` in its sentence ("The United Arab Emirates
        reserves the right ..., its foreign ministry said")."""
        for mention in self.mentions.before(token.idx):
            if mention.start < token.sent.start_char:
                return None
            if mention.type == "state" and mention.kind != "adj":
                return self._ministry_state(mention)
        return None

    def _state_said_before(self, token: Any) -> str | None:
        """The state that is the subject of the sentence before, in the same paragraph
        ("Algiers did not hide its hand.", "And Algiers?"): whom "its" or an unqualified
        ministry refers back to."""
        start = token.sent.start
        if start == 0 or self.doc[start - 1].is_space or "\n" in self.doc[start - 1].text:
            return None
        before = self.doc[start - 1].sent
        if "\n" in self.doc.text[before.start_char : token.sent.start_char].rstrip():
            return None  # another paragraph
        root = before.root
        heads = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subject in heads or ([root] if root.pos_ in ("PROPN", "NOUN") else []):
            mention = self.mentions.at(subject)
            if mention is not None and mention.type == "state" and mention.kind != "adj":
                return self._ministry_state(mention)
        return None

    def _fronted_capital(self, token: Any) -> str | None:
        """ "In Tehran, the foreign ministry ...": the state a sentence opens in."""
        for word in token.sent[:3]:
            mention = self.mentions.at(word)
            if mention is not None and mention.type == "state" and word.head.lower_ == "in":
                return self._ministry_state(mention)
        return None

    def _ministry_state(self, mention: Mention) -> str | None:
        """The state a state mention names (its government's state for "the Yemeni
        government"), if it is one that has ministries (states.yaml)."""
        state = self.states_of.get(mention.name, mention.name)
        return state if state in self.ministry_adjectives else None

    def _qualified(self, head: Any, kind: str) -> Speaker | None:
        """ "the Lebanese group": the earlier actor the gazetteer knows by that demonym
        ("Lebanese Hezbollah") or that the text gave that state ("Lebanon's Hezbollah")."""
        for child in head.children:
            adjective = self.mentions.at(child)
            if child.dep_ != "amod" or adjective is None or adjective.kind != "adj":
                continue
            for mention in self.mentions.before(head.idx):
                if mention.kind in ("adj", "capital") or not _fits(mention.type, kind):
                    continue
                actor = self.gazetteer.resolve(mention.name)
                forms = [f.lower() for f in (actor.aliases if actor else ())]
                if any(child.lower_ in f or adjective.name.lower() in f for f in forms):
                    return speaker_of(mention)
        return None

    def _entry(self, token: Any) -> Speaker | None:
        paragraph = self.layout.at(token.idx)
        return self.context.entry_speaker(paragraph.index) if paragraph.entry else None

    def _entry_person(self, token: Any) -> Speaker | None:
        paragraph = self.layout.at(token.idx)
        return self.context.entry_person(paragraph.index) if paragraph.entry else None

    # -- names nobody tagged ---------------------------------------------------------
    def _name_tail_end(self, head: Any) -> int:
        """Where a body's name ends that goes on with "of the ..." ("Joint Room of the
        Palestinian Resistance Factions", "General Staff of the Armed Forces"): the last
        capitalised word of the phrase after the head; the head itself when that phrase
        is a state's or a place's name ("the Coordination Framework of Iraq")."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.i != head.i + 1 or prep.lower_ not in (
                    "of", "in", "for"):  # fmt: skip
                continue
            words = [w for w in list(prep.subtree)[1:] if w.lower_ != "the"]
            if (
                not words
                or not words[-1].text[:1].isupper()
                or not all(w.text[:1].isupper() or w.lower_ in ("of", "and") for w in words)
            ):
                continue
            named = self.mentions.at(words[-1])
            if named is not None and named.kind != "adj" and named.type == "state":
                continue
            return words[-1].i
        return head.i

    def _name_span(self, head: Any) -> Any:
        """The proper name `head` ends or heads: the names hung on it before it ("Basim
        al-Awadi": the parser splits "al", "-" and "Awadi"), and its tail after it."""
        left = head
        while (
            left.i > 0
            and left.nbor(-1).head.i == head.i
            and (left.nbor(-1).pos_ == "PROPN" or _name_hyphen(left.nbor(-1)))
        ):
            left = left.nbor(-1)
        return self.doc[left.i : self._name_tail_end(head) + 1]

    def _untitled(self, span: Any) -> tuple[str, int]:
        """A name without its titles (rule 3), and where it starts."""
        name = self.speech.strip_titles(span.text)
        return name, span.start_char + len(span.text) - len(name)

    def _unknown(self, head: Any) -> Found | None:
        if self._of_research_body(head):
            return None  # "Sanam Vakil of Chatham House suggests": a reading (rule 11)
        span = self._name_span(head)
        if len(span) < 2 and head.ent_type_ not in ("ORG", "PERSON", "NORP"):
            return None
        if capital_label(span.text):  # "CLAIM. Amaq ... posted": a section label
            return None
        kind = "person" if self._has_role(head) or self._titled(span) else _kind_of(
            span.text, self.speech, head.ent_type_)  # fmt: skip
        if span.start > 0 and self.speech.anaphor_kind(self.doc[span.start - 1].lower_) == "media":
            kind = "media"  # "the weekly al-Naba", "the daily Kayhan": an outlet's name
        if kind != "person":
            return Speaker(span.text, kind, span.text, span.start_char, known=False), ("unknown",)
        # a name NER did not find whole ("Energy Minister Prince Abdulaziz bin Salman"):
        # without its titles (rule 3), its body from the words before it (rule 4)
        name, start = self._untitled(span)
        affiliation = self._body_in(head, exclude=None)
        return Speaker(name, kind, name, start, affiliation, known=False), ("unknown",)

    def _titled(self, span: Any) -> bool:
        """ "PM Yair Lapid", "Israeli PM Yair Lapid": a name after a person's title (in
        the name or just before it) is a person's, when two capitalised words or more are
        left that are neither titles nor a group's name words ("Air Force" and "General
        Staff Command" stay bodies)."""
        speech = self.speech
        before = self.doc[span.start - 1] if span.start > 0 else None
        titled = span[0].lower_.strip(".") in speech.person_titles or (
            before is not None and before.text[:1].isupper()
            and before.lower_.strip(".") in speech.person_titles)  # fmt: skip
        words = speech.strip_titles(span.text).split()
        return (titled and len(words) >= 2 and speech.name_kind(" ".join(words)) is None
                and all(w[:1].isupper() and w.lower().strip(".") not in speech.person_titles
                        for w in words))  # fmt: skip

    def _role_heading(self, entry: Entry) -> Speaker | None:
        """ "Ahmed Tarek, spokesman for the Jordanian government": a person named before a
        role phrase; the role's body (or its country's government) is the affiliation."""
        name, comma, role = entry.name.partition(",")
        noted = not comma and bool(entry.note)  # "- Ned Price, State Department spokesman,
        if noted:  # to reporters, 5 April" signing a block: the role is in its note
            comma, role = ",", (entry.note or "").split(",")[0]
        words = re.findall(r"[\w\-]+", role.lower())
        while words and words[0] in ("a", "an", "the", "its", "his", "her", "deputy", "senior"):
            words = words[1:]
        # "military adviser to the Leader", "chief military spokesman", "the army's
        # Arabic-language spokesman", "Russian foreign ministry spokeswoman": a role noun
        # after its modifiers, before the phrase that names its body
        head = list(itertools.takewhile(lambda w: w not in _ROLE_PREPOSITIONS, words))[:6]
        if not comma or not any(w in self.speech.role_nouns for w in head):
            return None
        name = name.strip()
        if not _capitalised_name(name):
            return None
        role_start = entry.name_start + len(name) + 1
        titled = name  # "Brigadier Yahya Sarea, spokesman of ...": the name without its title
        name = self.speech.strip_titles(name)
        name_start = entry.name_start + len(titled) - len(name)
        affiliation = None
        for mention in self.mentions.items if not noted else ():
            if mention.start < role_start or mention.end > entry.name_end:
                continue
            if mention.kind != "adj":
                affiliation = mention.name
                break
            if mention.type == "state" and affiliation is None:
                affiliation = self.governments.get(mention.name, mention.name)
        known = self.gazetteer.resolve(name)
        if known is not None and known.type == "person":
            return Speaker(known.name, "person", name, name_start,
                           known.affiliation or affiliation)  # fmt: skip
        return Speaker(name, "person", name, name_start, affiliation, known=False)

    def header_speaker(self, entry: Entry) -> Speaker | None:
        """The speaker a digest entry's header names ("Kata'ib Hezbollah", "Israeli army",
        "Hassan Nasrallah"); "Joint post" and a dated item without a name name none."""
        if not entry.name:
            return None
        forwarded = self._forwarded_from(entry)
        if forwarded is not None:
            return forwarded
        entry = self._reporting_header(entry) or entry
        role = self._role_heading(entry)  # "Ahmed Tarek, spokesman for ..."
        if role is not None:
            return role
        inside = [m for m in self.mentions.items if m.start >= entry.name_start
                  and m.end <= entry.name_end and m.kind not in ("adj", "capital")]  # fmt: skip
        # "Hamas", "The Saudi energy ministry", "President Joe Biden": the header is the
        # mention, after an article or a title ("The Houthis' Al-Masirah channel" is the
        # outlet's)
        spokesman = self._titled_person(entry, inside)
        if spokesman is not None:
            return spokesman
        if inside and self._header_is_mention(entry, inside):
            return speaker_of(inside[0])
        named = self._named_before(entry) or self._speech_by(entry)
        if named is not None:
            return named
        words = re.findall(r"[\w'\u2019\-]+", entry.name.lower())
        if set(words) & self.speech.outlet_nouns:
            return self._channel_header(entry, inside, words)
        generic = self.speech.speech_nouns | self.speech.outlet_nouns | {"joint", "official"}
        if not words or all(w in generic for w in words) or capital_label(entry.name):
            return None  # "MONITOR'S ASSESSMENT:" is a section label
        if entry.numbered and not entry.date:
            return None  # "1. Recapture.", "4. Juba.": a numbered section's title, not a name
        if words[-1] in self.speech.speech_nouns:
            return None  # "State TV clip": what was posted, by no one the text names
        span = self.doc.char_span(entry.name_start, entry.name_end, alignment_mode="expand")
        if span is not None and self._titled(span):  # "PM Yair Lapid via tweet:"
            name = self.speech.strip_titles(entry.name)
            start = entry.name_end - len(name)
            known = self.gazetteer.match(name)  # "Gen. Yahya Sarea:" the listed Yahya Saree
            if known is not None and known.type == "person":
                return Speaker(known.name, "person", name, start, known.affiliation)
            return Speaker(name, "person", name, start, known=False)
        label = span.root.ent_type_ if span is not None else ""
        kind = _kind_of(entry.name, self.speech, label)
        return Speaker(entry.name, kind, entry.name, entry.name_start, known=False)

    def _titled_person(self, entry: Entry, inside: list[Mention]) -> Speaker | None:
        """ "IDF Arabic-language spokesman Avichay Adraee", "Government spokesman Basim
        al-Awadi, in a written statement ...": a role before the one person the header's
        first phrase names is the person's title (rule 17), a body before it theirs."""
        comma = entry.name.find(",")
        end = entry.name_start + (comma if comma >= 0 else len(entry.name))
        first = [m for m in inside if m.end <= end]
        if not first or first[-1].type != "person" or len(first) > 2:
            return None
        person = first[-1]
        body = first[0] if len(first) == 2 and first[0].type != "person" else None
        if len(first) == 2 and body is None:
            return None
        start = body.end if body is not None else entry.name_start
        before = re.findall(r"[\w\-]+", self.doc.text[start : person.start].lower())
        if not set(before) & self.speech.role_nouns:
            return None
        affiliation = person.affiliation or (body.name if body is not None else None)
        return speaker_of(person, affiliation=affiliation)

    def _header_is_mention(self, entry: Entry, inside: list[Mention]) -> bool:
        """The header starts with its first mention, or has one mention after an article
        or titles ("The Saudi energy ministry", "President Joe Biden")."""
        before = self.doc.text[entry.name_start : inside[0].start].lower().split()
        titled = all(w in self.speech.person_titles or w == "the" for w in before)
        # "Syria Civil Defence": a name of its own that starts with the mention's
        if len(inside) == 1 and self._name_goes_on(inside[0], entry):
            return False
        return not before or (len(inside) == 1 and titled)

    def _name_goes_on(self, mention: Mention, entry: Entry) -> bool:
        """ "Syria Civil Defence", "Yemen Now": a header whose name runs on past its
        mention in capitalised words of its own; not "IDF Spokesperson" (a role), "Hamas
        Channel" or "Ansarullah Official" (an outlet) or "U.S. Embassy Baghdad" (a place)."""
        rest = self.doc.text[mention.end : entry.name_end]
        word = re.match(r"\s*([\w'\u2019\-]+)", rest)
        if word is None or not word.group(1)[:1].isupper():
            return False
        speech = self.speech
        # ("Ansarullah Official": the group's own channel, as "Hamas Official Channel")
        own = speech.role_nouns | speech.sub_body_nouns | speech.outlet_nouns | {"official"}
        start = mention.end + word.start(1)
        placed = any(m.start == start for m in self.mentions.items)
        return word.group(1).lower() not in own and not placed

    def _speech_by(self, entry: Entry) -> Speaker | None:
        """ "Televised speech by Abdul-Malik al-Houthi, relayed in clips": the speech's
        author."""
        span = self.doc.char_span(entry.name_start, entry.name_end, alignment_mode="expand")
        if span is None or span.root.lemma_.lower() not in self.speech.speech_nouns:
            return None
        for prep in span.root.children:
            for author in (c for c in prep.children if prep.lower_ in ("by", "of", "from")
                           and c.dep_ == "pobj"):  # fmt: skip
                mention = self.mentions.at(author)
                if mention is not None and mention.kind not in ("adj", "capital"):
                    return speaker_of(mention)
        return None

    def _named_before(self, entry: Entry) -> Speaker | None:
        """ "- Kanaani, Telegram channel of the foreign ministry": a bare surname for the
        one person the text named in full before it."""
        if not re.fullmatch(r"(?:(?:al|el)-)?[A-Z][\w'\u2019\-]{3,}", entry.name):
            return None
        surname = entry.name.lower().removeprefix("al-").removeprefix("el-")
        people = {m.name: m for m in self.mentions.items if m.end <= entry.name_start
                  and m.type == "person" and m.name.lower().split()[-1].split("al-")[-1]
                  == surname}  # fmt: skip
        if len(people) != 1:
            return None
        (mention,) = people.values()
        return replace(speaker_of(mention), surface=entry.name, surface_start=entry.name_start)

    def _channel_header(self, entry: Entry, inside: list[Mention], words: list[str]
                        ) -> Speaker | None:  # fmt: skip
        """ "Channel affiliated with Hezbollah": the group it names speaks (rule 17); "Gaza-
        based channel Shehab": the outlet by its name; "Pro-Sanaa channels": several
        channels, no one speaker."""
        if inside:  # a named outlet before its owner ("The Houthis' Al-Masirah channel")
            outlet = next((m for m in inside if m.type == "media"), inside[0])
            return speaker_of(outlet)
        if words[-1] in self.speech.outlet_nouns and words[-1].endswith("s"):
            return None
        named = re.search(r"\b(?:channel|account|page|outlet)\s+(?P<name>[A-Z][\w'\u2019\-]*"
                          r"(?:\s+[A-Z][\w'\u2019\-]*)*)\s*$", entry.name)  # fmt: skip
        if named is None:
            return None
        start = entry.name_start + named.start("name")
        return Speaker(named.group("name"), "media", named.group("name"), start, known=False)

    def _forwarded_from(self, entry: Entry) -> Speaker | None:
        """ "09:45 - Forwarded from a Telegram channel affiliated with X: "..."" (rule 17:
        X speaks), "Forwarded from Hamas's official channel", "Forwarded from Sabereen
        News"."""
        span = self.doc.char_span(entry.name_start, entry.name_end, alignment_mode="expand")
        if span is None or span[0].lower_ != "forwarded":
            return None
        for prep in span[0].children:
            for source in (c for c in prep.children if prep.lower_ == "from" and c.dep_ == "pobj"):
                if source.lemma_.lower() in self.speech.outlet_nouns:
                    return self._outlet_owner(source)
                mention = self.mentions.at(source)
                if mention is not None and mention.kind not in ("adj", "capital"):
                    return speaker_of(mention)
        return None

    def _reporting_header(self, entry: Entry) -> Entry | None:
        """ "08:20 - The Israeli army posted on X: "..."", "21:30 - President Donald Trump
        wrote on his own platform: "..."": a header that is a clause names its subject."""
        span = self.doc.char_span(entry.name_start, entry.name_end, alignment_mode="expand")
        if span is None:
            return None
        verbs = self.speech.reporting_verbs | self.speech.carrier_verbs
        for token in span:
            if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
                continue
            for subject in token.children:
                if subject.dep_ in ("nsubj", "nsubjpass") and subject.i >= span.start:
                    # the subject with its role ("Hezam al-Asad, a member of the bureau"),
                    # not its clauses
                    clauses = {t.i for c in subject.children if c.dep_ in ("relcl", "acl")
                               for t in c.subtree}  # fmt: skip
                    # inside the header: the parser can run the subject back over the
                    # entry's date ("Sat 28/11 - Hossein Dehghan, ... wrote on X:")
                    words = _name_edges([t for t in subject.subtree if t.i not in clauses
                                         and t.idx >= entry.name_start], keep=1)  # fmt: skip
                    start, end = words[0].idx, words[-1].idx + len(words[-1])
                    named = self.mentions.at(subject)
                    if named is not None and named.kind not in ("adj", "capital"):
                        start, end = named.start, named.end  # "President Donald Trump"
                    name = self.doc.text[start:end]
                    return replace(entry, name=name, name_start=start, name_end=end)
            # no subject ("The operations room of the GNA forces posted on its page", the
            # verb read as a participle): the words before the verb name the speaker
            words = _name_edges([t for t in span if t.i < token.i], keep=0)
            if words:
                start, end = words[0].idx, words[-1].idx + len(words[-1])
                name = re.sub(
                    r"\s+", " ", re.sub(r"[\"\u201c\u201d]", "", self.doc.text[start:end])
                )
                return replace(entry, name=name, name_start=start, name_end=end)
        return None


def _name_edges(words: list[Any], keep: int) -> list[Any]:
    """A header's name without what is around it: a leading article, time or dash
    ("21:30 - The ..."), trailing punctuation; at least `keep` words stay."""
    while len(words) > keep and not words[-1].is_alpha:
        words = words[:-1]
    while len(words) > keep and (words[0].dep_ == "det" or not words[0].is_alpha):
        words = words[1:]
    return words


def self_named(head: Any, mentions: Any) -> Mention | None:
    """The name a subject gives itself: "a group calling itself X", "known as X"."""
    for acl in head.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in ("call", "name", "know", "dub", "style"):
            for token in acl.subtree:
                found = mentions.at(token)
                if found is not None and found.kind not in ("adj", "capital"):
                    return found
    return None


def _name_hyphen(token: Any) -> bool:
    """The hyphen inside a name ("al-Awadi", "bin-Salman"), with a name part before it."""
    return token.text == "-" and token.i > 0 and token.nbor(-1).pos_ == "PROPN" and (
        token.whitespace_ == "" and token.nbor(-1).whitespace_ == "")  # fmt: skip


def _capitalised_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        w[:1].isupper() or w.lower() in ("al", "bin", "ibn") or w.lower().startswith(("al-", "el-"))
        for w in words
    )


def _dateline_state(doc: Any, capitals: dict[str, str]) -> str | None:
    """The country whose city opens the dateline ("BAGHDAD, ...")."""
    from kg.extract.components.layout import dateline_at

    text = doc.text  # built anew on every access
    for paragraph in doc._.kg_layout.paragraphs[:4]:
        match = dateline_at(text, paragraph.start, paragraph.end)
        if match is None:
            continue
        city = re.split(r"[,/(]", text[paragraph.start : match.end()])[0].strip().title()
        return capitals.get(city)
    return None


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.split(r"[\s\-]", name)}


def _kind_of(name: str, speech: Speech, label: str) -> str:
    return speech.name_kind(name) or ("person" if label == "PERSON" else "organization")


def _fits(speaker_type: str, kind: str) -> bool:
    if kind == "militia":
        return speaker_type in ("militia", "organization")
    return speaker_type == kind


def _phrase(head: Any) -> tuple[str, int]:
    """A subject's noun phrase as written (clauses and appositions left out), and where."""
    tokens = [t for t in head.subtree if t.i == head.i or not any(
        a.dep_ in ("relcl", "acl", "appos", "punct") for a in [t, *path_up(t, head)])]  # fmt: skip
    left = min(t.i for t in tokens)
    right = max(t.i for t in tokens if t.i <= head.i or t.dep_ != "prep") + 1
    span = head.doc[left:right]
    text, start = span.text.rstrip(","), span.start_char
    if text[:4].lower() == "the ":
        text, start = text[4:], start + 4
    return text, start


def _as_mention(speaker: Speaker, kind: str) -> Mention:
    """A speaker found by reading (an anaphor, an army by its demonym) as a mention."""
    end = speaker.surface_start + len(speaker.surface)
    return Mention(speaker.surface_start, end, speaker.surface, speaker.name, speaker.type,
                   kind, speaker.affiliation, known=speaker.known)  # fmt: skip


def speaker_of(mention: Mention, surface: str | None = None, start: int | None = None,
             affiliation: str | None = None) -> Speaker:  # fmt: skip
    return Speaker(
        name=mention.name,
        type="organization" if mention.type == "other" else mention.type,
        surface=surface if surface is not None else mention.text,
        surface_start=start if start is not None else mention.start,
        affiliation=affiliation or mention.affiliation,
        known=mention.known,
    )


def _non_speaker(mention: Mention, speech: Speech) -> bool:
    return mention.text.lower() in speech.non_speaker_nouns
