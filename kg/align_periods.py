"""Alignment over time: one alignment per month, quarter or year, and what changed.

`alignment_by_period(graph, "quarter")` reads the graph once (kg.align.read_stance_data),
groups the statements by the period of their analysis date (the statement date when the
text gives a full one, else the reporting document's publication date), and scores each
period's statements on their own with `kg.align.alignment`: the same measure, the same
seed. Statements with no analysis date cannot be placed in a period and are left out (and
counted). Only periods that have statements get a table.

`score_changes` compares each period with the next one that has statements: for every
pair scored in both, the change of its score. A pair scored in only one of the two is not
a change of score (no statement of one of them in the other period) and is not listed.

Files: one CSV of every period's pairs (a `period` column first, ranks within a period),
one GraphML / GEXF per period (`alignment.2024-Q1.graphml` beside the name given), and the
changes as CSV.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.align import AlignmentResult, alignment, read_stance_data, stance_graph_of
from kg.align_export import CSV_COLUMNS, alignment_rows, write_gexf, write_graphml
from kg.files import atomic_writer
from kg.timeframe import WindowCount, check_period, count_window, period_of

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.timeframe import DateWindow

PERIOD_CSV_COLUMNS = ("period", *CSV_COLUMNS)
CHANGE_COLUMNS = (
    "period_from",
    "period_to",
    "actor_a",
    "actor_b",
    "score_from",
    "score_to",
    "change",
    "iri_a",
    "iri_b",
)


@dataclass(frozen=True)
class PeriodResult:
    period: str  # 2024-03, 2024-Q1 or 2024
    statements: int  # statements dated in the period
    result: AlignmentResult


@dataclass(frozen=True)
class ScoreChange:
    """A pair's score in one period with statements and in the next one."""

    period_from: str
    period_to: str
    a: str
    b: str
    label_a: str
    label_b: str
    score_from: float
    score_to: float

    @property
    def change(self) -> float:
        return round(self.score_to - self.score_from, 4)


@dataclass
class PeriodAlignment:
    unit: str
    periods: list[PeriodResult]
    counted: WindowCount  # statements kept and left out (undated, outside the window)
    changes: list[ScoreChange] = field(default_factory=list)  # largest change first
    window: DateWindow | None = None

    @property
    def note(self) -> str:
        return self.counted.note(self.window)


def alignment_by_period(
    source: Graph, unit: str, *, window: DateWindow | None = None, seed: int = 0
) -> PeriodAlignment:
    """One alignment per `unit` ("month", "quarter" or "year") of the statements of
    `source` (a kg graph or store), within `window` when given."""
    check_period(unit)
    data = read_stance_data(source, dated=True)
    groups: dict[str, set[str]] = defaultdict(set)
    for statement, (_speaker, day) in data.dates.items():
        if day and (window is None or window.contains(day)):
            groups[period_of(day, unit)].add(statement)
    periods = [
        PeriodResult(period, len(keep), alignment(stance_graph_of(data, keep), seed=seed))
        for period, keep in sorted(groups.items())
    ]
    counted = count_window((day for _, day in data.dates.values()), window)
    return PeriodAlignment(unit, periods, counted, score_changes(periods), window)


def score_changes(periods: list[PeriodResult]) -> list[ScoreChange]:
    """Every pair scored in two consecutive periods with statements, largest change (up or
    down) first; ties in label order."""
    changes = []
    for before, after in pairwise(periods):
        scores = {(p.a, p.b): p for p in before.result.pairs}
        for pair in after.result.pairs:
            old = scores.get((pair.a, pair.b))
            if old is None or old.score == pair.score:
                continue
            changes.append(
                ScoreChange(
                    before.period, after.period, pair.a, pair.b, pair.label_a, pair.label_b,
                    old.score, pair.score,
                )
            )  # fmt: skip
    changes.sort(key=lambda c: (-abs(c.change), c.period_from, c.label_a, c.label_b))
    return changes


# --- output -------------------------------------------------------------------------------


def period_rows(periods: PeriodAlignment) -> list[dict[str, Any]]:
    """Every period's ranked pairs as rows (PERIOD_CSV_COLUMNS), periods in order."""
    return [
        {"period": item.period, **row}
        for item in periods.periods
        for row in alignment_rows(item.result)
    ]


