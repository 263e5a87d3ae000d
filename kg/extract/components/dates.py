"""`kg_dates`: when each speech act was made, if the text says (rule 12).

Requires: the parse, `doc._.kg_layout`, `doc._.kg_acts`, `doc._.kg_source`. Assigns:
`doc._.kg_dates`, one ISO date, `XXXX-MM-DD` or None per act.

A statement's date is, in order: the date of its digest entry ("17 October, 21:40 - X:");
a date attached to its reporting verb or to its statement noun ("said on 25 December", "a
statement ... on 29 December", "On January 3, 2020, the channel of X posted"), or to the
occasion it reports from ("in a speech on 16 March, saying", "X, speaking on 8 December,
said", "visited the site on 1 April and condemned", "asked by reporters on 24 March,
said"); an anchored relative day ("yesterday" under a dated dateline, "the same day",
"that night", "within hours", "the following evening", "three days later", counted from
the last full date before it); the date its footnote gives, or the entry of a "Sources"
list that names its subject; for "It read: ...", the date the sentence before issued it
on; a quoted block's or a quotation's statement date is its opener's. A date without a
year takes the year of the document's publication date, else of the last full date the
text gave before it, else `XXXX`, and is never after the publication day (then it takes
the year before). A date inside what was said ("warned that on 1 May ...") is not the
statement's, and "on Sunday" alone is never resolved.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from kg.extract.dates import find_dates, resolve, yesterday
from kg.extract.doc import OCCASION_NOUNS, SpeechAct, occasions_before

_SPEECH_NOUNS = {
    "statement",
    "statements",
    "post",
    "speech",
    "communique",
    "message",
    "video",
    "tweet",
    "interview",
    "address",
    "remarks",
    "announcement",
    "letter",
}
# Participles of a question put to the speaker: its date is the answer's
_ASKED = {"ask", "question", "interview", "press", "reach", "contact", "quiz"}
_STOP = {"ccomp", "relcl", "advcl", "conj", "xcomp", "pcomp", "nsubj", "nsubjpass", "dobj",
         "parataxis"}  # fmt: skip
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "a": 1, "an": 1}  # fmt: skip
_RELATIVE = re.compile(
    r"\b(?:(?P<same>(?:the same|that same|that|later that) (?:day|morning|afternoon|evening|night)|"
    r"within (?:hours|the hour|minutes)|(?:hours|minutes) later)|"
    r"(?P<n>\d+|one|two|three|four|five|"
    r"six|seven|a|an) (?P<unit>days?|weeks?) (?P<dir>later|after|earlier|before)|"
    r"(?P<next>(?:the next|the following) (?:day|morning|afternoon|evening|night)|a day later))"
    r"\b",
    re.IGNORECASE,
)


def dates(doc: Any) -> Any:
    """The component: assign `doc._.kg_dates`."""
    source = doc._.kg_source
    published = source.published if source is not None else None
    reader = _Dates(doc, published)
    doc._.kg_dates = tuple(_not_after(reader.date(act), published) for act in doc._.kg_acts)
    return doc


def _not_after(iso: str | None, published: str | None) -> str | None:
    """A statement is not made after its report: a day and month the publication year
    put later than the publication day ("On 1 August" in a piece of 14 February 2025)
    fall in the year before."""
    if not iso or not published or not re.match(r"^\d{4}-\d{2}-\d{2}", published):
        return iso
    if iso[:4] != published[:4] or iso <= published[:10]:
        return iso
    try:
        return _dt.date.fromisoformat(iso).replace(year=int(iso[:4]) - 1).isoformat()
    except ValueError:  # 29 February
        return iso


class _Dates:
    def __init__(self, doc: Any, published: str | None) -> None:
        self.doc, self.published = doc, published
        self.layout = doc._.kg_layout
        self.full = [(start, iso) for start, iso in _full_dates(doc.text)]
        self.by_paragraph: dict[int, str | None] = {}
        self._day_headings: list[str | None] | None = None
        self.head_date = self._head_date()
        self.dateline = self._dateline()

    def _head_date(self) -> str | None:
        """The one day a digest's head gives ("Translated posts, April 14, 2024"): the
        date of its entries that give only a time ("02:10 - X:")."""
        hits = find_dates(self.doc.text[: self.layout.head_end])
        if len(hits) != 1 or re.search(
            r"\d\s*[-\u2013]\s*\d", self.doc.text[: self.layout.head_end]
        ):
            return None  # none, several, or a range ("17-18 October")
        _, _, month, day, year = hits[0]
        return resolve(month, day, year, self.published)

    def _dateline(self) -> tuple[int, int, int | None] | None:
        """The dateline's day, even without a year ("ADEN, Aug 29 (Wire) -")."""
        from kg.extract.components.layout import DATELINE

        text = self.doc.text  # built anew on every access
        for paragraph in self.layout.paragraphs[:4]:
            match = DATELINE.match(text, paragraph.start, paragraph.end)
            hits = find_dates(match.group(0)) if match else []
            if hits:
                _, _, month, day, year = hits[0]
                return month, day, year
        return None

    def year_at(self, char: int) -> str | None:
        """The year to give a day-and-month date at `char`."""
        if self.published and re.match(r"^\d{4}-", self.published):
            return self.published
        earlier = [iso for start, iso in self.full if start < char]
        if earlier:
            return earlier[-1]
        # a digest's head with a year but no full day ("reactions, 27-29 September 2024")
        year = re.search(r"\b(?:19|20)\d{2}\b", self.doc.text[: self.layout.head_end])
        return f"{year.group(0)}-01-01" if year else None

    def date(self, act: SpeechAct) -> str | None:
        paragraph = self.layout.paragraphs[act.paragraph]
        if paragraph.entry is not None and paragraph.entry.date:
            hits = find_dates(paragraph.entry.date)
            # "Sat 28/11", "13.03.2022": day before month
            numeric = _NUMERIC_DAY_LAST.search(paragraph.entry.date)
            if hits:
                _, _, month, day, year = hits[0]
                return resolve(month, day, year, self.year_at(paragraph.start))
            if numeric:
                return self._numeric_day(numeric, paragraph.start)
        day = self._day_heading(act.paragraph) if paragraph.entry is not None else None
        if day is not None and paragraph.kind != "block":
            return day
        if paragraph.entry is not None and paragraph.kind != "block" and self.head_date:
            # the entry's own date or its footnote's before the head's: a digest's head
            # gives the day it was compiled ("Issue 212 | 16 December 2022"), not the day
            # of each statement ("appealed for calm on 17 January", "[3] ..., 16 July")
            return self._own_date(act) or self.head_date
        if act.kind in ("block", "quote") or paragraph.kind == "block":
            opener = paragraph.opener if paragraph.opener is not None else act.paragraph
            found = self.by_paragraph.get(opener)
            if found is None and paragraph.kind == "block" and paragraph.opener is not None:
                found = self._opener_date(paragraph.opener) or self._block_note(paragraph)
            return found
        found = self._own_date(act) or self._issued_before(act) or self._occasion_before(act)
        if found is not None:
            self.by_paragraph[act.paragraph] = found
        return found

    def _own_date(self, act: SpeechAct) -> str | None:
        """The date the act's own sentence gives: attached to it, relative to an anchor, or
        in a footnote or a listed source it points to."""
        return self._attached(act) or self._relative(act) or self._footnote(act)

    def _day_heading(self, index: int) -> str | None:
        """The day a roundup's line of its own gives to the entries below it that give only
        a time ("31 October", "05.11.2023", then "20:31 - Israeli army: ...")."""
        if self._day_headings is None:  # one pass for the document, not one per act
            self._day_headings = self._day_headings_below()
        return self._day_headings[index]

    def _day_headings_below(self) -> list[str | None]:
        """For each paragraph, the day the last day line above it in the body gives."""
        out: list[str | None] = []
        current: str | None = None
        for paragraph in self.layout.paragraphs:
            if paragraph.start < self.layout.head_end:
                out.append(None)  # the head dates nothing below it this way
                continue
            out.append(current)
            is_day_line, day = self._day_line(paragraph)
            if is_day_line:
                current = day
        return out

    def _day_line(self, paragraph: Any) -> tuple[bool, str | None]:
        """Whether the paragraph is a day line of its own, and the day it gives."""
        text = self.doc.text[paragraph.start : paragraph.end].strip()
        numeric = _NUMERIC_DAY.fullmatch(text)
        if numeric:
            return True, self._numeric_day(numeric, paragraph.start)
        hits = find_dates(text) if len(text) <= 30 else []
        if len(hits) == 1 and _DAY_LINE.fullmatch(text):
            _, _, month, day, year = hits[0]
            return True, resolve(month, day, year, self.year_at(paragraph.start))
        return False, None

    def _numeric_day(self, match: re.Match[str], at: int) -> str | None:
        """A day written day first ("28/11", "05.11.2023"), in the year of offset `at`
        when it gives none."""
        year = int(match.group(3)) if match.group(3) else None
        return resolve(int(match.group(2)), int(match.group(1)), year, self.year_at(at))

    def _attached(self, act: SpeechAct) -> str | None:
        doc = self.doc
        verb = doc[act.cue]
        sent = doc[act.sentence[0] : act.sentence[1]]
        occasions = _occasions(verb)
        found = self._first_date(sent, lambda root: _dates_act(root, verb, occasions))
        if found is not None:
            return found
        opening = self._opening_date(sent, act)
        if opening is not None:
            return opening
        return self._first_day(sent, lambda token: _dates_act(token, verb, occasions))

    def _opener_date(self, index: int) -> str | None:
        """ "Jordan's foreign ministry, 10 August:", "JNIM claim, issued 25 August [1]:",
        "Israel Defense Forces, statement the same morning:": the day a quoted block's
        opener gives, the opener being the block's heading, not what was said."""
        opener = self.layout.paragraphs[index]
        span = self.doc.char_span(opener.start, opener.end, alignment_mode="contract")
        if span is None or not len(span):
            return None
        # its last sentence: a narrative before it dates other things ("stopped the
        # train on 11 March. ... its spokesman posted:")
        start = max(opener.start, span[-1].sent.start_char)
        text = self.doc.text[start : opener.end]
        # its own words, or a footnote it points to ("Prime Minister X [1]:" over "[1] Post
        # on X, 13 October 2023.")
        found = self._first_date_in([text, *self.layout.notes_in(text)], start)
        if found is not None:
            return found
        match = _RELATIVE.search(text)
        if match is None or not match.group("same"):
            return None
        anchor = self._anchor(start + match.start())
        return anchor.isoformat() if anchor is not None else None

    def _block_note(self, block: Any) -> str | None:
        """'> "... every drop of blood." [5]' over "[5] Hamas Telegram channel, 21 Jan
        2025": the footnote a quoted block ends with dates it."""
        notes = self.layout.notes_in(self.doc.text[block.start : block.end])
        return self._first_date_in(notes, block.start)

    def _first_date_in(self, texts: list[str], at: int) -> str | None:
        """The first full date the first dated text gives, its year resolved at `at`."""
        for text in texts:
            hits = find_dates(text) if text else []
            if hits:
                _, _, month, day, year = hits[0]
                return resolve(month, day, year, self.year_at(at))
        return None

    def _issued_before(self, act: SpeechAct) -> str | None:
        """ "CENTCOM made the interdiction public on January 16, 2024, in a post on X. It
        read in part: ...": the statement "it" reads is the one the sentence before issued
        on its date."""
        doc = self.doc
        cue = doc[act.cue]
        subject = doc[act.subject] if act.subject is not None else None
        if cue.lemma_.lower() != "read" or subject is None or subject.lower_ != "it":
            return None
        start = act.sentence[0]
        if subject.i == start:  # the sentence before, in the same paragraph
            if start == 0 or self.layout.at(doc[start - 1].idx).index != act.paragraph:
                return None
            start = doc[start - 1].sent.start
        region = doc[start : subject.i]  # (the parser may have joined the two sentences)
        issuers = [t for t in region if t.pos_ == "VERB" and any(
            c.dep_ == "nsubj" for c in t.children)]  # fmt: skip
        return self._first_date(region, lambda root: any(_attached(root, v) for v in issuers))

    def _occasion_before(self, act: SpeechAct) -> str | None:
        """ "When X spoke in a televised address on 30 August, ... He gave his followers an
        hour ... and said": the date of the occasion the sentences before name."""
        for sentence in occasions_before(self.doc, act):
            nouns = [t for t in sentence if t.lower_ in OCCASION_NOUNS]
            heads = nouns + [n.head.head if n.head.dep_ == "prep" else n.head for n in nouns]
            dates_it = partial(_attached_to_any, heads=heads)
            # "on 30 August", or "went on television last night"
            found = self._first_date(sentence, dates_it) or self._first_day(sentence, dates_it)
            if found is not None:
                return found
        return None

    def _first_day(self, span: Any, dates_it: Callable[[Any], bool]) -> str | None:
        """The day of the first "yesterday", "today" or "last night" in `span` that
        `dates_it` accepts."""
        for token in span:
            word = _day_word(token)
            if word is not None and dates_it(token):
                return self._relative_day(word)
        return None

    def _first_date(self, span: Any, dates_it: Callable[[Any], bool]) -> str | None:
        """The first date written in `span` whose syntactic head passes `dates_it`."""
        for begin, end, month, day, year in find_dates(span.text):
            hit = self.doc.char_span(span.start_char + begin, span.start_char + end,
                                     alignment_mode="expand")  # fmt: skip
            if hit is not None and dates_it(hit.root):
                return resolve(month, day, year, self.year_at(span.start_char + begin))
        return None

    def _opening_date(self, sent: Any, act: SpeechAct) -> str | None:
        """ "On January 3, 2020, the Telegram channel of X posted ...": a date that opens
        the sentence, before the speaker, dates the sentence's statement."""
        text = sent.text
        match = re.match(r"\s*(?:On|Late on|Early on|Late|Early)?\s*", text)
        hits = find_dates(text[:40])
        if not hits or hits[0][0] > (match.end() if match else 0) + 1:
            return None
        start, end, month, day, year = hits[0]
        subject = act.subject if act.subject is not None else act.cue
        if sent.start_char + end > self.doc[subject].idx:
            return None
        return resolve(month, day, year, self.year_at(sent.start_char + start))

    def _relative_day(self, word: str) -> str | None:
        """ "yesterday" under a dated dateline or publication date (rule 12)."""
        if self.published and re.match(r"^\d{4}-\d{2}-\d{2}", self.published):
            anchor: str | None = self.published[:10]
        elif self.dateline is not None:
            anchor = resolve(*self.dateline, None)  # XXXX-MM-DD without a year
        else:
            return None
        return yesterday(anchor) if word == "yesterday" else anchor

    def _relative(self, act: SpeechAct) -> str | None:
        """ "On the same day", "three days later": from the last full date before it."""
        doc = self.doc
        sent = doc[act.sentence[0] : act.sentence[1]]
        match = _RELATIVE.search(sent.text)
        if match is None:
            return None
        span = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(),
                             alignment_mode="expand")  # fmt: skip
        verb = doc[act.cue]
        occasions = _occasions(verb)
        if span is None or not any(_dates_act(t, verb, occasions) for t in span):
            return None
        anchor = self._anchor(sent.start_char + match.start())
        if anchor is None:
            return None
        if match.group("same"):
            return anchor.isoformat()
        if match.group("next"):
            return (anchor + _dt.timedelta(days=1)).isoformat()
        count = int(match.group("n")) if match.group("n").isdigit() else _NUMBERS[
            match.group("n").lower()]  # fmt: skip
        days = count * (7 if match.group("unit").lower().startswith("week") else 1)
        sign = 1 if match.group("dir").lower() in ("later", "after") else -1
        return (anchor + _dt.timedelta(days=sign * days)).isoformat()

    def _anchor(self, char: int) -> _dt.date | None:
        text = self.doc.text
        hits = [h for h in find_dates(text[:char]) if h[1] <= char]
        if not hits:
            return None
        start, _, month, day, year = hits[-1]
        iso = resolve(month, day, year, self.year_at(start))
        try:
            return _dt.date.fromisoformat(iso) if iso and not iso.startswith("XXXX") else None
        except ValueError:
            return None

    def _footnote(self, act: SpeechAct) -> str | None:
        sent = self.doc[act.sentence[0] : act.sentence[1]]
        notes = [*self.layout.notes_in(sent.text), *self._listed_sources(act)]
        return self._first_date_in(notes, sent.start_char)

    def _listed_sources(self, act: SpeechAct) -> list[str]:
        """The entries of the document's "Sources" list that name the act's subject ("Hamas
        Telegram channel, 19 November 2023" for "Hamas, in a statement, blessed ...")."""
        if act.subject is None or not self.layout.sources:
            return []
        subject = self.doc[act.subject]
        names = {t.lower_ for t in subject.subtree if t.pos_ == "PROPN"}
        if not names:
            return []
        return [entry for entry in self.layout.sources
                if names <= set(re.findall(r"[\w'-]+", entry.split(",")[0].lower()))]  # fmt: skip


