"""`kg_layout`: how the document is laid out, before it is parsed.

Requires: tokens. Assigns: `doc._.kg_layout` (a `Layout`) and sentence starts (at every
paragraph, after a dateline, after a digest entry's header, at every line of the head), so
the parser never joins a headline or a header to the text below it.

Paragraph kinds:
* `head`: the headline, date and byline lines before the first paragraph of prose;
* `heading`: a short line inside the body with no final full stop (a section title, a
  "READ MORE" line); it summarises, it is never a statement;
* `entry`: a digest entry, "17 October, 21:40 - NAME (note): text", "02:10 - NAME: text",
  "NAME (22 June, on X): text": NAME speaks the text unless a sentence names its own speaker;
  a dated item without a name ("• 19 Feb — text", "[05/02] text", "[Al-Manar, 05/01] text")
  only dates it;
* `block`: a quoted paragraph after a paragraph that ends with a colon ("Full
  statement:", "The statement read:"): it belongs to whoever issued it (`opener`);
* `footnotes`: "[1] Reuters. [2] Telegram." lines, and a "Sources" list ("Sources:
  Hamas on X, 2 May 2024; ..."; `Layout.sources`); `Layout.footnotes` maps each number to
  its text (a footnote can name a statement's medium and date, rules 12 and 15);
* `body`: everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from kg.extract.dateline import MONTHS
from kg.extract.doc import Entry, Layout, Paragraph

_MONTHS = "(?:" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH = rf"(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}})"
# A digest line's date: "17 October", "Friday 18 Oct", "Sat 28/11", "23.06, 21:40",
# "27.06.2022, 19:12" (day/month, as the translated roundups write it, perhaps with the
# year; a bare one only before a time)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?[ \t]+)"
_NUMERIC_DAY = r"\d{1,2}[./]\d{2}(?:[./]\d{4})?(?=,?[ \t]+\d{1,2}:\d{2}\b)"
# "18 Dec 2023, 11:47 - ...": the year only before a time ("22 March 2023 | Compiled by
# the desk" is a head's date line)
_DAY_MONTH_YEAR = rf"(?:{_DAY_MONTH}(?:,?[ \t]+\d{{4}}(?=,?[ \t]+\d{{1,2}}[:.]\d{{2}}\b))?)"
_LINE_DATE = (
    rf"(?:{_DAY_MONTH_YEAR}|{_WEEKDAY}(?:{_DAY_MONTH_YEAR}|\d{{1,2}}/\d{{1,2}})|{_NUMERIC_DAY})"
)
_CLOCK = r"\d{1,2}[:.]\d{2}"
_TIME = rf"(?:{_CLOCK}|morning|afternoon|evening|night|noon|midnight)"
_NUMBER = r"\d{1,2}[).]"  # an item's number: "3.", "4)"
_BULLET = rf"(?:[\u2022\u25aa\u25cf*\-]|{_NUMBER})"
# A name in a header: capitalised words and name particles, no verb ("Hezbollah said: ..."
# is a sentence, not a header).
_NAME_WORD = r"(?:[A-Z][\w'\u2019.\-]*|al-\w+|el-\w+|bin|ibn|of|the|and|for|in|de|al|el)"
# Words that make a would-be header a clause: a reporting verb or a past form
_REPORTED = r"(?:told|said|says|wrote|writes|[a-z]+ed)"
# The platforms of speech.yaml's platform_names as a header line writes them, where case
# tells them from words ("on X:", not "on x")
_PLATFORM = r"(?:[Tt]witter|X|Telegram|Facebook|Instagram|YouTube|TikTok|Truth[ \t]+Social)"
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,8}}"
_LOOSE_MAX = 100  # a longer name after a date, or one with a bracket, must not be a clause
# A date in brackets before a header ("[8 Oct, 07:52] Sergei Aksyonov, head of Crimea, on
# his Telegram channel:", "[30 Jul, 14:02] Fatah movement - official channel")
# or a time alone ("[00:42] Sabereen News", "[15:20] RIA Novosti channel: ..."), under a
# head that gives the day
_TAGGED_DATE = rf"\[(?:(?P<tagged>{_LINE_DATE})(?:,?[ \t]*{_TIME})?|{_CLOCK})\]"
ENTRY = re.compile(
    rf"^[ \t]*(?:{_BULLET}[ \t]+)?(?:"
    # "17 October, 21:40 - NAME:", "02:10 - Joint post:": after a date or time, any short name;
    # "23 Nov, 07:12 | Yahya Sarea, spokesman of the movement (Ansar Allah), on his channel:"
    # a longer one, a name with its role and a bracketed aside before a post: not a
    # sentence ("... denounced the "invasion". [translator's note: ...]", "X said that
    # "..." and added: "...")
    rf"(?:(?P<date>{_LINE_DATE})(?:,?[ \t]*(?:{_TIME}))?[ \t]+[-\u2013\u2014|]"
    # "[8 Oct, 07:52] Sergei Aksyonov, head of Crimea, on his Telegram channel: "...""
    rf"|{_TAGGED_DATE}"
    rf"|{_TIME}[ \t]+[-\u2013\u2014])[ \t]+"
    rf"(?P<loose>[A-Z][^:()\n]{{1,{_LOOSE_MAX}}}?"
    r"|[A-Z](?:[^:()\[\].\"\u201c\n]|\.(?=\S)|\([^()\n]{1,60}\)){1,160}?"
    r"(?=(?:,[^:\n]*)?[ \t]*:(?:[ \t]*$|[ \t]+[\"\u201c])))"
    # "Houthi leader Mohammed Al-Bukhaiti on X: ...", "US envoy Tom Nides on twitter: "..."":
    # whoever posted it, named with a role in lower case, before the platform
    # (not "Hossein Dehghan, adviser to X, posted on Twitter:" nor "Trump was on Twitter:",
    # sentences); or before the form of the post: "PM Yair Lapid via tweet:", "Kaduna
    # governor Uba Sani in a statement:"
    rf"|(?P<poster>[A-Z][^:,()\n\"\u201c]{{1,80}}?)[ \t]+(?P<posted>(?:on|via)[ \t]+{_PLATFORM}"
    r"|(?:via|in)[ \t]+(?:an?[ \t]+)?(?:tweet|post|statement|video))"
    r"(?=[ \t]*:)"
    # "NAME (22 June, on X):", "NAME:": a name made of capitalised words and particles
    rf"|(?P<name>{_NAME}))"
    r"[ \t]*(?:\((?P<note>[^()\n]{1,80})\)"
    # "Benjamin Netanyahu, on a visit to the base: "...": a phrase after the name, before
    # a quotation (one phrase, not a clause: "X, adviser to Y, posted on X:" and "X,
    # spokesman of Y, told a newspaper:" are sentences)
    rf"|,[ \t]+(?!{_REPORTED}\b)"
    r"(?P<phrase>[a-z][^:,\"\u201c\n]{1,60}?)(?=[ \t]*:(?:[ \t]+[\"\u201c]|[ \t]*$)))?"
    # the post after the colon, or on the next line ("... on his official channel:" and the
    # quotation as a paragraph below)
    r"[ \t]*:(?:[ \t]+(?=\S)|[ \t]*$)",
    re.MULTILINE,
)
# "4) Barham Salih. Iraq's president denounced ...": a numbered item headed by a name.
NAMED_ITEM = re.compile(
    rf"^[ \t]*{_NUMBER}[ \t]+(?P<name>{_NAME})\.[ \t]+(?=[A-Z\"\u201c])", re.MULTILINE
)
# What stands before a header's name on its line when the name is a numbered item's.
_NUMBERED = re.compile(rf"[ \t]*{_NUMBER}[ \t]+")
# "• 19 Feb — Nasruddin Amer, deputy head ..., wrote", "09:00 - The Saudi foreign ministry
# condemned ...": a dated or timed item without a header name.
DATED_ITEM = re.compile(
    rf"^[ \t]*(?:{_BULLET}[ \t]+)?(?:(?P<date>{_LINE_DATE})(?:,?[ \t]*{_TIME})?|{_CLOCK})[ \t]+"
    r"[-\u2013\u2014][ \t]+(?=\S)",
    re.MULTILINE,
)
# "[05/02] Abu Alaa al-Walai said ...", "[Sabereen News, 15/02, 22:40] A group ...",
# "[13.03.2022] The Iraqi foreign ministry ...", "[Mon 23/06] ...": a translated roundup's
# entry dated in a bracketed tag (day before month, as such roundups write it), perhaps
# with the channel it came from; the tag names no speaker
_TAG_DATE = rf"(?:{_WEEKDAY}?\d{{1,2}}[/.]\d{{1,2}}(?:[/.]\d{{4}})?|{_DAY_MONTH})"
TAGGED_ITEM = re.compile(
    rf"^[ \t]*\[(?:[^\]\n,]{{1,40}},[ \t]*)?(?P<date>{_TAG_DATE})(?:,[ \t]*[^\]\n]{{1,40}})?\]"
    r"[ \t]+(?=\S)",
    re.MULTILINE,
)
# A header on a line of its own, naming the channel or person whose post the next
# paragraph gives: "[Hamas | 30 August, 21:03]", "- Hamas channel, 2 May, 08:10",
# "- Avichay Adraee, IDF Arabic-language spokesman, 2 May, 14:20"
HEADER_LINE = re.compile(
    rf"^[ \t]*(?:{_BULLET}[ \t]+)?\[?(?P<name>[A-Z][^|,\[\]\n]{{1,80}}?)[ \t]*[|,]"
    rf"(?:(?![ \t]*{_LINE_DATE})[^|,\n\]]{{1,80}}[|,])?[ \t]*"
    rf"(?:(?P<date>{_LINE_DATE})(?:,?[ \t]*{_TIME})?|{_TIME})"
    r"[ \t]*\]?[ \t]*$",
    re.MULTILINE,
)
# The same header with the date first: "25 June, 23:58 - Sabereen News", "20 June, 18:05 |
# Islamic Jihad movement", "8 September, 15:20 - news channel affiliated with Hezbollah"; a
# line of its own with no sentence in it (no final stop, no quotation, a dozen words at most)
# A header line's name ("U.S. Central Command": an initial's stop is no sentence's end)
# and its bracketed note ("(official channel)") to the line's end
_HEADER_NAME_CHAR = r"(?:[^\n\"\u201c.!?:]|\.(?=\S)|(?<=\b[A-Z])\.)"
_HEADER_TAIL = r"(?P<tail>[ \t]*(?:\([^()\n]{1,60}\)|\[[^\[\]\n]{1,40}\]))?[ \t]*$"
DATED_HEADER_LINE = re.compile(
    rf"^[ \t]*(?:{_BULLET}[ \t]+)?(?:(?P<date>{_LINE_DATE})(?:,?[ \t]*{_TIME})?[ \t]+"
    # or a time alone before a bar ("06:58 | Vitali Klitschko, Kyiv mayor (Telegram)"),
    # under a head that gives the day; not "09:00 - The ministry condemned ...": an item
    rf"[-\u2013\u2014|]|{_CLOCK}[ \t]+\|"
    # or the date in brackets ("[30 Jul, 14:02] Fatah movement - official channel")
    rf"|{_TAGGED_DATE})[ \t]+"
    rf"(?P<name>[A-Za-z]{_HEADER_NAME_CHAR}{{0,100}}?){_HEADER_TAIL}",
    re.MULTILINE,
)
# "07:40 - Interior Ministry channel" alone on its line, the post in the paragraph below:
# a header too (with text after it on the same line, "09:00 - The ministry condemned
# ...", a timed item)
CLOCK_HEADER_LINE = re.compile(
    rf"^[ \t]*(?:{_BULLET}[ \t]+)?{_CLOCK}[ \t]+[-\u2013\u2014][ \t]+"
    rf"(?P<name>[A-Za-z]{_HEADER_NAME_CHAR}{{0,60}}?){_HEADER_TAIL}",
    re.MULTILINE,
)
_VERB_LIKE = re.compile(rf"\b(?:{_REPORTED}|tells|warns|vows|claims|condemns|denies)\b")
_COPULA = re.compile(r"\b(?:was|were|is|are|has|had|have|went|goes|took)\b")
_ENTRY_LABEL = re.compile(r"(?:[A-Z][a-z]{3,}\.[ \t]+)?(?:From[ \t]+)?")
_HEADER_WORDS = 12
_CLAUSE_TAIL = re.compile(rf",[ \t]+{_REPORTED}\b[^,]*$")
# "ISPR release, reposted by several pro-army channels", "clip reposted by Truha": a header
# naming who passed the post on after what was posted; the relay speaks for no one
_RELAY_TAIL = re.compile(
    r"(?:,[ \t]*|[ \t]+(?:[-\u2013\u2014][ \t]+)?)"
    r"(?P<relay>(?:reposted|shared|relayed|forwarded|retweeted|circulated)"
    # "Avichay Adraee - reposted from X"; not "forwarded from Hamas": the source
    rf"(?:[ \t]+by\b.*|[ \t]+from[ \t]+{_PLATFORM})?)$"
)
# "[12 Dec, 08:14] Senior Taliban figure Anas Haqqani on X (Pashto):": where the poster
# posted, after the name
_POSTED_TAIL = re.compile(rf"[ \t]+(?P<posted>(?:on|via)[ \t]+{_PLATFORM})$")
# A line that signs the quoted block above it: "- Ali Khamenei, 27 Oct", "- Kanaani,
# Telegram channel of the foreign ministry, 27 Oct", "> -- President Joe Biden"
SIGNATURE_LINE = re.compile(
    r"^[ \t]*(?:>[ \t]*)?(?:--|[-\u2013\u2014])[ \t]*(?P<name>[A-Z][^,\n\"\u201c:]{0,60}?)"
    r"(?:,[ \t]*(?P<note>[^\n\"\u201c]{1,100}?))?[ \t]*$",
    re.MULTILINE,
)
# A dateline opening a paragraph: "BAGHDAD, Jan 8, 2020 (Wire) - ", "HASAKAH, Syria,
# September 2023 - ", "ADEN, Aug 29 (Wire) - ".
DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Za-z'\u2019. ]*(?:/[A-Z][A-Za-z'\u2019. ]*)*"
    # "NABLUS, West Bank, Sept 6", "JEDDAH, Saudi Arabia, Nov 12, 2020": a region of one or
    # two words after the city
    rf"(?:,[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)?,[ \t]+"
    rf"(?:{_DAY_MONTH}(?:,?[ \t]+\d{{4}})?|{_MONTHS}[ \t]+\d{{4}})"
    r"(?:[ \t]+\([^()\n]{1,30}\))?[ \t]+[-\u2013\u2014][ \t]+",
    re.MULTILINE,
)
# A dateline without a date that credits a wire service: "BEIRUT (AP) -", "GAZA CITY, Gaza
# Strip (AP) -", "Dubai (AFP) -": the place and the source, never an actor
CREDIT_LINE = re.compile(
    r"^[ \t]*(?!The\b)[A-Z][A-Za-z'.\-]*(?:[ \t]+[A-Z][A-Za-z'.\-]*){0,2}(?:,[ \t]+[A-Z][A-Za-z.]*"
    r"(?:[ \t]+[A-Z][A-Za-z.]*){0,2})?[ \t]+\([A-Z][^()\n]{0,29}\)[ \t]+[-\u2013\u2014][ \t]+",
    re.MULTILINE,
)


def dateline_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """The dateline opening the paragraph text[start:end], dated or a wire credit."""
    return DATELINE.match(text, start, end) or CREDIT_LINE.match(text, start, end)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where datelines are ("BEIRUT, Jan 3 (Reuters) -", "DUBAI, United Arab Emirates (AP)
    -"): a place, a date and a source (rule 16), never an actor, whatever names they hold."""
    return [(m.start(), m.end()) for regex in (DATELINE, CREDIT_LINE)
            for m in regex.finditer(text)]  # fmt: skip


