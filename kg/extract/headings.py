"""Digest headers and list headings: who speaks in "12 January, 04:10 - NAME (note): ...",
"4) NAME. ..." and "NAME, spokesman for X: ...", and the date they lend their paragraph.

A mixin of `kg.extract.attribution.Attributor`: it needs the host's `doc`, `ctx`
(`DocContext`), `lexicon` and `res` (`Resolver`); `_headers()` fills `res.headers` and the
`_header_end`, `_header_date`, `_header_note` maps per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kg.extract.actors import Mention
from kg.extract.coref import DocContext, Resolver, SpeechAct
from kg.extract.lexicon import Lexicon
from kg.extract.parse import DIGEST_HEADER, LINE_PREFIX

_HEADER = DIGEST_HEADER


class Headings:
    doc: Any
    ctx: DocContext
    lexicon: Lexicon
    res: Resolver
    _header_end: dict[int, int]
    _header_date: dict[int, str]
    _header_note: dict[int, str]

    def _header_act(self, header: Mention, sent: Any, para: int) -> SpeechAct:
        content = {t.i for t in sent if t.idx >= self._header_end.get(para, 0)}
        return SpeechAct(header, header.text, header.start, sent.root.i, (sent.start, sent.end),
                         content, para, "header", header.affiliation,
                         self._header_date.get(para), self._header_note.get(para))  # fmt: skip

    def _list_item(self, number: int, start: int, text: str) -> None:
        """ "• 19 Feb — ..." lends its date to the item; "4) Barham Salih. ..." makes the
        heading's name the item's speaker."""
        match = LINE_PREFIX.match(text[start : start + 200])
        if match is None or match.end() == 0:
            return
        if match.group("date"):
            self._header_date[number] = match.group("date")
            self._header_end[number] = start + match.end()
        if match.group("name"):
            name_start = start + match.start("name")
            self.res.headers[number] = _heading_speaker(self, name_start, match.group("name"))
            self._header_end[number] = start + match.end()

    def _role_heading(self, start: int, heading: str) -> Mention | None:
        """ "Yehia Rasool, spokesman for the Iraqi commander-in-chief": a person named
        before a role phrase; the role's body (or its country's government) is the
        affiliation."""
        name, comma, role = heading.partition(",")
        words = re.findall(r"[\w\-]+", role.lower())
        while words and words[0] in ("a", "an", "the", "its", "his", "her", "deputy", "senior"):
            words = words[1:]
        roles = self.lexicon.words["role_nouns"]
        if not comma or not words or words[0] not in roles or len(name.split()) < 2:
            return None
        name = name.strip()
        role_start = start + len(name) + 1
        affiliation = None
        for mention in self.res.mentions:
            if mention.start < role_start or mention.end > start + len(heading):
                continue
            if mention.kind != "adj":
                affiliation = mention.name
                break
            if mention.type == "state" and affiliation is None:
                affiliation = self.lexicon.governments.get(mention.name, mention.name)
        return Mention(start, start + len(name), name, name, "person", "header", affiliation,
                       known=False)  # fmt: skip

    def _headers(self) -> None:
        self._header_end: dict[int, int] = {}
        self._header_date: dict[int, str] = {}
        self._header_note: dict[int, str] = {}
        text = self.doc.text
        for number, start in enumerate(self.ctx.paragraph_starts):
            match = _HEADER.match(text[start : start + 200])
            if match is None:
                self._list_item(number, start, text)
                continue
            name_start, name_end = (start + i for i in match.span("name"))
            inside = [m for m in self.res.mentions if m.start >= name_start and m.end <= name_end
                      and m.kind != "adj"]  # fmt: skip
            if inside:
                speaker = inside[0]
                if re.search(r"\b(News|TV|Channel|Media)\b", speaker.text) and not speaker.known:
                    speaker = replace(speaker, type="media")
            else:
                name = match.group("name").strip()
                speaker = self._role_heading(name_start, name) or Mention(
                    name_start, name_start + len(name), name, name,
                    "media" if re.search(r"\b(News|TV|Channel|Media)\b", name) else "organization",
                    "header", known=False,
                )  # fmt: skip
            self.res.headers[number] = speaker
            self._header_end[number] = start + match.end()
            self._header_date[number] = match.group("date")
            if match.group("note"):
                self._header_note[number] = match.group("note")


def _heading_speaker(attributor: Headings, name_start: int, name: str) -> Mention:
    inside = [m for m in attributor.res.mentions if m.start >= name_start
              and m.end <= name_start + len(name) and m.kind != "adj"]  # fmt: skip
    if inside:
        return inside[0]
    words = {w.lower() for w in re.split(r"[\s\-]", name)}
    kind = "militia" if words & attributor.lexicon.words["militia_name_words"] else "person"
    return Mention(name_start, name_start + len(name), name, name, kind, "header", known=False)
