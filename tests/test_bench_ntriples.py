"""Smoke test of the triple writers' benchmark (not a timed test)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_ntriples

ROOT = Path(__file__).resolve().parent.parent


def test_bench_compares_with_a_baseline_and_writes_results(tmp_path: Path) -> None:
    argv = ["--count", "40", "--build-count", "10", "--repeat", "1", "--rounds", "1"]
    assert bench_ntriples.main([*argv, "--baseline", str(ROOT), "--out", str(tmp_path)]) == 0
    result = json.loads((tmp_path / "ntriples.json").read_text(encoding="utf-8"))
    assert set(result["stages"]) == {"nquads", "build_graph"}
    assert all(stage["ratio"] > 0 for stage in result["stages"].values())
    assert "| nquads | 40 |" in (tmp_path / "ntriples.md").read_text(encoding="utf-8")
