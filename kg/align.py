"""Alignment analysis: who stands with whom, computed from the graph with SPARQL.

`stance_graph(dataset)` turns the statements of a kg graph into a networkx MultiDiGraph:
actors are nodes (label, type, sponsors, affiliations, statement count) and each
(speaker, stance, target) is one edge with its count, dates and evidence quotes with their
source documents. It reads the graph through SPARQL only, so it works on any kg graph,
asserted or reasoned, and never goes back to the records.

`alignment(dataset_or_stance_graph)` scores every pair of actors that share a target or
interact. For actor a and target t let pos and neg be how many of a's statements take a
friendly stance toward t (sign +1 in the stance registry, data/stances.yaml: praise,
condolences) and a hostile one (sign -1: blame, threats, condemnation); a's net stance
toward t is n_a(t) = (pos - neg) / (pos + neg), between -1 and +1. Then

    score(a, b) = T + D + S
    T = sum over common targets t of n_a(t) * n_b(t), divided by (common targets + 1)
    D = (positive - negative stances between a and b, both directions) / (all of them), or 0
    S = 0.5 if a shared or direct sponsor ties them + 0.5 if an affiliation link ties them

T is "(agreements - disagreements) / (common targets + 1)" for pure stances; the +1
shrinks pairs that share a single target toward 0, so a pair that agrees on five targets
ranks above a pair that agrees on one. Self-stances are left out of T. The score runs
from -2 (opposed on everything and hostile to each other) to 3. docs/analysis.md
has a worked example.

Time: with a `window` (kg.timeframe.DateWindow, `--since` / `--until`) only the
statements whose analysis date (their statement date when it is a full date, else the
reporting document's `kg:reportedDate`) falls in it count; undated statements are then
left out, and counted. `read_stance_data` reads the graph once and `stance_graph_of`
builds the graph of any subset of statements, which is how kg.align_periods aligns each
month, quarter or year. Sponsor and affiliation ties are not dated.

Communities: seeded Louvain modularity on the graph of positive scores (deterministic for
a seed). Centrality (degree, in/out degree, betweenness, PageRank weighted by counts) on
the stance graph collapsed to one edge per ordered pair. The exports (table, CSV, GraphML,
GEXF, RDF) are in kg.align_export.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kg.stances import load_stances

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

    from kg.stances import Stance
    from kg.timeframe import DateWindow

KG_NS = "https://w3id.org/kg-armed-groups/ontology#"

# Most specific first: an actor typed ArmedGroup and Actor (after reasoning) is an ArmedGroup.
ACTOR_TYPES = (
    "UmbrellaFront",
    "ArmedGroup",
    "Person",
    "State",
    "Organization",
    "MediaOutlet",
    "OtherTarget",
    "Actor",
)

SPONSOR_BONUS = 0.5
AFFILIATION_BONUS = 0.5
BETWEENNESS_SAMPLE = 500  # exact betweenness up to this many nodes, sampled above

_PREFIXES = f"""PREFIX kg: <{KG_NS}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_ACTORS_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?actor ?type ?label WHERE {
  VALUES ?type { kg:Actor kg:Person kg:ArmedGroup kg:UmbrellaFront kg:State
                 kg:Organization kg:MediaOutlet kg:OtherTarget }
  ?actor a ?type .
  OPTIONAL { ?actor skos:prefLabel ?label }
}"""
)

_COUNTS_QUERY = (
    _PREFIXES
    + """SELECT ?actor (COUNT(DISTINCT ?statement) AS ?statements) WHERE {
  ?statement kg:speaker ?actor .
} GROUP BY ?actor"""
)

_SPONSORS_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?actor ?sponsor WHERE {
  { ?statement kg:speaker ?actor ; kg:attestedSponsor ?sponsor . }
  UNION { ?actor kg:sponsoredBy ?sponsor . }
}"""
)

