"""Smoke test of the page benchmark on a small graph (not a timed test)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_page

pytestmark = pytest.mark.browser


def test_bench_runs_and_writes_results(tmp_path: Path) -> None:
    ci = os.environ.get("CI", "").lower() == "true"
    if shutil.which("chromium") is None or importlib.util.find_spec("playwright") is None:
        if ci:
            pytest.fail("Chromium and Playwright are required in CI")
        pytest.skip("Chromium or Playwright not installed; the page benchmark needs both")
    bench_page.main(["--actors", "60", "--runs", "1", "--out", str(tmp_path)])
    result = json.loads((tmp_path / "page.json").read_text(encoding="utf-8"))
    (run,) = result["runs"]
    assert run["nodes"] == 60 and run["first_draw_ms"] > 0
    assert run["interactive_ms"] >= run["first_draw_ms"]
    assert "first draw" in (tmp_path / "page.md").read_text(encoding="utf-8")
