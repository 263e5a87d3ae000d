"""The interactive HTML view: one self-contained page with the stance and alignment graphs.

`visualize(source, path)` draws a kg graph (or an AlignmentResult already computed) with
pyvis: each view is a `pyvis.network.Network` whose `nodes` / `edges` lists we fill
directly (pyvis's `add_edge` scans the node list for every edge, which is quadratic), and
the page is rendered from our own template (kg/templates/viz.html) rather than pyvis's,
because pyvis 0.3.2 links Bootstrap and vis-network from CDNs whatever `cdn_resources`
says. The vis-network script and stylesheet shipped inside the pyvis package are inlined,
so the page opens from file:// and makes no network request at all.

The page: node colour by actor type (by community in the alignment view), sponsored
actors drawn as diamonds with a dark border, edge colour by stance (the colours and legend
labels of the stance registry, data/stances.yaml; alignment view: green aligned, red dashed
opposed), edge width by count (or |score|); the busiest actors labelled at first sight,
the rest as one zooms in (kg.viz_layout); tooltips; a details panel with an actor's or an
edge's statements (date, stance, target, quote, source link) and a month-by-month timeline;
a date range that filters statements and edges; the alignment view's |score| threshold and
top-k per actor; filters by stance and actor type; a search box that knows the gazetteer's
aliases (kg.viz_data); a switch between the two views (`#alignment` in the URL opens the
alignment view). Positions are computed in Python (kg.viz_layout) and physics is off above
PHYSICS_FULL_LIMIT actors, so 2,000 actors draw in about 1.4 s (bench/bench_page.py).

Every text of the data reaches the page as JSON inside a script element (escaped for it)
and is put into the document by the page's script through textContent, never as HTML.
"""

from __future__ import annotations

import html
import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.files import write_text_atomic
from kg.stances import load_stances
from kg.viz_data import pair_ranks, search_names, statement_table
from kg.viz_layout import community_colours, label_tiers, layout

if TYPE_CHECKING:
    from pyvis.network import Network
    from rdflib import Graph

    from kg.align import AlignmentResult
    from kg.timeframe import DateWindow

VIEWS = ("stance", "alignment")
VIS_VERSION = "9.1.2"

TYPE_COLOURS = {
    "ArmedGroup": ("#e6550d", "armed group"),
    "UmbrellaFront": ("#fdae6b", "umbrella front"),
    "Person": ("#9ecae1", "person"),
    "State": ("#3182bd", "state"),
    "Organization": ("#74c476", "organisation"),
    "MediaOutlet": ("#9e9ac8", "media outlet"),
    "OtherTarget": ("#d9d9d9", "other target"),
    "Actor": ("#a0a0a0", "actor (type unknown)"),
}
# Ties shown in the stance view (dotted, no arrowhead semantics beyond direction).
TIE_COLOURS = {
    "sponsoredBy": ("#222222", "sponsored by (text says)"),
    "affiliatedWith": ("#8c8c8c", "affiliated with"),
}
ALIGNED_COLOUR = "#33a02c"
OPPOSED_COLOUR = "#e31a1c"
SPONSOR_BORDER = "#111111"

PHYSICS_FULL_LIMIT = 300  # up to this many nodes physics tidies the layout; above, off
STABILISE_SMALL = 150  # stabilisation iterations for small graphs (from Python's layout)
LABEL_MIN_PX = 11  # labels smaller than this on screen are not drawn (vis drawThreshold)
LABEL_MAX_PX = 18  # ... nor drawn larger than this however far one zooms in
LABEL_PX = 14  # the on-screen size of a label when its tier first shows (the page's script)
ALIGNMENT_TOP_K = 3  # the alignment view first shows each actor's 3 strongest pairs
ALL_PAIRS_LIMIT = 3_000  # up to this many pairs the alignment view shows them all
ALIGNMENT_EDGES_PER_NODE = 8  # ... above it, the strongest pairs of each actor
MAX_ALIGNMENT_EDGES = 20_000


class VizError(ValueError):
    """A view that cannot be drawn; the message says why."""


