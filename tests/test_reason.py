"""kg.reason: OWL-RL derives the direct actor relations; only new, meaningful triples."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import OWL, PROV, RDF, RDFS

from kg.build import build_graph
from kg.reason import add_inferred, infer, load_ontology
from kg.records import load_statements
from kg.vocab import ACTOR, ASSERTED_GRAPH, INFERRED_GRAPH, KG

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)


@pytest.fixture(scope="module")
def inferred(dataset: Dataset) -> Graph:
    return infer(dataset)


def test_property_chains_give_direct_actor_relations(inferred: Graph) -> None:
    kh, us, israel = ACTOR["kataib-hezbollah"], ACTOR["united-states"], ACTOR["israel"]
    assert (kh, KG.blames, us) in inferred
    assert (kh, KG.threatens, us) in inferred
    assert (ACTOR["yahya-saree"], KG.blames, israel) in inferred
    assert (ACTOR["government-of-iraq"], KG.condemns, us) in inferred
    assert (ACTOR["harakat-hezbollah-al-nujaba"], KG.praises, ACTOR["ansar-allah"]) in inferred
    condolences = ACTOR["families-of-the-victims"]
    assert (ACTOR["government-of-iraq"], KG.offersCondolencesTo, condolences) in inferred
    assert (kh, KG.sponsoredBy, ACTOR["iran"]) in inferred
    assert (kh, KG.affiliatedWith, ACTOR["popular-mobilization-forces"]) in inferred
    # Nobody blames Israel except Saree; no relation is invented.
    assert set(inferred.subjects(KG.blames, israel)) == {ACTOR["yahya-saree"]}


def test_inverse_superclass_and_superproperty(dataset: Dataset, inferred: Graph) -> None:
    statement = next(dataset.graph(ASSERTED_GRAPH).subjects(KG.speaker, ACTOR["yahya-saree"]))
    assert (ACTOR["yahya-saree"], KG.made, statement) in inferred
    assert (statement, PROV.wasAttributedTo, ACTOR["yahya-saree"]) in inferred
    assert (statement, RDF.type, PROV.Entity) in inferred
    assert (statement, KG.stanceTarget, ACTOR["israel"]) in inferred
    assert (ACTOR["yahya-saree"], RDF.type, KG.Actor) in inferred
    assert (ACTOR["yahya-saree"], RDF.type, PROV.Agent) in inferred
    assert (ACTOR["islamic-resistance-in-iraq"], RDF.type, KG.ArmedGroup) in inferred
    assert (ACTOR["yahya-saree"], RDFS.label, None) in inferred


def test_only_new_and_meaningful_triples(dataset: Dataset, inferred: Graph) -> None:
    asserted = set(dataset.graph(ASSERTED_GRAPH))
    ontology_terms = set(load_ontology().subjects())
    assert inferred, "nothing inferred"
    for s, p, o in inferred:
        assert (s, p, o) not in asserted
        assert s not in ontology_terms
        assert not str(s).startswith(str(OWL))
        assert p != OWL.sameAs
        if p == RDF.type:
            assert o not in (OWL.Thing, RDFS.Resource, OWL.NamedIndividual)


def test_input_is_left_alone_and_add_inferred(dataset: Dataset, inferred: Graph) -> None:
    size = len(dataset.graph(ASSERTED_GRAPH))
    infer(dataset)
    assert len(dataset.graph(ASSERTED_GRAPH)) == size
    copy = build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)
    add_inferred(copy, inferred)
    assert len(copy.graph(INFERRED_GRAPH)) == len(inferred)
    assert len(copy.graph(ASSERTED_GRAPH)) == size


def test_inferred_graph_is_ignored_as_input(dataset: Dataset, inferred: Graph) -> None:
    copy = build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)
    add_inferred(copy, inferred)
    assert set(infer(copy)) == set(inferred)
