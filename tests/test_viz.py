"""kg.viz: the page is self-contained, carries both views, and scales to 2,000 actors."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from viz_fixtures import (
    PAYLOAD_NAME,
    PAYLOAD_QUOTE,
    payload_stance_graph,
    synthetic_stance_graph,
)

from kg.align import alignment
from kg.build import build_graph
from kg.cli import main
from kg.graphio import write_graph
from kg.records import load_statements
from kg.viz import (
    ALIGNMENT_EDGES_PER_NODE,
    ALIGNMENT_TOP_K,
    PHYSICS_FULL_LIMIT,
    VizError,
    build_networks,
    render_page,
    stance_colours,
    visualize,
)

FIXTURE = Path(__file__).parent / "queries" / "fixture_statements.jsonl"
EXTERNAL_REF = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def result():
    return alignment(build_graph(load_statements([FIXTURE]).statements))


def page_data(html: str) -> dict:
    match = re.search(r"const KG_DATA = (\{.*?\});\n?</script>", html, re.DOTALL)
    assert match, "no KG_DATA in the page"
    return json.loads(match.group(1))


def test_page_is_self_contained(result, tmp_path: Path) -> None:
    html = visualize(result, tmp_path / "g.html").read_text(encoding="utf-8")
    assert not EXTERNAL_REF.search(html), EXTERNAL_REF.search(html)
    assert not re.search(r"@import|url\(\s*[\"']?https?:", html, re.IGNORECASE)
    for host in ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com"):
        assert host not in html  # pyvis's template links these; ours must not
    assert "vis-network" in html and "new vis.Network" in html
    assert "<script src" not in html and "<link" not in html


def test_page_carries_both_views(result, tmp_path: Path) -> None:
    data = page_data(visualize(result, tmp_path / "g.html", view="alignment").read_text())
    assert data["initialView"] == "alignment"
    stance, aligned = data["views"]["stance"], data["views"]["alignment"]
    assert len(stance["nodes"]) == len(aligned["nodes"]) == len(result.stance)
    stance_edges = [e for e in stance["edges"] if not e["kg"].get("tie")]
    assert len(stance_edges) == result.stance.number_of_edges()
    kh = next(n for n in stance["nodes"] if n["label"] == "Kata'ib Hezbollah")
    assert kh["shape"] == "diamond" and kh["kg"]["sponsors"] == ["Iran"]  # sponsored mark
    assert all(e["color"]["color"].startswith("#") and e["kg"]["statements"] for e in stance_edges)
    threat = next(
        e for e in stance_edges if e["from"] == kh["id"] and e["kg"]["stance"] == "threatens"
    )
    (row,) = [data["statements"][i] for i in threat["kg"]["statements"]]
    date, reported, quote, source = row
    assert (date, reported) == ("2024-02-03", 0) and quote.startswith("the group said Washington")
    assert data["sources"][source]["url"] == "https://example.org/q/002"
    # Selecting an actor must not turn its edges grey: highlight keeps the stance colour.
    assert all(e["color"]["highlight"] == e["color"]["color"] for e in stance["edges"])
    assert {e["kg"]["sign"] for e in aligned["edges"]} == {"aligned", "opposed"}
    assert all(e["dashes"] for e in aligned["edges"] if e["kg"]["sign"] == "opposed")


def test_legend_and_edge_colours_follow_the_registry(result, tmp_path: Path) -> None:
    from kg.stances import load_stances

    data = page_data(visualize(result, tmp_path / "g.html").read_text())
    stances = load_stances()
    assert list(stance_colours()) == [s.id for s in stances]
    assert data["stanceOrder"][: len(stances)] == [s.id for s in stances]
    for s in stances:
        assert data["stances"][s.id] == {"colour": s.colour, "label": s.label, "tie": False}
    for edge in data["views"]["stance"]["edges"]:
        if not edge["kg"].get("tie"):
            assert edge["color"]["color"] == data["stances"][edge["kg"]["stance"]]["colour"]


def test_text_cannot_break_out_of_the_script(tmp_path: Path) -> None:
    graph = synthetic_stance_graph(30, seed=3)  # quotes contain "</script> & <b>"
    html = render_page(build_networks(alignment(graph)), title="<b>t</b>", initial_view="stance")
    body = html.split("const KG_DATA = ", 1)[1]
    assert "</script> &" not in body and "\\u003c/script\\u003e" in body
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in html


def test_payloads_in_names_and_quotes_stay_data(tmp_path: Path) -> None:
    html = render_page(
        build_networks(alignment(payload_stance_graph())), title=PAYLOAD_NAME, initial_view="stance"
    )
    plain = render_page(
        build_networks(alignment(synthetic_stance_graph(5))), title="t", initial_view="stance"
    )
    # No markup from the data anywhere: as many script elements as a page without payloads.
    assert html.lower().count("<script") == plain.lower().count("<script")
    assert "<img" not in html and 'onerror="' not in html.split("const KG_DATA", 1)[1]
    data = page_data(html)
    assert PAYLOAD_NAME in [n["label"] for n in data["views"]["stance"]["nodes"]]
    assert {row[2] for row in data["statements"]} == {PAYLOAD_QUOTE}  # intact, as data
    # The page's script writes text with textContent only (never innerHTML and friends).
    template = Path(__file__).parents[1].joinpath("kg/templates/viz.html").read_text("utf-8")
    script = template.split("/*KG:DATA*/", 1)[1]
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink


def test_alignment_edges_carry_ranks_for_the_top_k_filter(result, tmp_path: Path) -> None:
    data = page_data(visualize(result, tmp_path / "g.html").read_text())
    edges = data["views"]["alignment"]["edges"]
    assert data["alignmentTopK"] == ALIGNMENT_TOP_K
    by_actor: dict[str, list[tuple[int, float]]] = {}
    for e in edges:
        for end, rank in zip((e["from"], e["to"]), e["kg"]["rank"], strict=True):
            by_actor.setdefault(end, []).append((rank, abs(e["kg"]["score"])))
    for ranked in by_actor.values():
        ranked.sort()
        assert [r for r, _ in ranked] == list(range(len(ranked)))  # 0, 1, 2 ... per actor
        assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
    colours = data["communityColours"]
    assert {str(n["kg"]["community"]) for n in data["views"]["alignment"]["nodes"]} <= set(colours)


def test_actors_carry_their_search_names_and_label_tiers(result, tmp_path: Path) -> None:
    nodes = page_data(visualize(result, tmp_path / "g.html").read_text())["views"]["stance"][
        "nodes"
    ]
    kh = next(n for n in nodes if n["label"] == "Kata'ib Hezbollah")
    assert {"kh", "hizbullah brigades"} <= set(kh["kg"]["names"])
    assert {n["kg"]["tier"] for n in nodes} <= {0, 1, 2}
    assert all(isinstance(n["x"], float | int) and isinstance(n["y"], float | int) for n in nodes)


def test_two_thousand_actors_without_the_quadratic_path() -> None:
    result = alignment(synthetic_stance_graph(2000, seed=1))
    started = time.perf_counter()
    networks = build_networks(result)
    html = render_page(networks, title="big", initial_view="stance")
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"building the page took {elapsed:.1f} s"
    stance = networks["stance"]
    assert len(stance.nodes) == 2000
    assert all("x" in n and "y" in n for n in stance.nodes)  # precomputed positions
    options = stance.options
    assert PHYSICS_FULL_LIMIT < 2000 and options["layout"]["improvedLayout"] is False
    assert options["physics"]["enabled"] is False  # the layout is Python's; a button starts it
    assert options["edges"]["smooth"]["enabled"] is False
    # The alignment view keeps each actor's strongest pairs, not all of them.
    kept = len(networks["alignment"].edges)
    assert kept <= 2000 * ALIGNMENT_EDGES_PER_NODE < len(result.pairs)
    assert "strongest" in networks["alignment"].kg_note
    assert len(html) < 30_000_000


def test_errors_and_cli(result, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(VizError, match="unknown view"):
        visualize(result, tmp_path / "x.html", view="map")
    graph = tmp_path / "graph.ttl"
    write_graph(build_graph(load_statements([FIXTURE]).statements), graph)
    out = tmp_path / "page.html"
    assert main(["viz", "--graph", str(graph), "-o", str(out), "--view", "alignment"]) == 0
    assert "wrote" in capsys.readouterr().err
    assert page_data(out.read_text())["initialView"] == "alignment"
    assert main(["viz", "--graph", str(tmp_path / "none.ttl"), "-o", str(out)]) == 2


def test_since_until_keep_only_the_statements_of_those_dates(
    sample_records, sample_graph: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.timeframe import DateWindow

    out = tmp_path / "page.html"
    args = ["viz", "--graph", str(sample_graph), "-o", str(out), "--since", "2024-07-01"]
    assert main(args) == 0
    err = capsys.readouterr().err
    window = DateWindow(since="2024-07-01")
    kept = [r for r in sample_records if window.contains(r.analysis_date)]
    left_out = len(sample_records) - len(kept)
    assert re.search(r"kept \d+ statements; left out \d+ outside the dates and \d+ with no", err)
    assert left_out > 0
    edges = page_data(out.read_text())["views"]["stance"]["edges"]
    shown = {e["id"] for e in edges if not e["kg"].get("tie")}
    alone = alignment(build_graph(kept)).stance
    assert shown == {f"{s}|{k}|{t}" for s, t, k in alone.edges(keys=True)}
    assert main(["viz", "--graph", str(sample_graph), "-o", str(out), "--until", "May"]) == 2
    assert "--until: 'May' is not a date" in capsys.readouterr().err