# A roundup's day heading on a line of its own: "05.11.2023", "31 October", "Monday, 6
# November 2023", "November 6"
_NUMERIC_DAY = re.compile(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?")
_NUMERIC_DAY_LAST = re.compile(_NUMERIC_DAY.pattern + "$")  # an entry's "Sat 28/11"
_DAY_LINE = re.compile(
    r"(?:[A-Z][a-z]+,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2})"
    r"(?:,?\s+\d{4})?"
)


def _full_dates(text: str) -> list[tuple[int, str]]:
    out = []
    for start, _, month, day, year in find_dates(text):
        if year is not None:
            iso = resolve(month, day, year, None)
            if iso:
                out.append((start, iso))
    return out


def _day_word(token: Any) -> str | None:
    """ "yesterday", "today", and "last night" (yesterday's)."""
    if token.lower_ in ("yesterday", "today"):
        return token.lower_
    if token.lower_ == "night" and any(c.lower_ == "last" for c in token.children):
        return "yesterday"
    return None


def _occasions(verb: Any) -> list[tuple[Any, bool]]:
    """The verbs whose date, given before the reporting verb, is the statement's too, and
    whether only a date of a speech noun under them counts: "visited the site on 1 April
    and condemned the attack" (the verb it is coordinated with), "went further in a speech
    on 16 March, saying" (the speech of the verb a participle reports for; not "launched
    missiles on 13 April, saying": the launch), "Hakan Fidan, speaking in Doha on 8
    December, saluted", "Addressing parliament on April 12, Zarif said" (the speaker's
    own participle)."""
    out = []
    asked = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i] + [
        c for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")
        for c in s.children if c.dep_ == "acl"]  # fmt: skip
    # "Asked about the town on 1 March, the minister said", "Biden, asked by reporters
    # on March 24, said": the question he answered was put that day
    out += [(c, False) for c in asked if c.tag_ == "VBN" and c.lemma_.lower() in _ASKED]
    if verb.dep_ == "conj" and verb.head.i < verb.i:
        out.append((verb.head, False))
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.i < verb.i:
        # "That evening X went further, calling ...": going further is speaking
        head = verb.head
        further = head.lemma_ == "go" and any(c.lower_ == "further" for c in head.children)
        out.append((head, not further))
    # "That evening X went on state television to accuse ...": the verb the act was the
    # purpose of
    if (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VB" and verb.head.i < verb.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):  # fmt: skip
        out.append((verb.head, False))
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        out += [(c, False) for c in subject.children if c.dep_ == "acl" and c.tag_ == "VBG"]
    # "Addressing parliament on April 12, Zarif said", "Kadhimi, meeting his security
    # chiefs on January 21, promised": the speaker's own participle before the verb
    out += [(c, False) for c in verb.children
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < verb.i]  # fmt: skip
    return out


def _dates_act(token: Any, verb: Any, occasions: list[tuple[Any, bool]]) -> bool:
    """Whether a date or a day word dates the act of `verb`: it hangs on the verb, or,
    before it, on one of its occasions ("Speaking in a televised address today, X warned", "rejected
    that account the same day, saying" only through a speech noun: see `_occasions`)."""
    return _attached(token, verb) or any(
        token.i < verb.i and _attached(token, other) and (not spoken or _in_speech_noun(
            token, other))
        for other, spoken in occasions
    )  # fmt: skip


def _in_speech_noun(token: Any, verb: Any) -> bool:
    """Whether `token` dates a speech: it hangs on a speech noun below `verb`, or `verb`
    itself happened in one ("went further in a televised speech on 16 March")."""
    if any(a.lower_ in _SPEECH_NOUNS for a in token.ancestors
           if a.i != verb.i and verb in a.ancestors):  # fmt: skip
        return True
    return any(p.lower_ in _SPEECH_NOUNS for c in verb.children if c.dep_ == "prep"
               for p in c.children if p.dep_ == "pobj")  # fmt: skip


def _attached_to_any(token: Any, heads: list[Any]) -> bool:
    return any(_attached(token, head) for head in heads)


def _attached(token: Any, verb: Any) -> bool:
    """The date modifies the reporting verb (or its statement noun), not what was said."""
    current = token
    for _ in range(30):
        if current.i == verb.i:
            return True
        speech = current.lower_ in _SPEECH_NOUNS  # "a statement ... on 29 December"
        if current.dep_ in _STOP and current.head.i != current.i and not speech:
            return False
        if current.head.i == current.i:
            break
        current = current.head
    return False


def _register() -> None:
    from spacy.language import Language

    if "kg_dates" not in Language.factories:
        Language.component(
            "kg_dates",
            requires=["doc._.kg_acts", "doc._.kg_layout", "token.dep"],
            assigns=["doc._.kg_dates"],
            func=dates,
        )


_register()