_AFFILIATIONS_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?actor ?parent WHERE {
  { ?statement kg:speaker ?actor ; kg:attestedAffiliation ?parent . }
  UNION { ?actor kg:affiliatedWith ?parent . }
}"""
)

_STANCES_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?statement ?speaker ?property ?target ?date ?eventDate ?evidence
                ?reported ?document ?docId ?url ?title WHERE {
  VALUES ?property { STANCE_PROPERTIES }
  ?statement kg:speaker ?speaker ; ?property ?target .
  OPTIONAL { ?statement kg:statementDate ?date }
  OPTIONAL { ?statement kg:reportedDate ?reported }
  OPTIONAL { ?statement kg:about/kg:eventDate ?eventDate }
  OPTIONAL { ?statement kg:evidence ?evidence }
  OPTIONAL {
    ?statement prov:wasDerivedFrom ?document .
    OPTIONAL { ?document kg:docId ?docId }
    OPTIONAL { ?document schema:url ?url }
    OPTIONAL { ?document <http://purl.org/dc/terms/title> ?title }
  }
}"""
)


_DATES_QUERY = (
    _PREFIXES
    + """SELECT ?statement ?speaker ?date ?reported WHERE {
  ?statement kg:speaker ?speaker .
  OPTIONAL { ?statement kg:statementDate ?date }
  OPTIONAL { ?statement kg:reportedDate ?reported }
}"""
)


def stances_query(stances: Iterable[Stance]) -> str:
    """The SELECT of every statement's stances: the statement properties of `stances`
    (the registry's local names, which are checked to be plain names) as its VALUES."""
    properties = " ".join(f"kg:{s.statement_property}" for s in stances)
    return _STANCES_QUERY.replace("STANCE_PROPERTIES", properties)


class AlignmentError(ValueError):
    """Input that alignment cannot work with; the message says why."""


# --- the stance graph ---------------------------------------------------------------------


