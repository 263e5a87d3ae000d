"""Statement records -> N-Quads lines, streaming, for loading big corpora into a store.

`kg.build.build_graph` makes an rdflib Dataset: right for a sample, too slow and too big at
a million statements (rdflib terms cost microseconds each, the Dataset gigabytes). This
module writes the same triples as N-Quads text, record by record, in the asserted named
graph, without building rdflib objects on the hot path:

* actor, document and event triples come from `kg.build`'s `actor_triples`,
  `document_triples` and `event_triples`, once per distinct actor / document / event, and
  are cached as text;
* the statement node's triples mirror `kg.build`'s `add_statement`, with its IRI functions
  (`statement_iri`, `document_iri`), its date literals and the vocabulary of `kg.vocab`.

tests/test_ntriples.py checks on fixtures and generated records that both paths give
exactly the same triples; a change to `kg.build` that is not mirrored here fails it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.gazetteer import Gazetteer
    from kg.model import Statement

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def statement_nquads(
    statements: Iterable[Statement], gazetteer: Gazetteer | None = None, graph: str | None = None
) -> Iterator[str]:
    """N-Quads lines (each ending in a newline) for the records' asserted triples, in the
    asserted graph unless `graph` is given. Lines for an actor, document or event shared by
    several records are written once per call."""
    return NQuadsWriter(gazetteer, graph).write(statements)


def document_iri(doc_id: str) -> str:
    """The document IRI `kg.build` gives `doc_id`, as a string."""
    from kg.build import document_iri as build_document_iri

    return str(build_document_iri(doc_id))


class NQuadsWriter:
    """Converts batches of records; keeps its caches (actors, IRIs) from one batch to the
    next, so `add_statements` can stream a corpus batch by batch."""

    def __init__(self, gazetteer: Gazetteer | None = None, graph: str | None = None) -> None:
        from rdflib.namespace import PROV, RDF

        from kg import build
        from kg.gazetteer import load_gazetteer
        from kg.vocab import ASSERTED_GRAPH, KG, PLATFORMS, stance_properties

        self.build = build
        self.gazetteer = gazetteer or load_gazetteer()
        self.suffix = f" <{graph or ASSERTED_GRAPH}> .\n"
        self.seen: set[tuple[Any, ...]] = set()  # actors already written in this call
        self.p = {
            "type": _iri(RDF.type),
            "statement": _iri(KG.Statement),
            "speaker": _iri(KG.speaker),
            "surface": _iri(KG.speakerSurface),
            "evidence": _iri(KG.evidence),
            "derived": _iri(PROV.wasDerivedFrom),
            "start": _iri(KG.evidenceStart),
            "end": _iri(KG.evidenceEnd),
            "confidence": _iri(KG.confidence),
            "version": _iri(KG.extractorVersion),
            "platform": _iri(KG.platform),
            "date": _iri(KG.statementDate),
            "reported": _iri(KG.reportedDate),
            "timeline": _iri(KG.timelineDate),
            "about": _iri(KG.about),
            "sponsor": _iri(KG.attestedSponsor),
            "affiliation": _iri(KG.attestedAffiliation),
        }
        self.platforms = {name: _iri(iri) for name, iri in PLATFORMS.items()}
        self.stances = [(field, _iri(prop)) for field, (prop, _d) in stance_properties().items()]
        self._actor_cache: dict[tuple[str, str | None], tuple[str, list[str]]] = {}
        self._canonical = lru_cache(maxsize=65536)(self.gazetteer.canonical)
        self._iris: dict[tuple[Any, ...], str] = {}

    def write(self, statements: Iterable[Statement]) -> Iterator[str]:
        """N-Quads lines for the records; shared actor, document and event triples are
        written once per call."""
        self.seen = set()
        self._iris = {}
        for record in statements:
            yield from self.lines(record)

    # Cold paths: kg.build's node functions, once per distinct actor / document / event.

    def actor(self, name: str, speaker_type: str | None, out: list[str]) -> str:
        key = (name, speaker_type)
        cached = self._actor_cache.get(key)
        if cached is None:
            iri, triples = self.build.actor_triples(name, speaker_type, self.gazetteer)
            cached = (_iri(iri), sorted(self._quad(t) for t in triples))
            if len(self._actor_cache) < 200_000:
                self._actor_cache[key] = cached
        iri, lines = cached
        if key not in self.seen:
            self.seen.add(key)
            out.extend(lines)
        return iri

    def _once(
        self,
        key: tuple[Any, ...],
        record: Statement,
        node: Callable[[Statement], tuple[Any, Iterable[tuple[Any, Any, Any]]]],
        out: list[str],
    ) -> str:
        iri = self._iris.get(key)
        if iri is None:
            node_iri, triples = node(record)
            iri = self._iris[key] = _iri(node_iri)
            out.extend(self._quad(t) for t in triples)
        return iri

    def _quad(self, triple: tuple[Any, Any, Any]) -> str:
        s, p, o = triple
        return f"{_iri(s)} {_iri(p)} {_term(o)}{self.suffix}"

    # Hot path: the statement node, mirroring kg.build's add_statement.

    def lines(self, record: Statement) -> list[str]:
        p, end = self.p, self.suffix
        out: list[str] = []
        speaker = self.actor(record.speaker, record.speaker_type, out)
        node = _iri(
            self.build.statement_iri(
                record.doc_id, self._canonical(record.speaker), record.evidence
            )
        )
        extra = record.extra
        document_key = (
            "d",
            record.doc_id,
            extra.get("doc_url"),
            extra.get("doc_title"),
            extra.get("doc_published"),
        )
        document = self._once(document_key, record, self.build.document_triples, out)
        out.append(f"{node} {p['type']} {p['statement']}{end}")
        out.append(f"{node} {p['speaker']} {speaker}{end}")
        out.append(f"{node} {p['surface']} {_string(record.speaker_surface)}{end}")
        out.append(f"{node} {p['evidence']} {_string(record.evidence)}{end}")
        out.append(f"{node} {p['derived']} {document}{end}")
        if record.evidence_start is not None and record.evidence_end is not None:
            out.append(f"{node} {p['start']} {_integer(record.evidence_start)}{end}")
            out.append(f"{node} {p['end']} {_integer(record.evidence_end)}{end}")
        if record.confidence is not None:
            out.append(f"{node} {p['confidence']} {_confidence(record.confidence)}{end}")
        version = record.extractor or _text(extra.get("extractor_version"))
        if version:
            out.append(f"{node} {p['version']} {_string(version)}{end}")
        if record.platform:
            out.append(f"{node} {p['platform']} {self.platforms[record.platform]}{end}")
        if record.statement_date:
            out.append(f"{node} {p['date']} {_date(record.statement_date)}{end}")
        if record.reported_date:
            out.append(f"{node} {p['reported']} {_date(record.reported_date)}{end}")
        timeline = record.statement_date or record.event_date
        if timeline:
            out.append(f"{node} {p['timeline']} {_date(timeline)}{end}")
        if record.event or record.event_date:
            key = ("e", record.doc_id, record.event, record.event_date)
            event = self._once(key, record, self.build.event_triples, out)
            out.append(f"{node} {p['about']} {event}{end}")
        for field, prop in self.stances:
            for target in record.stances.get(field, ()):
                out.append(f"{node} {prop} {self.actor(target, None, out)}{end}")
        if record.sponsor:
            out.append(f"{node} {p['sponsor']} {self.actor(record.sponsor, None, out)}{end}")
        if record.speaker_affiliation:
            target = self.actor(record.speaker_affiliation, None, out)
            out.append(f"{node} {p['affiliation']} {target}{end}")
        return out


# --- N-Triples terms ----------------------------------------------------------------------


def _iri(term: Any) -> str:
    return f"<{term}>"


def _escape(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def _string(text: str) -> str:
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return f'"{_escape(text)}"'


def _term(term: Any) -> str:
    """An rdflib term as N-Triples."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, Literal):
        lexical = _string(str(term))
        if term.language:
            return f"{lexical}@{term.language}"
        if term.datatype is not None:
            return f"{lexical}^^<{term.datatype}>"
        return lexical
    raise TypeError(f"no N-Triples form for {term!r} (kg graphs use no blank nodes)")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _integer(value: int) -> str:
    return f'"{int(value)}"^^<http://www.w3.org/2001/XMLSchema#integer>'


@lru_cache(maxsize=4096)
def _date(text: str) -> str:
    from kg.build import date_literal

    return _term(date_literal(text))


@lru_cache(maxsize=4096)
def _confidence(value: float) -> str:
    from rdflib import Literal

    return _term(Literal(Decimal(str(round(value, 4)))))
