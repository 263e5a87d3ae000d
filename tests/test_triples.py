"""kg.triples: one record -> its triples as plain terms, the definition both writers use."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF, SKOS, XSD

from kg.build import build_graph, rdflib_term
from kg.gazetteer import load_gazetteer
from kg.model import Statement
from kg.records import load_statements
from kg.triples import (
    Lit,
    Nodes,
    actor_triples,
    date_term,
    document_iri,
    document_triples,
    event_triples,
    statement_triples,
)
from kg.vocab import ACTOR, ASSERTED_GRAPH

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def records() -> list[Statement]:
    return load_statements([FIXTURES / "statements.jsonl"]).statements


@pytest.fixture(scope="module")
def graph(records: list[Statement]):
    return build_graph(records).graph(ASSERTED_GRAPH)


def _rdflib(triples) -> set[tuple]:
    return {tuple(rdflib_term(term) for term in triple) for triple in triples}


def test_node_functions_give_the_triples_build_graph_adds(records, graph) -> None:
    kh, triples = actor_triples("Kataib Hezbollah", "militia", load_gazetteer())
    assert kh == str(ACTOR["kataib-hezbollah"])
    assert (kh, str(SKOS.prefLabel), Lit("Kata'ib Hezbollah")) in triples
    assert all(triple in graph for triple in _rdflib(triples))
    record = next(r for r in records if r.event or r.event_date)
    for node, node_triples in (document_triples(record), event_triples(record)):
        assert (rdflib_term(node), RDF.type, None) in graph
        assert node_triples and all(t in graph for t in _rdflib(node_triples))
    document = rdflib_term(document_iri(record.doc_id))
    assert {t for t in graph if t[0] == document} == _rdflib(document_triples(record)[1])


def test_terms_are_plain_strings_and_literals(records) -> None:
    for s, p, o in statement_triples(records[0], Nodes(load_gazetteer())):
        assert type(s) is str and type(p) is str
        assert type(o) is str or isinstance(o, Lit)
    assert date_term("2024-01-04") == Lit("2024-01-04", str(XSD.date))
    assert date_term("XXXX-02-10") == Lit("--02-10", str(XSD.gMonthDay))
    assert date_term("2021-02-30") == Lit("2021-02-30")  # not a calendar date: SHACL flags it


def test_shared_nodes_are_given_once_until_start(records) -> None:
    nodes = Nodes(load_gazetteer())
    first = [t for record in records for t in statement_triples(record, nodes)]
    again = [t for record in records for t in statement_triples(record, nodes)]
    assert set(again) < set(first)  # statement nodes only: actors, documents given already
    document = document_iri(records[0].doc_id)
    assert not any(s == document for s, _p, _o in again)
    nodes.start()
    assert [t for record in records for t in statement_triples(record, nodes)] == first