_FOOTNOTE_ITEM = re.compile(r"\[(?P<n>\d{1,3})\]\s*(?P<text>[^\[]*)")
_FOOTNOTES = re.compile(r"^\s*(?:\[\d{1,3}\]\s*[^\[]+)+$")
_OPEN_QUOTE = ('"', "\u201c", "\u00ab")
_SOURCES_HEADING = re.compile(r"Sources?\s*:?", re.IGNORECASE)
_SOURCES_LABEL = re.compile(r"Sources?\s*:\s*(?=\S)", re.IGNORECASE)
_HEAD_MAX = 160  # a head or heading line is shorter than this
_WRAP_MIN = 60  # a line at least this long that ends mid-sentence is wrapped text


class LayoutReader:
    """The component: assign `doc._.kg_layout` and the sentence starts it implies."""

    def __init__(self, section_labels: frozenset[str] = frozenset()) -> None:
        self.section_labels = section_labels

    def __call__(self, doc: Any) -> Any:
        found = read_layout(doc.text, self.section_labels)
        doc._.kg_layout = found
        if not doc.has_annotation("DEP"):  # a Doc parsed by hand keeps its sentences
            _sentence_starts(doc, found, self.section_labels)
        return doc


def read_layout(text: str, section_labels: frozenset[str] = frozenset()) -> Layout:
    """The paragraphs of `text` with their kinds (a pure function of the text)."""
    pieces = _pieces(text) or [(0, len(text))]  # whitespace only: one empty paragraph
    head_end = _head_end(text, pieces)
    paragraphs: list[Paragraph] = []
    footnotes: dict[str, str] = {}
    sources: tuple[str, ...] = ()
    opener: int | None = None
    dated_above: Entry | None = None  # a dated header line of its own just before
    signed_above = False  # the paragraph before signs the block above it
    for index, (start, end) in enumerate(pieces):
        body = text[start:end]
        kind, entry, header, signed = "body", None, None, None
        if end <= head_end:
            kind = "head"
        elif (
            paragraphs
            and (paragraphs[-1].kind == "block" or _marked_quote(text, paragraphs[-1]))
            and (signed := _signature(text, start, end)) is not None
        ):
            # the block's issuer, written under it: a heading of nothing below
            kind = "heading"
            _sign_blocks(paragraphs, signed)
        elif _FOOTNOTES.match(body):
            kind = "footnotes"
            footnotes.update(
                (m.group("n"), m.group("text").strip()) for m in _FOOTNOTE_ITEM.finditer(body)
            )
        elif (listed := _sources(body, paragraphs[-1:], text)) is not None:
            kind = "footnotes"
            sources += listed
        elif (header := _dated_header(text, start, end)) is not None:
            # a header line alone heads the next paragraph; over a post, it heads that post
            kind, entry = ("heading", None) if header.body_start >= end else ("entry", header)
        elif (entry := _entry(text, start, end, section_labels) or _headed(
            text, [] if signed_above else paragraphs[-1:], start, dated_above
        )) is not None:  # fmt: skip
            kind = "entry"
        elif _is_heading(body, index, pieces):
            kind = "heading"
        elif opener is not None and _quoted(text, start):
            kind = "block"
        elif (above := _quote_after_speech(text, start, paragraphs)) is not None:
            kind, opener = "block", above
        if entry is not None:  # "3. Killings. Videos from ...": a numbered item's title
            line = text.rfind("\n", 0, entry.name_start) + 1
            numbered = _NUMBERED.fullmatch(text, line, entry.name_start) is not None
            entry = replace(entry, numbered=numbered)
        paragraphs.append(
            Paragraph(index, start, end, kind, entry, opener if kind == "block" else None)
        )
        if kind not in ("heading", "block"):
            opener = index if _opens_block(body) else None
        dated_above = header if kind == "heading" else None
        signed_above = signed is not None
    return Layout(tuple(paragraphs), head_end, footnotes, sources)


