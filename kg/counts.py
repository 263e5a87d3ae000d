"""Statement counts behind the derived actor relations: "A blames B in 12 statements".

Every property chain of the ontology derives an actor relation from statements
(`kg:blames` = `kg:made` o `kg:blamesTarget`, ...). For each derived triple `x p y`, a
count node says how many statements support it, in the vocabulary of RDF reification:

    <.../id/count/HASH> rdf:subject x ; rdf:predicate p ; rdf:object y ;
                        kg:statementCount 12 .

(`kg:statementCount` has the domain kg:RelationCount: reasoning over the graph types the
node; the count nodes are written without the type, one triple fewer per pair.) The
IRI hashes `x p y`, so a rebuild gives the same nodes. Counts are derived data, written
into the inferred graph: `kg.reason.infer` adds them to the OWL-RL closure; a store
counts them in full on its first build (`count_store`), then each build adds the counts
of the documents it loads and subtracts those of the documents it replaces
(`document_counts`, `apply_count_changes`), so a small build stays small. Queries that
rank pairs read them instead of joining every statement to its speaker: who_blames_whom
at 1M statements takes ~2.4 s with that join, ~1.4 s from the counts (mostly one scan).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.rules import INFERRED_GRAPH, KG_NS, Link, Rule, actor_relation_rules

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

COUNT_BASE = "https://w3id.org/kg-armed-groups/id/count/"
STATEMENT_COUNT = f"{KG_NS}statementCount"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (f"{_RDF}{n}" for n in ("subject", "predicate", "object"))
_DELETE_CHUNK = 20_000

Count = tuple[str, str, str, int]  # (subject, derived property, object, statements)


def counted_rules(rules: Iterable[Rule] | None = None) -> list[Rule]:
    """The rules whose triples get counts: the two-link property chains (made o q)."""
    rules = actor_relation_rules() if rules is None else rules
    return [rule for rule in rules if len(rule.body) == 2]


def count_iri(subject: str, prop: str, obj: str) -> str:
    """The stable IRI of the count node of `subject prop obj`."""
    digest = hashlib.sha1(f"{subject} {prop} {obj}".encode()).hexdigest()[:24]
    return COUNT_BASE + digest


def count_triples(count: Count) -> list[tuple[str, str, str | int]]:
    """The four triples of one count node (IRIs as strings, the count as an int)."""
    subject, prop, obj, statements = count
    node = count_iri(subject, prop, obj)
    return [
        (node, RDF_SUBJECT, subject),
        (node, RDF_PREDICATE, prop),
        (node, RDF_OBJECT, obj),
        (node, STATEMENT_COUNT, statements),
    ]


# --- In memory (rdflib): counted from the closure's triples -------------------------------


def graph_counts(graph: rdflib.Graph, rules: Iterable[Rule] | None = None) -> Iterator[Count]:
    """The counts of every chain-derived triple in `graph` (which holds the chain links,
    e.g. the OWL-RL closure: kg:made comes from reasoning)."""
    from rdflib import URIRef

    for rule in counted_rules(rules):
        first, second = rule.body
        statements: dict[tuple[str, str], set[str]] = defaultdict(set)
        ends = defaultdict(list)  # middle node -> ends of the second link
        for start, end in _link_pairs(graph, second, URIRef):
            ends[start].append(end)
        for start, middle in _link_pairs(graph, first, URIRef):
            for end in ends.get(middle, ()):
                statements[(start, end)].add(middle)
        for (start, end), middles in sorted(statements.items()):
            yield (start, rule.head, end, len(middles))


def _link_pairs(graph: rdflib.Graph, link: Link, uri: type) -> Iterator[tuple[str, str]]:
    for s, o in graph.subject_objects(uri(link.property)):
        if isinstance(s, uri) and isinstance(o, uri):
            yield (str(o), str(s)) if link.inverse else (str(s), str(o))


def add_graph_counts(target: rdflib.Graph, counts: Iterable[Count]) -> int:
    """Add the count nodes' triples to `target`; returns how many counts."""
    from rdflib import Literal, URIRef

    added = 0
    for count in counts:
        for s, p, o in count_triples(count):
            target.add((URIRef(s), URIRef(p), Literal(o) if isinstance(o, int) else URIRef(o)))
        added += 1
    return added


# --- On a store (pyoxigraph): counted by SPARQL once, then changed by each build --------


_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_DOC_CHUNK = 500
_NODE_CHUNK = 5_000

Changes = Counter  # (subject, property, object) -> change of its statement count


def count_query(rule: Rule, documents: Iterable[str] | None = None) -> str:
    """SELECT ?x ?y ?n: how many middle nodes (statements) link x to y along the rule's
    chain. Over the whole store each link is a sub-select, so Oxigraph hash-joins two
    index scans; for the statements of some `documents` (IRIs) the chain is followed
    from them by index lookups."""
    if documents is not None:
        values = " ".join(f"<{iri}>" for iri in documents)
        return (
            f"SELECT ?x ?y (COUNT(?v1) AS ?n) WHERE {{ VALUES ?doc {{ {values} }} "
            f"?v1 <{_PROV_DERIVED}> ?doc . {rule.where()} }} GROUP BY ?x ?y"
        )
    return f"SELECT ?x ?y (COUNT(?v1) AS ?n) WHERE {{ {rule.hash_joined_where()} }} GROUP BY ?x ?y"


