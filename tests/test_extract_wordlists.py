"""kg.extract.wordlists and kg.extract.places: the extractor's data, validated on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.places import PlacesError, load_places
from kg.extract.wordlists import WordListError, load_acts, load_speech
from kg.paths import data_path


def test_speech_and_acts_load_every_section() -> None:
    speech, acts = load_speech(), load_acts()
    assert "say" in speech.reporting_verbs and "responsible" in speech.conditional_verbs["hold"]
    assert speech.anaphor_kind("movement") == "militia"
    assert {p for p, _ in speech.platforms} == {"Telegram", "X", "TV", "website", "press"}
    assert speech.platform_in("a post on Al-Manar's Telegram channel") == "Telegram"
    assert "aggression" in acts.aggression_nouns and "will" in acts.future_markers


def _copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = data_path(name).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_bad_section_names_file_and_section(tmp_path: Path) -> None:
    path = _copy(tmp_path, "speech.yaml", "speech_nouns: [", "speech_nouns: [[], ")
    with pytest.raises(WordListError, match=r"speech\.yaml: section 'speech_nouns'"):
        load_speech(path)


def test_an_unquoted_yaml_boolean_is_caught(tmp_path: Path) -> None:
    path = _copy(tmp_path, "speech.yaml", "  hold: [responsible,", "  hold: [on,")
    with pytest.raises(WordListError, match=r"conditional_verbs\.hold"):
        load_speech(path)


def test_a_state_office_without_its_state_slot_fails(tmp_path: Path) -> None:
    path = _copy(tmp_path, "speech.yaml", "Office of the Prime Minister of {state}",
                 "Office of the Prime Minister")  # fmt: skip
    with pytest.raises(WordListError, match=r"state_offices.*lacks \{state\} or \{adjective\}"):
        load_speech(path)


def test_a_section_nothing_reads_is_an_error(tmp_path: Path) -> None:
    path = _copy(tmp_path, "acts.yaml", "hedges: [", "unused_words: [a]\nhedges: [")
    with pytest.raises(WordListError, match="unused_words"):
        load_acts(path)


def test_places_map_to_gazetteer_actors() -> None:
    places = load_places()
    assert places.demonyms["Zionist"] == "Israel"
    assert places.capitals["Baghdad"] == "Iraq" and "Erbil" not in places.capitals
    assert places.dateline_cities["Erbil"] == "Iraq"
    assert places.demonyms["Houthi"] == "Ansar Allah"  # data/places.yaml over states.yaml
    assert places.governments["Iraq"] == "Government of Iraq"
    assert "Saudi Arabia" in places.monarchies
    assert places.demonym_of()["Iran"] == "Iranian"


def test_a_place_mapped_to_an_unknown_actor_fails(tmp_path: Path) -> None:
    path = _copy(tmp_path, "places.yaml", "Houthi: Ansar Allah", "Houthi: Atlantis")
    with pytest.raises(PlacesError, match="Atlantis"):
        load_places(path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("Palestinian resistance,", "Atlantis,", "'Atlantis' is not a canonical"),
        ("    United States: [", "    Atlantis: [", "'Atlantis' is not a canonical"),
        ("  the occupation:\n", "  the occupation: [Israel, United States]\n  old:\n",
         "needs a mapping"),
    ],
)  # fmt: skip
def test_a_bad_contextual_name_fails(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = _copy(tmp_path, "places.yaml", old, new)
    with pytest.raises(PlacesError, match=message):
        load_places(path)


def test_the_occupations_readings_and_their_voters_load() -> None:
    places = load_places()
    assert places.contextual["the occupation"] == ("Israel", "United States")
    assert places.context_votes["the occupation"]["Hamas"] == "Israel"
    assert places.context_votes["the occupation"]["Kata'ib Hezbollah"] == "United States"


def test_an_adjective_a_state_already_has_fails(tmp_path: Path) -> None:
    path = _copy(tmp_path, "places.yaml", "Houthi: Ansar Allah", "Iranian: Iran")
    with pytest.raises(PlacesError, match=r"already in states\.yaml: Iranian"):
        load_places(path)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Home Front Command", "state"),  # the head word wins over "front" (corpus)
        ("National Defense Ministry", "state"),  # rule 4: ministries are state (par-011)
        ("Saraya Awliya al-Dam", "militia"),
        ("Popular Resistance Front", "militia"),
        ("Fars News Agency", "media"),
        ("Iraqi Observatory for Human Rights", None),
        # armed groups the gazetteer lacks (heldout2 bms-2, bnm-1, bok-2, bpi-3, boc-4)
        ("Sinjar Resistance Units", "militia"),
        ("Hamza Division", "militia"),
        ("Freedom of Russia Legion", "militia"),
        ("Kashmir Tigers", "militia"),
        ("Iraqi Security Forces", None),  # a state's forces are not an armed group's name
        # a state's body by its head word only (heldout2 bmb-4, bme-5, bmr-4, bog-4, bnx-3)
        ("Ukraine's General Staff", "state"),
        ("U.S. Fifth Fleet", "state"),
        ("National Unity Government", "state"),
        ("U.S. Treasury", "state"),
        ("Israel Police", "state"),
        ("Police Commissioner Kobi Shabtai", None),
        ("Government Communication Service", None),
    ],
)
def test_an_unlisted_names_kind_by_its_words(name: str, kind: str | None) -> None:
    assert load_speech().name_kind(name) == kind


def test_the_outlets_note_labels() -> None:
    speech = load_speech()
    assert speech.note_label("Monitor's comment: the claim reads as bait.")
    assert speech.note_label("[Desk note: channels read it otherwise.]")
    assert not speech.note_label("Hamas spokesman Hazem Qassem: the occupation will pay.")