def visualize(
    source: Graph | AlignmentResult | str | Path | list,
    path: str | Path,
    *,
    view: str = "stance",
    title: str = "kg: statements by armed groups",
    window: DateWindow | None = None,
) -> Path:
    """Write the self-contained HTML page for `source` (a kg graph, a graph file, or an
    AlignmentResult) to `path`, opening on `view` ("stance" or "alignment"); with a
    `window`, of the statements whose analysis date falls in it (a graph source only)."""
    from kg.align import AlignmentResult, alignment

    if view not in VIEWS:
        raise VizError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
    if isinstance(source, str | Path | list | tuple):
        from kg.graphio import read_graph

        source = read_graph(source)
    if isinstance(source, AlignmentResult):
        if window is not None:
            raise VizError("a date window applies to a graph, not to an alignment result")
        result = source
    else:
        result = alignment(source, window=window)
    networks = build_networks(result)
    page = render_page(networks, title=title, initial_view=view)
    write_text_atomic(path, page)
    return Path(path)


def stance_colours() -> dict[str, tuple[str, str]]:
    """Stance id -> (edge colour, legend label), in registry order (data/stances.yaml)."""
    return {s.id: (s.colour, s.label) for s in load_stances()}


# --- networks -----------------------------------------------------------------------------


def build_networks(result: AlignmentResult) -> dict[str, Network]:
    """One pyvis Network per view, filled directly (no add_node / add_edge), on positions
    computed here (kg.viz_layout), so the browser can draw without a simulation."""
    stance = result.stance
    large = len(stance) > PHYSICS_FULL_LIMIT
    positions = layout(result)
    tiers = label_tiers(result)
    names = search_names(stance)
    nodes = [
        _node(actor, data, result, positions, tiers, names)
        for actor, data in stance.nodes(data=True)
    ]
    nodes.sort(key=lambda n: n["id"])
    statements, rows, sources = statement_table(stance)
    networks = {
        "stance": _network(nodes, _stance_edges(result, statements, curved=not large), True),
        "alignment": _network(nodes, _alignment_edges(result), False),
    }
    # What the page carries besides nodes and edges rides on the Networks (render_page).
    kept = len(networks["alignment"].edges)
    networks["alignment"].kg_note = (
        f"the {kept} strongest of {len(result.pairs)} pairs are on the page"
        if kept < len(result.pairs)
        else ""
    )
    networks["alignment"].kg_communities = community_colours(result)
    networks["stance"].kg_note = ""
    networks["stance"].kg_statements = rows
    networks["stance"].kg_sources = sources
    return networks


def _network(nodes: list[dict], edges: list[dict], directed: bool) -> Network:
    from pyvis.network import Network

    net = Network(directed=directed, cdn_resources="in_line", height="100%", width="100%")
    net.nodes = [dict(node) for node in nodes]
    net.node_ids = [node["id"] for node in nodes]
    net.node_map = {node["id"]: node for node in net.nodes}
    net.edges = edges
    net.options = _options(len(nodes), directed)
    return net


def _options(size: int, directed: bool) -> dict[str, Any]:
    """vis-network options. Positions come from Python: above PHYSICS_FULL_LIMIT actors
    physics is off (the page's physics button starts it); below, a short stabilisation
    from those positions tidies them. Labels: drawn only from LABEL_MIN_PX on screen (the
    page sizes each actor's font by its tier, and caps it at LABEL_MAX_PX)."""
    large = size > PHYSICS_FULL_LIMIT
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": not large,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000 if large else -9000,
                "springLength": 140,
                "springConstant": 0.03,
                "damping": 0.4,
                "avoidOverlap": 0.2,
            },
            "stabilization": {
                "enabled": not large,
                "iterations": STABILISE_SMALL,
                "updateInterval": 25,
                "fit": True,
            },
            "minVelocity": 1.0,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            # maxVisible is left out of reach: in vis-network 9.1.2 a capped label fades out
            # (the page's script caps label sizes itself)
            "scaling": {"label": {"drawThreshold": LABEL_MIN_PX, "maxVisible": 10_000}},
        },
        "edges": {
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
            "smooth": {"enabled": not large, "type": "curvedCW", "roundness": 0.15},
            "selectionWidth": 2,
        },
    }


