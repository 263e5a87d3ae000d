"""Coreference inside a document: which actor a pronoun, an anaphor or a token names.

Contract: `Resolver(doc, mentions, lexicon, ctx)` maps tokens to tagged mentions
(`mention_at`) and resolves "he", "it", "the group", "the Lebanese group", "the Guards",
"the post", "the government" to an earlier actor (`anaphor`): the speaker of an earlier
act in the paragraph, the paragraph's digest header, the nearest fitting actor in the
paragraph, else the fitting actor the text names most. It also keeps the speech acts found
so far (`add_act`), which anaphors prefer. Also here: the plain data shared by the
extraction stages (`SpeechAct`, `DocContext`, `paragraph_starts`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from kg.extract.actors import Mention
from kg.extract.lexicon import Lexicon

_WINDOW = 300  # mentions looked back at for an anaphor
_BODY_NOUNS = {"ministry"}  # parts of a state that resolve only to an earlier mention of one
_PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "thing", "him": "person"}


@dataclass
class SpeechAct:
    speaker: Mention
    surface: str
    surface_start: int
    verb: int  # token index of the reporting predicate
    sentence: tuple[int, int]  # token range of the sentence
    content: set[int]  # token indices of what was said
    paragraph: int
    how: str  # subject | anaphor | header | statement_by | passive | role
    affiliation: str | None = None
    header_date: str | None = None
    header_note: str | None = None
    extra_sentences: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class DocContext:
    """What the document as a whole says: paragraphs and the dateline's country."""

    paragraph_starts: list[int]
    country: str | None = None  # canonical country of the dateline, if any
    government: str | None = None

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, char) - 1)


def paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"\n\s*\n", text):
        starts.append(match.end())
    return starts


