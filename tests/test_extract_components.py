"""Components of kg.extract on their own: lexicon, actors, dates, line breaks."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from kg.extract.actors import find_mentions
from kg.extract.dates import find_dates, resolve, yesterday
from kg.extract.lexicon import LexiconError, load_lexicon
from kg.extract.parse import set_line_breaks
from kg.gazetteer import load_gazetteer
from kg.paths import data_path


def test_lexicon_loads_every_section() -> None:
    lexicon = load_lexicon()
    assert "say" in lexicon.words["reporting_verbs"]
    assert lexicon.demonyms["Zionist"] == "Israel"
    assert {p for p, _ in lexicon.platforms} == {"Telegram", "X", "TV", "website", "press"}


def test_lexicon_fails_loudly_on_a_bad_section(tmp_path: Path) -> None:
    cues = data_path("lexicons", "cues.yaml").read_text(encoding="utf-8")
    (tmp_path / "cues.yaml").write_text(cues.replace("condemn_verbs: [", "condemn_verbs: [[]"))
    (tmp_path / "places.yaml").write_text(data_path("lexicons", "places.yaml").read_text())
    with pytest.raises(LexiconError, match="condemn_verbs"):
        load_lexicon(tmp_path)


def test_place_mapped_to_unknown_actor_fails(tmp_path: Path) -> None:
    (tmp_path / "cues.yaml").write_text(data_path("lexicons", "cues.yaml").read_text())
    places = data_path("lexicons", "places.yaml").read_text()
    (tmp_path / "places.yaml").write_text(places.replace("Zionist: Israel", "Zionist: Atlantis"))
    with pytest.raises(LexiconError, match="Atlantis"):
        load_lexicon(tmp_path)


def test_mentions_prefer_longest_names_and_descriptors() -> None:
    text = "Greece's foreign ministry and the Hizbullah Brigades blamed the American occupation."
    found = {m.text: m for m in find_mentions(text, load_gazetteer(), load_lexicon())}
    assert found["Greece's foreign ministry"].name == "Greek Ministry of Foreign Affairs"
    assert found["Greece's foreign ministry"].affiliation == "Greece"
    assert found["Hizbullah Brigades"].name == "Kata'ib Hezbollah"
    assert found["American occupation"].name == "United States"
    assert "American" not in found


def test_curly_apostrophes_and_demonyms() -> None:
    text = "Kata\u2019ib Hizbullah said Israeli jets struck."
    found = find_mentions(text, load_gazetteer(), load_lexicon())
    assert [(m.name, m.kind) for m in found] == [
        ("Kata'ib Hezbollah", "name"),
        ("Israel", "adj"),
    ]


def test_dates_full_partial_and_anchored() -> None:
    hits = find_dates("on 19 November 2023 and on January 4, and on 12 January")
    assert [(m, d, y) for _, _, m, d, y in hits] == [(11, 19, 2023), (1, 4, None), (1, 12, None)]
    assert resolve(1, 12, None, None) == "XXXX-01-12"
    assert resolve(1, 12, None, "2024-03-01") == "2024-01-12"
    assert resolve(2, 30, 2024, None) is None
    assert yesterday("2024-01-01") == "2023-12-31"
    assert yesterday(None) is None


def test_line_breaks_split_headings_and_paragraphs() -> None:
    nlp = spacy.blank("en")
    doc = set_line_breaks(nlp("Short headline\nThe group said it was ready.\n\nA new paragraph."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert "The" in starts and "A" in starts


def test_titles_after_a_place_are_dropped_from_a_name() -> None:
    from kg.extract.actors import strip_titles

    titles = load_lexicon().words["person_titles"]
    assert strip_titles("Kurdistan Region Prime Minister Masrour Barzani", titles) == (
        "Masrour Barzani"
    )
    assert strip_titles("Gaza Health Minister Majed Abu Ramadan", titles) == "Majed Abu Ramadan"
    assert strip_titles("Foreign Minister Abbas Araghchi", titles) == "Abbas Araghchi"
    assert strip_titles("Abu Mahdi al-Muhandis", titles) == "Abu Mahdi al-Muhandis"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kataib Hezbollah said the American occupation killed its men and that the "
            "occupation must leave.",
            "United States",
        ),
        (
            "U.S. forces in Iraq were hit again; Washington blamed the factions, who said "
            "the occupation would pay.",
            "United States",
        ),
        (
            "Hamas said Israel and the Israeli army would fail, and the occupation would fall.",
            "Israel",
        ),
        (
            "Hezbollah said Israel and the United States lied, and the occupation would fall.",
            "Israel",
        ),
        ("The group said the occupation would pay.", "Israel"),
    ],
)
def test_the_occupation_depends_on_the_text(text: str, expected: str) -> None:
    mentions = find_mentions(text, load_gazetteer(), load_lexicon())
    assert [m.name for m in mentions if m.text.lower() == "the occupation"] == [expected]


def test_ministries_of_more_countries_get_their_adjective() -> None:
    text = "France's foreign ministry and the Russian foreign ministry spoke."
    names = {m.name for m in find_mentions(text, load_gazetteer(), load_lexicon())}
    assert {"French Ministry of Foreign Affairs", "Russian Ministry of Foreign Affairs"} <= names


def test_where_a_weapon_was_made_names_no_actor() -> None:
    text = "Russian-made drones and an Iranian-built missile hit the Israeli base."
    found = {m.text: m.name for m in find_mentions(text, load_gazetteer(), load_lexicon())}
    assert found == {"Israeli": "Israel"}
