"""Statement records -> RDF under the kg ontology (ontology/kg.ttl).

`build_graph(statements)` returns an rdflib Dataset whose named graph
`https://w3id.org/kg-armed-groups/graph/asserted` holds the asserted triples: those
`kg.triples.statement_triples` gives for each record (the one definition of a record's
triples, which `kg.ntriples` writes as text), as rdflib terms. The triples are added in
sorted order, so the same records (in any order) give the same graph and the same
serialisation, and adding documents only adds triples.

`build_files(sources, output)` is the whole `kg build` command as one call: load records,
build, optionally reason, validate with SHACL, write, and return a `BuildResult` with the
counts.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF

from kg import triples
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.model import RecordError, Statement
from kg.records import LoadIssue, load_statements
from kg.vocab import ACTOR, ASSERTED_GRAPH, KG, bind_prefixes

if TYPE_CHECKING:
    from kg.validate import ValidationReport

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def build_graph(statements: Iterable[Statement], gazetteer: Gazetteer | None = None) -> Dataset:
    """Build the asserted graph for `statements` (the bundled gazetteer when none is given)."""
    dataset = new_dataset()
    graph = dataset.graph(ASSERTED_GRAPH)
    nodes = triples.Nodes(gazetteer or load_gazetteer())
    plain = {t for record in statements for t in triples.statement_triples(record, nodes)}
    for triple in sorted(_as_rdflib(plain), key=_sort_key):
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


def build_files(
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


def rdflib_term(term: triples.Term) -> URIRef | Literal:
    """A plain term of `kg.triples` as an rdflib term."""
    if isinstance(term, triples.Lit):
        datatype = URIRef(term.datatype) if term.datatype else None
        return Literal(term.lexical, datatype=datatype)
    return URIRef(term)


# --- IRIs and literals as rdflib terms (kg.triples has them as plain terms) -----------------


def statement_iri(doc_id: str, speaker: str, evidence: str) -> URIRef:
    """`.../id/statement/{sha1(doc_id, speaker canonical name, evidence)[:16]}`."""
    return URIRef(triples.statement_iri(doc_id, speaker, evidence))


def event_iri(doc_id: str, event: str) -> URIRef:
    """`.../id/event/{sha1(doc_id, event text)[:16]}`: an event as one document describes it."""
    return URIRef(triples.event_iri(doc_id, event))


def document_iri(doc_id: str) -> URIRef:
    return URIRef(triples.document_iri(doc_id))


def date_literal(text: str) -> Literal:
    """`YYYY-MM-DD` -> xsd:date; `XXXX-MM-DD` -> xsd:gMonthDay `--MM-DD`; a date that does
    not exist in the calendar stays a plain string (`kg.triples.date_term`)."""
    return rdflib_term(triples.date_term(text))


def _as_rdflib(plain: Iterable[triples.Triple]) -> list[Triple]:
    """Plain triples as rdflib's, each distinct term made once: IRIs and dates recur, and
    rdflib's constructors are the slow part of a build."""
    made: dict[triples.Term, URIRef | Literal] = {}

    def term(plain_term: triples.Term) -> URIRef | Literal:
        node = made.get(plain_term)
        if node is None:
            node = made[plain_term] = rdflib_term(plain_term)
        return node

    return [(term(s), term(p), term(o)) for s, p, o in plain]


def _sort_key(triple: Triple) -> tuple[str, str, str]:
    return (triple[0].n3(), triple[1].n3(), triple[2].n3())
