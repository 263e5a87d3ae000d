"""`kg_events`: the harmful act the document narrates, who carried it out, and when.

Requires: the parse, `doc._.kg_layout`, `doc._.kg_mentions`, `doc._.kg_acts`,
`doc._.kg_attributions`, `doc._.kg_source` (for the publication year). Assigns: `doc._.kg_event`.

The authors are the first actors the body (not the head) names as the subject of a harmful
verb ("Israel carried out strikes", "Iranian missiles slammed into two bases", "an attack
the Houthis claimed"; a weapon's owner: "the warplanes of the Zionist enemy levelled"; a
deed begun or carried on: "Israeli aircraft began striking"), or, failing that, the
author of a harmful act the lead sentence names ("killed in an Israeli air strike"), or,
failing both, the group the text says claimed it, headline included ("al-Shabaab claims
raid", "said it was behind the attack"). A person, an outlet ("Amaq agency") and a person's
own body named in his title are never the authors.
Hedged ("allegedly struck", "a suspected Israeli strike"), modal ("could strike") and
negated acts give no author. A stance
that condemns or blames "the attack" without naming its author takes these authors
(kg_stances), so the document's own account is what resolves "this crime". The event
date is the first date the body gives.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract.components.layout import dateline_at
from kg.extract.components.subjects import self_named
from kg.extract.components.targets import TargetFinder
from kg.extract.dates import find_dates, resolve, yesterday
from kg.extract.doc import Event, Mention
from kg.extract.wordlists import Acts


class EventReader:
    def __init__(self, acts: Acts) -> None:
        self.words = acts
        self._owned_nouns = acts.weapon_nouns | acts.member_nouns
        # "X claims raid", "X claimed responsibility for", "X said it was behind the attack",
        # "Islamic State Khorasan Province (ISKP) took responsibility", "Hezbollah on Tuesday
        # took full responsibility"
        nouns = "|".join(sorted(acts.harm_nouns | {"responsibility", "it"}, key=len, reverse=True))
        self._claim = re.compile(
            r"(?:[ \t]*\([^()\n]{1,30}\))?(?:[ \t]+on[ \t]+[A-Z][a-z]+day)?[ \t]+"
            rf"(?:(?:claim(?:s|ed)?|said[ \t]+it[ \t]+was[ \t]+behind)\b[^.;:\n]{{0,40}}?"
            rf"\b(?:{nouns})"
            r"|(?:took|takes|has[ \t]+taken|have[ \t]+taken|assumed|assumes)[ \t]+"
            r"(?:full[ \t]+)?responsibility)\b"
        )

    def __call__(self, doc: Any) -> Any:
        targets = TargetFinder(doc, self.words)
        authors, sentence = self._by_verb(doc, targets)
        if not authors:
            authors, sentence = self._by_noun(doc, targets)
        if not authors:
            authors, sentence = self._by_claim(doc)
        source = doc._.kg_source
        published = source.published if source is not None else None
        doc._.kg_event = Event(tuple(authors), sentence, event_date(doc, published))
        return doc

    def _body(self, doc: Any) -> Any:
        """The body's sentences, without a dateline the parser made a sentence of its own
        ("TEHRAN, Jan 3 -"): the lead sentence is the one after it."""
        head_end = doc._.kg_layout.head_end
        for sent in doc.sents:
            paragraph = doc._.kg_layout.at(sent.start_char)
            if sent.start_char < head_end or paragraph.kind in ("heading", "footnotes"):
                continue
            dateline = dateline_at(doc.text, paragraph.start, paragraph.end)
            if dateline is not None and sent.end_char <= dateline.end() + 1:
                continue
            yield sent

    def _by_verb(self, doc: Any, targets: TargetFinder) -> tuple[list[Mention], Any]:
        words = self.words
        speakers = {a.speaker.name for a in doc._.kg_attributions}
        for sent in self._body(doc):
            for token in sent:
                if token.pos_ != "VERB":
                    continue
                if not self._harmful(token):
                    continue
                if any(c.dep_ == "neg" or c.tag_ == "MD" for c in token.children):
                    continue  # not done, or not yet ("Israel could strike anywhere")
                # "Houthi political bureau member X claimed that striking airports was a
                # right": a person's saying, no deed of his bureau
                saying = token.lemma_.lower() in words.claim_verbs and not any(
                    c.dep_ == "dobj" for c in token.children)  # fmt: skip
                for subject in _subjects(token, words.aspect_verbs):
                    if saying and (head := doc._.kg_mentions.at(subject)) is not None and (
                            head.type == "person"):  # fmt: skip
                        continue
                    # "Israeli jets", "the warplanes of the Zionist enemy": the weapon's owner;
                    # "its fighters had struck the bus": the group whose members they are
                    mentions = (targets.owners(subject) if subject.lower_ in self._owned_nouns
                                else targets.actors(subject))  # fmt: skip
                    # (an outlet that carried the claim did no deed: "Daesh's Amaq agency")
                    found = [m for m in mentions if m.type not in ("person", "other", "media")
                             and m.kind != "capital"]  # fmt: skip
                    if not found:  # "a group calling itself X claimed the attack"
                        named = self_named(subject, doc._.kg_mentions)
                        found = [named] if named is not None else []
                    own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)
                    if subject.lower_ in words.member_nouns and own:
                        # "its fighters": whose members, the one who says so (not the
                        # nearest name: "the BLA, which Islamabad describes as ..., said
                        # its fighters had carried out the raid")
                        found = [m for m in found if m.name in speakers]
                    if subject.pos_ == "PRON" and subject.lower_ in ("they", "it", "we"):
                        found = [m for m in targets.antecedents(subject)
                                 if m.name in speakers]  # fmt: skip
                    if not found:
                        continue
                    if any(t.lower_ in words.hedges for t in sent
                           if t.i < token.i or t.head.i == token.i):  # fmt: skip
                        return [], None  # "Israel allegedly struck", "suspected ... struck"
                    return found, (sent.start, sent.end)
        return [], None

    def _harmful(self, verb: Any) -> bool:
        """A harmful verb ("struck", "levelled"), a weapon's impact ("missiles slammed
        into"), or a verb whose object is a weapon ("dropped heavy bombs on")."""
        words = self.words
        lemma = verb.lemma_.lower()
        weapon = {c.dep_ for c in verb.children if c.lower_ in words.weapon_nouns}
        return (lemma in words.harm_verbs or (lemma in words.impact_verbs and "nsubj" in weapon)
                or "dobj" in weapon)  # fmt: skip

    def _by_noun(self, doc: Any, targets: TargetFinder) -> tuple[list[Mention], Any]:
        acts = self.words.harm_nouns - self.words.not_narrated_acts
        for sent in self._body(doc):
            for token in sent:
                if token.lower_ not in acts or token.pos_ != "NOUN":
                    continue
                if any(c.lower_ in self.words.hypothetical_determiners for c in token.children):
                    continue
                found, _ = targets.authors(token)
                found = [m for m in found if m.type not in ("person", "other")]
                if found and self._accused(doc, token, found):
                    continue
                if found:
                    return found, (sent.start, sent.end)
            return [], None  # the lead sentence only
        return [], None

    def _accused(self, doc: Any, noun: Any, authors: list[Mention]) -> bool:
        """ "Imran Khan said India had planned yesterday's assault": a speaker who makes
        another actor the act's doer, by a verb, accuses; that is his statement, not the
        document's account ("said Israel's strikes had been a miscalculation" still
        names the author in the act's own words)."""
        verb = noun.head
        if noun.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in (
                self.words.commit_verbs):  # fmt: skip
            return False
        names = {m.name for m in authors}
        acts = doc._.kg_acts
        return any(noun.i in acts[a.act].content and a.speaker.name not in names
                   for a in doc._.kg_attributions)  # fmt: skip

    def _by_claim(self, doc: Any) -> tuple[list[Mention], Any]:
        """ "al-Shabaab claims raid" (a headline), "the group claimed responsibility for
        the bombing", "Al Shabab claim it", "al-Shabab said it was behind the attack": the
        group that takes the act as its own is the one the text names as its author (rule
        8), when nothing narrates the deed itself. Read on the text, as headlines parse
        badly."""
        for mention in doc._.kg_mentions.items:
            if mention.type not in ("militia", "state") or mention.kind in ("capital", "adj"):
                continue
            if self._claim.match(doc.text, mention.end) is None:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            sentence = span.sent if span is not None else None
            return [mention], (sentence.start, sentence.end) if sentence is not None else None
        return [], None


