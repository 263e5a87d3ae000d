"""Statement records -> N-Quads lines, streaming, for loading big corpora into a store.

`kg.build.build_graph` makes an rdflib Dataset: right for a sample, too slow and too big at
a million statements (rdflib terms cost microseconds each, the Dataset gigabytes). This
module writes the same triples as N-Quads text, record by record, in the asserted named
graph: the plain terms of `kg.triples.statement_triples`, the one definition of a record's
triples that `kg.build` uses too, written without building rdflib objects.

tests/test_ntriples.py checks on fixtures and generated records that both paths give
exactly the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg.triples import Lit, Nodes, document_iri, statement_triples

if TYPE_CHECKING:
    from kg.gazetteer import Gazetteer
    from kg.model import Statement

__all__ = ["NQuadsWriter", "document_iri", "statement_nquads"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def statement_nquads(
    statements: Iterable[Statement], gazetteer: Gazetteer | None = None, graph: str | None = None
) -> Iterator[str]:
    """N-Quads lines (each ending in a newline) for the records' asserted triples, in the
    asserted graph unless `graph` is given. Lines for an actor, document or event shared by
    several records are written once per call."""
    return NQuadsWriter(gazetteer, graph).write(statements)


class NQuadsWriter:
    """Converts batches of records; keeps its resolved actors from one batch to the next,
    so `kg.store.add_statements` can stream a corpus batch by batch."""

    def __init__(self, gazetteer: Gazetteer | None = None, graph: str | None = None) -> None:
        from kg.gazetteer import load_gazetteer
        from kg.vocab import ASSERTED_GRAPH

        self.nodes = Nodes(gazetteer or load_gazetteer())
        self.suffix = f" <{graph or ASSERTED_GRAPH}> .\n"

    def write(self, statements: Iterable[Statement]) -> Iterator[str]:
        """N-Quads lines for the records; shared actor, document and event triples are
        written once per call."""
        self.nodes.start()
        for record in statements:
            yield from self.lines(record)

    def lines(self, record: Statement) -> list[str]:
        """The record's lines (those of nodes written earlier in this call left out)."""
        end = self.suffix
        out = []
        for s, p, o in statement_triples(record, self.nodes):
            if o.__class__ is Lit:  # by class, not isinstance: the hot path of a store load
                out.append(f"<{s}> <{p}> {_literal(o)}{end}")
            else:  # an IRI
                out.append(f"<{s}> <{p}> <{o}>{end}")
        return out


# --- N-Triples terms ----------------------------------------------------------------------


def _literal(lit: Lit) -> str:
    lexical = _string(lit.lexical)
    return f"{lexical}^^<{lit.datatype}>" if lit.datatype else lexical


def _string(text: str) -> str:
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return f'"{_escape(text)}"'


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
