"""Statement records -> RDF under the kg ontology (ontology/kg.ttl).

`build_graph(statements)` returns an rdflib Dataset whose named graph
`https://w3id.org/kg-armed-groups/graph/asserted` holds the asserted triples. The IRIs are
stable (see docs/architecture.md): actors by gazetteer id or a slug of their name,
statements and events by a hash of what identifies them, documents by a slug of their id.
The triples are added in sorted order, so the same records (in any order) give the same
graph and the same serialisation, and adding documents only adds triples.

No blank nodes are used, so graphs built from different inputs merge by simple union.

`build(sources, output)` is the whole `kg build` command as one call: load records, build,
optionally reason, validate with SHACL, write, and return a `BuildResult` with the counts.
The module itself is callable (`kg.build(...)` is `kg.build.build(...)`), because the
package attribute `kg.build` becomes this module as soon as it is imported.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.callable_module import make_module_callable
from kg.gazetteer import Gazetteer, load_gazetteer, slugify
from kg.model import RecordError, Statement
from kg.records import LoadIssue, load_statements
from kg.vocab import (
    ACTOR,
    ACTOR_CLASSES,
    ASSERTED_GRAPH,
    DOCUMENT,
    EVENT,
    KG,
    PLATFORMS,
    SCHEMA,
    STATEMENT,
    WIKIDATA,
    bind_prefixes,
    stance_properties,
)

if TYPE_CHECKING:
    from kg.validate import ValidationReport

Triple = tuple[URIRef, URIRef, Any]
_SEPARATOR = "\x1f"  # joins the parts hashed into statement and event IRIs


def build_graph(statements: Iterable[Statement], gazetteer: Gazetteer | None = None) -> Dataset:
    """Build the asserted graph for `statements` (the bundled gazetteer when none is given)."""
    dataset = new_dataset()
    graph = dataset.graph(ASSERTED_GRAPH)
    triples = statement_triples(statements, gazetteer or load_gazetteer())
    for triple in sorted(triples, key=_sort_key):
        graph.add(triple)
    return dataset


class BuildError(ValueError):
    """Nothing to build (no valid record at all); `issues` says what was wrong."""

    def __init__(self, message: str, issues: list[LoadIssue] | None = None) -> None:
        super().__init__(message)
        self.issues = issues or []


@dataclass
class BuildResult:
    dataset: Dataset
    records: int  # valid records used
    issues: list[LoadIssue]  # bad records, skipped (file, line, reason)
    statements: int  # statement nodes (records with the same doc, speaker, evidence merge)
    actors: int
    documents: int
    asserted_triples: int
    inferred_triples: int = 0
    report: ValidationReport | None = None
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds

    @property
    def conforms(self) -> bool:
        return self.report is None or self.report.conforms

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())


def build(
    sources: str | Path | Iterable[str | Path | Statement | dict[str, Any]],
    output: str | Path | None = None,
    *,
    format: str | None = None,
    reason: bool = False,
    validate: bool = True,
    gazetteer: Gazetteer | None = None,
) -> BuildResult:
    """Records (files, folders, Statement objects or dicts) -> graph, in one call.

    Bad records are skipped and listed in `issues`; BuildError only when no record is
    valid. With `reason`, the OWL-RL inferences go into the inferred named graph. With
    `validate`, SHACL runs on asserted + inferred triples; the graph is written even when
    it does not conform (so the violations can be inspected): check `result.conforms`."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    statements, issues = _collect(sources)
    if not statements:
        raise BuildError(f"no valid statement records ({len(issues)} problems)", issues)
    dataset = build_graph(statements, gazetteer)
    timings["build"] = time.perf_counter() - started
    asserted = dataset.graph(ASSERTED_GRAPH)
    result = BuildResult(
        dataset=dataset,
        records=len(statements),
        issues=issues,
        statements=len(set(asserted.subjects(RDF.type, KG.Statement))),
        actors=len({s for s in asserted.subjects() if str(s).startswith(str(ACTOR))}),
        documents=len(set(asserted.subjects(RDF.type, KG.Document))),
        asserted_triples=len(asserted),
        timings=timings,
    )
    if reason:
        from kg.reason import add_inferred, infer

        started = time.perf_counter()
        inferred = infer(dataset)
        add_inferred(dataset, inferred)
        result.inferred_triples = len(inferred)
        timings["reason"] = time.perf_counter() - started
    if validate:
        from kg.validate import validate as shacl

        started = time.perf_counter()
        result.report = shacl(dataset)
        timings["validate"] = time.perf_counter() - started
    if output is not None:
        from kg.graphio import write_graph

        started = time.perf_counter()
        result.written = write_graph(dataset, output, format)
        timings["write"] = time.perf_counter() - started
    return result


