"""kg/vocab.py mirrors ontology/kg.ttl: same terms, every term labelled and commented."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from kg.paths import ontology_path
from kg.vocab import KG, ONTOLOGY_NS, PLATFORMS, stance_properties


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path("kg.ttl"))


def _ontology_terms(graph: Graph) -> set[str]:
    ns = str(KG._NS)
    return {str(s)[len(ns) :] for s in graph.subjects() if str(s).startswith(ns)}


def test_vocab_and_ontology_name_the_same_terms(ontology: Graph) -> None:
    vocab_terms = set(KG.__annotations__)
    assert _ontology_terms(ontology) == vocab_terms


def test_every_term_has_label_and_comment(ontology: Graph) -> None:
    for name in KG.__annotations__:
        term = KG[name]
        assert ontology.value(term, RDFS.label) is not None, f"{name} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{name} has no rdfs:comment"


def test_closed_namespace_rejects_typos() -> None:
    with pytest.raises(AttributeError):
        _ = KG.Statment


def test_stance_properties_come_from_the_registry() -> None:
    from kg.stances import load_stances

    assert str(KG._NS) == ONTOLOGY_NS
    properties = stance_properties()
    assert list(properties) == [s.field for s in load_stances()]
    assert properties["blames"] == (KG.blamesTarget, KG.blames)
    assert properties["condolences_to"] == (KG.condolencesTarget, KG.offersCondolencesTo)


def test_stance_properties_carry_cameo_and_plover(ontology: Graph) -> None:
    for statement_prop, actor_prop in stance_properties().values():
        for prop in (statement_prop, actor_prop):
            assert ontology.value(prop, KG.cameoCode) is not None, prop
            assert ontology.value(prop, KG.ploverCode) is not None, prop


def test_derived_relations_are_property_chains(ontology: Graph) -> None:
    for statement_prop, actor_prop in stance_properties().values():
        chain_head = ontology.value(actor_prop, OWL.propertyChainAxiom)
        assert chain_head is not None, actor_prop
        assert list(ontology.items(chain_head)) == [KG.made, statement_prop]
    assert (KG.made, OWL.inverseOf, KG.speaker) in ontology


def test_platforms_are_concepts_in_the_scheme(ontology: Graph) -> None:
    for concept in PLATFORMS.values():
        assert (concept, RDF.type, KG.Platform) in ontology
