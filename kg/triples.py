"""One statement record -> its RDF triples: the only place that says which triples a
record makes.

`statement_triples(record, nodes)` returns plain terms, which each writer serialises its
own way: `kg.build` turns them into rdflib terms for a Dataset, `kg.ntriples` into
N-Quads text without building rdflib objects (a million records would spend minutes in
rdflib's constructors). An IRI is a `str`; a literal is a `Lit` (lexical form, datatype
IRI or None for a plain string). No blank nodes, so graphs merge by simple union.

The record's statement node links to actors, its document and its event. `Nodes` mints
their IRIs and gives each node's own triples the first time it is linked, so a build (or
one batch of a streamed build) holds a shared node's triples once, and each distinct name
is resolved in the gazetteer once. IRIs are stable (docs/architecture.md): actors by
gazetteer id or a slug of their name, statements and events by a hash of what identifies
them, documents by a slug of their id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.gazetteer import Gazetteer, slugify
from kg.vocab import (
    ACTOR,
    ACTOR_CLASSES,
    DOCUMENT,
    EVENT,
    KG,
    PLATFORMS,
    SCHEMA,
    STATEMENT,
    WIKIDATA,
    stance_properties,
)

if TYPE_CHECKING:
    from kg.model import Statement


class Lit(NamedTuple):
    """A literal: its lexical form and its datatype IRI (None: a plain string)."""

    lexical: str
    datatype: str | None = None


Term = str | Lit  # a str is an IRI
Triple = tuple[str, str, Term]

_SEPARATOR = "\x1f"  # joins the parts hashed into statement and event IRIs
_INTEGER, _DECIMAL, _DATE = str(XSD.integer), str(XSD.decimal), str(XSD.date)
# Plain-str IRIs: formatting an rdflib URIRef costs more on the N-Quads hot path.
_TYPE, _PREF_LABEL, _ALT_LABEL = str(RDF.type), str(SKOS.prefLabel), str(SKOS.altLabel)
_ACTOR_CLASSES = {kind: str(iri) for kind, iri in ACTOR_CLASSES.items()}
_PLATFORMS = {name: str(iri) for name, iri in PLATFORMS.items()}
_ACTOR = str(ACTOR)


class _P:
    """The ontology terms the triples use, as plain strings."""

    statement, document, event = str(KG.Statement), str(KG.Document), str(KG.Event)
    speaker, surface, evidence = str(KG.speaker), str(KG.speakerSurface), str(KG.evidence)
    derived, start, end = str(PROV.wasDerivedFrom), str(KG.evidenceStart), str(KG.evidenceEnd)
    confidence, version = str(KG.confidence), str(KG.extractorVersion)
    platform, stated, reported = str(KG.platform), str(KG.statementDate), str(KG.reportedDate)
    timeline, about, event_date = str(KG.timelineDate), str(KG.about), str(KG.eventDate)
    sponsor, affiliation = str(KG.attestedSponsor), str(KG.attestedAffiliation)
    doc_id, url, title = str(KG.docId), str(SCHEMA.url), str(DCTERMS.title)
    issued, label = str(DCTERMS.issued), str(RDFS.label)
    actor, umbrella, affiliated = str(KG.Actor), str(KG.UmbrellaFront), str(KG.affiliatedWith)
    exact_match = str(SKOS.exactMatch)


def statement_triples(record: Statement, nodes: Nodes) -> list[Triple]:
    """Every triple `record` adds: its statement node's, and those of the actors, document
    and event it links to that `nodes` has not given before."""
    out: list[Triple] = []
    node = statement_iri(record.doc_id, nodes.canonical(record.speaker), record.evidence)
    speaker = nodes.actor(record.speaker, record.speaker_type, out)
    out += (
        (node, _TYPE, _P.statement),
        (node, _P.speaker, speaker),
        (node, _P.surface, Lit(record.speaker_surface)),
        (node, _P.evidence, Lit(record.evidence)),
        (node, _P.derived, nodes.document(record, out)),
    )
    _provenance(record, node, out)
    _dates(record, node, out)
    if record.event or record.event_date:
        out.append((node, _P.about, nodes.event(record, out)))
    for field, prop in nodes.stances:
        for target in record.stances.get(field, ()):
            out.append((node, prop, nodes.actor(target, None, out)))
    if record.sponsor:
        out.append((node, _P.sponsor, nodes.actor(record.sponsor, None, out)))
    if record.speaker_affiliation:
        out.append((node, _P.affiliation, nodes.actor(record.speaker_affiliation, None, out)))
    return out


def _provenance(record: Statement, node: str, out: list[Triple]) -> None:
    """Where in the text, how sure, by which extractor, on which platform."""
    if record.evidence_start is not None and record.evidence_end is not None:
        out.append((node, _P.start, Lit(str(int(record.evidence_start)), _INTEGER)))
        out.append((node, _P.end, Lit(str(int(record.evidence_end)), _INTEGER)))
    if record.confidence is not None:
        out.append((node, _P.confidence, _decimal(record.confidence)))
    version = record.extractor or _text(record.extra.get("extractor_version"))
    if version:
        out.append((node, _P.version, Lit(version)))
    if record.platform:
        out.append((node, _P.platform, _PLATFORMS[record.platform]))


def _dates(record: Statement, node: str, out: list[Triple]) -> None:
    """The statement's own dates, and the date it sits at on a timeline (its own date, or
    its event's when it has none)."""
    if record.statement_date:
        out.append((node, _P.stated, date_term(record.statement_date)))
    if record.reported_date:
        out.append((node, _P.reported, date_term(record.reported_date)))
    timeline = record.statement_date or record.event_date
    if timeline:
        out.append((node, _P.timeline, date_term(timeline)))


