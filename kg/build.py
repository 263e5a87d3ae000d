"""Statement records -> RDF under the kg ontology (ontology/kg.ttl).

`build_graph(statements)` returns an rdflib Dataset whose named graph
`https://w3id.org/kg-armed-groups/graph/asserted` holds the asserted triples. The IRIs are
stable (see docs/architecture.md): actors by gazetteer id or a slug of their name,
statements and events by a hash of what identifies them, documents by a slug of their id.
The triples are added in sorted order, so the same records (in any order) give the same
graph and the same serialisation, and adding documents only adds triples.

No blank nodes are used, so graphs built from different inputs merge by simple union.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.gazetteer import Gazetteer, load_gazetteer, slugify
from kg.model import Statement
from kg.vocab import (
    ACTOR,
    ACTOR_CLASSES,
    ASSERTED_GRAPH,
    DOCUMENT,
    EVENT,
    KG,
    PLATFORMS,
    SCHEMA,
    STANCES,
    STATEMENT,
    WIKIDATA,
    bind_prefixes,
)

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
        if record.event or record.event_date:
            self.add(node, KG.about, self.event(record))
        for field, (prop, _derived) in STANCES.items():
            for target in getattr(record, field):
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
        iri = document_iri(record.doc_id)
        self.add(iri, RDF.type, KG.Document)
        self.add(iri, KG.docId, Literal(record.doc_id))
        url = _text(record.extra.get("doc_url"))
        if url:
            self.add(iri, SCHEMA.url, URIRef(url) if _is_iri(url) else Literal(url))
        title = _text(record.extra.get("doc_title"))
        if title:
            self.add(iri, DCTERMS.title, Literal(title))
        published = _text(record.extra.get("doc_published"))
        if published:
            self.add(iri, DCTERMS.issued, _published_literal(published))
        return iri

    def event(self, record: Statement) -> URIRef:
        iri = event_iri(record.doc_id, record.event)
        self.add(iri, RDF.type, KG.Event)
        if record.event:
            self.add(iri, RDFS.label, Literal(record.event))
        if record.event_date:
            self.add(iri, KG.eventDate, date_literal(record.event_date))
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