def _collect(
    sources: str | Path | Iterable[str | Path | Statement | dict[str, Any]],
) -> tuple[list[Statement], list[LoadIssue]]:
    if isinstance(sources, str | Path):
        sources = [sources]
    statements: list[Statement] = []
    issues: list[LoadIssue] = []
    paths: list[str | Path] = []
    for number, item in enumerate(sources, 1):
        if isinstance(item, Statement):
            statements.append(item)
        elif isinstance(item, dict):
            try:
                statements.append(Statement.from_dict(item))
            except RecordError as error:
                issues.append(LoadIssue("<records>", number, str(error)))
        else:
            paths.append(item)
    if paths:
        loaded = load_statements(paths)
        statements.extend(loaded.statements)
        issues.extend(loaded.issues)
    return statements, issues


def new_dataset() -> Dataset:
    """An empty Dataset whose default graph is the union of its named graphs."""
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    return dataset


def statement_triples(statements: Iterable[Statement], gazetteer: Gazetteer) -> set[Triple]:
    """Every asserted triple for the records, as a set (the order is the caller's choice)."""
    builder = _Builder(gazetteer)
    for record in statements:
        builder.add_statement(record)
    return builder.triples


# --- one node at a time (for writers that make the statement node's triples themselves,
# like kg.ntriples; each returns the node's IRI and exactly the triples build_graph adds) --


def actor_triples(
    name: str, speaker_type: str | None, gazetteer: Gazetteer
) -> tuple[URIRef, set[Triple]]:
    """The actor `name` (a speaker of `speaker_type`, or a target when None): its IRI and the
    triples describing it, including the actors it is affiliated with in the gazetteer."""
    builder = _Builder(gazetteer)
    iri = builder.actor(name, speaker_type)
    return iri, builder.triples


def document_triples(record: Statement) -> tuple[URIRef, list[Triple]]:
    """The record's source document: its IRI and triples (id, and the url, title and
    publication date the record's extra fields carry)."""
    iri = document_iri(record.doc_id)
    triples: list[Triple] = [(iri, RDF.type, KG.Document), (iri, KG.docId, Literal(record.doc_id))]
    url = _text(record.extra.get("doc_url"))
    if url:
        triples.append((iri, SCHEMA.url, URIRef(url) if _is_iri(url) else Literal(url)))
    title = _text(record.extra.get("doc_title"))
    if title:
        triples.append((iri, DCTERMS.title, Literal(title)))
    published = _text(record.extra.get("doc_published"))
    if published:
        triples.append((iri, DCTERMS.issued, _published_literal(published)))
    return iri, triples


def event_triples(record: Statement) -> tuple[URIRef, list[Triple]]:
    """The event the record is about (as its document describes it): IRI and triples."""
    iri = event_iri(record.doc_id, record.event)
    triples: list[Triple] = [(iri, RDF.type, KG.Event)]
    if record.event:
        triples.append((iri, RDFS.label, Literal(record.event)))
    if record.event_date:
        triples.append((iri, KG.eventDate, date_literal(record.event_date)))
    return iri, triples


# --- IRIs ---------------------------------------------------------------------------------


def statement_iri(doc_id: str, speaker: str, evidence: str) -> URIRef:
    """`.../id/statement/{sha1(doc_id, speaker canonical name, evidence)[:16]}`."""
    return STATEMENT[_digest(doc_id, speaker, evidence)]


def event_iri(doc_id: str, event: str) -> URIRef:
    """`.../id/event/{sha1(doc_id, event text)[:16]}`: an event as one document describes it."""
    return EVENT[_digest(doc_id, event)]


def document_iri(doc_id: str) -> URIRef:
    return DOCUMENT[slugify(doc_id)]


def _digest(*parts: str) -> str:
    return hashlib.sha1(_SEPARATOR.join(parts).encode("utf-8")).hexdigest()[:16]


def date_literal(text: str) -> Literal:
    """`YYYY-MM-DD` -> xsd:date; `XXXX-MM-DD` -> xsd:gMonthDay `--MM-DD`. A date that does
    not exist in the calendar (2021-02-30) stays a plain string, which SHACL reports."""
    if text.startswith("XXXX-"):
        return Literal("--" + text[5:], datatype=XSD.gMonthDay)
    try:
        date.fromisoformat(text)
    except ValueError:
        return Literal(text)
    return Literal(text, datatype=XSD.date)