class Nodes:
    """The nodes statements link to: their IRIs, and their triples the first time each is
    linked since `start()`. Resolved actors stay cached across `start()` calls (up to
    `cache_limit` names), so a streamed build resolves each name once."""

    def __init__(self, gazetteer: Gazetteer, cache_limit: int = 200_000) -> None:
        self.gazetteer = gazetteer
        self.stances = [(field, str(prop)) for field, (prop, _d) in stance_properties().items()]
        self.canonical = lru_cache(maxsize=65536)(gazetteer.canonical)
        self._cache_limit = cache_limit
        self._actors: dict[tuple[str, str, str | None], tuple[str, list[Triple]]] = {}
        self._given: dict[tuple[Any, ...], str] = {}

    def start(self) -> None:
        """From now on, give every node's triples again (a new batch, a new file)."""
        self._given = {}

    def actor(self, name: str, speaker_type: str | None, out: list[Triple]) -> str:
        """The IRI of the actor `name` (a speaker of `speaker_type`, or a target when
        None); its triples go to `out` the first time."""
        key = ("a", name, speaker_type)
        given = self._given.get(key)
        if given is not None:
            return given
        cached = self._actors.get(key)
        if cached is None:
            cached = actor_triples(name, speaker_type, self.gazetteer)
            if len(self._actors) < self._cache_limit:
                self._actors[key] = cached
        iri, triples = cached
        self._given[key] = iri
        out += triples
        return iri

    def document(self, record: Statement, out: list[Triple]) -> str:
        extra = record.extra
        fields = (extra.get("doc_url"), extra.get("doc_title"), extra.get("doc_published"))
        return self._once(("d", record.doc_id, *fields), record, document_triples, out)

    def event(self, record: Statement, out: list[Triple]) -> str:
        key = ("e", record.doc_id, record.event, record.event_date)
        return self._once(key, record, event_triples, out)

    def _once(
        self,
        key: tuple[Any, ...],
        record: Statement,
        node: Callable[[Statement], tuple[str, list[Triple]]],
        out: list[Triple],
    ) -> str:
        iri = self._given.get(key)
        if iri is None:
            iri, triples = node(record)
            self._given[key] = iri
            out += triples
        return iri


# --- one node's triples -------------------------------------------------------------------


def actor_triples(
    name: str, speaker_type: str | None, gazetteer: Gazetteer
) -> tuple[str, list[Triple]]:
    """The actor `name` (a speaker of `speaker_type`, or a target when None): its IRI and
    the triples describing it, including the actors it is affiliated with."""
    triples: list[Triple] = []
    return _actor(name, speaker_type, gazetteer, triples, set()), triples


