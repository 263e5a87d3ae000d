"""kg.timeframe: the --since / --until bounds, what a window keeps, period labels."""

from __future__ import annotations

import pytest

from kg.timeframe import (
    DateWindow,
    TimeframeError,
    WindowCount,
    check_period,
    count_window,
    parse_bound,
    period_of,
)


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024-02-29", False, "2024-02-29"),
        ("2024-02", False, "2024-02-01"),
        ("2024-02", True, "2024-02-29"),  # a leap year's last day of February
        ("2023-02", True, "2023-02-28"),
        ("2024", False, "2024-01-01"),
        ("2024", True, "2024-12-31"),
    ],
)
def test_bounds(value: str, end: bool, expected: str) -> None:
    assert parse_bound(value, "--until" if end else "--since", end=end) == expected


@pytest.mark.parametrize("value", ["2024-13-01", "2023-02-29", "8 Jan 2024", "2024-13", ""])
def test_a_bad_date_names_the_option_and_the_value(value: str) -> None:
    with pytest.raises(TimeframeError, match=rf"^--since: '{value}' is not a date"):
        parse_bound(value, "--since")


def test_window_is_inclusive_and_undated_statements_fall_outside() -> None:
    window = DateWindow.from_options("2024-01", "2024-03")
    assert window == DateWindow("2024-01-01", "2024-03-31")
    assert [window.contains(d) for d in ("2023-12-31", "2024-01-01", "2024-03-31")] == [
        False,
        True,
        True,
    ]
    assert not window.contains("2024-04-01") and not window.contains(None)
    assert DateWindow.from_options(None, None) is None
    assert DateWindow.from_options("2024-05-01", None).contains("2030-01-01")


def test_since_after_until_is_refused() -> None:
    with pytest.raises(TimeframeError, match="--since 2024-05-01 is after --until 2024-04-30"):
        DateWindow.from_options("2024-05-01", "2024-04")


def test_count_window_says_why_statements_were_left_out() -> None:
    dates = ["2024-01-05", "2023-06-01", None, "2024-02-01", None]
    window = DateWindow(since="2024-01-01")
    counted = count_window(dates, window)
    assert counted == WindowCount(kept=2, outside=1, undated=2)
    assert counted.note(window) == (
        "--since/--until 2024-01-01 to …: kept 2 statements; left out 1 outside the dates "
        "and 2 with no date (no statement or reported date)"
    )
    assert count_window(dates, None) == WindowCount(kept=3, outside=0, undated=2)


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("month", ["2024-01", "2024-03", "2024-12"]), ("quarter", ["2024-Q1", "2024-Q1", "2024-Q4"]),
     ("year", ["2024", "2024", "2024"])],
)  # fmt: skip
def test_period_labels(unit: str, expected: list[str]) -> None:
    assert [period_of(d, unit) for d in ("2024-01-31", "2024-03-01", "2024-12-31")] == expected


def test_an_unknown_period_is_refused() -> None:
    with pytest.raises(TimeframeError, match="--period: 'week' is not one of month, quarter"):
        check_period("week")