def _subjects(verb: Any, aspect_verbs: frozenset[str]) -> list[Any]:
    """The verb's subjects; for a verb with none that carries on another's deed ("began
    striking nuclear sites", "broke through the fence, attacking army posts"), that verb's
    (not "promised to strike back", "trying to seize": not done; nor "a statement carried
    by Al-Manar": a passive participle's subject is what it was done to)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    head = verb.head
    carried_on = (verb.dep_ == "xcomp" and head.lemma_.lower() in aspect_verbs) or (
        verb.dep_ == "advcl" and verb.tag_ == "VBG"
    )
    if subjects or not carried_on or head.i == verb.i:
        return subjects
    return [c for c in head.children if c.dep_ == "nsubj"]


def event_date(doc: Any, published: str | None) -> str | None:
    """The first date the body gives ("yesterday" under a dated dateline counts)."""
    layout = doc._.kg_layout
    text = doc.text
    for paragraph in layout.paragraphs:
        if paragraph.kind in ("head", "heading", "footnotes"):
            continue
        body = text[paragraph.start : paragraph.end]
        from kg.extract.components.layout import DATELINE

        anchor = published
        dateline = DATELINE.match(body)
        if dateline:
            body = body[dateline.end() :]
            # "ADEN, Aug 29 (Wire) - ... yesterday": the dateline's day anchors it (rule 12)
            dated = find_dates(dateline.group(0))
            if dated and not anchor:
                anchor = resolve(*dated[0][2:], None)
        hits = find_dates(body)
        relative = re.search(r"\b(yesterday|today)\b", body) if anchor else None
        if relative and anchor and (not hits or relative.start() < hits[0][0]):
            return yesterday(anchor) if relative.group(1) == "yesterday" else anchor[:10]
        for _, _, month, day, year in hits:
            # "NABLUS, Jan 20, 2024 - ... on Friday, Jan. 19": the dateline's year
            return resolve(month, day, year, published or anchor)
    return None


def _register() -> None:
    from spacy.language import Language

    if "kg_events" in Language.factories:
        return

    @Language.factory(
        "kg_events",
        requires=[
            "token.dep",
            "doc._.kg_mentions",
            "doc._.kg_acts",
            "doc._.kg_attributions",
            "doc._.kg_layout",
        ],
        assigns=["doc._.kg_event"],
    )
    def make_event_reader(nlp: Any, name: str) -> EventReader:
        from kg.extract.wordlists import load_acts

        return EventReader(load_acts())


_register()