def change_rows(changes: list[ScoreChange]) -> list[dict[str, Any]]:
    return [
        {
            "period_from": c.period_from,
            "period_to": c.period_to,
            "actor_a": c.label_a,
            "actor_b": c.label_b,
            "score_from": c.score_from,
            "score_to": c.score_to,
            "change": c.change,
            "iri_a": c.a,
            "iri_b": c.b,
        }
        for c in changes
    ]


def _write_rows(path: str | Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> Path:
    with atomic_writer(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return Path(path)


def write_period_csv(periods: PeriodAlignment, path: str | Path) -> Path:
    return _write_rows(path, PERIOD_CSV_COLUMNS, period_rows(periods))


def write_changes_csv(periods: PeriodAlignment, path: str | Path) -> Path:
    return _write_rows(path, CHANGE_COLUMNS, change_rows(periods.changes))


def period_path(path: str | Path, period: str) -> Path:
    """`out/alignment.graphml` -> `out/alignment.2024-Q1.graphml`."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{period}{path.suffix}")


def write_period_graphs(periods: PeriodAlignment, path: str | Path, kind: str) -> list[Path]:
    """One GraphML (`kind` "graphml") or GEXF ("gexf") file per period, named by
    `period_path`."""
    write = write_graphml if kind == "graphml" else write_gexf
    return [write(i.result.graph, period_path(path, i.period)) for i in periods.periods]


def format_periods(periods: PeriodAlignment) -> str:
    """One line per period: its statements, actors, pairs and best-aligned pair."""
    lines = [f"{'period':<8}  {'statements':>10}  {'actors':>6}  {'pairs':>6}  best aligned"]
    for item in periods.periods:
        result = item.result
        best = result.pairs[0] if result.pairs else None
        top = f"{best.label_a} ~ {best.label_b} ({best.score:+.3f})" if best else "-"
        lines.append(
            f"{item.period:<8}  {item.statements:>10,}  {len(result.stance):>6,}  "
            f"{len(result.pairs):>6,}  {top}"
        )
    return "\n".join(lines)


def format_changes(changes: list[ScoreChange], top: int | None = 20, width: int = 30) -> str:
    """The pairs whose score changed most between consecutive periods, for a terminal."""
    header = (
        f"{'from':<8} {'to':<8} {'before':>6} {'after':>6} {'change':>7}  "
        f"{'actor A':<{width}}  actor B"
    )
    lines = [header, "-" * (len(header) + width - len("actor B"))]
    shown = changes if top is None else changes[:top]
    for c in shown:
        lines.append(
            f"{c.period_from:<8} {c.period_to:<8} {c.score_from:>+6.3f} {c.score_to:>+6.3f} "
            f"{c.change:>+7.3f}  {_cut(c.label_a, width):<{width}}  {_cut(c.label_b, width)}"
        )
    if not changes:
        lines.append("(no pair is scored in two consecutive periods with different scores)")
    elif len(shown) < len(changes):
        lines.append(f"... {len(changes) - len(shown)} more changes")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class PeriodFiles:
    """What `align_period_files` computed and wrote."""

    periods: PeriodAlignment
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def align_period_files(
    graph: Any,
    unit: str,
    *,
    csv_path: str | Path | None = None,
    graphml: str | Path | None = None,
    gexf: str | Path | None = None,
    changes: str | Path | None = None,
    seed: int = 0,
    window: DateWindow | None = None,
) -> PeriodFiles:
    """Read graph files (or a store), align each period, write the requested outputs (the
    one call behind `kg align --period`)."""
    import time

    from kg.align_export import read_source

    started = time.perf_counter()
    periods = alignment_by_period(read_source(graph), unit, window=window, seed=seed)
    written: list[Path] = []
    if csv_path:
        written.append(write_period_csv(periods, csv_path))
    if graphml:
        written.extend(write_period_graphs(periods, graphml, "graphml"))
    if gexf:
        written.extend(write_period_graphs(periods, gexf, "gexf"))
    if changes:
        written.append(write_changes_csv(periods, changes))
    return PeriodFiles(periods, written, time.perf_counter() - started)


__all__ = [
    "CHANGE_COLUMNS",
    "PERIOD_CSV_COLUMNS",
    "PeriodAlignment",
    "PeriodFiles",
    "PeriodResult",
    "ScoreChange",
    "align_period_files",
    "alignment_by_period",
    "change_rows",
    "format_changes",
    "format_periods",
    "period_path",
    "period_rows",
    "score_changes",
    "write_changes_csv",
    "write_period_csv",
    "write_period_graphs",
]
