"""kg's extraction components on a Doc without the statistical model: a blank English
pipeline with kg_layout ... kg_dates, run on a Doc parsed by hand (the spaCy way of
testing one component apart from the parser)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.tokens import Doc

from kg.extract.nlp import COMPONENTS, register_components
from kg.model import LABEL_FIELDS

Row = tuple[str, int, str, str, str]  # word, head index, dep, pos, lemma


@lru_cache(maxsize=1)
def component_nlp() -> Any:
    register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_layout")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def run(doc: Doc, upto: str | None = None) -> Doc:
    """Run kg's components in order on `doc` (up to and including `upto`)."""
    for name, component in component_nlp().pipeline:
        doc = component(doc)
        if name == upto:
            break
    return doc


def hand_doc(rows: list[Row], ents: list[str] | None = None) -> Doc:
    """A one-sentence Doc parsed by hand: (word, head index, dep, pos, lemma) per word, a
    space after every word but before ".", "," and "'s"."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in (".", ",", "'s")
              for i in range(len(rows))]  # fmt: skip
    doc = Doc(
        component_nlp().vocab, words=words, spaces=spaces, heads=[r[1] for r in rows],
        deps=[r[2] for r in rows], pos=[r[3] for r in rows], lemmas=[r[4] for r in rows],
        sent_starts=[i == 0 for i in range(len(rows))], ents=ents,
    )  # fmt: skip
    doc._.kg_source = None
    return doc


def speaker_labels(doc: Doc) -> list[tuple[str, dict[str, list[str]]]]:
    """(speaker, {label field: targets}) for each attribution of a processed Doc."""
    out = []
    for number, attribution in enumerate(doc._.kg_attributions):
        labels: dict[str, list[str]] = {field: [] for field in LABEL_FIELDS}
        for claim in doc._.kg_claims:
            if claim.attribution == number and claim.target not in labels[claim.stance]:
                labels[claim.stance].append(claim.target)
        out.append((attribution.speaker.name, labels))
    return out