def _actor(
    name: str, speaker_type: str | None, gazetteer: Gazetteer, out: list[Triple], done: set[str]
) -> str:
    """A gazetteer actor gets its type, names, Wikidata link and affiliation from the
    gazetteer (once, as affiliations can loop); another name a minted IRI, the record's
    speaker type (kg:Actor for a target) and its name as written."""
    known = gazetteer.resolve(name)
    if known is None:
        iri = _ACTOR + slugify(name)
        kind = _ACTOR_CLASSES[speaker_type] if speaker_type else _P.actor
        out += ((iri, _TYPE, kind), (iri, _PREF_LABEL, Lit(name.strip())))
        return iri
    iri = _ACTOR + known.id
    if known.id in done:
        return iri
    done.add(known.id)
    kind = _P.umbrella if known.umbrella else _ACTOR_CLASSES[known.type]
    out += ((iri, _TYPE, kind), (iri, _PREF_LABEL, Lit(known.name)))
    out += ((iri, _ALT_LABEL, Lit(alias)) for alias in known.aliases)
    if known.wikidata:
        out.append((iri, _P.exact_match, str(WIKIDATA[known.wikidata])))
    if known.affiliation:
        parent = _actor(known.affiliation, None, gazetteer, out, done)
        out.append((iri, _P.affiliated, parent))
    return iri


def document_triples(record: Statement) -> tuple[str, list[Triple]]:
    """The record's source document: its IRI and triples (id, and the url, title and
    publication date the record's extra fields carry)."""
    iri = document_iri(record.doc_id)
    triples: list[Triple] = [(iri, _TYPE, _P.document), (iri, _P.doc_id, Lit(record.doc_id))]
    url = _text(record.extra.get("doc_url"))
    if url:
        triples.append((iri, _P.url, url if _is_iri(url) else Lit(url)))
    title = _text(record.extra.get("doc_title"))
    if title:
        triples.append((iri, _P.title, Lit(title)))
    published = _text(record.extra.get("doc_published"))
    if published:
        triples.append((iri, _P.issued, _published(published)))
    return iri, triples


def event_triples(record: Statement) -> tuple[str, list[Triple]]:
    """The event the record is about (as its document describes it): IRI and triples."""
    iri = event_iri(record.doc_id, record.event)
    triples: list[Triple] = [(iri, _TYPE, _P.event)]
    if record.event:
        triples.append((iri, _P.label, Lit(record.event)))
    if record.event_date:
        triples.append((iri, _P.event_date, date_term(record.event_date)))
    return iri, triples


# --- IRIs and literals --------------------------------------------------------------------


def statement_iri(doc_id: str, speaker: str, evidence: str) -> str:
    """`.../id/statement/{sha1(doc_id, speaker canonical name, evidence)[:16]}`."""
    return str(STATEMENT) + _digest(doc_id, speaker, evidence)


def event_iri(doc_id: str, event: str) -> str:
    """`.../id/event/{sha1(doc_id, event text)[:16]}`: an event as one document describes it."""
    return str(EVENT) + _digest(doc_id, event)


def document_iri(doc_id: str) -> str:
    return str(DOCUMENT) + slugify(doc_id)


def _digest(*parts: str) -> str:
    return hashlib.sha1(_SEPARATOR.join(parts).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4096)
def date_term(text: str) -> Lit:
    """`YYYY-MM-DD` -> xsd:date; `XXXX-MM-DD` -> xsd:gMonthDay `--MM-DD`. A date that does
    not exist in the calendar (2021-02-30) stays a plain string, which SHACL reports."""
    if text.startswith("XXXX-"):
        return Lit("--" + text[5:], str(XSD.gMonthDay))
    try:
        date.fromisoformat(text)
    except ValueError:
        return Lit(text)
    return Lit(text, _DATE)


def _published(text: str) -> Lit:
    """Publication dates: a full ISO date (a timestamp is cut to its date) -> xsd:date."""
    head = text[:10]
    try:
        date.fromisoformat(head)
    except ValueError:
        return Lit(text)
    return Lit(head, _DATE)


@lru_cache(maxsize=4096)
def _decimal(value: float) -> Lit:
    """A confidence, rounded to 4 places, as xsd:decimal in rdflib's canonical form (so
    both writers give the literal rdflib would)."""
    from rdflib import Literal

    return Lit(str(Literal(Decimal(str(round(value, 4))))), _DECIMAL)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(c in text for c in ' <>"{}|\\^`')
