"""Coreference rules of kg.extract.coref, end to end on sentences written for kg."""

from __future__ import annotations

from labels import speaker_labels as _labels

from kg.model import SourceDocument

THREAT = "threatens_or_vows_revenge_against"


def test_the_kingdom_is_a_monarchy_not_the_nearest_country(extractor) -> None:
    text = (
        "Drones hit two pumping stations in Saudi Arabia on Tuesday.\n\n"
        "The Houthis said the raid answered the siege of Yemen and warned that the "
        "kingdom's airports would remain targets."
    )
    labels = _labels(extractor, text)["Ansar Allah"]
    assert labels[THREAT] == ["Saudi Arabia"]


def test_the_kingdom_with_no_monarchy_named_is_nobody(extractor) -> None:
    text = "The Houthis warned that the kingdom's ports in Yemen would remain targets."
    labels = _labels(extractor, text)
    assert all("Yemen" not in found[THREAT] for found in labels.values())


def test_an_unnamed_ministry_is_not_the_country_named_most(extractor) -> None:
    text = (
        "The United States bombed two depots near Karbala on Friday.\n\n"
        "The foreign ministry said it had summoned the U.S. ambassador."
    )
    records = extractor.extract(SourceDocument("t", text))
    assert all(r.speaker != "United States" for r in records)


def test_the_ministry_named_before_is_found_again(extractor) -> None:
    text = (
        "Iraq's foreign ministry condemned the raid on Friday.\n\n"
        "The ministry said it had summoned the U.S. ambassador."
    )
    speakers = {r.speaker for r in extractor.extract(SourceDocument("t", text))}
    assert speakers == {"Iraqi Ministry of Foreign Affairs"}


def test_a_bodys_title_noun_refers_back_to_it(extractor) -> None:
    text = (
        "Men waving flags of the Popular Mobilisation Commission burned the party office.\n\n"
        'The commission said it had "no link" to the crowd.'
    )
    speakers = {r.speaker for r in extractor.extract(SourceDocument("t", text))}
    assert speakers == {"Popular Mobilization Forces"}
