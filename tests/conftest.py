"""Fixtures shared by several test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    """One rule-based extractor for every end-to-end extraction test (the spaCy pipeline
    loads on first use, once per session)."""
    from kg.extract import Extractor

    return Extractor()


def _without_models(*pipes: str):
    """An extractor whose named learned components have no model (the rules decide)."""
    from kg.extract import Extractor
    from kg.extract.nlp import load_nlp

    nlp = load_nlp()
    for pipe in pipes:
        nlp.get_pipe(pipe).model = None
    return Extractor(nlp)


@pytest.fixture(scope="session")
def rules_extractor():
    """The extractor with the rules alone (no learned stance model): for tests of the
    rules' own cues and targets. What the model adds is measured on the dev parts by
    scripts/model_comparison.py (docs/model-card.md)."""
    return _without_models("kg_learned_stances")


@pytest.fixture(scope="session")
def bare_rules_extractor():
    """The rules with neither learned model: for tests of the rules' own attribution,
    which the attribution model would otherwise second-guess."""
    return _without_models("kg_learned_stances", "kg_learned_attribution")


@pytest.fixture(scope="session")
def sample_records(extractor):
    """The records the extractor finds in the bundled sample (data/sample/)."""
    from kg.extract.readers import iter_documents
    from kg.paths import data_path

    return [r for doc in iter_documents(data_path("sample")) for r in extractor.extract(doc)]


@pytest.fixture(scope="session")
def sample_graph(sample_records, tmp_path_factory):
    """The sample's asserted graph, written as Turtle (what --graph reads)."""
    from kg.build import build_graph
    from kg.graphio import write_graph

    path = tmp_path_factory.mktemp("sample") / "graph.ttl"
    write_graph(build_graph(sample_records), path)
    return path