def _pieces(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank lines separate paragraphs, and so does a line break after
    a short, finished or title-cased line, or any line break before the first blank line
    (a headline, a date, a byline). A wrapped line is long and ends mid-sentence; the
    lines of an indented block (a quoted letter) hold together."""
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    seen_blank = False
    indented = False  # the current paragraph's lines are indented
    for match in re.finditer(r"[^\n]*\n?", text):
        if not match.group(0):
            break
        line = match.group(0).rstrip("\n")
        if not line.strip():
            seen_blank = seen_blank or current is not None
            if current is not None:
                out.append(current)
                current = None
            continue
        first = match.start() + (len(line) - len(line.lstrip()))
        last = match.start() + len(line.rstrip())
        inset = first > match.start()
        if (
            current is not None
            and seen_blank
            and (_wrapped(text[current[0] : current[1]]) or (indented and inset))
        ):
            current = (current[0], last)
            continue
        if current is not None:
            out.append(current)
        current, indented = (first, last), inset
    if current is not None:
        out.append(current)
    return out


def _wrapped(paragraph: str) -> bool:
    line = paragraph.rsplit("\n", 1)[-1].strip()
    if len(line) < _WRAP_MIN or not re.search(r"[\w,;\-]$", line):
        return False
    if HEADER_LINE.match(line):  # "- Avichay Adraee, IDF spokesman, 2 May, 14:20"
        return False
    long_words = [w for w in line.split() if len(w) >= 4]
    capitalised = sum(w[:1].isupper() for w in long_words)
    return capitalised < 0.7 * len(long_words)  # a title-cased line is a heading


def _head_end(text: str, pieces: list[tuple[int, int]]) -> int:
    """Where the head ends: the short lines without a final full stop before the first
    paragraph of prose (a dateline paragraph is prose)."""
    end = 0
    for start, stop in pieces:
        line = re.sub(r"(?:\s*\[\d{1,3}\])+$", "", text[start:stop])  # footnote markers
        if (
            len(line) >= _HEAD_MAX
            or "\n" in line
            or line.rstrip().endswith((".", ".]", '."', ".\u201d"))
            or re.search(r"[a-z][.!?]\S*\s+[A-Z]", line)  # two sentences: prose
            or DATELINE.match(line)
            # a post's header or an entry's, dated first
            or (
                re.match(r"\s*\[?\d", line) and (DATED_HEADER_LINE.match(line) or ENTRY.match(line))
            )
        ):
            break
        end = stop
    return end


def _entry(text: str, start: int, end: int, section_labels: frozenset[str]) -> Entry | None:
    match = ENTRY.match(text, start, end)
    if match is None:
        return _item(text, start, end)
    rest = text[match.end() : end]
    has_date = match.group("loose") is not None
    poster = match.group("poster")
    if poster is not None and (_VERB_LIKE.search(poster) or _COPULA.search(poster)
                               or len(poster.split()) > _HEADER_WORDS):  # fmt: skip
        return _item(text, start, end)  # "Hezbollah said on Telegram: ...": a sentence
    note = match.group("note") or match.group("phrase") or match.group("posted")
    # "Kata'ib Hezbollah: "Every American Soldier Is A Target"": a heading, not an entry
    finished = re.search(r"[.!?][\"\u201d]?\s*(?:\[\d+\])?$", rest) is not None
    if not (has_date or note) and not (finished and len(rest) > _WRAP_MIN):
        return None
    group = "loose" if has_date else "poster" if poster is not None else "name"
    name = match.group(group).strip()
    posted = _POSTED_TAIL.search(name) if group == "loose" else None
    if posted is not None:
        noted = posted.group("posted")
        name, note = name[: posted.start()], f"{noted}, {note}" if note else noted
    # "Partners. From the U.S. Embassy in Mogadishu, on Twitter:": a section label and
    # "From" before the name
    skip = _ENTRY_LABEL.match(name).end()  # (always matches, perhaps empty)
    skip = skip if skip < len(name) else 0
    if has_date and (len(name) > _LOOSE_MAX or "(" in name) and _CLAUSE_TAIL.search(name):
        # "Sat 12 Oct - Hawar News Agency (ANHA), the outlet of ..., posted: "..."": a
        # sentence, read as one
        return _item(text, start, end)
    if name.lower() in section_labels:  # "Context: ...", "Related: ..."
        return None
    date = match.group("date") or match.group("tagged")
    if date is None and note:
        day = re.search(_DAY_MONTH, note)
        date = day.group(0) if day else None
    return Entry(
        name=name[skip:],
        name_start=match.start(group) + skip,
        name_end=match.start(group) + len(name),
        date=date,
        note=note,
        body_start=match.end(),
    )


def _dated_header(text: str, start: int, end: int) -> Entry | None:
    """A paragraph's first line that is a header with the date first ("25 June, 23:58 -
    Sabereen News"): an entry named by it, whose post starts on the next line."""
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    header = DATED_HEADER_LINE.match(text, start, line_end)
    if header is None and line_end >= end:  # the header line is the whole paragraph
        header = CLOCK_HEADER_LINE.match(text, start, line_end)
        if header is not None and _VERB_LIKE.search(header.group("name")):
            header = None  # "09:00 - The foreign ministry condemned the strikes": an item
    if header is None or len(header.group("name").split()) > _HEADER_WORDS:
        return None
    name = header.group("name").strip()
    note = (header.group("tail") or "").strip().strip("()[]") or None  # "(official channel)"
    relayed = _RELAY_TAIL.search(name)
    if relayed is not None:  # "State TV clip, reposted by IRNA": who relayed it, a note
        name, note = name[: relayed.start()], relayed.group("relay")
    body = re.compile(r"\s*").match(text, line_end, end)
    named = header.groupdict()
    date = named.get("date") or named.get("tagged")
    return Entry(name, header.start("name"), header.start("name") + len(name), date, note,
                 body.end() if body else end)  # fmt: skip


def _signature(text: str, start: int, end: int) -> Entry | None:
    """ "- Ali Khamenei, 27 Oct" under a quoted block: who issued it, and when."""
    line = SIGNATURE_LINE.match(text, start, end)
    if line is None:
        return None
    name = line.group("name").strip()
    note = line.group("note")
    day = re.search(_LINE_DATE, note) if note else None
    return Entry(name, line.start("name"), line.start("name") + len(name),
                 day.group(0) if day else None, note, end)  # fmt: skip


_PROSE_WORDS = 8  # fewer words is a title or a label, not a paragraph that quotes anyone


def _marked_quote(text: str, paragraph: Paragraph) -> bool:
    """A "> " paragraph with no opener above it: a block once a signature signs it."""
    return paragraph.kind in ("body", "block") and text.startswith(">", paragraph.start)


def _quote_after_speech(text: str, start: int, paragraphs: list[Paragraph]) -> int | None:
    """ "The society said the ambulance was hit.[2]" then "> The occupation targeted our
    crew ...": a "> " quotation right under a paragraph of prose with no colon is still
    that paragraph's words (its last speaker's); not ">> READ MORE" or ">> REPOST", nor
    a quotation under a bare section title ("A3. The factions.")."""
    if not (text.startswith(">", start) and not text.startswith(">>", start)):
        return None
    if not paragraphs or paragraphs[-1].kind not in ("body", "entry"):
        return None
    above = paragraphs[-1]
    if len(text[above.start : above.end].split()) < _PROSE_WORDS:
        return None
    return above.index


def _sign_blocks(paragraphs: list[Paragraph], signed: Entry) -> None:
    """Give the run of block paragraphs just above a signature line its entry."""
    if paragraphs[-1].kind == "body":  # "> What happened ... we condemn it." "- Ned Price"
        paragraphs[-1] = replace(paragraphs[-1], kind="block")
    opener = paragraphs[-1].opener
    index = len(paragraphs) - 1
    while index >= 0 and paragraphs[index].kind == "block" and paragraphs[index].opener == opener:
        block = paragraphs[index]
        paragraphs[index] = replace(block, entry=replace(signed, body_start=block.start))
        index -= 1


def _headed(text: str, before: list[Paragraph], start: int,
            dated_above: Entry | None) -> Entry | None:  # fmt: skip
    """A paragraph under a header line of its own ("[Hamas | 30 August, 21:03]", "- Hamas
    channel, 2 May, 08:10", or, read already as `dated_above`, "25 June, 23:58 - Sabereen
    News"): an entry whose name is the header's. So is prose, not a quotation, under a
    dated entry with no text of its own ("[01.01, 18:20] Igor Girkin (Strelkov):" above
    "Ammunition sat in the same building, he writes."): the post the header introduces."""
    if before and _bare_dated_entry(text, before[0]) and not _quoted(text, start):
        return replace(before[0].entry, body_start=start)
    if not before or before[0].kind != "heading":
        return None
    if dated_above is not None:
        found = replace(dated_above, body_start=start)
        return _titled_lead(text, start, found) or found
    header = HEADER_LINE.match(text, before[0].start, before[0].end)
    if header is None:
        return None
    name = header.group("name").strip()
    found = Entry(name, header.start("name"), header.start("name") + len(name),
                  header.group("date"), None, start)  # fmt: skip
    return _titled_lead(text, start, found) or found


def _bare_dated_entry(text: str, paragraph: Paragraph) -> bool:
    """A digest entry that is its header line alone, dated or timed ("19 Dec, 11:15 |
    Muammar al-Eryani, information minister (X post):"), not a label ("Reactions:")."""
    entry = paragraph.entry
    return (
        paragraph.kind == "entry"
        and entry is not None
        and entry.body_start >= paragraph.end
        and re.match(r"\s*(?:[\u2022\-*][ \t]+)?\[?\d", text[paragraph.start : paragraph.end])
        is not None
    )


# "Coalition spokesman Turki al-Maliki: the Houthi militia ...", "Security services
# spokesman Talal Dweikat, on air: ...": a post that opens with a titled person's name and
# a colon; the name ends in two capitalised words, the title before it is a few words
_TITLED_LEAD = re.compile(
    # a stop only after a short title ("Brig. Gen."), never a sentence's end ("Aynata.")
    r"[ \t]*(?P<name>[A-Z](?:[a-z]{0,3}\.|[\w'\u2019\-]*)"
    r"(?:[ \t]+(?:[A-Z][a-z]{0,3}\.|[\w'\u2019\-]+)){0,5}?"
    r"(?:[ \t]+(?:[A-Z][\w'\u2019\-]*|al-\w+|el-\w+|bin|ibn|Abu)){2,4})"
    r"(?:,[ \t]+(?P<phrase>[a-z][^:,\"\u201c\n]{1,40}))?[ \t]*:[ \t]+(?=\S)"
)


def _titled_lead(text: str, start: int, header: Entry) -> Entry | None:
    """A post under a channel's header line that opens with whom it quotes ("14:20 -
    Tasnim channel" above "Foreign Ministry spokesman Saeed Khatibzadeh: Iran condemns
    ..."): the person named speaks (rule 17), dated by the header."""
    lead = _TITLED_LEAD.match(text, start)
    if lead is None:
        return None
    name = lead.group("name")
    return Entry(name, lead.start("name"), lead.start("name") + len(name), header.date,
                 lead.group("phrase"), lead.end())  # fmt: skip


def _item(text: str, start: int, end: int) -> Entry | None:
    """A numbered item headed by a name ("4) Barham Salih. ...") or a dated item
    without one ("• 19 Feb — ...", "[05/02] ..."): the name speaks, the date dates."""
    named = NAMED_ITEM.match(text, start, end)
    if named is not None:
        name = named.group("name")
        return Entry(name, named.start("name"), named.start("name") + len(name), None, None,
                     named.end())  # fmt: skip
    dated = DATED_ITEM.match(text, start, end) or TAGGED_ITEM.match(text, start, end)
    if dated is not None:
        return Entry("", dated.start(), dated.start(), dated.group("date"), None, dated.end())
    return None


def _sources(body: str, before: list[Paragraph], text: str) -> tuple[str, ...] | None:
    """A monitoring report's list of sources, under a "Sources" heading or after "Sources:",
    entries split by semicolons: "Hamas Telegram channel, 19 November 2023; ..." (rule 12:
    the date a source gives for a statement counts)."""
    label = _SOURCES_LABEL.match(body)
    under = bool(before) and before[0].kind == "heading" and _SOURCES_HEADING.fullmatch(
        text[before[0].start : before[0].end].strip())  # fmt: skip
    if label is None and not under:
        return None
    listed = body[label.end() :] if label else body
    return tuple(e.strip() for e in listed.split(";") if e.strip())


# A source noted after a finished sentence: "... condemned the attack. (via SONNA)",
# "... is reviewing the result. (via IDF Telegram)"
_SOURCE_TAIL = re.compile(r"(?<=[.!?\"\u201d])\s*\((?:via|h/t|source:?)\s[^()\n]{1,60}\)\s*$")


def _is_heading(body: str, index: int, pieces: list[tuple[int, int]]) -> bool:
    if len(body) >= _HEAD_MAX or "\n" in body:
        return False
    body = _SOURCE_TAIL.sub("", body)  # the sentence before the note ends the paragraph
    if len(body) > _WRAP_MIN and any(_sentence_ends(body, 0, len(body))):
        # a finished sentence inside: prose cut off ("UPDATE: X was condemned by Y. The
        # US embassy said on X that it"), not a title
        return False
    return not re.search(r"[.!?:;][\"\u201d\u2019)\]]*\s*(?:\[\d+\])?$", body)


def _quoted(text: str, start: int) -> bool:
    """A paragraph set off as a quotation: in quotation marks, behind "> " (as e-mail and
    Markdown quote), or indented."""
    line_start = text.rfind("\n", 0, start) + 1
    indented = start > line_start and not text[line_start:start].strip()
    return text.startswith(_OPEN_QUOTE, start) or text.startswith(">", start) or indented


def _opens_block(body: str) -> bool:
    """ "... posted a statement.[2] Full statement:", "The statement read:"."""
    return re.search(r":\s*(?:\[\d+\])?\s*$", body) is not None


# A sentence ends at ".", "!" or "?" (closing quotes, brackets and footnote markers
# after it stay with it) before a capital, a digit or an opening quote; not after an
# abbreviation or an initial.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"\u201d\u2019')\]]*(?:\s*\[\d{1,3}\])*\s+(?=[\"\u201c\u2018(]?[A-Z0-9])"
)
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Adm|Brig|St|Jr|Sr|No|Nos|vs|etc|approx|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Sen|Rep|Gov|Prof|Rev|Sheikh|Mt|Ft)"
    r"|\b[A-Z]|(?:\b[A-Za-z]\.){2,}[A-Za-z]?)\.$"
)


