"""Speaker rules of kg.extract.attribution, end to end on sentences written for kg."""

from __future__ import annotations

import pytest

from kg.model import SourceDocument


@pytest.fixture(scope="module")
def extractor():
    from kg.extract import Extractor

    return Extractor()


def _speakers(extractor, text: str) -> dict[str, str]:
    return {r.speaker: r.speaker_surface for r in extractor.extract(SourceDocument("t", text))}


@pytest.mark.parametrize(
    "text",
    [
        "Kata'ib Hezbollah fired rockets at the base.\n\nNo group claimed the second attack.",
        "Hamas denied a role.\n\nNeither group commented on the raid.",
    ],
)
def test_a_negated_subject_is_not_a_speaker(extractor, text: str) -> None:
    speakers = _speakers(extractor, text)
    assert all(not surface.lower().startswith(("no ", "neither ")) for surface in speakers.values())


def test_a_counted_plural_subject_is_not_one_speaker(extractor) -> None:
    text = (
        "SANAA, March 3, 2024 - American and British jets struck 20 sites in Yemen, "
        "the two governments said."
    )
    speakers = _speakers(extractor, text)
    assert "Government of Yemen" not in speakers
    assert "Yemen" not in speakers
