"""Target resolution rules of kg.extract.targets, end to end on sentences written for kg."""

from __future__ import annotations

import pytest
from labels import speaker_labels


@pytest.fixture
def extractor(rules_extractor):
    """These tests pin the rules' own cues and targets: the learned model is left out
    (what it adds is measured on the dev parts, docs/model-card.md)."""
    return rules_extractor


def test_an_army_named_as_an_adjective_is_its_state(extractor) -> None:
    labels = speaker_labels(
        extractor, "Hezbollah condemned the Israeli military operation in the south."
    )
    assert labels["Hezbollah"]["condemns"] == ["Israel"]


def test_an_army_that_speaks_stays_the_army(extractor) -> None:
    labels = speaker_labels(extractor, "The Israeli military said two rockets were intercepted.")
    assert list(labels) == ["Israel Defense Forces"]
