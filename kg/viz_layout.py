"""Where the page puts each actor and which actors carry a label at first sight.

`layout(result)` computes every node's position in Python, so the browser draws at once
instead of running a force simulation over thousands of nodes (the page turns physics off
above a size; kg.viz). Actors are grouped by their alignment community (seeded Louvain,
kg.align); each community is laid out on its own with networkx's spring layout (seeded,
so a page is the same from run to run), and the communities are packed on shelves, the
largest first, so allies sit together and the canvas stays roughly square. Actors with
no positive tie (one-actor communities) share one block, busiest in the centre.

`label_tiers(result)` ranks actors by how busy they are (statements made plus stances
received): tier 0 is labelled at the first fit, tier 1 when zoomed in twice, tier 2 at
four times; how many are in tier 0 grows with the square root of the graph's size.

`community_colours(result)` gives the largest communities distinct colours for the
alignment view; the rest share a grey.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from kg.align import AlignmentResult

NODE_SPACING = 34.0  # canvas units per sqrt(actor): a community of n spans ~2*34*sqrt(n)
GROUP_GAP = 60.0  # canvas units between packed communities
SPRING_LIMIT = 300  # larger communities are split again (the spring layout is quadratic)
SPRING_ITERATIONS = 60
TOP_LABELS_MIN = 12  # always label at least this many actors at first fit ...
TOP_LABELS_MAX = 45  # ... and at most this many (more overlap at a readable size)
TIER_ONE_FACTOR = 4  # tier 1 holds this many times as many actors as tier 0
# Tableau-like colours that stay apart from each other and from the grey of the rest.
COMMUNITY_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#ad494a",
    "#637939",
)
OTHER_COMMUNITY_COLOUR = "#c7c7c7"

Position = tuple[float, float]


def layout(result: AlignmentResult, seed: int = 7) -> dict[str, Position]:
    """Deterministic positions for every actor of `result.stance` (see the module doc)."""
    communities, alone = _groups(result)
    ties = _Ties.of(result)
    blocks = [_community_positions(result, ties, group, seed) for group in communities]
    if alone:  # no ties to lay out: busiest in the centre of their block
        blocks.append(_sunflower(_by_activity(result, alone)))
    return _pack(blocks)


def _groups(result: AlignmentResult) -> tuple[list[list[str]], list[str]]:
    """Communities of two or more actors, largest first; and the actors alone in theirs."""
    members: dict[int, list[str]] = defaultdict(list)
    for actor in sorted(result.stance.nodes):
        members[result.communities.get(actor, 0)].append(actor)
    groups = sorted((g for g in members.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))
    alone = sorted(a for g in members.values() if len(g) == 1 for a in g)
    return groups, alone


@dataclass(frozen=True)
class _Ties:
    """Who is tied to whom, undirected: by stances (what the stance view draws), and by
    stances or positive alignment (what made the communities). Built once per layout."""

    stances: nx.Graph
    all: nx.Graph

    @classmethod
    def of(cls, result: AlignmentResult) -> _Ties:
        import networkx as nx

        stances = nx.Graph()
        stances.add_nodes_from(sorted(result.stance.nodes))
        stances.add_edges_from((s, t) for s, t in sorted(result.stance.edges()) if s != t)
        both = stances.copy()
        both.add_edges_from((p.a, p.b) for p in result.pairs if p.score > 0)
        return cls(stances, both)


def _community_positions(
    result: AlignmentResult, ties: _Ties, group: list[str], seed: int
) -> dict[str, Position]:
    """One community around (0, 0), within a radius of about NODE_SPACING * sqrt(size).
    A community too large for the spring layout (quadratic in its size) is split by
    Louvain on its stance ties (sparser than its alignment, so fast) and its parts packed
    like communities."""
    if len(group) < 3:
        return _sunflower(_by_activity(result, group))
    import networkx as nx

    if len(group) > SPRING_LIMIT:
        sub = _induced(ties.stances, group)
        parts = nx.community.louvain_communities(sub, seed=seed, resolution=2.0)
        if len(parts) == 1:
            return _sunflower(_by_activity(result, group))
        parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
        blocks = [_community_positions(result, ties, part, seed) for part in parts]
        return _centred(_pack(blocks))
    radius = NODE_SPACING * math.sqrt(len(group))
    sub = _induced(ties.all, group)
    raw = nx.spring_layout(sub, seed=seed, iterations=SPRING_ITERATIONS, scale=radius)
    return {actor: (float(x), float(y)) for actor, (x, y) in raw.items()}


def _induced(graph: nx.Graph, group: list[str]) -> nx.Graph:
    """The subgraph on `group` with nodes and edges in sorted order. networkx's subgraph
    view iterates a set, whose order changes with the process's string hashing, and the
    seeded layouts depend on the order: without this, every run drew another page."""
    import networkx as nx

    sub = nx.Graph()
    sub.add_nodes_from(group)
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.subgraph(group).edges()))
    return sub


def _centred(block: dict[str, Position]) -> dict[str, Position]:
    xs = [x for x, _ in block.values()]
    ys = [y for _, y in block.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {actor: (x - cx, y - cy) for actor, (x, y) in block.items()}


def _sunflower(actors: list[str]) -> dict[str, Position]:
    """Actors on a sunflower spiral, the first in the centre: even density, no overlap."""
    golden = math.pi * (3 - math.sqrt(5))
    step = NODE_SPACING * 0.9
    return {
        actor: (
            step * math.sqrt(i) * math.cos(i * golden),
            step * math.sqrt(i) * math.sin(i * golden),
        )
        for i, actor in enumerate(actors)
    }


def _pack(blocks: list[dict[str, Position]]) -> dict[str, Position]:
    """Blocks (each centred on 0, 0) side by side on shelves about as wide as the whole is
    tall, in the order given; coordinates rounded to one decimal (a smaller page)."""
    boxes = [_extent(block) for block in blocks]
    area = sum((2 * r + GROUP_GAP) ** 2 for r in boxes)
    width = max(math.sqrt(area) * 1.3, max((2 * r for r in boxes), default=0.0))
    out: dict[str, Position] = {}
    x = y = shelf = 0.0
    for block, r in zip(blocks, boxes, strict=True):
        size = 2 * r + GROUP_GAP
        if x > 0 and x + size > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        cx, cy = x + size / 2, y + size / 2
        for actor, (px, py) in block.items():
            out[actor] = (round(cx + px, 1), round(cy + py, 1))
        x += size
        shelf = max(shelf, size)
    return out


def _extent(block: dict[str, Position]) -> float:
    return max((math.hypot(x, y) for x, y in block.values()), default=0.0)


def _activity(result: AlignmentResult, actor: str) -> int:
    statements = int(result.stance.nodes[actor].get("statements", 0))
    return statements + int(result.stance.in_degree(actor, weight="count"))


def _by_activity(result: AlignmentResult, actors: list[str]) -> list[str]:
    return sorted(actors, key=lambda a: (-_activity(result, a), a))


def top_label_count(size: int) -> int:
    """How many actors are labelled at first fit: 1.5 sqrt(size), within bounds."""
    return min(size, max(TOP_LABELS_MIN, min(TOP_LABELS_MAX, round(1.5 * math.sqrt(size)))))


def label_tiers(result: AlignmentResult) -> dict[str, int]:
    """Actor -> 0 (labelled at first fit), 1 (at 2x zoom) or 2 (at 4x), busiest first."""
    ranked = _by_activity(result, list(result.stance.nodes))
    top = top_label_count(len(ranked))
    return {
        actor: 0 if i < top else 1 if i < top * (1 + TIER_ONE_FACTOR) else 2
        for i, actor in enumerate(ranked)
    }


def community_colours(result: AlignmentResult) -> dict[int, str]:
    """Community number -> colour: the largest communities of two or more actors get the
    palette's colours (numbers are by size, 1 = largest), the rest OTHER_COMMUNITY_COLOUR."""
    sizes: dict[int, int] = defaultdict(int)
    for number in result.communities.values():
        sizes[number] += 1
    shared = sorted(n for n, size in sizes.items() if size > 1)
    colours = dict(zip(shared, COMMUNITY_PALETTE, strict=False))
    return {n: colours.get(n, OTHER_COMMUNITY_COLOUR) for n in sorted(sizes)}


__all__ = [
    "OTHER_COMMUNITY_COLOUR",
    "community_colours",
    "label_tiers",
    "layout",
    "top_label_count",
]