# --- the builder --------------------------------------------------------------------------


class _Builder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.triples: set[Triple] = set()
        self._actors_done: set[str] = set()
        self.stances = stance_properties()  # record field -> (statement property, relation)

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        self.triples.add((s, p, o))

    def add_statement(self, record: Statement) -> None:
        speaker_name = self.gazetteer.canonical(record.speaker)
        speaker = self.actor(record.speaker, record.speaker_type)
        node = statement_iri(record.doc_id, speaker_name, record.evidence)
        self.add(node, RDF.type, KG.Statement)
        self.add(node, KG.speaker, speaker)
        self.add(node, KG.speakerSurface, Literal(record.speaker_surface))
        self.add(node, KG.evidence, Literal(record.evidence))
        self.add(node, PROV.wasDerivedFrom, self.document(record))
        if record.evidence_start is not None and record.evidence_end is not None:
            self.add(node, KG.evidenceStart, Literal(record.evidence_start))
            self.add(node, KG.evidenceEnd, Literal(record.evidence_end))
        if record.confidence is not None:
            self.add(node, KG.confidence, Literal(Decimal(str(round(record.confidence, 4)))))
        version = record.extractor or _text(record.extra.get("extractor_version"))
        if version:
            self.add(node, KG.extractorVersion, Literal(version))
        if record.platform:
            self.add(node, KG.platform, PLATFORMS[record.platform])
        if record.statement_date:
            self.add(node, KG.statementDate, date_literal(record.statement_date))
        if record.reported_date:
            self.add(node, KG.reportedDate, date_literal(record.reported_date))
        timeline = record.statement_date or record.event_date
        if timeline:
            self.add(node, KG.timelineDate, date_literal(timeline))
        if record.event or record.event_date:
            self.add(node, KG.about, self.event(record))
        for name, (prop, _derived) in self.stances.items():
            for target in record.stances.get(name, ()):
                self.add(node, prop, self.actor(target))
        if record.sponsor:
            self.add(node, KG.attestedSponsor, self.actor(record.sponsor))
        if record.speaker_affiliation:
            self.add(node, KG.attestedAffiliation, self.actor(record.speaker_affiliation))

    def actor(self, name: str, speaker_type: str | None = None) -> URIRef:
        """The actor's IRI, adding its type and names. Gazetteer actors get their type,
        aliases, Wikidata link and affiliation from the gazetteer; others a minted IRI,
        the record's speaker type (kg:Actor for a target) and their name as written."""
        known = self.gazetteer.resolve(name)
        if known is None:
            iri = ACTOR[slugify(name)]
            self.add(iri, RDF.type, ACTOR_CLASSES[speaker_type] if speaker_type else KG.Actor)
            self.add(iri, SKOS.prefLabel, Literal(name.strip()))
            return iri
        iri = ACTOR[known.id]
        if known.id in self._actors_done:
            return iri
        self._actors_done.add(known.id)
        kind = KG.UmbrellaFront if known.umbrella else ACTOR_CLASSES[known.type]
        self.add(iri, RDF.type, kind)
        self.add(iri, SKOS.prefLabel, Literal(known.name))
        for alias in known.aliases:
            self.add(iri, SKOS.altLabel, Literal(alias))
        if known.wikidata:
            self.add(iri, SKOS.exactMatch, WIKIDATA[known.wikidata])
        if known.affiliation:
            self.add(iri, KG.affiliatedWith, self.actor(known.affiliation))
        return iri

    def document(self, record: Statement) -> URIRef:
        iri, triples = document_triples(record)
        self.triples.update(triples)
        return iri

    def event(self, record: Statement) -> URIRef:
        iri, triples = event_triples(record)
        self.triples.update(triples)
        return iri


def _sort_key(triple: Triple) -> tuple[str, str, str]:
    return (triple[0].n3(), triple[1].n3(), triple[2].n3())


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(c in text for c in ' <>"{}|\\^`')


def _published_literal(text: str) -> Literal:
    """Publication dates: a full ISO date (a timestamp is cut to its date) -> xsd:date."""
    head = text[:10]
    try:
        date.fromisoformat(head)
    except ValueError:
        return Literal(text)
    return Literal(head, datatype=XSD.date)


make_module_callable(__name__, build)
