"""kg.counts: statement counts of the derived relations, in memory and on a store."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.build import build_graph
from kg.counts import COUNT_BASE, count_iri, count_store, counted_rules, graph_counts
from kg.model import Statement
from kg.reason import infer
from kg.store import add_statements, query_store
from kg.vocab import ACTOR, KG

COUNTS = """PREFIX kg: <https://w3id.org/kg-armed-groups/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o ?n WHERE { ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                              kg:statementCount ?n }"""


def _blame(doc: str, evidence: str, *targets: str) -> Statement:
    return Statement(
        doc_id=doc,
        speaker="Alpha Brigade",
        speaker_surface="Alpha Brigade",
        speaker_type="militia",
        evidence=evidence,
        blames=targets,
    )


RECORDS = [
    _blame("d1", "Alpha blamed Beta.", "Beta Front"),
    _blame("d1", "Alpha blamed Beta and Gamma again.", "Beta Front", "Gamma Party"),
    _blame("d2", "Alpha blamed Beta a third time.", "Beta Front"),
]


def _rows(rows: list[dict]) -> set[tuple[str, str, str, int]]:
    return {(r["s"], r["p"], r["o"], int(r["n"])) for r in rows}


def test_every_property_chain_is_counted() -> None:
    heads = {rule.head for rule in counted_rules()}
    assert {str(KG.blames), str(KG.threatens), str(KG.sponsoredBy)} <= heads
    assert str(KG.made) not in heads  # an inverse, not a chain


def test_counts_are_statements_per_pair() -> None:
    built = build_graph(RECORDS)
    closure = infer(built)  # kg:made, the chain's first link, comes from reasoning
    for s, p, o, _graph in built.quads((None, None, None, None)):
        closure.add((s, p, o))
    counts = set(graph_counts(closure))
    slugs = ("alpha-brigade", "beta-front", "gamma-party")
    alpha, beta, gamma = (str(ACTOR[slug]) for slug in slugs)
    assert counts == {(alpha, str(KG.blames), beta, 3), (alpha, str(KG.blames), gamma, 1)}
    assert count_iri(alpha, str(KG.blames), beta) == count_iri(alpha, str(KG.blames), beta)
    assert count_iri(alpha, str(KG.blames), beta) != count_iri(alpha, str(KG.blames), gamma)


def test_store_recounts_when_documents_are_added_or_replaced() -> None:
    import pyoxigraph as ox

    store = ox.Store()
    add_statements(store, RECORDS[:2])
    first = _rows(query_store(store, COUNTS))
    assert {(o.rsplit("/", 1)[-1], n) for _s, _p, o, n in first} == {
        ("beta-front", 2),
        ("gamma-party", 1),
    }
    report = add_statements(store, RECORDS[2:])
    assert report.relation_counts == 1  # only Beta's count changed
    assert {(o.rsplit("/", 1)[-1], n) for _s, _p, o, n in _rows(query_store(store, COUNTS))} == {
        ("beta-front", 3),
        ("gamma-party", 1),
    }
    # d1 re-extracted with one statement fewer: its pair counts drop, Gamma's goes.
    add_statements(store, [RECORDS[0]])
    changed = _rows(query_store(store, COUNTS))
    assert {(o.rsplit("/", 1)[-1], n) for _s, _p, o, n in changed} == {("beta-front", 2)}
    # The counts changed build by build equal a count from scratch, node for node.
    nodes = (
        "SELECT ?c ?p ?o WHERE { GRAPH ?g { ?c ?p ?o } "
        f"FILTER STRSTARTS(STR(?c), '{COUNT_BASE}') }}"
    )
    before = {tuple(r.values()) for r in query_store(store, nodes)}
    count_store(store)
    assert {tuple(r.values()) for r in query_store(store, nodes)} == before


_NAMES = ["Alpha Brigade", "Beta Front", "Gamma Party"]
_TARGETS = st.lists(st.sampled_from([*_NAMES[1:], "Delta State"]), max_size=2, unique=True)
_RECORD = st.builds(
    lambda doc, speaker, blames, threats, condemns, n: Statement(
        doc_id=doc,
        speaker=speaker,
        speaker_surface=speaker,
        speaker_type="militia",
        evidence=f"{speaker} spoke ({n}).",
        blames=tuple(blames),
        threatens_or_vows_revenge_against=tuple(threats),
        condemns=tuple(condemns),
    ),
    st.sampled_from(["d1", "d2", "d3"]),
    st.sampled_from(_NAMES),
    _TARGETS,
    _TARGETS,
    _TARGETS,
    st.integers(0, 3),
)


def _derived_triples(store: object) -> set[tuple[str, str, str]]:
    rows = query_store(
        store,  # type: ignore[arg-type]
        "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/kg-armed-groups/graph/inferred> "
        "{ ?s ?p ?o } }",
        union_default_graph=False,
    )
    return {(r["s"], r["p"], str(r["o"])) for r in rows}


@settings(max_examples=30, deadline=None)
@given(st.lists(_RECORD, min_size=1, max_size=6), st.lists(_RECORD, min_size=1, max_size=6))
def test_replacing_documents_leaves_what_a_fresh_build_gives(
    first: list[Statement], second: list[Statement]
) -> None:
    """Relations that lose their last statement are retracted (driven by the counts), the
    rest and the counts stay exact: the store equals one built from the final records."""
    import pyoxigraph as ox

    replaced = {record.doc_id for record in second}
    final = [r for r in first if r.doc_id not in replaced] + second
    store = ox.Store()
    add_statements(store, first)
    add_statements(store, second)
    fresh = ox.Store()
    add_statements(fresh, final)
    assert _derived_triples(store) == _derived_triples(fresh)
