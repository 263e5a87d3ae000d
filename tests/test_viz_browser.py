"""The HTML view in a real headless Chromium (Playwright driving the system's Chromium),
loaded from file:// with no network.

The page writes its state into a hidden `#kg-status` element (view, nodes and edges in the
drawn network, the selected actor, the date range, the on-screen size of the top labels,
timings, console errors, resource requests). Tests click, type and press keys as a user
would, and read that status and the details panel. Skipped when Chromium or Playwright is
missing, except in CI (CI=true), where a missing browser fails. Screenshots go to
tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from viz_fixtures import PAYLOAD_NAME, payload_stance_graph, synthetic_stance_graph

from kg.align import alignment
from kg.build import build_graph
from kg.records import load_statements
from kg.viz import stance_colours, visualize

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent / "queries" / "fixture_statements.jsonl"
ARTIFACTS = Path(__file__).parent / "artifacts"
ACTOR = "https://w3id.org/kg-armed-groups/id/actor/"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
READY = "() => { const s = document.getElementById('kg-status'); return s && s.textContent !== '{}' && JSON.parse(s.textContent).times.interactive; }"  # noqa: E501


def _missing(what: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is required in CI (scripts/setup.sh and scripts/test-deps.sh)")
    pytest.skip(f"{what} not installed; browser test skipped")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    _missing("Chromium (apt-get install chromium)")
    raise AssertionError  # not reached


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright (pip install -e '.[dev]')")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=executable, args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser: Any, page_file: Path, view: str = "", timeout_ms: int = 60_000) -> Any:
    """A tab showing `page_file`, once it has drawn and can take input."""
    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    tab.goto(page_file.resolve().as_uri() + (f"#{view}" if view else ""))
    tab.wait_for_function(READY, timeout=timeout_ms)
    return tab


def status(tab: Any) -> dict:
    return json.loads(tab.text_content("#kg-status"))


def wait_status(tab: Any, condition: str) -> dict:
    """The status once `condition` (JavaScript over the status `s`) holds: the page filters
    once per frame, so a moved slider shows in the next one."""
    tab.wait_for_function(
        f"() => {{ const s = JSON.parse(document.getElementById('kg-status').textContent); return {condition}; }}"  # noqa: E501
    )
    return status(tab)


def screenshot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / name))


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    result = alignment(build_graph(load_statements([FIXTURE]).statements))
    return visualize(result, tmp_path_factory.mktemp("page") / "graph.html"), result


def test_fixture_page_draws_every_node_without_errors(browser: Any, fixture_page) -> None:
    page, result = fixture_page
    tab = open_page(browser, page)
    stance = status(tab)
    print("stance view status:", stance)  # shown when an assertion below fails
    assert stance["errors"] == [] and stance["vis"] is True
    assert stance["resources"] == []  # not one network request
    assert stance["view"] == "stance"
    assert stance["nodes"] == len(result.stance) and stance["draws"] >= 1
    ties = sum(
        len(d["sponsors"]) + len(d["affiliations"]) for _n, d in result.stance.nodes(data=True)
    )
    assert stance["edges"] == result.stance.number_of_edges() + ties
    assert stance["topLabelPx"] >= 12  # the busiest actors' labels are readable at first fit
    screenshot(tab, "viz-stance.png")
    tab.close()
    aligned = status(tab := open_page(browser, page, view="alignment"))
    print("alignment view status:", aligned)
    assert aligned["errors"] == [] and aligned["view"] == "alignment"
    assert aligned["nodes"] == len(result.stance)
    assert 0 < aligned["edges"] <= sum(1 for p in result.pairs if p.score != 0)
    assert "community" in tab.text_content("#communities")
    screenshot(tab, "viz-alignment.png")
    tab.close()


def test_clicking_an_actor_lists_its_statements(browser: Any, fixture_page) -> None:
    page, _ = fixture_page
    tab = open_page(browser, page)
    kh = ACTOR + "kataib-hezbollah"
    # Where vis-network drew the actor, in page coordinates: then a real mouse click.
    x, y = tab.evaluate(
        """(id) => {
          const net = KG_PAGE.network(), p = net.canvasToDOM(net.getPositions([id])[id]);
          const box = document.querySelector('#network canvas').getBoundingClientRect();
          return [box.left + p.x, box.top + p.y];
        }""",
        kh,
    )
    tab.mouse.click(x, y)
    tab.wait_for_function(
        f"() => JSON.parse(document.getElementById('kg-status').textContent).selected === '{kh}'"
    )
    details = tab.text_content("#details")
    assert "Stances taken (2)" in details
    assert "the group said Washington alone carries the blame" in details  # the quote
    assert "2024-02-03" in details and "United States" in details  # date and target
    assert "Stances toward Kata'ib Hezbollah (1)" in details  # ... and as a target
    assert tab.locator("#details a[href='https://example.org/q/002']").count() >= 1
    assert tab.locator("#timeline rect").count() == 1  # one month with statements
    # Its edges keep their stance colour; everything else is dimmed.
    styles = tab.evaluate(
        """(id) => Object.values(KG_PAGE.network().body.edges).map((e) => [
             e.fromId === id || e.toId === id, e.options.color.color, e.options.color.opacity])""",
        kh,
    )
    own = [(colour, opacity) for mine, colour, opacity in styles if mine]
    assert own and all(opacity == 1 for _, opacity in own)
    assert stance_colours()["threatens"][0] in {colour for colour, _ in own}  # registry's
    assert all(opacity < 0.2 for mine, _, opacity in styles if not mine)
    screenshot(tab, "viz-selected.png")
    tab.close()


def test_moving_the_time_range_hides_edges(browser: Any, fixture_page) -> None:
    page, _ = fixture_page
    tab = open_page(browser, page)
    before = status(tab)
    tab.focus("#time-to")
    tab.keyboard.press("Home")  # the range ends with the first month
    first = before["range"][0]
    after = wait_status(tab, f"s.range[1] === '{first}'")
    print(before, after)
    assert after["range"] == [first, first]
    assert after["edges"] < before["edges"]
    assert tab.text_content("#time-label").startswith(f"{first} to {first}: ")
    tab.keyboard.press("End")  # back to every date
    assert wait_status(tab, f"s.range[1] === '{before['range'][1]}'")["edges"] == before["edges"]
    tab.close()


@pytest.mark.parametrize(
    ("typed", "actor"),
    [
        ("houthis", "ansar-allah"),
        ("US", "united-states"),
        ("KH", "kataib-hezbollah"),
        ("Hizbullah Brigades", "kataib-hezbollah"),
        # misspelt: the closest spelling, as kg.names matches names
        ("Hizbolla Brigades", "kataib-hezbollah"),
        ("Ansarulah", "ansar-allah"),
    ],
)
def test_search_finds_actors_by_their_aliases(
    browser: Any, fixture_page, typed: str, actor: str
) -> None:
    page, _ = fixture_page
    tab = open_page(browser, page)
    tab.fill("#search", typed)
    tab.keyboard.press("Enter")
    assert status(tab)["selected"] == ACTOR + actor
    tab.close()


def test_alignment_threshold_hides_weak_pairs(browser: Any, fixture_page) -> None:
    page, _ = fixture_page
    tab = open_page(browser, page, view="alignment")
    tab.select_option("#align-topk", "0")  # every pair on the page
    every = status(tab)["edges"]
    tab.focus("#align-threshold")
    for _ in range(20):  # |score| >= 1.0
        tab.keyboard.press("ArrowRight")
    strong = status(tab)["edges"]
    assert 0 < strong < every
    tab.close()


def test_no_payload_in_a_name_or_quote_runs(browser: Any, tmp_path: Path) -> None:
    page = visualize(alignment(payload_stance_graph()), tmp_path / "p.html", title=PAYLOAD_NAME)
    tab = open_page(browser, page)
    tab.fill("#search", "raiders")  # search results show the name
    assert "Raiders" in tab.text_content("#search-results")
    tab.keyboard.press("Enter")  # the panel lists both quotes and the source title
    assert status(tab)["selected"] == ACTOR + "payload-raiders"
    assert tab.text_content("#details").count("window.KG_PWNED") >= 2  # shown as text
    for actor in ("payload-raiders", "payload-town"):  # tooltips
        x, y = tab.evaluate(
            """(id) => {
              const net = KG_PAGE.network(), p = net.canvasToDOM(net.getPositions([id])[id]);
              const box = document.querySelector('#network canvas').getBoundingClientRect();
              return [box.left + p.x, box.top + p.y];
            }""",
            ACTOR + actor,
        )
        tab.mouse.move(x, y)
        tab.wait_for_timeout(400)
    tab.focus("#time-to")
    tab.keyboard.press("Home")  # redraws the panel and the tooltips' texts
    final = wait_status(tab, "s.range[0] === s.range[1]")
    assert tab.evaluate("window.KG_PWNED") is None
    assert tab.title() == PAYLOAD_NAME  # the title element holds the name as text
    assert tab.locator("#details img, #search-results img, .vis-tooltip img").count() == 0
    assert tab.locator("#details a[href^='javascript']").count() == 0
    assert final["errors"] == [] and final["resources"] == []
    tab.close()


def test_two_thousand_actors_draw_fast(browser: Any, tmp_path: Path) -> None:
    page = visualize(alignment(synthetic_stance_graph(2000, seed=1)), tmp_path / "big.html")
    tab = open_page(browser, page, timeout_ms=120_000)
    state = status(tab)
    print("status:", {k: v for k, v in state.items() if k != "resources"})
    assert state["errors"] == [] and state["resources"] == []
    assert state["nodes"] == 2000 and state["physics"] is False
    assert state["topLabelPx"] >= 12
    # bench/bench_page.py measures it properly (about 2 s); a loaded test machine is slower
    assert state["times"]["firstDraw"] < 15_000
    tab.fill("#search", "Actor 15")
    tab.keyboard.press("Enter")
    assert status(tab)["selected"] == f"{ACTOR}a00015"
    assert "Stances toward Actor 15" in tab.text_content("#details")
    tab.close()