def _node(
    actor: str,
    data: dict[str, Any],
    result: AlignmentResult,
    positions: dict[str, tuple[float, float]],
    tiers: dict[str, int],
    names: dict[str, list[str]],
) -> dict[str, Any]:
    kind = data.get("type", "Actor")
    colour = TYPE_COLOURS.get(kind, TYPE_COLOURS["Actor"])[0]
    sponsors = [result.label(s) if s in result.stance else s for s in data.get("sponsors", ())]
    parents = [result.label(p) if p in result.stance else p for p in data.get("affiliations", ())]
    statements = int(data.get("statements", 0))
    targeted = int(result.stance.in_degree(actor, weight="count"))
    sponsored = bool(sponsors)
    x, y = positions[actor]
    return {
        "id": actor,
        "label": str(data.get("label", actor)),
        "x": x,
        "y": y,
        "shape": "diamond" if sponsored else "dot",
        "size": round(10 + 3 * math.sqrt(statements + targeted), 1),
        "borderWidth": 4 if sponsored else 1,
        "color": {
            "background": colour,
            "border": SPONSOR_BORDER if sponsored else "#555555",
            "highlight": {"background": colour, "border": "#000000"},
            "hover": {"background": colour, "border": "#000000"},
        },
        "kg": {
            "type": kind,
            "sponsors": sponsors,
            "affiliations": parents,
            "statements": statements,
            "targeted": targeted,
            "community": result.communities.get(actor, 0),
            "centrality": result.centrality.get(actor, {}),
            "iri": actor,
            "tier": tiers[actor],
            "names": names[actor],
        },
    }


def _edge_colour(colour: str, opacity: float) -> dict[str, Any]:
    """The same colour selected and hovered: vis-network's default highlight is grey,
    which hid the stance of every edge of a selected actor."""
    return {"color": colour, "highlight": colour, "hover": colour, "opacity": opacity}


def _stance_edges(
    result: AlignmentResult, statements: dict[str, list[int]], curved: bool
) -> list[dict[str, Any]]:
    colours = stance_colours()
    order = list(colours)
    edges = []
    for speaker, target, stance, data in sorted(result.stance.edges(keys=True, data=True)):
        count = int(data["count"])
        edge_id = f"{speaker}|{stance}|{target}"
        edge: dict[str, Any] = {
            "id": edge_id,
            "from": speaker,
            "to": target,
            "color": _edge_colour(colours[stance][0], 0.85),
            "width": edge_width(count),
            "kg": {"stance": stance, "count": count, "statements": statements[edge_id]},
        }
        if curved:  # separate the parallel edges of one pair (one curve per stance)
            edge["smooth"] = {"type": "curvedCW", "roundness": 0.08 + 0.07 * order.index(stance)}
        edges.append(edge)
    for actor, data in sorted(result.stance.nodes(data=True)):
        for kind, attribute in (("sponsoredBy", "sponsors"), ("affiliatedWith", "affiliations")):
            for other in data.get(attribute, ()):
                edges.append(
                    {
                        "id": f"{actor}|{kind}|{other}",
                        "from": actor,
                        "to": other,
                        "color": _edge_colour(TIE_COLOURS[kind][0], 0.7),
                        "width": 1,
                        "dashes": [2, 4],
                        "kg": {"stance": kind, "tie": True, "count": 0, "statements": []},
                    }
                )
    return edges


def edge_width(count: int) -> float:
    """Width of a stance edge for its number of statements (the page's script applies the
    same formula to the statements left in a date range)."""
    return round(min(10.0, 1 + 2 * math.log2(count)), 2) if count > 1 else 1


