"""kg.build: records -> asserted RDF graph with stable IRIs and provenance."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from kg.build import build_graph, date_literal, document_iri, statement_iri
from kg.model import Statement
from kg.records import load_statements
from kg.vocab import ACTOR, ASSERTED_GRAPH, KG, SCHEMA

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def records() -> list[Statement]:
    result = load_statements([FIXTURES / "statements.jsonl"])
    assert not result.issues
    return result.statements


@pytest.fixture(scope="module")
def graph(records: list[Statement]):
    return build_graph(records).graph(ASSERTED_GRAPH)


def _statement(records: list[Statement], speaker: str) -> URIRef:
    record = next(r for r in records if r.speaker == speaker)
    return statement_iri(record.doc_id, record.speaker, record.evidence)


def test_statement_node_carries_the_record(records, graph) -> None:
    node = _statement(records, "Kata'ib Hezbollah")
    kh, us = ACTOR["kataib-hezbollah"], ACTOR["united-states"]
    assert (node, RDF.type, KG.Statement) in graph
    assert (node, KG.speaker, kh) in graph
    assert (node, KG.blamesTarget, us) in graph
    assert (node, KG.threatensTarget, us) in graph
    assert (node, KG.platform, KG.Telegram) in graph
    assert (node, KG.attestedSponsor, ACTOR["iran"]) in graph
    assert (node, KG.attestedAffiliation, ACTOR["popular-mobilization-forces"]) in graph
    assert (node, KG.speakerSurface, Literal("Kataib Hezbollah")) in graph
    assert (node, KG.statementDate, Literal("2024-01-04", datatype=XSD.date)) in graph


def test_provenance_on_every_statement(records, graph) -> None:
    statements = set(graph.subjects(RDF.type, KG.Statement))
    assert len(statements) == len(records)
    for node in statements:
        assert graph.value(node, PROV.wasDerivedFrom) is not None
        assert graph.value(node, KG.evidence) is not None
    node = _statement(records, "Kata'ib Hezbollah")
    assert graph.value(node, KG.extractorVersion) == Literal("kg-extract 0.1.0")
    assert graph.value(node, KG.evidenceStart).toPython() == 120
    assert graph.value(node, KG.evidenceEnd).toPython() == 190
    assert float(graph.value(node, KG.confidence)) == pytest.approx(0.9)


def test_document_node_uses_doc_fields(graph) -> None:
    doc = document_iri("fx-001")
    assert (doc, RDF.type, KG.Document) in graph
    assert (doc, KG.docId, Literal("fx-001")) in graph
    assert (doc, SCHEMA.url, URIRef("https://example.org/news/fx-001")) in graph
    assert (doc, DCTERMS.issued, Literal("2024-01-05", datatype=XSD.date)) in graph
    assert graph.value(doc, DCTERMS.title) is not None
    bare = document_iri("fx-003")
    assert graph.value(bare, SCHEMA.url) is None


def test_actor_types_and_labels(graph) -> None:
    assert (ACTOR["kataib-hezbollah"], RDF.type, KG.ArmedGroup) in graph
    assert (ACTOR["islamic-resistance-in-iraq"], RDF.type, KG.UmbrellaFront) in graph
    assert (ACTOR["yahya-saree"], RDF.type, KG.Person) in graph
    assert (ACTOR["united-states"], RDF.type, KG.State) in graph
    assert (ACTOR["palestinian-resistance"], RDF.type, KG.OtherTarget) in graph
    assert (ACTOR["yahya-saree"], KG.affiliatedWith, ACTOR["ansar-allah"]) in graph
    assert (ACTOR["hezbollah"], SKOS.exactMatch, None) not in graph  # not mentioned
    assert graph.value(ACTOR["kataib-hezbollah"], SKOS.prefLabel) == Literal("Kata'ib Hezbollah")
    assert Literal("Kataeb Hezbollah") in set(
        graph.objects(ACTOR["kataib-hezbollah"], SKOS.altLabel)
    )
    # Unknown speaker: type from the record; unknown target: kg:Actor with its name.
    assert (ACTOR["saraya-awliya-al-dam"], RDF.type, KG.ArmedGroup) in graph
    families = ACTOR["families-of-the-victims"]
    assert (families, RDF.type, KG.Actor) in graph
    assert (families, SKOS.prefLabel, Literal("families of the victims")) in graph


def test_targets_are_canonicalised_through_the_gazetteer() -> None:
    record = Statement.from_dict(
        {
            "doc_id": "x",
            "speaker": "Houthis",
            "speaker_type": "militia",
            "evidence": "q",
            "blames": ["Washington", "the Zionist entity"],
        }
    )
    graph = build_graph([record]).graph(ASSERTED_GRAPH)
    node = statement_iri("x", "Ansar Allah", "q")
    assert (node, KG.speaker, ACTOR["ansar-allah"]) in graph
    assert set(graph.objects(node, KG.blamesTarget)) == {ACTOR["united-states"], ACTOR["israel"]}


def test_dates() -> None:
    assert date_literal("2024-01-04") == Literal("2024-01-04", datatype=XSD.date)
    assert date_literal("XXXX-02-10") == Literal("--02-10", datatype=XSD.gMonthDay)
    assert date_literal("2021-02-30").datatype is None  # not a calendar date: SHACL flags it


def test_event_date_with_unknown_year(records, graph) -> None:
    node = _statement(records, "Yahya Saree")
    event = graph.value(node, KG.about)
    assert graph.value(event, KG.eventDate) == Literal("--02-10", datatype=XSD.gMonthDay)


def test_reported_date_has_its_own_property() -> None:
    record = Statement(
        "d1", "Hamas", "Hamas", "militia", "Hamas said", statement_date="XXXX-02-08",
        reported_date="2024-02-09",
    )  # fmt: skip
    graph = build_graph([record]).graph(ASSERTED_GRAPH)
    node = statement_iri("d1", "Hamas", "Hamas said")
    assert graph.value(node, KG.reportedDate) == Literal("2024-02-09", datatype=XSD.date)
    assert graph.value(node, KG.statementDate) == Literal("--02-08", datatype=XSD.gMonthDay)
    undated = build_graph([Statement("d2", "Hamas", "Hamas", "militia", "Hamas said")])
    assert not list(undated.triples((None, KG.reportedDate, None)))


def test_same_records_in_any_order_give_identical_output(records) -> None:
    first = build_graph(records).serialize(format="trig")
    shuffled = list(records)
    random.Random(7).shuffle(shuffled)
    assert build_graph(shuffled).serialize(format="trig") == first


def test_adding_documents_only_adds_triples(records) -> None:
    small = set(build_graph(records[:2]).graph(ASSERTED_GRAPH))
    large = set(build_graph(records).graph(ASSERTED_GRAPH))
    assert small < large


_names = st.sampled_from(
    ["Kata'ib Hezbollah", "PMF", "U.S.", "Israel", "Some Local Council", "the families", "Gaza"]
)
_records = st.builds(
    lambda doc, speaker, kind, blames, evidence: Statement.from_dict(
        {
            "doc_id": doc,
            "speaker": speaker,
            "speaker_type": kind,
            "evidence": evidence,
            "blames": blames,
        }
    ),
    st.sampled_from(["d1", "d2", "d3"]),
    _names,
    st.sampled_from(["militia", "state", "organization"]),
    st.lists(_names, max_size=3),
    st.text(min_size=1, max_size=20).filter(str.strip),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_records, max_size=6), st.lists(_records, max_size=4))
def test_union_property(first: list[Statement], second: list[Statement]) -> None:
    a = set(build_graph(first).graph(ASSERTED_GRAPH))
    b = set(build_graph(second).graph(ASSERTED_GRAPH))
    both = set(build_graph(first + second).graph(ASSERTED_GRAPH))
    assert both == a | b


# --- the one-call API and the kg build command ----------------------------------------------


def test_build_api_reports_counts_and_skips_bad_records(tmp_path: Path) -> None:
    import kg
    from kg.build import BuildError, build_files

    mixed = tmp_path / "mixed.jsonl"
    good = (FIXTURES / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    mixed.write_text("\n".join([good[0], '{"doc_id": "x"}', "not json", good[2]]) + "\n")
    result = kg.build_files(mixed, tmp_path / "g.trig", reason=True)
    assert result.records == 2
    assert [issue.line for issue in result.issues] == [2, 3]
    assert result.conforms
    assert result.inferred_triples > 0
    assert result.written == [tmp_path / "g.trig"]
    assert set(result.timings) == {"build", "reason", "validate", "write"}
    with pytest.raises(BuildError, match="no valid statement records"):
        build_files([{"doc_id": "x"}])


def test_cli_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    out = tmp_path / "graph.nt"
    assert main(["build", str(FIXTURES / "statements.jsonl"), "-o", str(out), "--reason"]) == 0
    err = capsys.readouterr().err
    assert "SHACL: conforms" in err and "inferred" in err
    assert out.exists() and (tmp_path / "graph.inferred.nt").exists()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    assert main(["build", str(bad), "-o", str(tmp_path / "none.ttl")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:1:" in err and "no valid statement records" in err
    assert not (tmp_path / "none.ttl").exists()


def test_cli_build_exits_1_and_still_writes_when_shacl_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    record = {
        "doc_id": "bad-date",
        "speaker": "Hezbollah",
        "speaker_type": "militia",
        "evidence": "a quote",
        "statement_date": "2021-02-30",  # passes the record check, not the calendar
    }
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["build", str(path), "-o", str(tmp_path / "g.ttl")]) == 1
    err = capsys.readouterr().err
    assert "Violation: stmt:" in err and "kg:statementDate" in err
    assert (tmp_path / "g.ttl").exists()
