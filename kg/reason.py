"""OWL-RL reasoning: the triples the ontology lets us derive, kept apart from the asserted ones.

`infer(dataset)` copies the asserted triples and the ontology into a plain rdflib Graph
(owlrl works on rdflib graphs; it crashes on a pyoxigraph store holding literals), runs
owlrl's OWL-RL closure, and returns only the NEW triples that say something about the
data: the derived actor relations (kg:blames ... from the property chains), kg:made (the
inverse of kg:speaker), superclass types (kg:Actor, prov:Agent, prov:Entity),
super-properties (prov:wasAttributedTo, kg:stanceTarget), rdfs:label from skos:prefLabel;
plus the statement counts of the chain-derived relations (kg.counts).

Dropped as noise: anything about the ontology's own terms or W3C vocabulary terms,
reflexive owl:sameAs, types owl:Thing / rdfs:Resource / owl:NamedIndividual and datatype
"types", triples with a literal or blank-node subject.

owlrl costs about 0.4 ms per asserted triple here, linearly (bench/bench_reason.py, figures
in docs/graph.md): fine for thousands of statements, too slow for large corpora.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.counts import add_graph_counts, graph_counts
from kg.paths import ontology_path
from kg.vocab import ALIGNMENT_GRAPH, INFERRED_GRAPH, bind_prefixes

_NOISE_TYPES = frozenset(
    {OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Literal, RDFS.Datatype, RDFS.Class}
)
_W3C = tuple(str(ns) for ns in (OWL, RDF, RDFS, XSD))


def infer(dataset: Dataset | Graph, ontology: Graph | None = None) -> Graph:
    """The new, meaningful triples of the OWL-RL closure of `dataset`'s asserted triples
    plus the ontology (ontology/kg.ttl unless given). The input is not modified.

    For a Dataset, every named graph except the inferred and alignment graphs is taken
    as asserted; for a plain Graph, all of it."""
    import owlrl

    onto = ontology if ontology is not None else load_ontology()
    closure_axioms, late = _split_late_axioms(onto)
    work = Graph()
    for triple in _asserted_triples(dataset):
        work.add(triple)
    before = set(work)
    for triple in closure_axioms:
        work.add(triple)
    ontology_terms = set(onto.subjects())
    # improved_datatypes=False: owlrl's own lexical conversions reject valid xsd:gMonthDay
    # ("--02-10") and, once installed, stay in rdflib's global table for the whole process.
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics,
        improved_datatypes=False,
        axiomatic_triples=False,
        datatype_axioms=False,
    ).expand(work)
    _apply_sub_properties(work, late)
    inferred = Graph()
    bind_prefixes(inferred)
    for triple in work:
        if triple not in before and _meaningful(triple, ontology_terms):
            inferred.add(triple)
    add_graph_counts(inferred, graph_counts(work))
    return inferred


def _split_late_axioms(onto: Graph) -> tuple[Graph, list[tuple[URIRef, URIRef]]]:
    """The ontology without the sub-property axioms of chain-derived properties (kg:blames
    rdfs:subPropertyOf kg:opposes), and those axioms.

    owlrl repeats its whole closure until a pass adds nothing; a super-property of a
    chain-derived relation is one layer further, so it costs one more full pass (+45 %
    time for ~8 % more triples). `_apply_sub_properties` gives the same triples after the
    closure (OWL-RL rule prp-spo1)."""
    chain_heads = set(onto.subjects(OWL.propertyChainAxiom))
    late = [(p, q) for p, q in onto.subject_objects(RDFS.subPropertyOf) if p in chain_heads]
    if not late:
        return onto, []
    kept = Graph()
    for s, p, o in onto:
        if not (p == RDFS.subPropertyOf and (s, o) in late):
            kept.add((s, p, o))
    return kept, late


def _apply_sub_properties(work: Graph, axioms: list[tuple[URIRef, URIRef]]) -> None:
    """x p y and p rdfs:subPropertyOf q give x q y (repeated while q is itself a p)."""
    changed = True
    while changed:
        changed = False
        for sub, sup in axioms:
            for s, o in list(work.subject_objects(sub)):
                if (s, sup, o) not in work:
                    work.add((s, sup, o))
                    changed = True


def add_inferred(dataset: Dataset, inferred: Graph) -> Dataset:
    """Put `inferred` into the dataset's inferred named graph (replacing what was there)."""
    target = dataset.graph(INFERRED_GRAPH)
    target.remove((None, None, None))
    for triple in sorted(inferred, key=lambda t: tuple(term.n3() for term in t)):
        target.add(triple)
    return dataset


def load_ontology() -> Graph:
    """The bundled ontology (ontology/kg.ttl), parsed once per process; do not modify."""
    return _ontology(str(ontology_path("kg.ttl")))


@lru_cache(maxsize=2)
def _ontology(path: str) -> Graph:
    return Graph().parse(path, format="turtle")


def _asserted_triples(dataset: Dataset | Graph) -> Iterator[tuple]:
    if not isinstance(dataset, Dataset):
        yield from dataset
        return
    for graph in dataset.graphs():
        if graph.identifier in (INFERRED_GRAPH, ALIGNMENT_GRAPH):
            continue
        yield from graph


def _meaningful(triple: tuple, ontology_terms: set) -> bool:
    s, p, o = triple
    if not isinstance(s, URIRef) or isinstance(o, BNode):
        return False
    if s in ontology_terms or str(s).startswith(_W3C):
        return False
    if p == OWL.sameAs:
        return s != o
    if p == RDF.type:
        return o not in _NOISE_TYPES and not str(o).startswith(str(XSD))
    return True