def count_store(
    store: pyoxigraph.Store,
    rules: Iterable[Rule] | None = None,
    *,
    graph: str = INFERRED_GRAPH,
    on_rule: Callable[[Rule], None] | None = None,
) -> int:
    """Count every derived relation of the store from scratch (old count nodes are
    removed first); returns how many counts were written. For a fresh store: later
    builds change the counts by `document_counts` deltas instead."""
    import pyoxigraph as ox

    from kg.rules import insert_quads

    delete_store_counts(store, graph=graph)
    target = ox.NamedNode(graph)
    written = 0
    for rule in counted_rules(rules):
        prop = ox.NamedNode(rule.head)
        solutions = store.query(count_query(rule), use_default_graph_as_union=True)
        quads = (
            quad
            for solution in solutions
            for quad in _count_quads(solution["x"], prop, solution["y"], solution["n"], target)
        )
        written += insert_quads(store, quads) // 4
        if on_rule is not None:
            on_rule(rule)
    return written


def document_counts(
    store: pyoxigraph.Store, documents: Iterable[str], rules: Iterable[Rule] | None = None
) -> Changes:
    """How many statements of these documents (IRIs) support each derived triple, read
    from the store (the statements must be there, their kg:made derived). A build
    subtracts these for the documents it replaces, before deleting them, and adds them
    for the documents it loaded, after deriving."""
    changes: Changes = Counter()
    docs = sorted(set(documents))
    rules = counted_rules(rules)
    for start in range(0, len(docs), _DOC_CHUNK):
        chunk = docs[start : start + _DOC_CHUNK]
        for rule in rules:
            found = store.query(count_query(rule, chunk), use_default_graph_as_union=True)
            for solution in found:
                key = (solution["x"].value, rule.head, solution["y"].value)
                changes[key] += int(solution["n"].value)
    return changes


def apply_count_changes(
    store: pyoxigraph.Store,
    changes: Mapping[tuple[str, str, str], int],
    *,
    graph: str = INFERRED_GRAPH,
) -> tuple[int, list[tuple[str, str, str]]]:
    """Add `changes` to the stored counts: a count that reaches 0 loses its node, a new
    pair gets one. Returns how many counts were written, and the derived triples whose
    count reached 0 (they lost their last statement: `kg.rules.retract` checks them)."""
    import pyoxigraph as ox

    from kg.rules import insert_quads

    target = ox.NamedNode(graph)
    keys = sorted(key for key, change in changes.items() if change)
    written = 0
    emptied: list[tuple[str, str, str]] = []
    for start in range(0, len(keys), _NODE_CHUNK):
        nodes = {count_iri(*key): key for key in keys[start : start + _NODE_CHUNK]}
        values = " ".join(f"<{node}>" for node in nodes)
        found = store.query(
            f"SELECT ?c ?n WHERE {{ VALUES ?c {{ {values} }} "
            f"GRAPH <{graph}> {{ ?c <{STATEMENT_COUNT}> ?n }} }}"
        )
        old = {solution["c"].value: int(solution["n"].value) for solution in found}
        _delete_count_nodes(store, values, graph)
        quads = []
        for node, (x, prop, y) in nodes.items():
            count = old.get(node, 0) + changes[(x, prop, y)]
            if count > 0:
                quads.extend(
                    _count_quads(
                        ox.NamedNode(x),
                        ox.NamedNode(prop),
                        ox.NamedNode(y),
                        ox.Literal(count),
                        target,
                    )
                )
                written += 1
            elif node in old:
                emptied.append((x, prop, y))
        insert_quads(store, iter(quads))
    return written, emptied


def _count_quads(
    x: pyoxigraph.NamedNode,
    prop: pyoxigraph.NamedNode,
    y: pyoxigraph.NamedNode,
    n: pyoxigraph.Literal,
    graph: pyoxigraph.NamedNode,
) -> list[pyoxigraph.Quad]:
    import pyoxigraph as ox

    subject, predicate, obj, count = _terms()
    node = ox.NamedNode(count_iri(x.value, prop.value, y.value))
    return [
        ox.Quad(node, subject, x, graph),
        ox.Quad(node, predicate, prop, graph),
        ox.Quad(node, obj, y, graph),
        ox.Quad(node, count, n, graph),
    ]


def delete_store_counts(store: pyoxigraph.Store, *, graph: str = INFERRED_GRAPH) -> int:
    """Remove every count node from `graph`, a chunk of nodes at a time (one update for a
    million nodes would hold every deletion in memory). Returns how many nodes went."""
    removed = 0
    while True:
        found = store.query(
            f"SELECT ?c WHERE {{ GRAPH <{graph}> {{ ?c <{STATEMENT_COUNT}> ?n }} }} "
            f"LIMIT {_DELETE_CHUNK}"
        )
        nodes = [str(solution["c"]) for solution in found]
        if not nodes:
            return removed
        _delete_count_nodes(store, " ".join(nodes), graph)
        removed += len(nodes)


def _delete_count_nodes(store: pyoxigraph.Store, nodes: str, graph: str) -> None:
    """Delete the triples of these count nodes (IRIs as SPARQL terms) from `graph`."""
    store.update(
        f"DELETE {{ GRAPH <{graph}> {{ ?c ?p ?o }} }} "
        f"WHERE {{ VALUES ?c {{ {nodes} }} GRAPH <{graph}> {{ ?c ?p ?o }} }}"
    )


@lru_cache(maxsize=1)
def _terms() -> tuple[pyoxigraph.NamedNode, ...]:
    import pyoxigraph as ox

    iris = (RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT, STATEMENT_COUNT)
    return tuple(ox.NamedNode(iri) for iri in iris)
