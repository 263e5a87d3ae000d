"""Dates in a statement's sentence: full, partial (day and month) and anchored relative days.

Contract: `find_dates(text)` -> list of (start, end, month, day, year|None). `resolve(...)`
turns a partial date into ISO with the publication year when the document has one, else
`XXXX-MM-DD` (rule 12). `yesterday(day)` is the day before a known publication or dateline day;
other relative days ("on Sunday") are never resolved.
"""

from __future__ import annotations

import datetime as _dt
import re

from kg.extract.dateline import MONTHS

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?\b",
    re.IGNORECASE,
)
_MDY = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b",
    re.IGNORECASE,
)

DateHit = tuple[int, int, int, int, int | None]


def find_dates(text: str) -> list[DateHit]:
    hits: list[DateHit] = []
    for regex in (_DMY, _MDY):
        for match in regex.finditer(text):
            month = MONTHS.get(match.group("m").lower().rstrip("."))
            day = int(match.group("d"))
            if month is None or not 1 <= day <= 31:
                continue
            if match.group("m")[0].islower() and match.group("m").lower() in ("may", "mar"):
                continue
            year = int(match.group("y")) if match.group("y") else None
            hits.append((match.start(), match.end(), month, day, year))
    hits.sort()
    out: list[DateHit] = []
    for hit in hits:
        if out and hit[0] < out[-1][1]:
            if hit[1] - hit[0] > out[-1][1] - out[-1][0]:
                out[-1] = hit
            continue
        out.append(hit)
    return out


def resolve(month: int, day: int, year: int | None, published: str | None) -> str | None:
    if year is None and published and re.match(r"^\d{4}-", published):
        year = int(published[:4])
    try:
        if year is not None:
            return _dt.date(year, month, day).isoformat()
        _dt.date(2000, month, day)
    except ValueError:
        return None
    return f"XXXX-{month:02d}-{day:02d}"


def yesterday(published: str | None) -> str | None:
    """The day before an ISO date, or before a year-less `XXXX-MM-DD` (a dateline's day)."""
    text = (published or "")[:10]
    yearless = text.startswith("XXXX-")
    try:
        day = _dt.date.fromisoformat("2000" + text[4:] if yearless else text)
    except ValueError:
        return None
    before = day - _dt.timedelta(days=1)
    return f"XXXX-{before.month:02d}-{before.day:02d}" if yearless else before.isoformat()


def header_date(text: str, published: str | None) -> str | None:
    hits = find_dates(text)
    if not hits:
        return None
    _, _, month, day, year = hits[0]
    return resolve(month, day, year, published)
