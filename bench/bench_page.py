"""How fast the page of a large graph draws and answers in headless Chromium.

Generates the synthetic stance graph the page's tests use (tests/viz_fixtures.py:
`--actors` actors, seed 1: at 2,000 actors 3,953 stance edges, 7,838 statements, 71,625
alignment pairs), times the alignment and the page's writing in Python, then opens the
page from file:// in the system's Chromium (Playwright, `--runs` times, each in a fresh
browser context, 1400x900 window) and reads what the page records into its `#kg-status`:

* first draw: `performance.now()` (from the start of navigation, so the parse of the
  page's inlined data and script is included) at vis-network's first `afterDrawing`;
* interactive: the first task the page runs after that frame (a click is handled then);
* select: selecting the first actor (as the search box does: centred, its statements in
  the panel, the rest dimmed) until it is drawn; at 2,000 actors that is the busiest, a
  hub with about 570 neighbours, so the slowest case;
* date range: moving the end of the range to the first month until it is drawn.

Results go to bench/results/page.json and page.md. The machine is shared: run with nice.

    nice .venv/bin/python bench/bench_page.py
    nice .venv/bin/python bench/bench_page.py --actors 500 --runs 1
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "tests"))  # the graph generator the page's tests use

from viz_fixtures import synthetic_stance_graph  # noqa: E402

from kg.align import alignment  # noqa: E402
from kg.files import write_text_atomic  # noqa: E402
from kg.viz import visualize  # noqa: E402

READY = "() => { const s = document.getElementById('kg-status'); return s && s.textContent !== '{}' && JSON.parse(s.textContent).times.interactive; }"  # noqa: E501
# Run `action` in the page, then wait until the frame after next has been drawn: the
# milliseconds in between.
TIMED = """async (action) => {
  const started = performance.now();
  new Function("KG_PAGE", action)(window.KG_PAGE);
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  await frame();  // the page's own per-frame work (the date filter) runs here ...
  await frame();  // ... and vis-network's redraw by this one
  await new Promise((done) => setTimeout(done, 0));
  return performance.now() - started;
}"""
SELECT = "KG_PAGE.select(KG_PAGE.network().body.nodeIndices[0]);"
NARROW = "const to = document.getElementById('time-to'); to.value = 0; to.dispatchEvent(new Event('input'));"  # noqa: E501


def build_page(actors: int, folder: Path) -> dict[str, Any]:
    """The graph, its alignment and its page; the Python side's timings and sizes."""
    started = time.perf_counter()
    graph = synthetic_stance_graph(actors, seed=1)
    result = alignment(graph)
    aligned = time.perf_counter()
    page = visualize(result, folder / "page.html")
    written = time.perf_counter()
    return {
        "path": page,
        "actors": len(graph),
        "stance_edges": graph.number_of_edges(),
        "statements": sum(len(d["evidence"]) for *_e, d in graph.edges(data=True)),
        "pairs": len(result.pairs),
        "align_seconds": round(aligned - started, 2),
        "page_seconds": round(written - aligned, 2),
        "page_mb": round(page.stat().st_size / 1e6, 1),
    }


def measure(page: Path, runs: int, chromium: str) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            tab = context.new_page()
            tab.goto(page.resolve().as_uri())
            tab.wait_for_function(READY, timeout=180_000)
            status = json.loads(tab.text_content("#kg-status"))
            if status["errors"]:
                raise RuntimeError(f"the page reported errors: {status['errors']}")
            out.append(
                {
                    "first_draw_ms": status["times"]["firstDraw"],
                    "interactive_ms": status["times"]["interactive"],
                    "select_ms": round(tab.evaluate(TIMED, SELECT)),
                    "date_range_ms": round(tab.evaluate(TIMED, NARROW)),
                    "top_label_px": round(status["topLabelPx"], 1),
                    "nodes": status["nodes"],
                    "edges": status["edges"],
                }
            )
            context.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("bench_page: Chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        built = build_page(args.actors, Path(folder))
        runs = measure(built.pop("path"), args.runs, chromium)
    result = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"),
        "graph": built,
        "runs": runs,
        "median": {
            key: statistics.median(run[key] for run in runs)
            for key in ("first_draw_ms", "interactive_ms", "select_ms", "date_range_ms")
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_text_atomic(args.out / "page.json", json.dumps(result, indent=2) + "\n")
    write_text_atomic(args.out / "page.md", _markdown(result))
    print(_markdown(result))


def _markdown(result: dict[str, Any]) -> str:
    g, median = result["graph"], result["median"]
    lines = [
        "# The page in headless Chromium\n",
        f"{g['actors']:,} actors, {g['stance_edges']:,} stance edges, {g['statements']:,} "
        f"statements, {g['pairs']:,} alignment pairs ({result['date']}, {result['machine']}).",
        f"Alignment {g['align_seconds']} s, page {g['page_seconds']} s, {g['page_mb']} MB.\n",
        "| run | first draw | interactive | select an actor | narrow the dates | top label |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for number, run in enumerate(result["runs"], 1):
        lines.append(
            f"| {number} | {run['first_draw_ms']:,} ms | {run['interactive_ms']:,} ms "
            f"| {run['select_ms']} ms | {run['date_range_ms']} ms | {run['top_label_px']} px |"
        )
    lines.append(
        f"| median | {median['first_draw_ms']:,} ms | {median['interactive_ms']:,} ms "
        f"| {median['select_ms']} ms | {median['date_range_ms']} ms | |"
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