class Resolver:
    """Maps tokens and anaphors to mentions for one document."""

    def __init__(self, doc: Any, mentions: list[Mention], lexicon: Lexicon, ctx: DocContext):
        self.doc, self.lexicon, self.ctx = doc, lexicon, ctx
        self.mentions = mentions
        self.mention_paragraphs = [ctx.paragraph_of(m.start) for m in mentions]
        self.mention_ends = [m.end for m in mentions]
        self._words: dict[int, list[str]] = {}
        self.acts_by_paragraph: dict[int, list[SpeechAct]] = {}
        self.act_verbs: set[int] = set()
        self.spoken: set[tuple[int, str]] = set()
        self.by_token: dict[int, Mention] = {}
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    self.by_token.setdefault(token.i, mention)
        self.acts: list[SpeechAct] = []
        self.headers: dict[int, Mention] = {}

    def mention_at(self, token: Any) -> Mention | None:
        return self.by_token.get(token.i)

    def add_act(self, act: SpeechAct) -> None:
        self.acts.append(act)
        self.acts_by_paragraph.setdefault(act.paragraph, []).append(act)
        self.act_verbs.add(act.verb)
        self.spoken.add((act.paragraph, act.speaker.name))

    def _prior(self, char: int, same_paragraph: bool) -> list[Mention]:
        """Earlier mentions, nearest first (at most _WINDOW of them, so long texts stay
        linear); the gazetteer's before NER's guesses."""
        para = self.ctx.paragraph_of(char)
        last = bisect_right(self.mention_ends, char)
        out = []
        for index in range(last - 1, max(-1, last - 1 - _WINDOW), -1):
            if same_paragraph and self.mention_paragraphs[index] != para:
                break
            mention = self.mentions[index]
            if mention.end <= char and mention.kind != "adj":
                out.append(mention)
        return [m for m in out if m.known] + [m for m in out if not m.known]

    def words_of(self, mention: Mention) -> list[str]:
        words = self._words.get(mention.start)
        if words is None:
            words = [w.lower().rstrip("s") for w in re.split(r"[\s\-]", mention.text)]
            self._words[mention.start] = words
        return words

    def anaphor(self, token: Any) -> Mention | None:
        word = token.lower_
        para = self.ctx.paragraph_of(token.idx)
        acts_here = self.acts_by_paragraph.get(para, [])[::-1]
        header = self.headers.get(para)
        if word in _PRONOUNS:
            want_person = _PRONOUNS[word] == "person"
            for act in acts_here:
                if (act.speaker.type == "person") == want_person:
                    return act.speaker
            if header is not None and (header.type == "person") == want_person:
                return header
            for mention in self._prior(token.idx, True):
                if (mention.type == "person") == want_person and mention.type != "other":
                    return mention
            if want_person and self.acts and self.acts[-1].speaker.type == "person":
                return self.acts[-1].speaker
            last = self.acts[-1] if self.acts else None
            if (
                not want_person
                and last is not None
                and last.speaker.type != "person"
                and (last.paragraph == para - 1)
            ):  # "They said ..." opening the paragraph after the group's statement
                return last.speaker
            return None
        noun = token.lemma_.lower() if token.lemma_ else word
        kind = self.lexicon.anaphor_nouns.get(word) or self.lexicon.anaphor_nouns.get(noun)
        if kind is None:
            return None
        if kind == "statement":
            if acts_here:
                return acts_here[0].speaker
            return header
        stem = word.rstrip("s")
        # "the Guards", "the Brigades", "the regime": a distinctive head names its actor
        # anywhere earlier in the text; generic heads ("the group") look nearby first.
        distinctive = token.text[:1].isupper() or stem in ("regime", "entity")
        if stem == "kingdom":
            return self._monarchy(token)
        if header is not None and _fits(header, kind):
            return header  # a digest entry's "the group" is the entry's speaker
        for same_paragraph in (True, False) if not distinctive else (False,):
            for mention in self._prior(token.idx, same_paragraph):
                if mention.type != "person" and stem in self.words_of(mention):
                    return mention
        if stem in _BODY_NOUNS:
            return None  # "the foreign ministry" is a ministry named before, never a country
        for same_paragraph in (True, False):
            if header is not None and same_paragraph and _fits(header, kind):
                return header
            fitting = [
                m
                for m in self._prior(token.idx, same_paragraph)
                if _fits(m, kind) and not (kind == "state" and stem == "government")
            ]
            if fitting and same_paragraph:
                return fitting[0]
            if fitting:  # across paragraphs: the actor the text has named most
                counts = {m.name: sum(1 for f in fitting if f.name == m.name) for m in fitting}
                return max(fitting, key=lambda m: (counts[m.name], -fitting.index(m)))
        if stem == "government" and self.ctx.government:
            return Mention(token.idx, token.idx + len(token.text), token.text,
                           self.ctx.government, "state", "anaphor", known=False)  # fmt: skip
        return None

    def _monarchy(self, token: Any) -> Mention | None:
        """ "the kingdom" names a monarchy the text mentioned (an adjective counts: "the
        Saudi aggression ... the kingdom's oil"): the nearest in the paragraph, else the
        one named most; never a republic that happens to be nearer."""
        para = self.ctx.paragraph_of(token.idx)
        last = bisect_right(self.mention_ends, token.idx)
        monarchies = self.lexicon.monarchies
        earlier = [
            (self.mention_paragraphs[i] == para, self.mentions[i])
            for i in range(max(0, last - _WINDOW), last)
            if self.mentions[i].end <= token.idx and self.mentions[i].name in monarchies
        ]
        here = [m for same, m in earlier if same]
        if here:
            return here[-1]
        if not earlier:
            return None
        names = [m.name for _, m in earlier]
        best = max(names, key=lambda name: (names.count(name), -names[::-1].index(name)))
        return next(m for _, m in reversed(earlier) if m.name == best)


def _fits(mention: Mention, kind: str) -> bool:
    if kind == "militia":
        return mention.type == "militia" or (mention.type == "organization" and mention.known)
    if kind == "media":
        return mention.type == "media"
    if kind == "state":
        return mention.type == "state"
    return False
