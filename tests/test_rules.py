"""kg.rules: SPARQL rules from the ontology's axioms give exactly what owlrl derives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef

from kg.build import build_graph
from kg.reason import infer
from kg.records import load_statements
from kg.rules import (
    INFERRED_GRAPH,
    RuleError,
    actor_relation_rules,
    clear_derived,
    derive,
    derived_properties,
    rules_as_sparql_update,
    rules_from_ontology,
)
from kg.vocab import KG, stance_properties

FIXTURES = Path(__file__).parent / "fixtures"
EX = "https://w3id.org/kg-armed-groups/ontology#"
TOY_ONTOLOGY = f"""
@prefix kg: <{EX}> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kg:p1 a owl:ObjectProperty .
kg:p2 a owl:ObjectProperty ; owl:inverseOf kg:p2inv .
kg:chain a owl:ObjectProperty ; owl:propertyChainAxiom ( kg:p2inv kg:p1 kg:p1 ) .
kg:back a owl:ObjectProperty ; owl:propertyChainAxiom ( [ owl:inverseOf kg:p1 ] kg:p2 ) .
kg:near a owl:ObjectProperty, owl:SymmetricProperty .
kg:ancestor a owl:ObjectProperty, owl:TransitiveProperty .
kg:parent rdfs:subPropertyOf kg:ancestor .
kg:same a owl:ObjectProperty ; owl:equivalentProperty kg:alike .
"""


def _store_with(dataset: Dataset | Graph):
    import pyoxigraph as ox

    store = ox.Store()
    if isinstance(dataset, Dataset):
        data = dataset.serialize(format="nquads")
        store.load(data.encode(), ox.RdfFormat.N_QUADS)
    else:
        data = dataset.serialize(format="nt")
        store.load(data.encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(f"{EX}g"))
    return store


def _inferred(store, properties: set[str]) -> set[tuple[str, str, str]]:
    import pyoxigraph as ox

    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED_GRAPH))
    found = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    assert {p for _, p, _ in found} <= properties
    return found


def _owlrl(graph: Dataset | Graph, properties: set[str], ontology: Graph | None = None):
    return {(str(s), str(p), str(o)) for s, p, o in infer(graph, ontology) if str(p) in properties}


def test_rules_cover_every_property_chain_and_inverse_of_the_ontology() -> None:
    rules = rules_from_ontology()
    heads = derived_properties(rules)
    chains = {relation for _prop, relation in stance_properties().values()}  # the registry's
    assert {str(p) for p in chains | {KG.sponsoredBy, KG.affiliatedWith, KG.made}} <= heads
    blames = next(r for r in rules if r.head == str(KG.blames))
    assert [link.property for link in blames.body] == [str(KG.made), str(KG.blamesTarget)]
    # Heads outside the kg namespace (prov:wasAttributedTo) are left to owlrl.
    assert all(head.startswith(EX) for head in heads)
    # The store keeps the actor-to-actor relations only (not kg:stanceTarget).
    actor_heads = derived_properties(actor_relation_rules())
    assert actor_heads == heads - {str(KG.stanceTarget), str(KG.speaker)}


@pytest.mark.parametrize("actor_only", [False, True])
def test_rules_equal_owlrl_on_the_fixture_graph(actor_only: bool) -> None:
    records = load_statements([FIXTURES / "statements.jsonl"]).statements
    dataset = build_graph(records)
    rules = actor_relation_rules() if actor_only else rules_from_ontology()
    properties = derived_properties(rules)
    expected = _owlrl(dataset, properties)
    assert any(p == str(KG.blames) for _, p, _ in expected)
    store = _store_with(dataset)
    added = derive(store, rules)
    assert added == len(expected)
    assert _inferred(store, properties) == expected
    # A second run adds nothing; clearing removes exactly the derived triples.
    assert derive(store, rules) == 0
    clear_derived(store, rules)
    assert _inferred(store, properties) == set()


def test_rules_from_a_toy_ontology_with_every_supported_axiom() -> None:
    ontology = Graph().parse(data=TOY_ONTOLOGY, format="turtle")
    rules = rules_from_ontology(ontology)
    text = "\n".join(str(r) for r in rules)
    assert "kg:back <= ^kg:p1 o kg:p2" in text
    assert "kg:ancestor <= kg:ancestor o kg:ancestor" in text
    update = rules_as_sparql_update(rules)
    assert update.count("INSERT") == len(rules)


_nodes = st.sampled_from([URIRef(f"https://example.org/n{i}") for i in range(5)])
_props = st.sampled_from([URIRef(f"{EX}{p}") for p in ("p1", "p2", "near", "parent", "same")])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.tuples(_nodes, _props, _nodes), min_size=1, max_size=12))
def test_rules_equal_owlrl_on_generated_graphs(triples: set) -> None:
    ontology = Graph().parse(data=TOY_ONTOLOGY, format="turtle")
    rules = rules_from_ontology(ontology)
    properties = derived_properties(rules)
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    store = _store_with(graph)
    derive(store, rules)
    assert _inferred(store, properties) == _owlrl(graph, properties, ontology)


def test_unsupported_chain_links_fail_loudly() -> None:
    bad = Graph().parse(
        data=f"""@prefix kg: <{EX}> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        kg:x owl:propertyChainAxiom ( kg:a [ owl:unionOf ( kg:b kg:c ) ] ) .""",
        format="turtle",
    )
    with pytest.raises(RuleError, match="unsupported link"):
        rules_from_ontology(bad)