def _alignment_edges(result: AlignmentResult) -> list[dict[str, Any]]:
    """Every non-zero pair for small graphs; else the strongest pairs of each actor (by
    |score|), at most MAX_ALIGNMENT_EDGES in all. Each carries its rank among the pairs of
    either actor, for the page's top-k filter."""
    cap = ALIGNMENT_EDGES_PER_NODE if len(result.pairs) > ALL_PAIRS_LIMIT else len(result.pairs)
    nonzero = [p for p in result.pairs if p.score != 0]
    ranks = pair_ranks(nonzero)
    keep = [p for p in nonzero if min(ranks[(p.a, p.b)]) < cap]
    keep.sort(key=lambda p: -abs(p.score))
    keep = sorted(keep[:MAX_ALIGNMENT_EDGES], key=lambda p: (p.a, p.b))
    edges = []
    for pair in keep:
        positive = pair.score > 0
        colour = ALIGNED_COLOUR if positive else OPPOSED_COLOUR
        edges.append(
            {
                "id": f"{pair.a}|{pair.b}",
                "from": pair.a,
                "to": pair.b,
                "color": _edge_colour(colour, 0.8),
                "width": round(1 + 3 * abs(pair.score), 2),
                "dashes": not positive,
                "kg": {
                    "sign": "aligned" if positive else "opposed",
                    "score": pair.score,
                    "rank": list(ranks[(pair.a, pair.b)]),
                    "target_agreement": pair.target_agreement,
                    "direct_stance": pair.direct_stance,
                    "ties": pair.ties,
                    "common_targets": list(pair.common_targets),
                },
            }
        )
    return edges


# --- the page -----------------------------------------------------------------------------

_MARKER = re.compile(r"/\*KG:(VIS_CSS|VIS_JS|DATA)\*/|<!--KG:TITLE-->")


def render_page(networks: dict[str, Network], *, title: str, initial_view: str) -> str:
    """The HTML page: our template with vis-network and the data inlined."""
    stances = stance_colours()
    data = {
        "title": title,
        "initialView": initial_view,
        "types": {k: {"colour": c, "label": label} for k, (c, label) in TYPE_COLOURS.items()},
        "stances": {
            k: {"colour": c, "label": label, "tie": k in TIE_COLOURS}
            for k, (c, label) in {**stances, **TIE_COLOURS}.items()
        },
        "typeOrder": list(TYPE_COLOURS),
        "stanceOrder": [*stances, *TIE_COLOURS],
        "aligned": ALIGNED_COLOUR,
        "opposed": OPPOSED_COLOUR,
        "communityColours": getattr(networks["alignment"], "kg_communities", {}),
        "labelPx": LABEL_PX,
        "labelMaxPx": LABEL_MAX_PX,
        "labelMinPx": LABEL_MIN_PX,
        "physicsLimit": PHYSICS_FULL_LIMIT,
        "alignmentTopK": ALIGNMENT_TOP_K,
        "statements": getattr(networks["stance"], "kg_statements", []),
        "sources": getattr(networks["stance"], "kg_sources", []),
        "views": {},
    }
    for name, net in networks.items():
        nodes, edges, _heading, _height, _width, options = net.get_network_data()
        data["views"][name] = {
            "nodes": nodes,
            "edges": edges,
            "options": json.loads(options),
            "note": getattr(net, "kg_note", ""),
        }
    parts = {
        "VIS_CSS": _asset(f"vis-{VIS_VERSION}/vis-network.css"),
        "VIS_JS": _asset(f"vis-{VIS_VERSION}/vis-network.min.js"),
        "DATA": "const KG_DATA = " + _script_json(data) + ";",
        "TITLE": html.escape(title),
    }
    template = resources.files("kg").joinpath("templates/viz.html").read_text(encoding="utf-8")

    def fill(match: re.Match[str]) -> str:
        return parts[match.group(1) or "TITLE"]

    return _MARKER.sub(fill, template)


def _asset(name: str) -> str:
    """A file shipped inside the pyvis package (vis-network), checked to be inlinable."""
    text = resources.files("pyvis").joinpath("templates/lib", name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise VizError(f"pyvis asset {name} cannot be inlined (contains a closing tag)")
    return text


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


__all__ = [
    "VIEWS",
    "VizError",
    "build_networks",
    "edge_width",
    "render_page",
    "stance_colours",
    "visualize",
]