@dataclass
class StanceData:
    """Everything a stance graph is made of, as read from a kg graph once: so that the
    graphs of several periods come from one read (kg.align_periods)."""

    types: dict[str, set[str]]
    labels: dict[str, str]
    counts: dict[str, int]  # actor -> statements made (all of them)
    sponsors: dict[str, set[str]]
    parents: dict[str, set[str]]
    rows: list[dict[str, str]]  # one per (statement, stance property, target)
    # statement -> (speaker, analysis date or None); read only when asked (dated=True)
    dates: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def read_stance_data(dataset: Graph, *, dated: bool = False) -> StanceData:
    """Read the actors, their ties and their stances from `dataset` (an rdflib Dataset or
    Graph, or a store); with `dated`, also every statement's speaker and analysis date."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in _select(dataset, _ACTORS_QUERY):
        actor = row["actor"]
        types[actor].add(row["type"][len(KG_NS) :])
        if row.get("label") and (actor not in labels or row["label"] < labels[actor]):
            labels[actor] = row["label"]
    counts = {row["actor"]: int(row["statements"]) for row in _select(dataset, _COUNTS_QUERY)}
    return StanceData(
        types=dict(types),
        labels=labels,
        counts=counts,
        sponsors=_pairs(_select(dataset, _SPONSORS_QUERY), "actor", "sponsor"),
        parents=_pairs(_select(dataset, _AFFILIATIONS_QUERY), "actor", "parent"),
        rows=_select(dataset, stances_query(load_stances())),
        dates=_statement_dates(dataset) if dated else {},
    )


def _statement_dates(dataset: Graph) -> dict[str, tuple[str, str | None]]:
    from kg.model import analysis_date

    return {
        row["statement"]: (row["speaker"], analysis_date(row.get("date"), row.get("reported")))
        for row in _select(dataset, _DATES_QUERY)
    }


def stance_graph(dataset: Graph, window: DateWindow | None = None) -> nx.MultiDiGraph:
    """The actors and their stances in `dataset` (an rdflib Dataset or Graph), as a
    MultiDiGraph with one edge per (speaker, stance, target), keyed by the stance id (the
    registry's, data/stances.yaml).

    Node attributes: label, type (the most specific kg class name), sponsors and
    affiliations (lists of actor IRIs), statements (how many statements the actor made).
    Edge attributes: stance, sign (-1 or +1), count (distinct statements), dates (sorted),
    evidence (a list of {quote, statement, document, doc_id, url, title, date,
    statement_date, reported}: `date` is the statement date or else the event date,
    `reported` the reporting document's date).

    With a `window`, only the statements whose analysis date falls in it count (see
    `stance_graph_of`); `graph.graph["window"]` holds what it kept and left out."""
    from kg.timeframe import count_window

    data = read_stance_data(dataset, dated=window is not None)
    if window is None:
        return stance_graph_of(data)
    keep = {s for s, (_, day) in data.dates.items() if window.contains(day)}
    graph = stance_graph_of(data, keep)
    graph.graph["window"] = count_window((day for _, day in data.dates.values()), window)
    return graph


def stance_graph_of(data: StanceData, keep: set[str] | None = None) -> nx.MultiDiGraph:
    """The stance graph of `data`: of every statement, or only of the statements in `keep`.

    With `keep`, the stance edges and statement counts come from those statements, and
    the actors are those who speak or are targeted in them, with their sponsors and
    affiliations. Sponsor and affiliation ties are not dated (a backer named once stands
    in every period): they link the actors kept, so a change over time comes from the
    stances."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    stances = load_stances()
    by_property = {KG_NS + s.statement_property: s.id for s in stances}
    signs = {s.id: s.sign for s in stances}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in data.rows:
        if keep is not None and row["statement"] not in keep:
            continue
        stance = by_property[row["property"]]
        key = (row["speaker"], row["target"], stance)
        edge = edges.setdefault(key, {"statements": {}})
        edge["statements"].setdefault(row["statement"], row)

    sponsors, parents, counts = data.sponsors, data.parents, data.counts
    if keep is None:
        actors = set(data.types) | set(counts) | {a for k in edges for a in k[:2]}
        for pairs in (sponsors, parents):
            for actor, others in pairs.items():
                actors.add(actor)
                actors.update(others)
    else:
        counts = defaultdict(int)
        for statement in keep:
            counts[data.dates[statement][0]] += 1
        actors = set(counts) | {a for k in edges for a in k[:2]}
        actors |= {o for a in list(actors) for o in sponsors.get(a, set()) | parents.get(a, set())}
        sponsors = {a: sponsors.get(a, set()) & actors for a in actors}
        parents = {a: parents.get(a, set()) & actors for a in actors}
    for actor in sorted(actors):
        graph.add_node(
            actor,
            label=data.labels.get(actor) or _local_name(actor),
            type=_most_specific(data.types.get(actor, set())),
            sponsors=sorted(sponsors.get(actor, ())),
            affiliations=sorted(parents.get(actor, ())),
            statements=counts.get(actor, 0),
        )
    for (speaker, target, stance), edge in sorted(edges.items()):
        evidence = [_evidence(statement, row) for statement, row in edge["statements"].items()]
        evidence.sort(key=lambda e: (e["date"] or "", e["statement"]))
        dates = sorted({e["date"] for e in evidence if e["date"]})
        graph.add_edge(
            speaker,
            target,
            key=stance,
            stance=stance,
            sign=signs[stance],
            count=len(evidence),
            dates=dates,
            evidence=evidence,
        )
    return graph


def _evidence(statement: str, row: Mapping[str, str]) -> dict[str, str | None]:
    return {
        "quote": row.get("evidence"),
        "statement": statement,
        "document": row.get("document"),
        "doc_id": row.get("docId"),
        "url": row.get("url"),
        "title": row.get("title"),
        "date": row.get("date") or row.get("eventDate"),
        "statement_date": row.get("date"),
        "reported": row.get("reported"),
    }


def _most_specific(types: set[str]) -> str:
    for name in ACTOR_TYPES:
        if name in types:
            return name
    return "Actor"


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _pairs(rows: Iterable[Mapping[str, str]], key: str, value: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row[key] != row[value]:
            out[row[key]].add(row[value])
    return out


def _select(dataset: Graph, sparql: str) -> list[dict[str, str]]:
    """Run a SELECT on an rdflib Graph/Dataset (or a kg store); rows of variable ->
    lexical string."""
    from kg.store import is_store

    if is_store(dataset):
        from kg.store import select_lexical

        return select_lexical(dataset, sparql)
    rows = []
    for result in dataset.query(sparql):
        rows.append({str(k): str(v) for k, v in result.asdict().items() if v is not None})
    return rows


# --- alignment ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PairScore:
    """One pair's alignment; `a` sorts before `b`. Scores are rounded to 4 decimals."""

    a: str
    b: str
    label_a: str
    label_b: str
    score: float
    target_agreement: float
    direct_stance: float
    ties: float
    common_targets: tuple[str, ...]  # labels, sorted
    agreements: int  # common targets where the net stances have the same sign
    disagreements: int  # ... opposite signs


@dataclass
class AlignmentResult:
    """Pair scores (best first), communities, centrality, and the two networkx graphs."""

    pairs: list[PairScore]
    communities: dict[str, int]  # actor IRI -> community number (1 = largest)
    centrality: dict[str, dict[str, float]]  # actor IRI -> measure -> value
    stance: nx.MultiDiGraph
    graph: nx.Graph  # actors with community + centrality; edges carry the pair scores
    seed: int = 0
    notes: list[str] = field(default_factory=list)

    def label(self, actor: str) -> str:
        return str(self.stance.nodes[actor].get("label", actor))


def alignment(
    source: Graph | nx.MultiDiGraph,
    *,
    seed: int = 0,
    sponsor_bonus: float = SPONSOR_BONUS,
    affiliation_bonus: float = AFFILIATION_BONUS,
    window: DateWindow | None = None,
) -> AlignmentResult:
    """Score every pair of actors that share a target or interact (see the module doc).

    `source` is a kg graph (rdflib Dataset or Graph) or a stance graph from `stance_graph`.
    With a `window`, only the statements whose analysis date falls in it count (a kg
    graph only); `notes` then says how many were left out. The result is deterministic for
    a given graph and seed."""
    import networkx as nx

    if isinstance(source, nx.MultiDiGraph):
        if window is not None:
            raise AlignmentError("a date window applies to a kg graph, not to a stance graph")
        stance = source
    elif hasattr(source, "query"):
        stance = stance_graph(source, window)
    else:
        raise AlignmentError(
            f"alignment() needs an rdflib graph or a stance graph, got {type(source).__name__}"
        )
    net = _net_stances(stance)
    agreement = _target_agreement(net)
    direct = _direct_stances(stance)
    ties = _ties(stance, sponsor_bonus, affiliation_bonus)

    label = {n: str(d.get("label", n)) for n, d in stance.nodes(data=True)}
    pairs = []
    for a, b in sorted(set(agreement) | set(direct) | set(ties)):
        t_score, common, agree, disagree = agreement.get((a, b), (0.0, (), 0, 0))
        d_score = direct.get((a, b), 0.0)
        tie = ties.get((a, b), 0.0)
        pairs.append(
            PairScore(
                a=a,
                b=b,
                label_a=label.get(a, a),
                label_b=label.get(b, b),
                score=round(t_score + d_score + tie, 4),
                target_agreement=round(t_score, 4),
                direct_stance=round(d_score, 4),
                ties=round(tie, 4),
                common_targets=tuple(sorted(label.get(t, t) for t in common)),
                agreements=agree,
                disagreements=disagree,
            )
        )
    pairs.sort(key=lambda p: (-p.score, -len(p.common_targets), p.label_a, p.label_b))

    communities = _communities(stance, pairs, seed)
    centrality = _centrality(stance, seed)
    graph = _alignment_graph(stance, pairs, communities, centrality)
    counted = stance.graph.get("window")
    return AlignmentResult(
        pairs=pairs,
        communities=communities,
        centrality=centrality,
        stance=stance,
        graph=graph,
        seed=seed,
        notes=[counted.note(window)] if counted is not None else [],
    )


def focus(result: AlignmentResult, actors: Iterable[str]) -> AlignmentResult:
    """The result narrowed to `actors` (IRIs) and the actors they deal with: their pairs,
    and the stance edges from or to them. Scores, communities and centrality stay those of
    the whole graph (narrowing the view does not change what was measured)."""
    focused = set(actors)
    pairs = [p for p in result.pairs if p.a in focused or p.b in focused]
    stance_edges = [
        (u, v, k) for u, v, k in result.stance.edges(keys=True) if u in focused or v in focused
    ]
    keep = focused | {n for p in pairs for n in (p.a, p.b)}
    keep |= {n for u, v, _ in stance_edges for n in (u, v)}
    stance = result.stance.edge_subgraph(stance_edges).copy()
    stance.add_nodes_from((n, result.stance.nodes[n]) for n in keep if n in result.stance)
    graph = result.graph.subgraph(keep).copy()
    graph.remove_edges_from([(a, b) for a, b in list(graph.edges) if not {a, b} & focused])
    labels = ", ".join(sorted(result.label(a) for a in focused if a in result.stance))
    communities = {n: c for n, c in result.communities.items() if n in keep}
    centrality = {n: c for n, c in result.centrality.items() if n in keep}
    note = f"narrowed to {labels} and the actors they deal with"
    return replace(result, pairs=pairs, stance=stance, graph=graph, communities=communities,
                   centrality=centrality, notes=[*result.notes, note])  # fmt: skip


def _net_stances(stance: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """actor -> target -> (pos - neg) / (pos + neg), self-stances left out."""
    pos: dict[tuple[str, str], int] = defaultdict(int)
    neg: dict[tuple[str, str], int] = defaultdict(int)
    for speaker, target, data in stance.edges(data=True):
        if speaker == target:
            continue
        bucket = pos if data["sign"] > 0 else neg
        bucket[(speaker, target)] += int(data["count"])
    net: dict[str, dict[str, float]] = defaultdict(dict)
    for key in set(pos) | set(neg):
        p, n = pos.get(key, 0), neg.get(key, 0)
        net[key[0]][key[1]] = (p - n) / (p + n)
    return net


def _target_agreement(
    net: dict[str, dict[str, float]],
) -> dict[tuple[str, str], tuple[float, tuple[str, ...], int, int]]:
    """(a, b) -> (T, common targets, agreements, disagreements) for pairs that share a
    target. Grouped by target, so the cost is the sum of squared holders per target."""
    holders: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for actor in sorted(net):
        for target, value in net[actor].items():
            holders[target].append((actor, value))
    sums: dict[tuple[str, str], float] = defaultdict(float)
    common: dict[tuple[str, str], list[str]] = defaultdict(list)
    agree: dict[tuple[str, str], int] = defaultdict(int)
    disagree: dict[tuple[str, str], int] = defaultdict(int)
    for target in sorted(holders):
        group = holders[target]
        for i, (a, va) in enumerate(group):
            for b, vb in group[i + 1 :]:
                if target in (a, b):
                    continue
                key = (a, b)  # group is sorted by actor, so a < b
                product = va * vb
                sums[key] += product
                common[key].append(target)
                if product > 0:
                    agree[key] += 1
                elif product < 0:
                    disagree[key] += 1
    return {
        key: (sums[key] / (len(targets) + 1), tuple(targets), agree[key], disagree[key])
        for key, targets in common.items()
    }


def _direct_stances(stance: nx.MultiDiGraph) -> dict[tuple[str, str], float]:
    pos: dict[tuple[str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], int] = defaultdict(int)
    for speaker, target, data in stance.edges(data=True):
        if speaker == target:
            continue
        key = _pair(speaker, target)
        total[key] += int(data["count"])
        if data["sign"] > 0:
            pos[key] += int(data["count"])
    return {key: (2 * pos[key] - n) / n for key, n in total.items()}


def _ties(
    stance: nx.MultiDiGraph, sponsor_bonus: float, affiliation_bonus: float
) -> dict[tuple[str, str], float]:
    """Shared or direct sponsor, and affiliation links (direct or a common parent)."""
    out: dict[tuple[str, str], float] = defaultdict(float)
    for attribute, bonus in (("sponsors", sponsor_bonus), ("affiliations", affiliation_bonus)):
        if not bonus:
            continue
        linked: set[tuple[str, str]] = set()
        members: dict[str, list[str]] = defaultdict(list)
        for actor, data in stance.nodes(data=True):
            for other in data.get(attribute, ()):
                if other != actor:
                    linked.add(_pair(actor, other))
                    members[other].append(actor)
        for group in members.values():
            group = sorted(set(group))
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    linked.add((a, b))
        for key in linked:
            out[key] += bonus
    return dict(out)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _communities(stance: nx.MultiDiGraph, pairs: list[PairScore], seed: int) -> dict[str, int]:
    """Louvain on the positive alignment graph; singletons for actors with no positive
    tie. Numbered by size (1 = largest), ties broken by the smallest label."""
    import networkx as nx

    positive = nx.Graph()
    positive.add_nodes_from(sorted(stance.nodes))
    positive.add_weighted_edges_from(
        (p.a, p.b, p.score) for p in sorted(pairs, key=lambda p: (p.a, p.b)) if p.score > 0
    )
    found = nx.community.louvain_communities(positive, weight="weight", seed=seed)
    label = {n: str(stance.nodes[n].get("label", n)) for n in stance.nodes}
    ordered = sorted(found, key=lambda c: (-len(c), min(label[n] for n in c)))
    return {actor: number for number, group in enumerate(ordered, 1) for actor in group}


def _centrality(stance: nx.MultiDiGraph, seed: int) -> dict[str, dict[str, float]]:
    import networkx as nx

    simple = nx.DiGraph()
    simple.add_nodes_from(sorted(stance.nodes))
    for speaker, target, data in sorted(stance.edges(data=True), key=lambda e: e[:2]):
        if simple.has_edge(speaker, target):
            simple[speaker][target]["weight"] += int(data["count"])
        else:
            simple.add_edge(speaker, target, weight=int(data["count"]))
    if not len(simple):
        return {}
    k = None if len(simple) <= BETWEENNESS_SAMPLE else BETWEENNESS_SAMPLE
    measures = {
        "degree": nx.degree_centrality(simple),
        "in_degree": nx.in_degree_centrality(simple),
        "out_degree": nx.out_degree_centrality(simple),
        "betweenness": nx.betweenness_centrality(simple, k=k, seed=seed),
        "pagerank": nx.pagerank(simple, weight="weight"),
    }
    return {
        node: {name: round(float(values[node]), 6) for name, values in measures.items()}
        for node in simple.nodes
    }


def _alignment_graph(
    stance: nx.MultiDiGraph,
    pairs: list[PairScore],
    communities: dict[str, int],
    centrality: dict[str, dict[str, float]],
) -> nx.Graph:
    import networkx as nx

    graph = nx.Graph()
    for node, data in sorted(stance.nodes(data=True)):
        graph.add_node(
            node,
            label=data.get("label", node),
            type=data.get("type", "Actor"),
            sponsors=list(data.get("sponsors", ())),
            affiliations=list(data.get("affiliations", ())),
            statements=data.get("statements", 0),
            community=communities.get(node, 0),
            **centrality.get(node, {}),
        )
    graph.add_edges_from(
        (
            pair.a,
            pair.b,
            {
                "score": pair.score,
                "weight": abs(pair.score),
                "target_agreement": pair.target_agreement,
                "direct_stance": pair.direct_stance,
                "ties": pair.ties,
                "common_targets": list(pair.common_targets),
                "agreements": pair.agreements,
                "disagreements": pair.disagreements,
            },
        )
        for pair in pairs
    )
    return graph


__all__ = [
    "ACTOR_TYPES",
    "AlignmentError",
    "AlignmentResult",
    "PairScore",
    "StanceData",
    "alignment",
    "focus",
    "read_stance_data",
    "stance_graph",
    "stance_graph_of",
]
