"""Time for analysis: date windows (`--since` / `--until`) and periods (`--period`).

A statement is placed in time by its analysis date (`kg.model.analysis_date`: its
statement date when the text gives a full one, else the date of the document that reports
it). Pure functions over ISO date strings (`YYYY-MM-DD` sorts as it reads, so comparing
strings compares dates); nothing here reads a graph.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import is_full_date

PERIODS = ("month", "quarter", "year")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


class TimeframeError(ValueError):
    """A date or period that cannot be used; the message names the option and the value."""


def parse_bound(value: str, option: str, *, end: bool = False) -> str:
    """An option's date as YYYY-MM-DD. `YYYY-MM` and `YYYY` are accepted too and stand for
    their first day (`--since`) or their last (`--until`, `end=True`)."""
    text = value.strip()
    if is_full_date(text):
        return text
    match = _PARTIAL.match(text)
    month = int(match.group(2) or (12 if end else 1)) if match else 0
    if match is None or not 1 <= month <= 12:
        raise TimeframeError(f"{option}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year = int(match.group(1))
    day = calendar.monthrange(year, month)[1] if end else 1
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class DateWindow:
    """Inclusive bounds on the analysis date; None is open on that side."""

    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise TimeframeError(f"--since {self.since} is after --until {self.until}")

    @classmethod
    def from_options(cls, since: str | None, until: str | None) -> DateWindow | None:
        """The window of the `--since` / `--until` options, or None when neither is given."""
        if since is None and until is None:
            return None
        return cls(
            parse_bound(since, "--since") if since is not None else None,
            parse_bound(until, "--until", end=True) if until is not None else None,
        )

    def contains(self, day: str | None) -> bool:
        """Whether an analysis date falls in the window (an undated statement never does)."""
        if not day:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def describe(self) -> str:
        return f"{self.since or '…'} to {self.until or '…'}"


@dataclass(frozen=True)
class WindowCount:
    """What a window kept and left out of a set of statements."""

    kept: int = 0
    outside: int = 0  # dated, but outside the window
    undated: int = 0  # no analysis date at all

    def note(self, window: DateWindow | None, what: str = "statements") -> str:
        """One line for stderr, e.g. '--since/--until 2024-01-01 to …: kept 66 statements;
        left out 20 outside the dates and 12 with no date'."""
        label = "--period" if window is None else f"--since/--until {window.describe()}"
        parts = []
        if self.outside:
            parts.append(f"{self.outside:,} outside the dates")
        if self.undated:
            parts.append(f"{self.undated:,} with no date (no statement or reported date)")
        left = "; left out " + " and ".join(parts) if parts else "; none left out"
        return f"{label}: kept {self.kept:,} {what}{left}"


def count_window(dates: Iterable[str | None], window: DateWindow | None) -> WindowCount:
    """How many of the analysis dates `window` keeps, and why the others are left out; with
    no window, every dated one is kept and the undated are counted (what --period needs)."""
    kept = outside = undated = 0
    for day in dates:
        if not day:
            undated += 1
        elif window is None or window.contains(day):
            kept += 1
        else:
            outside += 1
    return WindowCount(kept, outside, undated)


def period_of(day: str, unit: str) -> str:
    """The period label of a date: `2024-03` (month), `2024-Q1` (quarter), `2024` (year)."""
    year, month = day[:4], int(day[5:7])
    if unit == "month":
        return day[:7]
    if unit == "quarter":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    if unit == "year":
        return year
    raise TimeframeError(f"--period: {unit!r} is not one of {', '.join(PERIODS)}")


def check_period(unit: str) -> str:
    if unit not in PERIODS:
        raise TimeframeError(f"--period: {unit!r} is not one of {', '.join(PERIODS)}")
    return unit


__all__ = [
    "PERIODS",
    "DateWindow",
    "TimeframeError",
    "WindowCount",
    "check_period",
    "count_window",
    "parse_bound",
    "period_of",
]
