"""kg.places: data/states.yaml, its validation, lookups and rule 5's sponsor cues.

Every sentence here is our own, written for these tests."""

from __future__ import annotations

import pytest

from kg.gazetteer import load_gazetteer
from kg.places import State, States, StatesError, load_states, sponsor_cues

REGION_AND_POWERS = [
    "Iran", "Iraq", "Syria", "Lebanon", "Israel", "Yemen", "Saudi Arabia",
    "United Arab Emirates", "Qatar", "Oman", "Bahrain", "Kuwait", "Jordan", "Egypt", "Turkey",
    "Libya", "Sudan", "United States", "United Kingdom", "France", "Germany", "Russia",
    "China", "Pakistan", "Afghanistan", "Greece", "Cyprus", "Algeria", "Tunisia", "Morocco",
    "Ethiopia", "Eritrea", "Somalia", "Azerbaijan", "Armenia", "India",
]  # fmt: skip
# Not states: a regional government, coalitions, a former government.
_NOT_STATES = {"kurdistan-regional-government", "international-coalition",
               "government-of-national-accord", "saudi-led-coalition"}  # fmt: skip


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


def test_sponsor_forms():
    forms = load_states().sponsor_forms()
    assert forms["Tehran"] == forms["Iranian"] == forms["Islamic Republic of Iran"] == "Iran"
    assert forms["Emirates"] == "United Arab Emirates"  # "the" dropped
    assert "Erbil" not in forms and "Dubai" not in forms  # cities are no metonyms


def _cues(text: str) -> list[tuple[str, str, str]]:
    return [(text[c.start : c.end], c.state, c.kind) for c in sponsor_cues(text)]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("The Iran-backed faction fired two rockets.",
         [("Iran-backed", "Iran", "backed")]),
        ("Iranian-backed gunmen closed the road.",
         [("Iranian-backed", "Iran", "backed")]),
        ("A Tehran-funded brigade moved north.",
         [("Tehran-funded", "Iran", "backed")]),
        ("Fighters of the Turkish-backed alliance advanced.",
         [("Turkish-backed", "Turkey", "backed")]),
        ("An Ankara-sponsored force held the town.",
         [("Ankara-sponsored", "Turkey", "backed")]),
        ("UAE-backed units took the port.",
         [("UAE-backed", "United Arab Emirates", "backed")]),
        ("An Emirati-funded militia patrolled the coast.",
         [("Emirati-funded", "United Arab Emirates", "backed")]),
        ("Saudi-backed troops and Russian-armed mercenaries clashed.",
         [("Saudi-backed", "Saudi Arabia", "backed"), ("Russian-armed", "Russia", "backed")]),
        ("The Moscow-backed administration denied it.",
         [("Moscow-backed", "Russia", "backed")]),
        ("A Kremlin-financed group claimed the raid.",
         [("Kremlin-financed", "Russia", "backed")]),
        ("The U.S.-backed forces withdrew.",
         [("U.S.-backed", "United States", "backed")]),
        ("A Qatari-funded charity rebuilt the school.",
         [("Qatari-funded", "Qatar", "backed")]),
        ("Egyptian-supported tribes met in the desert.",
         [("Egyptian-supported", "Egypt", "backed")]),
        ("An Iran\u2011backed group (non-breaking hyphen) spoke.",
         [("Iran\u2011backed", "Iran", "backed")]),
        ("IRAN-BACKED GROUP WARNS", [("IRAN-BACKED", "Iran", "backed")]),
        ("A pro-Iran faction issued the statement.", [("pro-Iran", "Iran", "pro")]),
        ("Pro-Tehran outlets repeated it.", [("Pro-Tehran", "Iran", "pro")]),
        ("A pro-Israeli lobby praised the move.", [("pro-Israeli", "Israel", "pro")]),
        ("The council, backed by Washington, agreed.",
         [("backed by Washington", "United States", "backed_by")]),
        ("The movement is supported by Iran.",
         [("supported by Iran", "Iran", "backed_by")]),
        ("The brigade was armed by Tehran.", [("armed by Tehran", "Iran", "backed_by")]),
        ("A party funded largely by the Emirates lost the vote.",
         [("funded largely by the Emirates", "United Arab Emirates", "backed_by")]),
        ("Rebels backed by both Turkey and Qatar held the city.",
         [("backed by both Turkey", "Turkey", "backed_by")]),
        ("A militia financed by Riyadh withdrew.",
         [("financed by Riyadh", "Saudi Arabia", "backed_by")]),
        ("Fighters backed by the UK guarded the strait.",
         [("backed by the UK", "United Kingdom", "backed_by")]),
        ("Tehran, which backs the group, said nothing.",
         [("Tehran, which backs", "Iran", "backs")]),
        ("Iran, which has long supported the movement, denied it.",
         [("Iran, which has long supported", "Iran", "backs")]),
        ("Washington, which arms the army, urged calm.",
         [("Washington, which arms", "United States", "backs")]),
        ("Pakistan, which funds several groups, kept quiet.",
         [("Pakistan, which funds", "Pakistan", "backs")]),
    ],
)  # fmt: skip
def test_sponsor_cues(text, cues):
    assert _cues(text) == cues


@pytest.mark.parametrize(
    "text",
    [
        "The Saudi-led coalition struck the airport.",
        "Iran-aligned factions met in the capital.",
        "A Moscow-allied militia entered the town.",
        "The Iran-linked group denied the report.",
        "Ankara's proxies moved east.",
        "Analysts called it an Iranian proxy.",
        "Tehran's proxies in the region were quiet.",
        "Units backed by the U.S.-led coalition advanced.",
        "Fighters supported by Iranian-made drones attacked.",
        "The plan was backed by us all.",  # "us" is no state
        "A UN-backed government and an EU-funded project.",  # no states
        "The Hezbollah-backed candidate won.",  # a group, not a state
        "Iran, which backed down last week, spoke again.",
        "An anti-Iran rally filled the square.",
        "The US-brokered truce held.",
        "Dubai-backed investors bought the port.",  # a city, no metonym
    ],
)
def test_sponsor_decoys_give_nothing(text):
    assert sponsor_cues(text) == []


def test_cue_offsets_locate_the_cue():
    text = "Gunmen, backed by Tehran, and the Iran-backed brigade."
    cues = sponsor_cues(text)
    assert [c.kind for c in cues] == ["backed_by", "backed"]
    assert text[cues[0].start : cues[0].end] == "backed by Tehran"
    assert cues[1].start == text.index("Iran-backed")


def test_sponsor_cues_with_a_states_table_of_our_own():
    states = States([State("Iran", ("Iranian",), (), "Tehran", "Iran", "Iranian")])
    found = sponsor_cues("Turkish-backed and Iranian-backed", states)
    assert [c.state for c in found] == ["Iran"]


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