def _sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    """Where a sentence that ends by punctuation between `start` and `end` is followed
    by the next one (not after an abbreviation or an initial)."""
    for match in _SENTENCE_END.finditer(text, start, end):
        if not _ABBREVIATIONS.search(text, max(start, match.start() - 12), match.start()):
            yield match.end()


def _sentence_starts(doc: Any, found: Layout, section_labels: frozenset[str] = frozenset()
                     ) -> None:  # fmt: skip
    """Fix every sentence boundary before parsing: each paragraph, each head line, the
    text after a dateline, a digest header or a section label ("UPDATE 2: ..."), and each
    sentence end by punctuation; the parser may not start a sentence anywhere else
    (inside a name, after a comma)."""
    text = doc.text
    starts: set[int] = set()
    label = _section_label(section_labels)
    for paragraph in found.paragraphs:
        starts.add(paragraph.start)
        if paragraph.kind == "head":
            starts.update(m.start() + paragraph.start for m in re.finditer(
                r"(?<=\n)\S", text[paragraph.start : paragraph.end]))  # fmt: skip
            continue
        body = paragraph.entry.body_start if paragraph.entry is not None else paragraph.start
        dateline = dateline_at(text, paragraph.start, paragraph.end)
        if dateline is not None:
            body = dateline.end()
        labelled = label.match(text, body, paragraph.end) if label is not None else None
        if labelled is not None:  # "UPDATE: The bombing has been condemned by ..."
            starts.add(body)
            body = labelled.end()
        starts.add(body)
        starts.update(_sentence_ends(text, body, paragraph.end))
    # One array for the whole Doc: the token.is_sent_start setter checks the whole Doc for
    # a parse each time, which made this loop quadratic (28 s on a 200,000-character text).
    from spacy.attrs import SENT_START

    values = doc.to_array([SENT_START])  # uint64: "not a start" (-1) is 2**64 - 1
    not_start = values.dtype.type(2**64 - 1)
    for token in doc[1:]:
        if not token.is_space:
            values[token.i] = 1 if token.idx in starts else not_start
    doc.from_array([SENT_START], values)


@lru_cache(maxsize=4)  # one pattern per label set, not one per document
def _section_label(labels: frozenset[str]) -> re.Pattern[str] | None:
    """ "UPDATE:", "UPDATE 2:", "Editor's note:" at a paragraph's start, and a label's
    number or date ("UPDATE 11 Feb:", "UPDATE, 19 September:", "UPDATE 2 (Nov 1):")."""
    if not labels:
        return None
    words = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.compile(
        rf"[ \t]*(?:{words})(?:[ \t,]+\(?(?:\d{{1,4}}|{_MONTH})\.?\)?){{0,3}}[ \t]*:[ \t]+(?=\S)",
        re.IGNORECASE,
    )


# A month's name or its abbreviation, in a section label's date ("UPDATE Dec. 1:").
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"


def _register() -> None:
    from spacy.language import Language

    if "kg_layout" in Language.factories:
        return

    @Language.factory("kg_layout", assigns=["doc._.kg_layout", "token.is_sent_start"])
    def make_layout_reader(nlp: Any, name: str) -> LayoutReader:
        from kg.extract.wordlists import load_speech

        return LayoutReader(load_speech().section_labels)


_register()
