"""The HTML view in a real headless Chromium, loaded from file:// with networking off.

The page writes its state into a hidden `#kg-status` element (view, nodes and edges in the
drawn network, console errors, resource requests); `chromium --dump-dom` gives it back.
Skipped when Chromium is missing, except in CI (CI=true), where a missing browser fails.
Screenshots are kept in the test's tmp dir and copied to tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from viz_fixtures import synthetic_stance_graph

from kg.align import alignment
from kg.build import build_graph
from kg.records import load_statements
from kg.viz import visualize

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent / "queries" / "fixture_statements.jsonl"
ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--window-size=1400,900",
)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is required in CI (scripts/test-deps.sh installs it)")
    pytest.skip("Chromium not installed (apt-get install chromium); browser test skipped")


def _run(browser: str, profile: Path, *args: str, budget_ms: int) -> str:
    command = [
        browser,
        *FLAGS,
        f"--user-data-dir={profile}",
        f"--virtual-time-budget={budget_ms}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def load(browser: str, page: Path, tmp: Path, view: str = "", budget_ms: int = 8000) -> dict:
    """The page's #kg-status after loading; on a busy machine the first frame can miss the
    virtual-time budget, so a status without any draw is retried once with a larger one."""
    url = page.resolve().as_uri() + (f"#{view}" if view else "")
    for budget in (budget_ms, budget_ms * 3):
        dom = _run(browser, tmp / "profile", "--dump-dom", url, budget_ms=budget)
        match = re.search(r'<pre id="kg-status"[^>]*>(.*?)</pre>', dom, re.DOTALL)
        assert match, "no #kg-status in the dumped DOM"
        status = json.loads(html_lib.unescape(match.group(1)))
        if status.get("draws", 0) >= 1:
            break
    return status


def screenshot(browser: str, page: Path, tmp: Path, name: str, view: str = "") -> Path:
    shot = tmp / name
    url = page.resolve().as_uri() + (f"#{view}" if view else "")
    _run(browser, tmp / "profile", f"--screenshot={shot}", url, budget_ms=8000)
    assert shot.is_file() and shot.stat().st_size > 10_000, f"{shot}: no usable screenshot"
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / name)
    return shot


@pytest.fixture(scope="module")
def browser() -> str:
    return _chromium()


def test_fixture_page_draws_every_node_without_errors(browser: str, tmp_path: Path) -> None:
    result = alignment(build_graph(load_statements([FIXTURE]).statements))
    page = visualize(result, tmp_path / "graph.html")
    stance = load(browser, page, tmp_path)
    print("stance view status:", stance)  # shown when an assertion below fails
    assert stance["errors"] == []
    assert stance["vis"] is True
    assert stance["resources"] == []  # not one network request
    assert stance["view"] == "stance"
    assert stance["nodes"] == len(result.stance) and stance["draws"] >= 1
    ties = sum(
        len(d["sponsors"]) + len(d["affiliations"]) for _n, d in result.stance.nodes(data=True)
    )
    assert stance["edges"] == result.stance.number_of_edges() + ties
    aligned = load(browser, page, tmp_path, view="alignment")
    print("alignment view status:", aligned)
    assert aligned["errors"] == [] and aligned["view"] == "alignment"
    assert aligned["nodes"] == len(result.stance)
    assert aligned["edges"] == sum(1 for p in result.pairs if p.score != 0)
    screenshot(browser, page, tmp_path, "viz-stance.png")
    screenshot(browser, page, tmp_path, "viz-alignment.png", view="alignment")


def test_two_thousand_actors_load(browser: str, tmp_path: Path) -> None:
    result = alignment(synthetic_stance_graph(2000, seed=1))
    page = visualize(result, tmp_path / "big.html")
    status = load(browser, page, tmp_path, budget_ms=30000)
    print("status:", status)
    assert status["errors"] == [] and status["resources"] == []
    assert status["nodes"] == 2000 and status["draws"] >= 1
    assert status["physics"] is False  # the capped stabilisation finished and froze
