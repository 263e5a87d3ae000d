"""kg.places: data/states.yaml, its validation, lookups and rule 5's sponsor cues.

Every sentence here is our own, written for these tests."""

from __future__ import annotations

import pytest

from kg.gazetteer import load_gazetteer
from kg.places import StatesError, load_states

REGION_AND_POWERS = [
    "Iran", "Iraq", "Syria", "Lebanon", "Israel", "Yemen", "Saudi Arabia",
    "United Arab Emirates", "Qatar", "Oman", "Bahrain", "Kuwait", "Jordan", "Egypt", "Turkey",
    "Libya", "Sudan", "United States", "United Kingdom", "France", "Germany", "Russia",
    "China", "Pakistan", "Afghanistan", "Greece", "Cyprus", "Algeria", "Tunisia", "Morocco",
    "Ethiopia", "Eritrea", "Somalia", "Azerbaijan", "Armenia", "India",
]  # fmt: skip
# Not states: a regional government, coalitions, a confederation, a former government,
# a rival government.
_NOT_STATES = {"kurdistan-regional-government", "international-coalition",
               "government-of-national-accord", "government-of-national-stability",
               "saudi-led-coalition",
               "alliance-of-sahel-states",
               # its demonym, "Palestinian", names a people, not a state's government
               "palestinian-authority"}  # fmt: skip


def test_every_state_of_the_gazetteer_and_the_region_is_listed():
    states = load_states()
    assert all(states.get(name) for name in REGION_AND_POWERS)
    governments = set(states.governments().values())
    for actor in load_gazetteer().actors:
        if actor.type == "state" and not actor.affiliation and actor.id not in _NOT_STATES:
            assert states.get(actor.name) or actor.name in governments, actor.name


@pytest.mark.parametrize(
    ("form", "state"),
    [
        ("Iranian", "Iran"), ("Tehran", "Iran"), ("Iran", "Iran"), ("IRAN", "Iran"),
        ("the UAE", "United Arab Emirates"), ("the Emirates", "United Arab Emirates"),
        ("Emirati", "United Arab Emirates"), ("Abu Dhabi", "United Arab Emirates"),
        ("U.S.", "United States"), ("US", "United States"), ("America", "United States"),
        ("Washington", "United States"), ("american", "United States"),
        ("BAGHDAD", "Iraq"), ("Erbil", "Iraq"), ("Sana'a", "Yemen"), ("Türkiye", "Turkey"),
        ("Turkiye", "Turkey"), ("Kremlin", "Russia"), ("Azeri", "Azerbaijan"),
        ("Tripoli", "Libya"), ("Doha", "Qatar"), ("Saudi", "Saudi Arabia"),
        ("North Korean", "North Korea"),
    ],
)  # fmt: skip
def test_by_form(form, state):
    found = load_states().by_form(form)
    assert found is not None and found.name == state


@pytest.mark.parametrize("form", ["us", "iraq", "doha", "Iraqis", "Houthi", "Hezbollah", ""])
def test_by_form_refuses(form):
    assert load_states().by_form(form) is None


def test_maps_the_extractor_reads():
    states = load_states()
    assert states.demonyms()["Iranian"] == "Iran"
    assert states.demonyms()["U.S."] == "United States"
    assert states.capitals()["Riyadh"] == "Saudi Arabia"
    assert "Erbil" not in states.capitals() and states.dateline_cities()["Erbil"] == "Iraq"
    # a capital's other spelling stands for the state as the capital does ("Kiev said")
    assert states.capitals()["Kiev"] == states.capitals()["Kyiv"] == "Ukraine"
    assert states.dateline_cities()["Kiev"] == "Ukraine"
    assert states.governments()["Iraq"] == "Government of Iraq"
    assert states.governments()["Yemen"] == "Government of Yemen"
    assert states.governments()["Iran"] == "Iran"
    assert states.ministry_adjectives()["Saudi Arabia"] == "Saudi"
    assert states.ministry_adjectives()["United States"] == "U.S."
    assert states.monarchies("kingdom") == {
        "Saudi Arabia", "Jordan", "United Kingdom", "Bahrain", "Morocco"
    }  # fmt: skip
    assert {"Qatar", "Kuwait", "Oman", "United Arab Emirates"} <= states.monarchies()
    assert "Iran" not in states.monarchies()


@pytest.mark.parametrize(
    ("form", "state"),
    [("Tehran", "Iran"), ("Iranian", "Iran"), ("Islamic Republic of Iran", "Iran"),
     ("the Emirates", "United Arab Emirates"), ("UAE", "United Arab Emirates"),
     ("Ankara", "Turkey"), ("the Kremlin", "Russia"), ("Washington", "United States"),
     ("U.S.", "United States"), ("KSA", "Saudi Arabia"), ("Riyadh", "Saudi Arabia"),
     ("Kiev", "Ukraine")],
)  # fmt: skip
def test_backer_forms(form, state):
    found = load_states().backer(form)
    assert (found.name if found else None) == state


@pytest.mark.parametrize("form", ["Dubai", "Erbil", "Tel Aviv", "us", "Hezbollah", "UN"])
def test_cities_groups_and_pronouns_name_no_backer(form):
    assert load_states().backer(form) is None


def _write(tmp_path, text: str):
    path = tmp_path / "states.yaml"
    path.write_text(text, encoding="utf-8")
    return path


_GOOD = """- name: Iran
  demonyms: [Iranian]
  capital: Tehran
  government: Iran
  ministry_adjective: Iranian
  monarchy: false
"""


def test_a_small_valid_file_loads(tmp_path):
    states = load_states(_write(tmp_path, _GOOD))
    assert states.by_form("Iranian").name == "Iran"
    assert states.get("Iran").short_forms == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_GOOD.replace("Iranian]", "Iranian]\n  colour: green"), r"entry 1 \(Iran\): unknown"),
        (_GOOD.replace("name: Iran", "name: Hezbollah"), "not a state actor"),
        (_GOOD.replace("name: Iran", "name: Islamic Republic of Iran"), "canonical 'Iran'"),
        (_GOOD.replace("government: Iran", "government: Hezbollah"), "government"),
        (_GOOD.replace("monarchy: false", "monarchy: no idea"), "monarchy"),
        (_GOOD.replace("monarchy: false", "monarchy: false\n  realm: kingdom"), "realm"),
        (_GOOD.replace("demonyms: [Iranian]", "demonyms: []"), "demonyms"),
        (_GOOD + "  capital_spellings: Teheran\n", "'capital_spellings' must be a list"),
        (_GOOD.replace("capital: Tehran", "capital: Riyadh"), "'Riyadh' is 'Saudi Arabia'"),
        (_GOOD + _GOOD, "listed twice: Iran"),
        (_GOOD + _GOOD.replace("Iran", "Iraq").replace("Tehran", "Baghdad")
         .replace("Iraqian", "Iranian"), "'Iranian' names both 'Iran' and 'Iraq'"),
        ("name: Iran\n", "expected a list"),
    ],
)  # fmt: skip
def test_bad_files_fail_naming_file_and_entry(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(StatesError, match=message) as raised:
        load_states(path)
    assert str(path) in str(raised.value)
