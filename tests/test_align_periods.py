"""kg.align_periods and the date options of `kg align`: one alignment per period, the
score changes between periods, --since / --until; on the bundled sample, on generated
records and on records written for the purpose."""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.align import alignment
from kg.align_periods import (
    CHANGE_COLUMNS,
    PERIOD_CSV_COLUMNS,
    alignment_by_period,
    period_path,
)
from kg.build import build_graph
from kg.cli import main
from kg.graphio import write_graph
from kg.model import Statement
from kg.timeframe import DateWindow, period_of

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from gen_statements import generate


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _record(doc: str, speaker: str, day: str | None, reported: str | None = None, **labels):
    return Statement(
        doc, speaker, speaker, "militia", f"{speaker} spoke in {doc}",
        statement_date=day, reported_date=reported, **labels,
    )  # fmt: skip


# --- the bundled sample -------------------------------------------------------------------


def test_sample_by_quarter_one_table_per_period(
    sample_records, sample_graph: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table, changes = tmp_path / "periods.csv", tmp_path / "changes.csv"
    graphml = tmp_path / "alignment.graphml"
    args = ["align", "--graph", str(sample_graph), "--period", "quarter", "-o", str(table)]
    args += ["--changes", str(changes), "--graphml", str(graphml)]
    assert main(args) == 0
    captured = capsys.readouterr()
    dated = [r.analysis_date for r in sample_records]
    quarters = sorted({period_of(day, "quarter") for day in dated if day})
    assert len(quarters) >= 5  # the sample spans 2019-2025
    # one GraphML per quarter with statements, one table per quarter in the CSV
    assert sorted(tmp_path.glob("alignment.*.graphml")) == [
        period_path(graphml, q) for q in quarters
    ]
    rows = _read_csv(table)
    assert tuple(rows[0]) == PERIOD_CSV_COLUMNS
    by_period: dict[str, list[int]] = {}
    for row in rows:
        by_period.setdefault(row["period"], []).append(int(row["rank"]))
    assert sorted(by_period) == quarters
    assert all(ranks == list(range(1, len(ranks) + 1)) for ranks in by_period.values())
    for quarter in quarters:
        assert re.search(rf"^{quarter}\s", captured.out, re.MULTILINE), quarter
    assert changes.read_text(encoding="utf-8").splitlines()[0] == ",".join(CHANGE_COLUMNS)
    undated = sum(1 for day in dated if day is None)
    assert f"left out {undated} with no date" in captured.err


def test_a_periods_stances_are_those_of_its_statements_alone(sample_records, sample_graph):
    """Target agreement and direct stance of a pair in one period are what the graph of
    that period's records alone gives (ties are not dated, so S may differ)."""
    from kg.graphio import read_graph

    periods = alignment_by_period(read_graph(sample_graph), "year")
    for item in periods.periods:
        alone = [r for r in sample_records if (r.analysis_date or "").startswith(item.period)]
        expected = {(p.a, p.b): p for p in alignment(build_graph(alone)).pairs}
        assert item.statements == len({(r.doc_id, r.speaker, r.evidence) for r in alone})
        for pair in item.result.pairs:
            if (pair.a, pair.b) in expected:
                other = expected[(pair.a, pair.b)]
                assert (pair.target_agreement, pair.direct_stance) == (
                    other.target_agreement,
                    other.direct_stance,
                ), (item.period, pair.label_a, pair.label_b)
            else:  # a pair of the period graph that only ties link
                assert pair.target_agreement == pair.direct_stance == 0


def test_since_until_on_the_sample(
    sample_records, sample_graph: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.graphio import read_graph

    window = DateWindow("2024-01-01", "2024-12-31")
    result = alignment(read_graph(sample_graph), window=window)
    kept = [r for r in sample_records if window.contains(r.analysis_date)]
    alone = alignment(build_graph(kept)).stance
    assert set(result.stance.edges(keys=True)) == set(alone.edges(keys=True))
    assert 0 < len(kept) < len(sample_records)
    assert main(["align", "--graph", str(sample_graph), "--since", "2024", "--until", "2024"]) == 0
    err = capsys.readouterr().err
    undated = sum(1 for r in sample_records if r.analysis_date is None)
    assert re.search(rf"kept \d+ statements; left out \d+ outside the dates and {undated} ", err)


# --- records written for the test ---------------------------------------------------------


def test_the_pair_that_turned_is_the_largest_change(tmp_path: Path, capsys) -> None:
    records = [
        # 2024-Q1: both blame Israel (agree); Q2: Hamas praises it, Hezbollah still blames it
        _record("d1", "Hamas", "2024-01-10", blames=("Israel",)),
        _record("d2", "Hezbollah", None, "2024-02-01", blames=("Israel",)),  # reported date
        _record("d3", "Hamas", "2024-04-10", praises_or_supports=("Israel",)),
        _record("d4", "Hezbollah", "2024-05-01", blames=("Israel",)),
        _record("d5", "Hezbollah", "2024-05-02", blames=("Hamas",)),
        _record("d6", "Hamas", None, blames=("Israel",)),  # no date at all: in no period
    ]
    graph = tmp_path / "graph.ttl"
    write_graph(build_graph(records), graph)
    changes = tmp_path / "changes.csv"
    args = ["align", "--graph", str(graph), "--period", "quarter", "--changes", str(changes)]
    assert main(args) == 0
    out = capsys.readouterr()
    assert "kept 5 statements; left out 1 with no date" in out.err
    first = _read_csv(changes)[0]
    assert (first["period_from"], first["period_to"]) == ("2024-Q1", "2024-Q2")
    assert {first["actor_a"], first["actor_b"]} == {"Hamas", "Hezbollah"}
    # Q1: T = 1 * 1 / 2; Q2: T = -1 * 1 / 2, D = -1 (Hezbollah blames Hamas)
    assert (float(first["score_from"]), float(first["score_to"])) == (0.5, -1.5)
    assert float(first["change"]) == -2.0
    assert re.search(r"2024-Q1 +2024-Q2 +\+0\.500 -1\.500 +-2\.000 +Hamas +Hezbollah", out.out)


def test_option_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "graph.ttl"
    write_graph(build_graph([_record("d1", "Hamas", "2024-01-10", blames=("Israel",))]), graph)
    base = ["align", "--graph", str(graph)]
    assert main([*base, "--since", "2024-13-01"]) == 2
    assert "kg: error: --since: '2024-13-01' is not a date" in capsys.readouterr().err
    assert main([*base, "--changes", str(tmp_path / "c.csv")]) == 2
    assert "--changes needs --period" in capsys.readouterr().err
    assert main([*base, "--period", "year", "--rdf", str(tmp_path / "a.ttl")]) == 2
    assert "cannot be combined with --period" in capsys.readouterr().err


# --- a generated corpus -------------------------------------------------------------------


def test_generated_corpus_by_quarter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """2,000 generated records (bench/gen_statements.py; the README's figures use 10,000):
    one table per quarter, each of that quarter's statements."""
    records = [Statement.from_dict(r) for r in generate(2_000, 7)]
    assert all(r.reported_date for r in records)
    expected = Counter(period_of(r.analysis_date, "quarter") for r in records)
    assert len(expected) == 24  # 2019-2024
    graph = tmp_path / "generated.nt"
    write_graph(build_graph(records), graph)
    table = tmp_path / "periods.csv"
    assert main(["align", "--graph", str(graph), "--period", "quarter", "-o", str(table)]) == 0
    out = capsys.readouterr()
    assert "kept 2,000 statements; none left out" in out.err
    listed = out.out.split("largest changes")[0]  # the period lines, not the changes
    printed = dict(re.findall(r"^(\d{4}-Q\d) +([\d,]+) ", listed, re.MULTILINE))
    assert {q: int(n.replace(",", "")) for q, n in printed.items()} == dict(expected)
    assert sorted({row["period"] for row in _read_csv(table)}) == sorted(expected)


def test_a_store_gives_the_same_periods_and_window(tmp_path: Path, capsys) -> None:
    """--store reads the dates through Oxigraph (lexical forms): same periods, same counts."""
    import json

    from kg.store import build_store

    records = [Statement.from_dict(r) for r in generate(300, 11)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in records), encoding="utf-8")
    build_store([path], tmp_path / "store")
    expected = Counter(period_of(r.analysis_date, "year") for r in records)
    assert main(["align", "--store", str(tmp_path / "store"), "--period", "year"]) == 0
    table = capsys.readouterr().out.split("largest changes")[0]  # not the changes' years
    printed = dict(re.findall(r"^(\d{4}) +([\d,]+) ", table, re.MULTILINE))
    assert {y: int(n) for y, n in printed.items()} == dict(expected)
    assert main(["align", "--store", str(tmp_path / "store"), "--since", "2024"]) == 0
    assert f"kept {expected['2024']} statements; left out {300 - expected['2024']} outside" in (
        capsys.readouterr().err
    )
