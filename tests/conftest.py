"""Fixtures shared by several test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    """One rule-based extractor for every end-to-end extraction test (the spaCy pipeline
    loads on first use, once per session)."""
    from kg.extract import Extractor

    return Extractor()
