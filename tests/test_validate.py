"""kg.validate: SHACL accepts built graphs and reports a broken one clearly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.build import build_graph, statement_iri
from kg.records import load_statements
from kg.validate import validate
from kg.vocab import ACTOR, ASSERTED_GRAPH, DOCUMENT, KG

FIXTURES = Path(__file__).parent / "fixtures"


def _dataset() -> Dataset:
    return build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)


def test_built_graph_conforms() -> None:
    report = validate(_dataset())
    assert report.conforms, [str(v) for v in report.violations]
    assert report.summary() == "SHACL: conforms"


@pytest.fixture(scope="module")
def broken_report():
    dataset = _dataset()
    graph = dataset.graph(ASSERTED_GRAPH)
    kh = statement_iri(
        "fx-001",
        "Kata'ib Hezbollah",
        "the American occupation bears full responsibility and will pay a price",
    )
    graph.remove((kh, KG.speaker, None))  # no speaker
    graph.add((kh, KG.evidence, Literal("a second quote")))  # two evidence quotes
    graph.add((kh, KG.platform, URIRef("https://example.org/Fax")))  # not in the scheme
    graph.set((kh, KG.statementDate, Literal("2024-01-04")))  # untyped date
    graph.set((kh, KG.confidence, Literal(Decimal("1.5"))))  # out of range
    graph.set((kh, KG.evidenceStart, Literal(500)))  # after the end (190)
    graph.add((kh, KG.blamesTarget, Literal("United States")))  # a literal, not an actor
    event = graph.value(kh, KG.about)
    graph.set((event, KG.eventDate, Literal("--13-45", datatype=XSD.gMonthDay)))  # no month 13
    nameless = ACTOR["nameless"]
    graph.add((nameless, RDF.type, KG.ArmedGroup))  # an actor without a name
    graph.remove((DOCUMENT["fx-002"], KG.docId, None))  # a document without an id
    return validate(dataset)


def test_broken_graph_is_caught(broken_report) -> None:
    assert not broken_report.conforms
    found = {(v.focus.split(":")[0], v.path) for v in broken_report.errors}
    for path in (
        "kg:speaker",
        "kg:evidence",
        "kg:platform",
        "kg:statementDate",
        "kg:confidence",
        "kg:evidenceStart",
        "kg:blamesTarget",
    ):
        assert ("stmt", path) in found, path
    assert ("event", "kg:eventDate") in found
    assert ("actor", "skos:prefLabel") in found
    assert ("doc", "kg:docId") in found


def test_violations_read_clearly(broken_report) -> None:
    text = [str(v) for v in broken_report.violations]
    assert any(
        line.startswith("Violation: stmt:") and "kg:speaker: a statement needs exactly one" in line
        for line in text
    )
    assert any("actor:nameless skos:prefLabel: an actor needs a name" in line for line in text)
    assert "does NOT conform" in broken_report.summary()


def test_conflicting_event_dates_are_a_warning_only() -> None:
    dataset = _dataset()
    graph = dataset.graph(ASSERTED_GRAPH)
    event = next(graph.subjects(RDF.type, KG.Event))
    graph.add((event, KG.eventDate, Literal("--01-01", datatype=XSD.gMonthDay)))
    report = validate(dataset)
    assert report.conforms
    assert [v.path for v in report.warnings] == ["kg:eventDate"]


def test_shapes_are_valid_shacl() -> None:
    from pyshacl import validate as shacl_validate

    from kg.validate import load_shapes

    conforms, _graph, text = shacl_validate(Graph(), shacl_graph=load_shapes(), meta_shacl=True)
    assert conforms, text
