"""Exports of an alignment result: terminal table, CSV, GraphML / GEXF (Gephi) and RDF.

The RDF write-back puts one `kg:Alignment` node per pair, and each actor's
`kg:community`, into the named graph `.../graph/alignment`, so SPARQL can rank pairs
(queries/alignment_scores.rq). Written as Turtle, the file belongs beside the graph as its
alignment sidecar (`graph.alignment.ttl`), which `kg.graphio.read_graph("graph.ttl")`
loads into that named graph; a TriG or N-Quads file keeps the graph name itself.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.align import AlignmentResult, PairScore
from kg.files import atomic_writer

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset, Graph

    from kg.timeframe import DateWindow

CSV_COLUMNS = (
    "rank",
    "actor_a",
    "actor_b",
    "score",
    "target_agreement",
    "direct_stance",
    "ties",
    "common_targets",
    "agreements",
    "disagreements",
    "community_a",
    "community_b",
    "iri_a",
    "iri_b",
)


def alignment_rows(result: AlignmentResult, top: int | None = None) -> list[dict[str, Any]]:
    """The ranked pairs as plain rows (the CSV columns), best first."""
    pairs = result.pairs if top is None else result.pairs[:top]
    return [_row(rank, pair, result) for rank, pair in enumerate(pairs, 1)]


def _row(rank: int, pair: PairScore, result: AlignmentResult) -> dict[str, Any]:
    return {
        "rank": rank,
        "actor_a": pair.label_a,
        "actor_b": pair.label_b,
        "score": pair.score,
        "target_agreement": pair.target_agreement,
        "direct_stance": pair.direct_stance,
        "ties": pair.ties,
        "common_targets": "; ".join(pair.common_targets),
        "agreements": pair.agreements,
        "disagreements": pair.disagreements,
        "community_a": result.communities.get(pair.a, 0),
        "community_b": result.communities.get(pair.b, 0),
        "iri_a": pair.a,
        "iri_b": pair.b,
    }


def format_table(result: AlignmentResult, top: int | None = 20, width: int = 34) -> str:
    """A fixed-width ranked table of the `top` pairs (all when None) for a terminal."""
    rows = alignment_rows(result, top)
    header = (
        f"{'#':>4}  {'score':>6}  {'T':>6} {'D':>5} {'S':>4}  "
        f"{'actor A':<{width}}  {'actor B':<{width}}  common targets"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row['rank']:>4}  {row['score']:>+6.3f}  {row['target_agreement']:>+6.3f} "
            f"{row['direct_stance']:>+5.2f} {row['ties']:>4.1f}  "
            f"{_cut(row['actor_a'], width):<{width}}  {_cut(row['actor_b'], width):<{width}}  "
            f"{_cut(row['common_targets'], 60)}"
        )
    if top is not None and len(result.pairs) > top:
        lines.append(f"... {len(result.pairs) - top} more pairs")
    return "\n".join(lines)


def format_summary(result: AlignmentResult, top: int = 5, members: int = 6) -> str:
    """The most central actors (PageRank on the stance graph) and the largest communities
    of the positive alignment graph, for a terminal."""
    ranked = sorted(
        result.centrality.items(), key=lambda item: (-item[1]["pagerank"], result.label(item[0]))
    )
    lines = ["most central (PageRank, betweenness):"]
    for actor, values in ranked[:top]:
        lines.append(
            f"  {result.label(actor):<40} {values['pagerank']:.4f}  {values['betweenness']:.4f}"
        )
    groups: dict[int, list[str]] = {}
    for actor, number in result.communities.items():
        groups.setdefault(number, []).append(result.label(actor))
    lines.append("largest communities:")
    for number in sorted(groups)[:top]:
        names = sorted(groups[number])
        if len(names) < 2:
            break
        more = f" (+{len(names) - members})" if len(names) > members else ""
        lines.append(f"  {number}: " + ", ".join(names[:members]) + more)
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def write_csv(result: AlignmentResult, path: str | Path) -> Path:
    """All pairs, ranked, as CSV (columns: CSV_COLUMNS)."""
    with atomic_writer(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(alignment_rows(result))
    return Path(path)


# --- Gephi formats ------------------------------------------------------------------------


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all scalars (lists joined with "; ", evidence reduced to
    its quotes), as GraphML and GEXF require. Works for the stance and alignment graphs."""
    flat = graph.__class__()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    if graph.is_multigraph():
        for u, v, key, data in graph.edges(keys=True, data=True):
            flat.add_edge(u, v, key=key, **{k: _scalar(v) for k, v in data.items()})
    else:
        for u, v, data in graph.edges(data=True):
            flat.add_edge(u, v, **{k: _scalar(v) for k, v in data.items()})
    return flat


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        parts = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("quote") or item.get("statement") or ""
            parts.append(str(item))
        return " | ".join(parts) if any(isinstance(i, dict) for i in value) else "; ".join(parts)
    return str(value)


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    import networkx as nx

    with atomic_writer(path, "wb", encoding=None) as handle:
        nx.write_graphml(flat_graph(graph), handle)
    return Path(path)


def write_gexf(graph: nx.Graph, path: str | Path) -> Path:
    import networkx as nx

    with atomic_writer(path, "wb", encoding=None) as handle:
        nx.write_gexf(flat_graph(graph), handle)
    return Path(path)


