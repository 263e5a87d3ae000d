"""SHACL validation of a kg graph against ontology/shapes.ttl (pyshacl).

`validate(graph)` returns a `ValidationReport`: `conforms` (no sh:Violation; warnings are
reported but do not break conformance) and a list of readable `Violation`s, each naming
the focus node, the property path, the offending value and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.paths import ontology_path
from kg.vocab import ALIGNMENT_GRAPH, bind_prefixes

# Statement, actor, document and event shapes; everything else in the data is not checked.


@dataclass(frozen=True)
class Violation:
    severity: str  # "Violation" or "Warning"
    focus: str  # the node that fails, shortened with the kg prefixes (stmt:..., actor:...)
    path: str | None  # the property, shortened (kg:speaker)
    value: str | None  # the offending value, when there is one
    message: str

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity != "Violation"]

    def summary(self) -> str:
        if not self.violations:
            return "SHACL: conforms"
        state = "conforms" if self.conforms else "does NOT conform"
        return f"SHACL: {state} ({len(self.errors)} violations, {len(self.warnings)} warnings)"


def validate(graph: Dataset | Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate the data in `graph` (for a Dataset: every named graph except alignment)."""
    from pyshacl import validate as shacl_validate

    from kg.reason import load_ontology

    data = Graph()
    bind_prefixes(data)
    graphs = graph.graphs() if isinstance(graph, Dataset) else [graph]
    for part in graphs:
        if part.identifier == ALIGNMENT_GRAPH:
            continue
        for triple in part:
            data.add(triple)
    conforms, results, _text = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        ont_graph=load_ontology(),
        inference="none",
        allow_warnings=True,
        advanced=True,
    )
    found = results.subjects(RDF.type, SH.ValidationResult)
    violations = sorted(
        (_violation(results, result, data) for result in found),
        key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message),
    )
    return ValidationReport(conforms=bool(conforms), violations=violations)


def load_shapes() -> Graph:
    """The bundled shapes (ontology/shapes.ttl), parsed once per process."""
    return _shapes(str(ontology_path("shapes.ttl")))


@lru_cache(maxsize=2)
def _shapes(path: str) -> Graph:
    return Graph().parse(path, format="turtle")


def _violation(results: Graph, result: Node, data: Graph) -> Violation:
    severity = results.value(result, SH.resultSeverity)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    message = results.value(result, SH.resultMessage)
    return Violation(
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        focus=_short(results.value(result, SH.focusNode), data),
        path=_short(path, data) if path is not None else None,
        value=_short(value, data) if value is not None else None,
        message=str(message) if message else "constraint not met",
    )


def _short(node: Node | None, data: Graph) -> str:
    if node is None:
        return "?"
    try:
        return node.n3(data.namespace_manager)
    except Exception:  # a blank node path or an odd term: fall back to its text
        return str(node)
