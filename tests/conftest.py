"""Fixtures shared by several test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    """One rule-based extractor for every end-to-end extraction test (the spaCy pipeline
    loads on first use, once per session)."""
    from kg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def rules_extractor():
    """The extractor with the rules alone (no learned stance model): for tests of the
    rules' own cues and targets. What the model adds is measured on the dev parts by
    scripts/model_comparison.py (docs/model-card.md)."""
    from kg.extract import Extractor
    from kg.extract.nlp import load_nlp

    nlp = load_nlp()
    nlp.get_pipe("kg_learned_stances").model = None
    return Extractor(nlp)
