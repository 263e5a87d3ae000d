"""`kg_attribution`: a speaker (or none) for every speech act, document-wide.

Requires: `doc._.kg_acts`, `doc._.kg_mentions`, `doc._.kg_layout`, the parse.
Assigns: `doc._.kg_rule_attributions` (which `kg_learned_attribution` hands on as
`doc._.kg_attributions`), one `Attribution` per (act, speaker) in text order, each
with the chain of steps that led to its speaker.

How a speaker is found (kg.extract.components.subjects reads one subject phrase):
* a named actor, or the person in the phrase ("the group's secretary-general, Hassan
  Nasrallah"), or the body behind an unnamed spokesman (rule 17), or the author of "a
  statement by X", or the group an outlet is affiliated with ("a Telegram channel
  affiliated with X", rule 17), or a capital for its government ("Ankara said");
* "he"/"she": the last person who spoke in the paragraph, else the last person named in
  it; at the start of a paragraph, the previous paragraph's last speaker if it was a
  person; "it", "they", "the group", "the movement", "the Brigades", "the statement": the
  last fitting speaker of the paragraph, the digest entry's header, a block's issuer,
  else the fitting actor the paragraph (then the text) names;
* a title without a name ("the AAH leader", "the group's secretary-general"): the person
  the text named with that body;
* a quoted block's sentences: whoever issued it (the last speaker of the paragraph that
  opened it); a digest entry's sentences without a speaker of their own: the entry's
  header; a sentence inside an open quotation: the quotation's speaker.
A paragraph boundary ends a pronoun chain unless the new paragraph starts with it, and a
second named speaker ends it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kg.extract.components.subjects import SubjectReader, speaker_of
from kg.extract.doc import (
    Attribution,
    Speaker,
    SpeechAct,
    interrupted_clause,
    of_objects,
    path_up,
    set_against,
    source_phrases,
)
from kg.extract.wordlists import Speech
from kg.gazetteer import Gazetteer
from kg.names import capital_label

_PLACES = {"in", "at", "near", "from", "into", "across", "inside", "toward", "towards", "on"}


class Attributor:
    def __init__(self, gazetteer: Gazetteer, speech: Speech, governments: dict[str, str],
                 capitals: dict[str, str] | None = None,
                 ministry_adjectives: dict[str, str] | None = None) -> None:  # fmt: skip
        self.gazetteer, self.speech, self.governments = gazetteer, speech, governments
        self.capitals = capitals or {}
        self.ministry_adjectives = ministry_adjectives or {}

    def __call__(self, doc: Any) -> Any:
        doc._.kg_rule_attributions = tuple(_Document(self, doc).attribute())
        return doc


class _Document:
    """Attribution state for one document: the speakers found so far, in text order."""

    def __init__(self, owner: Attributor, doc: Any) -> None:
        self.doc, self.speech, self.gazetteer = doc, owner.speech, owner.gazetteer
        self.layout, self.mentions = doc._.kg_layout, doc._.kg_mentions
        self.acts: tuple[SpeechAct, ...] = doc._.kg_acts
        self.found: list[Attribution] = []
        self.entry_speakers: dict[int, Speaker | None] = {}
        self.reader = SubjectReader(doc, owner.gazetteer, owner.speech, owner.governments, self,
                                    owner.capitals, owner.ministry_adjectives)  # fmt: skip

    def attribute(self) -> list[Attribution]:
        for number, act in enumerate(self.acts):
            for speaker, chain in self._speakers(act):
                self.found.append(Attribution(number, speaker, chain))
        return [self._spoken_for(attribution) for attribution in self.found]

    def _spoken_for(self, inner: Attribution) -> Attribution:
        """Rule 17: "Pentagon spokesman X said the United States held Iran responsible":
        the body a named person speaks for gets no record of its own for his words."""
        issued = self._issuer_speaks(inner)
        if issued is not None:
            return issued
        cue = self.doc[self.acts[inner.act].cue]
        for outer in self.found:
            outer_cue = self.doc[self.acts[outer.act].cue]
            if outer.act == inner.act or not outer_cue.is_ancestor(cue):
                continue
            # "X said ..., while Pakistan's ministry condemned"
            if _set_against_between(cue, outer_cue):
                continue
            if self._own_clause_after(cue, outer):
                continue  # "the ministry condemned ...; the next day X told reporters": his own
            if outer.speaker.type != "person":
                continue
            # his own body; or, for a person the text ties to no body, the state he reports
            # ("Press secretary Pat Ryder said ... Washington held Iran responsible")
            if inner.speaker.name in self._bodies(outer.speaker) or (
                not outer.speaker.affiliation and inner.speaker.type == "state"
            ):  # fmt: skip
                return Attribution(inner.act, outer.speaker, (*outer.chain, "spoken for"))
        return inner

    def _issuer_speaks(self, inner: Attribution) -> Attribution | None:
        """ "The Syrian foreign ministry answered: > ... Syria condemns this aggression on
        its sovereignty.": a state named in a quoted block its own body or official issued
        is the issuer speaking of its state (rule 17), not a second speaker."""
        act = self.acts[inner.act]
        if act.kind != "verb" or inner.speaker.type != "state":
            return None
        if self.layout.paragraphs[act.paragraph].kind != "block":
            return None
        found = self.block_speaker(act.paragraph)
        if found is None or found[0].name == inner.speaker.name:
            return None
        if inner.speaker.name not in self._bodies(found[0]):
            return None
        return Attribution(inner.act, found[0], (*found[1], "spoken for"))

    def _own_clause_after(self, cue: Any, outer: Attribution) -> bool:
        """ "the Turkish foreign ministry condemned the strikes; the next day Hakan Fidan
        told reporters ...": a person who speaks in a clause of his own after a semicolon
        says his own words, unless the text ties him back to the body ("Oman confirmed
        it; its foreign minister, X, said")."""
        act = self.acts[outer.act]
        outer_cue = self.doc[act.cue]
        if cue.i > outer_cue.i or not any(t.text == ";" for t in self.doc[cue.i : outer_cue.i]):
            return False
        return not any(t.lower_ in ("its", "their") for index in act.subjects
                       for t in self.doc[index].subtree)  # fmt: skip

    def _bodies(self, speaker: Speaker) -> set[str]:
        """The bodies a speaker speaks for, up the gazetteer ("United States Department of
        Defense", "United States")."""
        out: set[str] = set()
        current = speaker.affiliation
        while current and current not in out:
            actor = self.gazetteer.resolve(current)
            out.add(actor.name if actor else current)
            current = actor.affiliation if actor else self._described_parent(current)
        return out

    def _described_parent(self, name: str) -> str | None:
        """The parent of a body the gazetteer lacks but the text describes: the state of
        "the Russian foreign ministry" (so "Zakharova ... said Moscow condemned" is hers)."""
        for mention in self.mentions.items:
            if mention.name == name and mention.kind == "descriptor" and mention.affiliation:
                return mention.affiliation
        return None

    def _speakers(self, act: SpeechAct) -> list[tuple[Speaker, tuple[str, ...]]]:
        if act.kind == "block":
            found = self.block_speaker(act.paragraph)
            return [(found[0], ("block", *found[1]))] if found else []
        if act.kind == "entry":
            continued = self._entry_pronoun(act)
            if continued is not None:
                return [continued]
            speaker = self.entry_speaker(act.paragraph)
            return [(speaker, ("entry",))] if speaker else []
        if act.kind == "quote":
            last = self._last(act.paragraph, lambda s: True)
            return [(last.speaker, ("quote", *last.chain))] if last else []
        cue = self.doc[act.cue]
        carried = self._author(cue)
        if (
            carried is None
            and cue.dep_ in ("advcl", "conj")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
        ):  # "carried al-Shabaab's claim, warning that ...": the claim's words too
            carried = self._author(cue.head)
        if carried is not None:  # "Al-Manar carried a statement by X": X speaks
            return [(carried[0], ("carried", *carried[1]))]
        signed = self._signer(act)
        if signed is not None:
            return [signed]
        continued = self._after_quotation(act) or self._quoted_first_person(act)
        if continued is not None:
            return [continued]
        if self._inside_reading(act):
            return []  # "X of the Middle East Institute argues Hamas has claimed ...": his
        note = self._in_note(act)
        out = []
        for index in act.subjects:
            pair = self.mentions.pair_before(self.doc[index],
                                             self.speech.anaphor_nouns["militia"])  # fmt: skip
            if pair:  # "Both groups denied any link": each of the two named before
                return [(speaker_of(m), ("pair",)) for m in pair]
            resolved = self.reader.speaker(self.doc[index], act)
            if resolved is not None and note and resolved[1][0] in _NOTE_VOICES:
                continue  # "Editor's note: ... We read the posts as a signal"
            if resolved is not None and all(resolved[0].name != s.name for s, _ in out):
                out.append(resolved)
        return out

    def _entry_pronoun(self, act: SpeechAct) -> tuple[Speaker, tuple[str, ...]] | None:
        """ "[21:40] Al-Masirah channel / Spokesman X reads a statement ... He frames it
        as ...": an entry's sentence whose subject is "he" or "she" continues the person
        the entry named before it, not the channel or body in its header."""
        sent = self.doc[act.cue].sent
        paragraph = self.layout.paragraphs[act.paragraph]
        for token in sent:
            if (
                token.dep_ == "nsubj"
                and token.lower_ in self.speech.pronouns["person"]
                and (
                    token.head == sent.root
                    or token.head.lemma_.lower() in self.speech.reporting_verbs
                )
                and not _quoted(self.doc.text, paragraph.start, token.idx)
            ):
                found = self.previous_speaker(token, want_person=True)
                return (found[0], ("entry", "pronoun", found[1])) if found else None
        return None

    def _in_note(self, act: SpeechAct) -> bool:
        paragraph = self.layout.paragraphs[act.paragraph]
        return self.speech.note_label(self.doc.text[paragraph.start : paragraph.end])

    def _inside_reading(self, act: SpeechAct) -> bool:
        """Whether the act is told inside an analyst's reading (rule 11: "Khaled Elgindy of
        the Middle East Institute argues Hamas has claimed the mantle of ..." has no
        statement by Hamas either)."""
        cue = self.doc[act.cue]
        for other in self.acts:
            outer = self.doc[other.cue]
            if other is act or other.kind != "verb" or not outer.is_ancestor(cue):
                continue
            if any(self.reader.is_reading(self.doc[i], other) for i in other.subjects):
                return True
        return False

    def _after_quotation(self, act: SpeechAct) -> tuple[Speaker, tuple[str, ...]] | None:
        """'X posted: "... we will win," and thanked the United States': a verb after the
        closing quote, coordinated with the quotation's last verb, is the quoting speaker's
        (its subject, "we", is the quotation's)."""
        cue = self.doc[act.cue]
        if cue.dep_ != "conj" or cue.i < cue.head.i:
            return None
        paragraph = self.layout.paragraphs[act.paragraph]
        text = self.doc.text
        if not _quoted(text, paragraph.start, cue.head.idx) or _quoted(text, paragraph.start,
                                                                       cue.idx):  # fmt: skip
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
            return None
        last = self._last(act.paragraph, lambda s: True)
        return (last.speaker, ("quote", "continued", *last.chain)) if last else None

    def _quoted_first_person(self, act: SpeechAct) -> tuple[Speaker, tuple[str, ...]] | None:
        """'X posted: "Our forces seized a ship. We warn all ships ..."': "we" or "I"
        inside a quotation is whoever opened it, not a group to look for (rule 17: the
        body a named spokesman speaks for gets no second record for his words)."""
        cue = self.doc[act.cue]
        paragraph = self.layout.paragraphs[act.paragraph]
        first_person = [self.doc[i] for i in act.subjects if self.doc[i].lower_ in ("we", "i")]
        if not first_person or not _quoted(self.doc.text, paragraph.start, cue.idx):
            return None
        for found in reversed(self._found_before(cue)):
            opener = self.doc[self.acts[found.act].cue]
            if not _quoted(self.doc.text, paragraph.start, opener.idx):
                return found.speaker, ("quote", "first person", *found.chain)
        if paragraph.kind == "block":  # "> ... and we condemn it." under its opener or
            block = self.block_speaker(paragraph.index)  # over its signature
            if block is not None:
                return block[0], ("block", "first person", *block[1])
        return None

    def _author(self, verb: Any) -> tuple[Speaker, tuple[str, ...]] | None:
        """The author of a statement an outlet or a group carries, posts or publishes:
        "a statement by X", "a statement signed by X", "a speech of X"."""
        if verb.lemma_.lower() not in self.speech.carrier_verbs | {"issue", "release"}:
            return None
        quoted = self._quoted_as_saying(verb)
        if quoted is not None:
            return quoted
        for noun in verb.children:
            if noun.dep_ != "dobj" or noun.lemma_.lower() not in self.speech.speech_nouns:
                continue
            # "a statement by X", "a statement signed by X", "carried a statement by X" (the
            # parser hangs "by X" on the verb)
            heads = (noun.i, *[c.i for c in noun.children], verb.i)
            for token in [*noun.subtree, *(c for c in verb.children if c.i > noun.i)]:
                by = token.dep_ in ("agent", "prep") and token.lower_ in ("by", "of", "from")
                if not by or token.head.i not in heads:
                    continue
                for pobj in token.children:
                    if pobj.dep_ == "pobj":
                        found = self.reader.speaker(pobj)
                        if found is not None:
                            return found
            # "carried al-Shabaab's claim", "aired the group's statement": the owner's
            for owner in (c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"):
                found = self.reader.speaker(owner)
                if found is not None:
                    return found
        return None

    def _quoted_as_saying(self, verb: Any) -> tuple[Speaker, tuple[str, ...]] | None:
        """ "IRNA quoted Foreign Minister Abbas Araghchi as saying ...": the one quoted
        speaks; the outlet is the source (rule 16)."""
        if not any(p.dep_ == "prep" and p.lower_ == "as" and any(
                c.dep_ == "pcomp" and c.lemma_.lower() in self.speech.reporting_verbs
                for c in p.children) for p in verb.children):  # fmt: skip
            return None
        for noun in (c for c in verb.children if c.dep_ == "dobj"):
            found = self.reader.speaker(noun)
            if found is not None:
                return found
        return None

    def _signer(self, act: SpeechAct) -> tuple[Speaker, tuple[str, ...]] | None:
        """The named person a body speaks through (rule 17): "Kata'ib Hezbollah, in a
        statement signed by its security official X, said", "the militia boasted through
        its spokesman, X, ... and warned", "Tehran denounced the raids, in the words of
        foreign ministry spokesman X"."""
        verb = self.doc[act.cue]
        verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
        verbs += [c for i in act.subjects for c in self.doc[i].children if c.dep_ == "acl"]
        for prep in (c for v in verbs for c in v.children if c.dep_ == "prep"):
            for name in self._voices(prep):
                found = self.reader.speaker(name)
                if found is not None and found[0].type == "person":
                    return found[0], ("signed", *found[1])
        return None

    def _voices(self, prep: Any) -> list[Any]:
        """The name tokens a preposition of `_signer` leads to."""
        nouns = [n for n in prep.children if n.dep_ == "pobj"]
        if prep.lower_ in ("through", "via"):  # "through its spokesman, X"
            return [a for n in nouns for a in (n, *n.children) if a is n or a.dep_ == "appos"]
        if prep.lower_ != "in":
            return []
        out = []
        for noun in nouns:
            if noun.lower_ in self.speech.voice_nouns:  # "in the words of X"
                out += of_objects(noun)
            elif noun.lemma_.lower() in self.speech.speech_nouns:  # "a statement signed by X"
                out += [p for c in noun.children if c.dep_ == "acl"
                        and c.lemma_.lower() in self.speech.signing_verbs
                        for a in c.children if a.dep_ == "agent"
                        or (a.dep_ == "prep" and a.lower_ == "by")
                        for p in a.children if p.dep_ == "pobj"]  # fmt: skip
        return out

    def block_speaker(self, paragraph: int) -> tuple[Speaker, tuple[str, ...]] | None:
        """Who issued a quoted block: the last speaker of the paragraph that opened it;
        an opener with no speech verb ("Prime Minister X, in a video posted on X:", "X
        laid the toll at Hamas's door:") names its issuer as its subject; a bare "Full
        statement:" continues the last speaker before it."""
        signer = None
        if self.layout.paragraphs[paragraph].entry is not None:
            signer = self.entry_speaker(paragraph)  # "- Ali Khamenei, 27 Oct" under it
        if signer is not None and signer.known:
            return signer, ("signed",)
        opener = self.layout.paragraphs[paragraph].opener
        # "- IS claim, Telegram, 26 Oct": a signature the gazetteer cannot read leaves the
        # block to the speaker its opener names
        found = self._opener_speaker(opener) if opener is not None else None
        if found is None and signer is not None:
            return signer, ("signed",)
        if found is None and opener is not None:
            last = self._last_before(opener)  # "Full statement:" continues
            return (last.speaker, last.chain) if last else None
        return found

    def _opener_speaker(self, opener: int) -> tuple[Speaker, tuple[str, ...]] | None:
        """The speaker a block's opener names: its own act's, its header's or its
        first sentence's subject."""
        last = self._last(opener, lambda s: True)
        if last is not None:
            return last.speaker, last.chain
        # "23 Nov, 11:05 - A channel affiliated with Ansarullah, answering the Saudi
        # version:" and the post below: the header names the issuer (rule 17)
        headed = self.entry_speaker(opener)
        if headed is not None:
            return headed, ("block", "entry")
        return self._opener_subject(opener)

    def _opener_subject(self, opener: int) -> tuple[Speaker, tuple[str, ...]] | None:
        """The speaker an opener names as the subject of its first sentence (or as the
        whole of a verbless one: "EU foreign policy chief Josep Borrell, on X:"), when
        that speaker's name is written in the opener itself; "through its spokesman, X"
        is the spokesman's (rule 17)."""
        span = self.layout.paragraphs[opener]
        words = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or not len(words):
            return None
        first = words[0].sent  # the layout starts a sentence at every paragraph
        # "CLAIM. Amaq ... posted a claim:", "2. X:", "A1. The claim. The Islamic State
        # took responsibility ...:": section labels before the first sentence
        while _section_label(first) and first.end < words.end:
            first = self.doc[first.end].sent
        root = first.root
        heads = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if root.pos_ in ("NOUN", "PROPN"):
            heads = [root]
        elif root.i == first.start and root.like_num:  # "1. Prime Minister X [1]:", parsed
            heads = [c for c in root.children if c.pos_ in ("NOUN", "PROPN")]  # on the "1"
        through = [p for c in root.children if c.dep_ == "prep" and c.lower_ == "through"
                   for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        for head in [*through, *heads]:
            found = self.reader.speaker(head)
            # its name in the opener, or a noun for it ("The paramilitary answered on its
            # Telegram channel that night:")
            if found is not None and (span.start <= found[0].surface_start < span.end
                                      or found[1][0] == "anaphor"):  # fmt: skip
                return found[0], ("block", "opener subject", *found[1])
        # a statement noun that names its issuer further on ("Statement attributable to
        # the spokesperson for UN Secretary-General Antonio Guterres, 26 August [3]:"):
        # the one person the opener names
        persons = {
            m.name: m
            for m in self.mentions.items
            if m.type == "person" and m.kind != "adj" and span.start <= m.start < span.end
        }
        if root.lemma_.lower() in self.speech.speech_nouns and len(persons) == 1:
            return speaker_of(next(iter(persons.values()))), ("block", "opener person")
        return None

    # -- what the reader asks about the document -------------------------------------
    def entry_speaker(self, paragraph: int) -> Speaker | None:
        if paragraph not in self.entry_speakers:
            entry = self.layout.paragraphs[paragraph].entry
            self.entry_speakers[paragraph] = (
                self.reader.header_speaker(entry) if entry is not None else None
            )
        return self.entry_speakers[paragraph]

    def entry_person(self, paragraph: int) -> Speaker | None:
        """The person a digest entry's header names, for a pronoun or a role that refers
        to one: "[01.01, 18:20] Igor Girkin (Strelkov):" above "Ammunition sat there, he
        writes", "Dmitry Medvedev: The deputy chairman ... wrote": a header name that
        NER did not type, in a person's name's shape, is that person."""
        speaker = self.entry_speaker(paragraph)
        if speaker is not None and _untyped_name(speaker):
            speaker = self.entry_speakers[paragraph] = replace(speaker, type="person")
        return speaker if speaker is not None and speaker.type == "person" else None

    def _last(self, paragraph: int, fits: Any) -> Attribution | None:
        for found in reversed(self.found):
            act = self.acts[found.act]
            if act.paragraph == paragraph and fits(found.speaker):
                return found
        return None

    def _last_before(self, paragraph: int) -> Attribution | None:
        for found in reversed(self.found):
            if self.acts[found.act].paragraph < paragraph:
                return found
        return None

    def last_speaker(self, token: Any) -> Speaker | None:
        """The speaker of the last act before `token` in its paragraph, of any kind: the
        issuer "It read:" or "The statement read:" continues."""
        here = self._found_before(token)
        return here[-1].speaker if here else None

    def _found_before(self, token: Any) -> list[Attribution]:
        """The attributions of the acts before `token` in its paragraph, in order."""
        paragraph = self.layout.at(token.idx)
        return [f for f in self.found if self.acts[f.act].paragraph == paragraph.index
                and self.doc[self.acts[f.act].cue].i < token.i]  # fmt: skip

    def previous_speaker(self, token: Any, want_person: bool) -> tuple[Speaker, str] | None:
        """The speaker a pronoun or an anaphor continues: the last fitting speaker of
        its paragraph (or of the block it belongs to, or the entry header); at a
        paragraph's start, the previous paragraph's last speaker."""
        paragraph = self.layout.at(token.idx)

        def fits(speaker: Speaker) -> bool:
            return (speaker.type == "person") == want_person

        here = self._found_before(token)
        in_sentence = [f for f in here if self.doc[self.acts[f.act].cue].sent == token.sent]
        subject = self._sentence_subject(token) if want_person and not in_sentence else None
        if subject is not None:
            return subject, "sentence subject"
        if (
            not in_sentence
            and token.lower_ in ("it", "they", "he", "she")
            and not _quoted(self.doc.text, paragraph.start, token.idx)
        ):  # not "we" in a quotation: the speaker itself
            subject = self._previous_subject(token, here)
            if subject is not None and fits(subject):
                return subject, "previous sentence subject"
        for found in reversed(here):
            if fits(found.speaker):
                return found.speaker, "previous speaker"
        header = self.entry_person if want_person else self.entry_speaker
        entry = header(paragraph.index) if paragraph.entry else None
        if entry is not None and fits(entry):
            return entry, "entry"
        block = self.block_speaker(paragraph.index) if paragraph.kind == "block" else None
        if block is not None and fits(block[0]):
            return block[0], "block"
        named = self.named_in_paragraph(token, want_person)
        if named is not None:
            return named, "named before"
        if here:
            return None  # the paragraph has its own speakers, none of them fits
        before = self._last_before(paragraph.index)
        if before is not None and fits(before.speaker):
            return before.speaker, "previous paragraph"
        return None

    def _previous_subject(self, token: Any, here: list[Attribution]) -> Speaker | None:
        """ "The Iran-backed Kataib Hezbollah chose a different culprit. In a statement it
        argued ...": a named actor that is the main subject of the sentence just before
        the pronoun's, in its paragraph, when that sentence reports no speech, is whom the
        pronoun continues, before an earlier speaker."""
        start = token.sent.start
        if start == 0 or self.layout.at(self.doc[start - 1].idx) != self.layout.at(token.idx):
            return None
        previous = self.doc[start - 1].sent
        if any(self.doc[self.acts[f.act].cue].sent == previous for f in here):
            return None
        root = previous.root
        subjects = [w for w in root.children if w.dep_ == "nsubj"]
        if root.lemma_.lower() in self.speech.source_verbs:  # "The claim came from JNIM."
            subjects = source_phrases(root)
        for word in subjects:
            mention = self.mentions.at(word)
            if mention is not None and mention.kind not in ("adj", "capital"):
                return speaker_of(mention)
        return None

    def _sentence_subject(self, token: Any) -> Speaker | None:
        """ "Nasrallah was more specific in his speech: the Americans, he said, will pay":
        a person who is the subject of a clause before the pronoun in its own sentence is
        whom it continues, before any earlier speaker."""
        for word in token.sent:
            if word.i >= token.i:
                return None
            mention = self.mentions.at(word)
            if (mention is not None and mention.type == "person" and mention.kind != "adj"
                    and word.dep_ == "nsubj" and word.head.i < token.i
                    and not _quoted(self.doc.text, token.sent.start_char, word.idx)):  # fmt: skip
                return speaker_of(mention)
        return None

    def named_in_paragraph(self, token: Any, want_person: bool) -> Speaker | None:
        """The nearest actor of the kind named before `token` in its paragraph, a
        gazetteer actor before a name only NER found; places ("at Eilat") are skipped."""
        paragraph = self.layout.at(token.idx)
        reported = interrupted_clause(token)  # "Abu Taqwa, he said, had ...": not him
        found = []
        for mention in self.mentions.before(token.idx):
            if mention.start < paragraph.start:
                break
            if mention.kind in ("adj", "capital") or mention.type == "other":
                continue
            if _quoted(self.doc.text, paragraph.start, mention.start):
                continue  # a quotation's words are the speaker's, not the narrator's
            head = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            root = head.root if head is not None else None
            if root is not None and root.dep_ == "pobj" and root.head.lower_ in _PLACES:
                continue
            if root is not None and root.i in reported:
                continue
            if (mention.type == "person") == want_person:
                found.append(mention)
        found.sort(key=lambda m: not m.known)  # stable: nearest known first
        return speaker_of(found[0]) if found else None

    def speakers_so_far(self) -> list[Speaker]:
        return [found.speaker for found in self.found]


_QUOTES = frozenset('"\u201c\u201d')


# How a note's speech acts reach their speakers when the note's own voice speaks: "we",
# "the post", "Jordanian channels" (not a named subject: "Editor's note: Hamas denied ...")
_NOTE_VOICES = frozenset({"pronoun", "statement", "outlet"})


# A person's name as a header writes it: two to four capitalised words or particles
_PERSON_SHAPE = re.compile(
    r"[A-Z][\w'\u2019.\-]*(?:[ \t]+(?:[A-Z][\w'\u2019.\-]*|al-\w+|bin)){1,3}"
)


def _untyped_name(speaker: Speaker) -> bool:
    """A header's name neither the gazetteer nor NER typed (`_kind_of`'s default) that has
    the shape of a person's name ("Igor Girkin", not "Screenshot of an X post by ...")."""
    return (
        not speaker.known
        and speaker.type == "organization"
        and _PERSON_SHAPE.fullmatch(speaker.name) is not None
    )


def _section_label(sentence: Any) -> bool:
    """ "CLAIM.", "2.", "A1.", "The claim.", "Baghdad.": a label before a section's text,
    a sentence of at most three words and no verb."""
    label = sentence.text.strip().rstrip(".:)")
    words = [t for t in sentence if not t.is_punct]
    verbless = len(words) <= 3 and not any(t.pos_ in ("VERB", "AUX") for t in words)
    return capital_label(label) or label.isdigit() or verbless


def _quoted(text: str, start: int, at: int) -> bool:
    """Whether offset `at` lies inside a double quotation opened after `start`."""
    return sum(text[i] in _QUOTES for i in range(start, at)) % 2 == 1


def _register() -> None:
    from spacy.language import Language

    if "kg_attribution" in Language.factories:
        return

    @Language.factory(
        "kg_attribution",
        requires=["doc._.kg_acts", "doc._.kg_mentions", "doc._.kg_layout", "token.dep"],
        assigns=["doc._.kg_rule_attributions"],
    )
    def make_attributor(nlp: Any, name: str) -> Attributor:
        from kg.extract.places import load_places
        from kg.extract.wordlists import load_speech
        from kg.gazetteer import load_gazetteer

        places = load_places()
        return Attributor(load_gazetteer(), load_speech(), places.governments,
                          places.dateline_cities, places.ministry_adjectives)  # fmt: skip


_register()


def _set_against_between(cue: Any, outer: Any) -> bool:
    """Whether a clause between `cue` and the act above it is set against that act
    ("..., while the ministry condemned ...", "whereas"): the narrator's contrast, not
    the outer speaker's words."""
    return any(set_against(token) for token in path_up(cue, outer))
