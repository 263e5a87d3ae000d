"""Smoke test of the names benchmark (not a timed test)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_names

from kg.gazetteer import load_gazetteer


def test_mixed_names_are_deterministic():
    g = load_gazetteer()
    first = bench_names.mixed_names(g, 50, seed=3)
    assert first == bench_names.mixed_names(g, 50, seed=3)
    assert {kind for kind, _ in first} <= {"listed", "respelt", "typo", "unknown"}


def test_bench_runs_and_writes_results(tmp_path: Path):
    bench_names.main(["--count", "200", "--out", str(tmp_path)])
    result = json.loads((tmp_path / "names.json").read_text(encoding="utf-8"))
    assert result["speed"]["names"] == 200
    table = result["table"]
    assert table["highest_negative"]["score"] < table["threshold"]
    assert table["lowest_fuzzy_positive"]["score"] >= table["threshold"]
    assert "calls/s" in (tmp_path / "names.md").read_text(encoding="utf-8")
