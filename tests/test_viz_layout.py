"""kg.viz_layout: positions from Python, label tiers, community colours."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from viz_fixtures import synthetic_stance_graph

from kg.align import alignment
from kg.viz_layout import (
    OTHER_COMMUNITY_COLOUR,
    community_colours,
    label_tiers,
    layout,
    top_label_count,
)


@pytest.fixture(scope="module")
def small():
    return alignment(synthetic_stance_graph(120, seed=4))


def test_layout_places_every_actor_deterministically_and_apart(small) -> None:
    positions = layout(small)
    assert set(positions) == set(small.stance.nodes)
    assert positions == layout(small)  # seeded: the same page every run
    points = sorted(positions.values())
    distinct = {(round(x), round(y)) for x, y in points}
    assert len(distinct) == len(points)  # no two actors on one spot


def test_layout_keeps_communities_together(small) -> None:
    positions = layout(small)

    def centre(members: list[str]) -> tuple[float, float]:
        xs, ys = zip(*(positions[m] for m in members), strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)

    groups: dict[int, list[str]] = {}
    for actor, number in small.communities.items():
        groups.setdefault(number, []).append(actor)
    big = sorted((g for g in groups.values() if len(g) >= 5), key=len, reverse=True)[:2]
    assert len(big) == 2
    (ax, ay), (bx, by) = centre(big[0]), centre(big[1])
    spread = max(math.dist(positions[m], (ax, ay)) for m in big[0])
    assert math.dist((ax, ay), (bx, by)) > spread / 2  # two blocks, not one mixed cloud


def test_layout_of_two_thousand_actors_is_fast() -> None:
    result = alignment(synthetic_stance_graph(2000, seed=1))
    started = time.perf_counter()
    positions = layout(result)
    elapsed = time.perf_counter() - started
    assert len(positions) == 2000
    assert elapsed < 5, f"layout took {elapsed:.1f} s"
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.5 < width / height < 2  # roughly square: fits a screen without wasted space


def test_the_busiest_actors_are_labelled_first(small) -> None:
    tiers = label_tiers(small)
    assert set(tiers) == set(small.stance.nodes) and set(tiers.values()) <= {0, 1, 2}
    top = [a for a, t in tiers.items() if t == 0]
    assert len(top) == top_label_count(len(tiers))

    def activity(actor: str) -> int:
        data = small.stance.nodes[actor]
        return data["statements"] + small.stance.in_degree(actor, weight="count")

    assert min(activity(a) for a in top) >= max(activity(a) for a, t in tiers.items() if t)


@pytest.mark.parametrize(("size", "labelled"), [(5, 5), (40, 12), (86, 14), (400, 30), (2000, 45)])
def test_top_label_count_grows_with_the_square_root(size: int, labelled: int) -> None:
    assert top_label_count(size) == labelled


def test_largest_communities_get_distinct_colours(small) -> None:
    colours = community_colours(small)
    assert set(colours) == set(small.communities.values())
    sizes = {n: list(small.communities.values()).count(n) for n in colours}
    shared = [colours[n] for n in sorted(colours) if sizes[n] > 1]
    named = [c for c in shared if c != OTHER_COMMUNITY_COLOUR]
    assert named and len(set(named)) == len(named)
    assert all(colours[n] == OTHER_COMMUNITY_COLOUR for n in colours if sizes[n] == 1)


def test_layout_does_not_depend_on_string_hashing() -> None:
    """Another process (another PYTHONHASHSEED) draws the same page."""
    code = (
        "import json, sys; sys.path.insert(0, 'tests');"
        "from viz_fixtures import synthetic_stance_graph;"
        "from kg.align import alignment; from kg.viz_layout import layout;"
        "print(json.dumps(sorted(layout(alignment(synthetic_stance_graph(400, seed=4))).items())))"
    )
    root = Path(__file__).resolve().parent.parent
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
