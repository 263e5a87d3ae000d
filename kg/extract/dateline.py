"""Publication dates from a document's head: datelines and dated header lines.

Pure functions, no I/O, shared by the readers (to fill `SourceDocument.published` when no
other date is known) and by anyone else who needs to anchor a partial date:

    >>> dateline_date("BAGHDAD, Jan 8, 2020 (Wire) - Iran launched ...")
    '2020-01-08'
    >>> dateline_date("Weekly Digest\\nBaghdad, 5 January 2024\\n\\nThe group said ...")
    '2024-01-05'
    >>> parse_full_date("27/10/2024")
    '2024-10-27'

Only full dates (day, month and year) count: "12-13 January" gives None. A date inside a
body sentence ("... on January 8, 2020 at the base") is not a dateline: only a line that
starts with a place and a comma ("BAGHDAD, ..."), or a short header line, is read.
"""

from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH = r"(?P<{name}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# "Jan 8, 2020", "January 3 2024", "Monday, March 16, 2025"
_MDY = re.compile(
    _WEEKDAY + _MONTH.format(name="m") + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b",
    re.IGNORECASE,
)
# "24 November 2023", "5 Jan. 2024", "Sunday 5 January 2024"
_DMY = re.compile(
    _WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.format(name="m")
    + r",?\s+(?P<y>\d{4})\b",
    re.IGNORECASE,
)  # fmt: skip
# "2024-10-27", "2024-10-27T08:00:00Z"
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
# "27/10/2024", "27.10.2024" (day first unless the first number cannot be a day-of-month
# position, i.e. the second number is above 12)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b")

# A dateline opens a paragraph: "BAGHDAD, ", "SANAA/DUBAI, ", "Baghdad, ", "WASHINGTON -".
_PLACE = r"[A-Z][\w'’.\-]*(?:[ /][A-Z][\w'’.\-]*){0,3}"
_DATELINE = re.compile(rf"^\s*{_PLACE}\s*(?:,|\(|-|–|—)\s*")
# Header lines longer than this are body text, not a dated header.
SHORT_LINE = 90


def parse_full_date(text: str) -> str | None:
    """The first full calendar date in `text` as ISO `YYYY-MM-DD`, or None.

    Accepts "Jan 8, 2020", "8 January 2020", "2020-01-08" and "08/01/2020" (day first,
    unless the second number is above 12). Impossible dates ("31 February 2020") are None.
    """
    best: tuple[int, str] | None = None
    for pattern in (_MDY, _DMY, _ISO, _NUMERIC):
        for match in pattern.finditer(text):
            iso = _to_iso(pattern, match)
            if iso is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), iso)
                break
    return best[1] if best else None


def dateline_date(text: str, *, max_lines: int = 6) -> str | None:
    """The publication date a document's head gives, as ISO `YYYY-MM-DD`, or None.

    Looks at the first `max_lines` non-empty lines. A line counts when it starts with a
    place name followed by a comma, a dash or a bracket and the date ("BAGHDAD, Jan 8, 2020
    (Wire) - ..."), or when it is a short header line holding a full date ("Baghdad,
    5 January 2024", "Posted by admin | 27/10/2024 | 4 min read").
    """
    lines = [line for line in text[:4000].splitlines() if line.strip()][:max_lines]
    for line in lines:
        found = _line_date(line)
        if found is not None:
            return found
    return None


def _line_date(line: str) -> str | None:
    stripped = line.strip()
    if len(stripped) <= SHORT_LINE:
        return parse_full_date(stripped)
    opening = _DATELINE.match(stripped)
    if opening is None:
        return None
    # The date must follow the place directly: look only at the next few words.
    head = stripped[opening.end() : opening.end() + 40]
    for pattern in (_MDY, _DMY, _ISO, _NUMERIC):
        match = pattern.match(head)
        if match is not None:
            return _to_iso(pattern, match)
    return None


def _to_iso(pattern: re.Pattern[str], match: re.Match[str]) -> str | None:
    year = int(match["y"])
    if pattern is _NUMERIC:
        first, second = int(match["a"]), int(match["b"])
        day, month = (second, first) if second > 12 >= first else (first, second)
    else:
        day = int(match["d"])
        raw_month = match["m"]
        month = int(raw_month) if raw_month.isdigit() else MONTHS[raw_month.lower()]
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None