# --- RDF write-back -----------------------------------------------------------------------


def alignment_iri(a: str, b: str) -> str:
    """`.../id/alignment/{sha1(a, b)[:16]}` for the pair (a sorted before b)."""
    from kg.vocab import ID

    first, second = sorted((a, b))
    digest = hashlib.sha1(f"{first}\x1f{second}".encode()).hexdigest()[:16]
    return str(ID["alignment/" + digest])


def alignment_graph(result: AlignmentResult) -> Graph:
    """The alignment triples as a plain rdflib Graph (pairs and actor communities)."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from kg.vocab import KG, bind_prefixes

    graph = Graph()
    bind_prefixes(graph)
    for pair in result.pairs:
        node = URIRef(alignment_iri(pair.a, pair.b))
        graph.add((node, RDF.type, KG.Alignment))
        graph.add((node, RDFS.label, Literal(f"{pair.label_a} ~ {pair.label_b}")))
        graph.add((node, KG.actorA, URIRef(pair.a)))
        graph.add((node, KG.actorB, URIRef(pair.b)))
        graph.add((node, KG.alignmentScore, _decimal(pair.score)))
        graph.add((node, KG.targetAgreement, _decimal(pair.target_agreement)))
        graph.add((node, KG.directStance, _decimal(pair.direct_stance)))
        graph.add((node, KG.ties, _decimal(pair.ties)))
        graph.add((node, KG.commonTargets, Literal(len(pair.common_targets))))
    for actor, community in sorted(result.communities.items()):
        graph.add((URIRef(actor), KG.community, Literal(community)))
    return graph


def _decimal(value: float) -> Any:
    from rdflib import Literal

    return Literal(Decimal(f"{value + 0.0:.4f}"))  # + 0.0 turns -0.0 into 0.0


def add_alignment(dataset: Dataset, result: AlignmentResult) -> Dataset:
    """Replace `dataset`'s alignment named graph with this result; returns the dataset."""
    from kg.vocab import ALIGNMENT_GRAPH

    target = dataset.graph(ALIGNMENT_GRAPH)
    target.remove((None, None, None))
    for triple in alignment_graph(result):
        target.add(triple)
    return dataset


def write_rdf(result: AlignmentResult, path: str | Path) -> list[Path]:
    """Write the alignment graph: Turtle / N-Triples hold its triples (name the file
    `NAME.alignment.ttl` beside `NAME.ttl` so read_graph picks it up); TriG / N-Quads /
    JSON-LD keep the named graph `.../graph/alignment`."""
    from rdflib import Dataset

    from kg.graphio import QUAD_FORMATS, format_for, write_graph
    from kg.vocab import ALIGNMENT_GRAPH, bind_prefixes

    graph = alignment_graph(result)
    if format_for(path) not in QUAD_FORMATS:
        return write_graph(graph, path)
    dataset = Dataset()
    bind_prefixes(dataset)
    named = dataset.graph(ALIGNMENT_GRAPH)
    for triple in graph:
        named.add(triple)
    return write_graph(dataset, path)


@dataclass
class AlignmentFiles:
    """What `align_files` computed and wrote."""

    result: AlignmentResult
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def read_source(graph: str | Path | Iterable[str | Path] | Any) -> Any:
    """Graph files -> an rdflib Dataset (with their sidecars); a store is used as it is."""
    from kg.graphio import read_graph
    from kg.store import is_store

    return graph if is_store(graph) else read_graph(graph)


def focus_on_names(result: AlignmentResult, names: list[str]) -> AlignmentResult:
    """`result` narrowed to the actors called `names` (kg.align.focus)."""
    from kg.actor_lookup import actors_in_graph
    from kg.align import focus

    labels = {node: result.label(node) for node in result.stance}
    return focus(result, actors_in_graph(names, labels).values())


def align_files(
    graph: str | Path | Iterable[str | Path],
    *,
    csv_path: str | Path | None = None,
    graphml: str | Path | None = None,
    gexf: str | Path | None = None,
    rdf: str | Path | None = None,
    seed: int = 0,
    window: DateWindow | None = None,
    actors: list[str] | None = None,
) -> AlignmentFiles:
    """Read graph files, score the alignment (of the statements in `window` when given),
    narrow it to the named `actors` (any name the gazetteer knows, or the graph's own
    label) and the actors they deal with, and write the requested outputs (the one call
    behind `kg align`). An unknown name raises kg.actor_lookup.UnknownActorError."""
    import time

    from kg.align import alignment

    started = time.perf_counter()
    result = alignment(read_source(graph), seed=seed, window=window)
    if actors:
        result = focus_on_names(result, actors)
    written: list[Path] = []
    if csv_path:
        written.append(write_csv(result, csv_path))
    if graphml:
        written.append(write_graphml(result.graph, graphml))
    if gexf:
        written.append(write_gexf(result.graph, gexf))
    if rdf:
        written.extend(write_rdf(result, rdf))
    return AlignmentFiles(result, written, time.perf_counter() - started)


__all__ = [
    "CSV_COLUMNS",
    "AlignmentFiles",
    "add_alignment",
    "align_files",
    "alignment_graph",
    "alignment_iri",
    "alignment_rows",
    "flat_graph",
    "focus_on_names",
    "format_summary",
    "format_table",
    "read_source",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_rdf",
]
