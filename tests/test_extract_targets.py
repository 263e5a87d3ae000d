"""Target resolution rules of kg.extract.targets, end to end on sentences written for kg."""

from __future__ import annotations

import pytest
from labels import speaker_labels

from kg.model import SourceDocument


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


@pytest.mark.parametrize(
    ("text", "speaker", "condemned"),
    [
        # the owner of the "of" phrase is the author, through a noun it qualifies and
        # through each conjunct
        (
            "Iraq's foreign ministry denounced the crimes of the Houthi militias.",
            "Iraqi Ministry of Foreign Affairs",
            ["Ansar Allah"],
        ),
        (
            "Hezbollah condemned what it called the crimes of the Zionist enemy and the "
            "American administration in Gaza.",
            "Hezbollah",
            ["Israel", "United States"],
        ),
        # the siege of Gaza names its victim, not its author
        ("Hamas condemned the siege of Gaza.", "Hamas", []),
    ],
)
def test_the_authors_of_an_act_named_with_of(extractor, text, speaker, condemned) -> None:
    assert sorted(speaker_labels(extractor, text)[speaker]["condemns"]) == condemned


@pytest.mark.parametrize(
    ("text", "speaker", "threatened"),
    [
        # "them" is an actor named before, never the subject of its own clause
        (
            "Hakan Fidan said the PKK must leave northern Iraq, warning that Turkey would "
            "otherwise crush them.",
            "Hakan Fidan",
            ["PKK"],
        ),
        (
            "Yahya Saree said American warships had shelled Hodeidah, and vowed that the "
            "Yemeni armed forces would hunt them down.",
            "Yahya Saree",
            ["United States"],
        ),
    ],
)
def test_them_is_the_actor_named_before(extractor, text, speaker, threatened) -> None:
    labels = speaker_labels(extractor, text)[speaker]
    assert labels["threatens_or_vows_revenge_against"] == threatened


def test_a_government_named_by_its_capital_is_that_states(extractor) -> None:
    labels = speaker_labels(
        extractor,
        "The SDF said the government in Damascus was responsible for the shelling of Manbij.",
    )
    assert labels["Syrian Democratic Forces"]["blames"] == ["Syria"]
    labels = speaker_labels(extractor, "The interim government in Baghdad condemned the raid.")
    assert list(labels) == ["Government of Iraq"]


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        # written as we would write it: the leader's own name, or only the surname
        ("Kataib Hezbollah blamed the Trump administration for the killings.", ["United States"]),
        ("The Houthis accused the Hadi government of hiding the prisoners' names.",
         ["Government of Yemen"]),
        ("Kataib Hezbollah said the Sudani government was responsible for the raid.",
         ["Government of Iraq"]),
        # the leader's possessive, and a surname with its article (heldout2 bph-5, bsb-4,
        # blq-1, blm-3): the government, not the man
        ("The TPLF blamed Abiy Ahmed's government for the massacre.", ["Ethiopia"]),
        ("Asaib Ahl al-Haq said Kadhimi’s government was responsible for the arrests.",
         ["Government of Iraq"]),
        ("Kataib Hezbollah held the government of al-Kadhimi responsible for the raid.",
         ["Government of Iraq"]),
    ],
)  # fmt: skip
def test_a_government_named_by_its_leader_is_the_government_he_heads(extractor, text, blamed
                                                                     ) -> None:  # fmt: skip
    [labels] = speaker_labels(extractor, text).values()
    assert labels["blames"] == blamed


def test_bore_responsibility_read_as_a_noun_still_blames_its_subject(extractor) -> None:
    """With nothing after it, the parser takes "bore" for a noun compound of
    "responsibility"; the sentence still says the subject is responsible."""
    labels = speaker_labels(extractor, "Hezbollah said the Zionist enemy bore responsibility.")
    assert labels["Hezbollah"]["blames"] == ["Israel"]
    labels = speaker_labels(extractor, "Hezbollah said it bore responsibility.")
    assert labels["Hezbollah"]["blames"] == []


def test_a_participle_after_the_noun_stays_in_the_name_as_written(extractor) -> None:
    """Contract rules 9 and 14: the phrase as the text names it ("the families of the
    three workers killed"), without what follows the participle."""
    labels = speaker_labels(
        extractor,
        "Qatar's foreign ministry sent its condolences to the families of the two engineers "
        "killed in the blast.",
    )
    found = labels["Qatari Ministry of Foreign Affairs"]["condolences_to"]
    assert found == ["families of the two engineers killed"]


@pytest.mark.parametrize(
    ("text", "speaker", "consoled"),
    [
        # two participles joined (heldout2 bov-2, bov-3)
        ("The Turkish embassy in Mogadishu offered condolences to the families of those "
         "killed and wounded.", "Turkish Embassy", ["families of those killed and wounded"]),
        # a quotation's closing mark and stop, and a courtesy adjective (bow-2, bls-2)
        ('Qatar\'s foreign ministry offered condolences to "the friendly Austrian people".',
         "Qatari Ministry of Foreign Affairs", ["Austrian people"]),
    ],
)  # fmt: skip
def test_a_phrase_target_is_written_as_named_without_quotes(extractor, text, speaker,
                                                            consoled) -> None:  # fmt: skip
    """Rules 9 and 14: the recipients as the text names them, "those killed and wounded"
    whole, without the quotation marks and stop around them nor "friendly"."""
    assert speaker_labels(extractor, text)[speaker]["condolences_to"] == consoled


def test_what_an_act_was_aimed_at_is_not_its_author(extractor) -> None:
    text = "Hezbollah condemned the raid as a grave aggression by {} against an Iraqi border post."
    labels = speaker_labels(extractor, text.format("the Zionist enemy"))["Hezbollah"]
    assert labels["blames"] == labels["condemns"] == ["Israel"]
    labels = speaker_labels(extractor, text.format("the coalition"))["Hezbollah"]
    assert labels["blames"] == labels["condemns"] == []  # never the Iraqi victim


def test_their_in_a_conjunct_is_the_state_the_first_conjunct_names(extractor) -> None:
    labels = speaker_labels(
        extractor, "Hamas saluted the Lebanese people and their heroic armed forces."
    )
    assert labels["Hamas"]["praises_or_supports"] == ["Lebanese people", "Lebanese armed forces"]


@pytest.mark.parametrize(
    ("text", "speaker", "blamed"),
    [
        # contract rule 14: a group named only by its backer is written as the text names it,
        # and the backer is not what is blamed
        (
            "CENTCOM said the rocket attack was carried out by militias backed by Tehran.",
            "United States Central Command",
            ["militias backed by Tehran"],
        ),
        (
            "John Kirby said American troops had been attacked twice by Iran-backed groups.",
            "John Kirby",
            ["Iran-backed groups"],
        ),
        # a backed phrase that names its group is that group
        (
            "The SDF accused the Turkish-backed factions of the Syrian National Army of "
            "shelling the dam.",
            "Syrian Democratic Forces",
            ["Syrian National Army"],
        ),
    ],
)
def test_a_group_named_by_its_backer_is_written_as_named(extractor, text, speaker, blamed) -> None:
    assert speaker_labels(extractor, text)[speaker]["blames"] == blamed


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ('The Saudi foreign ministry condemned the attacks on Yemen\'s sovereignty by the '
         'Israeli occupation forces.', "condemns", ["Israel"]),
        ('Nizar Haitham said his fighters had pushed back an offensive by "the Islah '
         'militias".', "blames", ["Islah Party"]),
    ],
)  # fmt: skip
def test_an_acts_by_phrase_the_parser_hung_on_the_verb(bare_rules_extractor, text, field,
                                                       expected) -> None:  # fmt: skip
    [labels] = speaker_labels(bare_rules_extractor, text).values()
    assert labels[field] == expected


def test_what_an_act_is_on_is_its_aim_not_its_author(bare_rules_extractor) -> None:
    # "the strike on a Hamas office" was not carried out by Hamas
    text = (
        "BEIRUT, Jan 3 - The drone strike on a Hamas office in the southern suburbs, widely "
        "attributed to Israel, killed six people.\n\nHezbollah condemned the attack."
    )
    labels = speaker_labels(bare_rules_extractor, text)
    assert "Hamas" not in labels["Hezbollah"]["condemns"]


@pytest.mark.parametrize(
    "text",
    [
        "Kata'ib Hezbollah said: \"The American embassy has the blood of our martyrs on its "
        'hands."',
        "Kata'ib Hezbollah accused the American embassy of plotting against Iraq.",
    ],
)
def test_an_embassy_as_a_target_is_its_state(bare_rules_extractor, text) -> None:
    [labels] = speaker_labels(bare_rules_extractor, text).values()
    assert labels["blames"] == ["United States"]


@pytest.mark.parametrize(
    "text",
    [
        "The Yemeni government blamed the armed rebellion squarely on the Southern "
        "Transitional Council.",
        "The rebellion in Aden was blamed on the Southern Transitional Council by the "
        "Yemeni government.",
    ],
)
def test_blaming_an_act_on_someone_blames_them(bare_rules_extractor, text) -> None:
    # rule 6: "blamed X on Y" holds Y responsible, not X
    labels = speaker_labels(bare_rules_extractor, text)
    assert labels["Government of Yemen"]["blames"] == ["Southern Transitional Council"]


def test_a_seizure_is_a_harmful_act_with_an_author(bare_rules_extractor) -> None:
    text = (
        "TOKYO, Nov 20 - Houthi fighters seized a cargo ship in the Red Sea on Sunday.\n\n"
        "Japan's foreign minister said Tokyo strongly condemned the seizure."
    )
    [labels] = speaker_labels(bare_rules_extractor, text).values()
    assert labels["condemns"] == ["Ansar Allah"]


@pytest.mark.parametrize(
    "claim",
    [
        "Islamic State Khorasan Province (ISKP) took responsibility through its news agency.",
        "The Islamic State on Thursday took full responsibility in a statement.",
        "The Islamic State claimed responsibility in a statement.",
    ],
)
def test_taking_responsibility_names_the_condemned_attacks_author(
    bare_rules_extractor, claim
) -> None:
    """ "ISKP took responsibility": the group that takes the act as its own is its author,
    as when it claims it, so "condemned the attack" condemns it (heldout2 bpm-3, bmk-1)."""
    text = (
        "KABUL, March 25 - Gunmen stormed a Sikh temple in Kabul during morning prayers. "
        f"{claim}\n\nPakistan condemned the attack in the strongest terms."
    )
    labels = speaker_labels(bare_rules_extractor, text)["Pakistan"]
    assert labels["condemns"] in (["ISIS-K"], ["Islamic State"])


@pytest.mark.parametrize("deed", ["Iran executed Alireza Akbari", "Iran hanged Alireza Akbari"])
def test_an_execution_is_a_harmful_act_with_an_author(bare_rules_extractor, deed) -> None:
    """ "Iran has executed X ... France denounced the hanging": an execution is the
    narrated act, and the state that carried it out its author (heldout2 bpj-2, bop-5,
    bot-4, bnz-3)."""
    text = (f"PARIS, Jan 14 - {deed}, a former deputy defence minister, on Saturday.\n\n"
            "France denounced the hanging within hours.")  # fmt: skip
    assert speaker_labels(bare_rules_extractor, text)["France"]["condemns"] == ["Iran"]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Pavlo Kyrylenko wrote that the Russians bombed the building.", "Russia"),
        ("Pavlo Kyrylenko wrote that the Israelis bombed the building.", "Israel"),
        ("Pavlo Kyrylenko wrote that the Saudis bombed the building.", "Saudi Arabia"),
    ],
)
def test_a_people_named_with_its_article_is_the_state_that_acts(
    bare_rules_extractor, text, state
) -> None:
    """ "the Russians bombed the building", as "the Americans": the state that acts
    (heldout2 bpq-5, blt-4, bmw-3; the form in bow-3, bmv-3, boj-1, bom-3 and corpus
    agg-007, mon-012); a group's people ("the Houthis") stays as it was read."""
    assert speaker_labels(bare_rules_extractor, text)["Pavlo Kyrylenko"]["blames"] == [state]


def test_a_claimed_attack_blames_no_one(bare_rules_extractor) -> None:
    # the speaker's own deed: "Yemen's" in its own name is no author to blame
    text = (
        "DUBAI, United Arab Emirates (AP) \u2014 Yemen's Houthi rebels claimed an attack on a "
        "cargo ship in the Red Sea on Monday."
    )
    labels = speaker_labels(bare_rules_extractor, text)
    assert labels == {"Ansar Allah": {k: [] for k in labels["Ansar Allah"]}}


@pytest.mark.parametrize(
    ("text", "field", "target"),
    [
        ("SANAA, June 22 - Houthi official Mohammed al-Bukhaiti said Trump "
         '"must bear the consequences" of the raids.', "threatens_or_vows_revenge_against",
         "Donald Trump"),
        ("TRIPOLI, April 5 - The Government of National Accord condemned Haftar for the "
         "shelling of the capital.", "condemns", "Khalifa Haftar"),
        ("ANKARA, Oct 9 - The PKK said it held Erdogan responsible for the raid.",
         "blames", "Recep Tayyip Erdogan"),
    ],
)  # fmt: skip
def test_a_leader_named_by_surname_alone_is_the_listed_person(
    bare_rules_extractor, text, field, target
) -> None:
    # class T-SHORTNAME: the gazetteer lists the leaders texts name by surname alone
    labels = speaker_labels(bare_rules_extractor, text)
    assert [target] in [fields[field] for fields in labels.values()]


@pytest.mark.parametrize(
    "text",
    [
        "TEHRAN, March 16 - Iran's foreign minister Abbas Araghchi condemned the killing of "
        "Yemeni civilians.",
        "BEIRUT, Jan 3 - Hezbollah condemned the assassination of Hamas leaders in Beirut.",
    ],
)
def test_the_killed_are_not_the_killers(bare_rules_extractor, text) -> None:
    # rule 13: "the killing of X" names who was killed, never an author to condemn
    labels = speaker_labels(bare_rules_extractor, text)
    assert all(not fields["condemns"] and not fields["blames"] for fields in labels.values())


def test_the_islamic_republic_alone_is_iran(bare_rules_extractor) -> None:
    # devset2 32 and the corpus write Iran for "the Islamic Republic" (rule 3)
    text = (
        "BAGHDAD, April 14 - The Islamic Republic launched more than 300 drones at Israel.\n\n"
        'The Islamic Resistance in Iraq said: "We bless the heroic operation of the Islamic '
        'Republic."'
    )
    labels = speaker_labels(bare_rules_extractor, text)
    assert labels["Islamic Resistance in Iraq"]["praises_or_supports"] == ["Iran"]


def test_the_two_groups_are_the_two_named_before(bare_rules_extractor) -> None:
    text = (
        "WASHINGTON, Feb 26 - Pentagon press secretary John Kirby said the strikes hit sites "
        "of Kataib Hezbollah and Kataib Sayyid al-Shuhada, and that the two groups bore "
        "responsibility for the attacks."
    )
    labels = speaker_labels(bare_rules_extractor, text)
    assert sorted(labels["John Kirby"]["blames"]) == [
        "Kata'ib Hezbollah",
        "Kata'ib Sayyid al-Shuhada",
    ]


def test_what_an_act_violates_is_no_author(bare_rules_extractor) -> None:
    # rule 13: "a violation of Lebanon's sovereignty" names the victim, not a second author
    text = (
        "BEIRUT, Jan 3 - Hamas leader Ismail Haniyeh described the assassination as "
        '"a terrorist act" by Israel and a violation of Lebanon\'s sovereignty.'
    )
    labels = speaker_labels(bare_rules_extractor, text)["Ismail Haniyeh"]
    assert labels["blames"] == ["Israel"]
    assert labels["condemns"] == ["Israel"]


def test_a_description_named_in_apposition_is_the_name(bare_rules_extractor) -> None:
    # "its Syrian offshoot, the YPG": the apposition names the target; its modifiers do not
    text = (
        "ANKARA, Nov 14 - Interior Minister Suleyman Soylu blamed the PKK and its Syrian "
        "offshoot, the YPG, within a day."
    )
    labels = speaker_labels(bare_rules_extractor, text)["Suleyman Soylu"]
    assert sorted(labels["blames"]) == ["PKK", "YPG"]


@pytest.mark.parametrize(
    "text",
    [
        "BAGHDAD, March 13 - Pentagon chief Mark Esper said Kataib Hezbollah was the group "
        "responsible for the Taji attack.",
        "BAGHDAD, March 12 - About 18 Katyusha rockets hit Camp Taji on Wednesday.\n\n"
        "Britain's defence secretary Ben Wallace condemned the attack.",
    ],
)
def test_a_name_that_modifies_a_weapon_or_an_act_is_no_actor(bare_rules_extractor, text) -> None:
    # rule 13: "Katyusha rockets", "the Taji attack" name a make and a place, not an author
    labels = speaker_labels(bare_rules_extractor, text)
    targets = {t for fields in labels.values() for ts in fields.values() for t in ts}
    assert not targets & {"Katyusha", "Taji"}


@pytest.mark.parametrize(
    ("text", "speaker", "field", "target"),
    [
        ("JERUSALEM, Dec 21 - The Houthis fired a missile at Tel Aviv overnight.\n\n"
         'Benjamin Netanyahu said the group would "pay a steep price" for every missile.',
         "Benjamin Netanyahu", "threatens_or_vows_revenge_against", "Ansar Allah"),
        ("WASHINGTON, Dec 30 - US jets struck Kataib Hezbollah sites in Iraq.\n\n"
         "Pentagon spokesman Jonathan Hoffman said the group was behind a long series of "
         "attacks on bases.", "Jonathan Hoffman", "blames", "Kata'ib Hezbollah"),
        # "the movement", "the organisation" (heldout2 bmd-1, boq-4); the charge after
        # "of" is no part of the name (bpk-4, brc-4)
        ("GAZA, Sept 2 - Hamas said it had killed the six hostages.\n\n"
         "Benjamin Netanyahu said the movement would be hunted down.",
         "Benjamin Netanyahu", "threatens_or_vows_revenge_against", "Hamas"),
        ("GAZA, Sept 2 - Hamas fired rockets at Ashkelon.\n\n"
         "Benjamin Netanyahu accused the movement of hiding among civilians.",
         "Benjamin Netanyahu", "blames", "Hamas"),
    ],
)  # fmt: skip
def test_the_group_as_a_target_is_the_group_named_before(
    bare_rules_extractor, text, speaker, field, target
) -> None:
    assert speaker_labels(bare_rules_extractor, text)[speaker][field] == [target]


@pytest.mark.parametrize(
    ("text", "threatened"),
    [
        ("Israel Katz said the army would strike the Syrian regime's forces.", ["Syria"]),
        ("Israel Katz said the army would hit the Iranian regime's bases.", ["Iran"]),
    ],
)
def test_an_owner_named_by_a_phrase_in_the_possessive(extractor, text, threatened) -> None:
    # "the Syrian regime's forces": the possessor has no mention of its own, its phrase
    # names the owner (heldout2 blb-4; corpus, three labels)
    labels = speaker_labels(extractor, text)["Israel Katz"]
    assert labels["threatens_or_vows_revenge_against"] == threatened


@pytest.mark.parametrize(
    ("text", "speaker", "field", "named"),
    [
        ('Kataib Hezbollah saluted "the mujahideen of Hezbollah".', "Kata'ib Hezbollah",
         "praises_or_supports", ["Hezbollah"]),
        ("John Brennan lauded the courage of SDF fighters.", "John Brennan",
         "praises_or_supports", ["Syrian Democratic Forces"]),
        ("Hamas saluted the fighters of the camp.", "Hamas", "praises_or_supports",
         ["fighters of the camp"]),
        ("Hamas saluted the Palestinian fighters.", "Hamas", "praises_or_supports",
         ["Palestinian fighters"]),
        ("The Popular Mobilization Forces offered condolences to the fighters of the Hashd.",
         "Popular Mobilization Forces", "condolences_to", ["fighters of the Hashd"]),
    ],
)  # fmt: skip
def test_a_named_groups_members_are_the_group(extractor, text, speaker, field, named) -> None:
    """Rule 9 names what the text names: "the mujahideen of Hezbollah" and "SDF fighters"
    are the group (corpus agg-029, tg-001, tg-030; heldout2 blb-3, ble-1); members of no
    named group, a demonym's fighters, and the speaker's own members stay as written."""
    assert speaker_labels(extractor, text)[speaker][field] == named


@pytest.mark.parametrize(
    ("text", "speaker", "field", "named"),
    [
        ("Turkey condemned the bombing by al-Shabab in Mogadishu.", "Turkey", "condemns",
         ["al-Shabaab"]),
        ("The RSF accused the Sudanese army of shelling the market.", "Rapid Support Forces",
         "blames", ["Sudanese Armed Forces"]),
        ("Pakistan blamed the Pakistani Taliban and the BLA for the attacks.", "Pakistan",
         "blames", ["Tehreek-e-Taliban Pakistan", "Balochistan Liberation Army"]),
        ("JNIM blamed Wagner for the killings of herders near Kidal.", "JNIM", "blames",
         ["Wagner Group"]),
        # Islamic Jihad's armed wing by its Arabic name (heldout2 bod-2 and five more records)
        ("Saraya al-Quds blamed the Zionist enemy for the killing.", "Al-Quds Brigades",
         "blames", ["Israel"]),
        # a group's armed wing unnamed is the wing the gazetteer knows (heldout2 bol-3)
        ("The Islamic Jihad's military wing blamed the Zionist enemy for the killing.",
         "Al-Quds Brigades", "blames", ["Israel"]),
        ("Hamas's armed wing blamed the Zionist enemy for the killing.",
         "Izz ad-Din al-Qassam Brigades", "blames", ["Israel"]),
    ],
)  # fmt: skip
def test_armed_groups_beyond_the_region_are_named_canonically(extractor, text, speaker, field,
                                                               named) -> None:  # fmt: skip
    """The gazetteer knows the armed groups users study outside the Levant and the Gulf
    (heldout2 part B and part D: al-Shabaab, the RSF and the Sudanese army, the TTP, the
    BLA, JNIM, Wagner), so their spellings resolve to one actor."""
    assert speaker_labels(extractor, text)[speaker][field] == named


def test_sahel_states_and_regional_bodies_are_known_actors(extractor) -> None:
    """Mali, Burkina Faso, Niger and Nigeria are states, ECOWAS a regional body and the
    Malian army Mali's army (part D blp-2; heldout2 bll-2): typed as such, not as
    persons or unknown names."""
    text = ("Niger and Burkina Faso expressed solidarity with Mali. ECOWAS condemned the JNIM "
            "attack. The Malian army said it had repelled the assault.")  # fmt: skip
    records = {r.speaker: r for r in extractor.extract(SourceDocument("t", text))}
    assert {name: r.speaker_type for name, r in records.items()} == {
        "Niger": "state", "Burkina Faso": "state", "ECOWAS": "organization",
        "Malian army": "state"}  # fmt: skip
    assert records["ECOWAS"].condemns == ("JNIM",)


def test_the_kingdom_is_a_monarchy_not_a_name_with_the_word(extractor) -> None:
    """ "the Kingdom" refers back to a monarchy (its capital in a byline counts), never to
    a body whose name holds the word ("UK Maritime Trade Operations", an alias "United
    Kingdom ..."; heldout2 blb-5)."""
    text = ("Arabian Gulf Observer | Riyadh, 19 June 2024\n\nThe ship sank, according to the "
            "UK Maritime Trade Operations agency. Prime Minister Ahmed Awad bin Mubarak "
            "praised the Kingdom's efforts to calm the region.")  # fmt: skip
    labels = speaker_labels(extractor, text)["Ahmed Awad bin Mubarak"]
    assert labels["praises_or_supports"] == ["Saudi Arabia"]


def test_members_of_a_group_are_the_group(extractor) -> None:
    """ "accused members of the dissolved Muslim Brotherhood of plotting": the group
    (part H bmd-5), as "the fighters of X" already is for praise."""
    (record,) = extractor.extract(SourceDocument("t", (
        "Jordanian Foreign Minister Ayman Safadi accused members of the dissolved Muslim "
        "Brotherhood of plotting to spread chaos.")))  # fmt: skip
    assert record.blames == ("Muslim Brotherhood",)


def test_a_group_named_by_its_backer_stops_before_the_act(extractor) -> None:
    text = (
        "Rockets hit the airport for the third time this year, and the State Department "
        "again blamed Iran-backed militias for the barrages."
    )
    blamed = speaker_labels(extractor, text)["United States Department of State"]["blames"]
    assert blamed == ["Iran-backed militias"]


@pytest.mark.parametrize(
    "text",
    [
        "Jordan's foreign ministry said the kingdom had long accused Iran-backed militias "
        "in southern Syria of running drugs and arms across the border.",
        # the parser reads "intimidating" as an adjective of "journalists" (heldout2 bok-1)
        "In a video posted on Facebook, the reporter Ahmed Abdul Samad accused Iran-backed "
        "militias of intimidating journalists.",
    ],
)
def test_a_group_named_by_its_backer_stops_before_its_place_and_deed(extractor, text) -> None:
    labels = speaker_labels(extractor, text)
    assert ["Iran-backed militias"] in [found["blames"] for found in labels.values()]


def test_the_group_described_by_its_backer_is_the_group_named_before(extractor) -> None:
    text = (
        "The Israeli army said it struck Hezbollah positions overnight, holding the "
        "Tehran-aligned group responsible for the rockets on Kiryat Shmona."
    )
    assert speaker_labels(extractor, text)["Israel Defense Forces"]["blames"] == ["Hezbollah"]


def test_a_capital_before_an_act_is_its_place_not_its_author(extractor) -> None:
    text = (
        'Hamas said in a statement: "The Jerusalem operation is a natural answer to the '
        'crime the occupation committed in Nablus."'
    )
    praised = speaker_labels(extractor, text)["Hamas"]["praises_or_supports"]
    assert "Israel" not in praised


def test_the_hero_a_clause_describes_is_nobody_named(extractor) -> None:
    text = (
        'Police named the victim as Yossi Levi. Islamic Jihad said: "We salute the hero '
        'who carried out the operation."'
    )
    praised = speaker_labels(extractor, text)["Palestinian Islamic Jihad"]["praises_or_supports"]
    assert "Yossi Levi" not in praised


def test_condolences_to_those_who_died_keep_their_clause(extractor) -> None:
    text = 'The U.N. mission said: "Our condolences go to the families of those who were killed."'
    condoled = speaker_labels(extractor, text)
    assert ["families of those who were killed"] in [
        found["condolences_to"] for found in condoled.values()
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "praised"),
    [
        # rule 14: the services and bodies a crisis puts to work are praised as written
        (
            "Qais al-Khazali praised the resistance factions on television.",
            "Qais al-Khazali",
            ["resistance factions"],
        ),
        (
            "President Hadi praised the national army for its sacrifices.",
            "Abd-Rabbu Mansour Hadi",
            ["national army"],
        ),
        # a force by its arm, and the heroes of one
        (
            'Al-Masirah wrote: "Glory to the heroes of the missile force."',
            "Al-Masirah",
            ["missile force"],
        ),
        (
            "Prime Minister Shehbaz Sharif lauded the air force for its speed.",
            "Shehbaz Sharif",
            ["air force"],
        ),
        # a clause on the first of two joined nouns stays out of the name
        (
            "Hezbollah saluted the firefighters and rescuers who walked into the fire.",
            "Hezbollah",
            ["firefighters and rescuers"],
        ),
    ],
)
def test_the_services_a_crisis_puts_to_work_are_praised_as_written(
    extractor, text, speaker, praised
) -> None:
    assert speaker_labels(extractor, text)[speaker]["praises_or_supports"] == praised


def test_the_assad_regime_is_syria_and_its_opposition_bodies_are_their_own(extractor) -> None:
    """Contract rule 3: the state under its ruler's name, as "the Zionist regime" is
    Israel; the opposition's coalition and government in exile are bodies of their own."""
    labels = speaker_labels(
        extractor,
        "The Syrian Interim Government held the criminal Assad regime fully responsible.",
    )
    assert labels["Syrian Interim Government"]["blames"] == ["Syria"]
    labels = speaker_labels(extractor, "The Syrian National Coalition condemned the regime.")
    assert list(labels) == ["Syrian National Coalition"]


def test_welcoming_an_actors_fall_praises_nobody(extractor) -> None:
    labels = speaker_labels(
        extractor,
        "The Assad regime collapsed on Sunday. The SDF welcomed the fall of the regime.",
    )
    assert labels["Syrian Democratic Forces"]["praises_or_supports"] == []


@pytest.mark.parametrize(
    ("text", "speaker", "blamed"),
    [
        # a killing told with the verb "martyr", by two groups a slash joins on a noun
        ('The Turkish defence ministry said: "PKK/YPG terrorists martyred 13 innocent '
         'civilians with a bomb-laden vehicle."', "Turkish Ministry of Defense",
         ["YPG", "PKK"]),
        # Moscow's name for Ukraine's government (rule 3)
        ("Maria Zakharova said the raid was a terrorist attack on peaceful people by the Kiev "
         "regime.", "Maria Zakharova", ["Ukraine"]),
        # the capital in its older spelling, as the capital (heldout2 bpm-2, bsg-3, bpa-3)
        ("Maria Zakharova blamed Kiev for the shelling of the power plant.",
         "Maria Zakharova", ["Ukraine"]),
    ],
)  # fmt: skip
def test_martyring_slashed_groups_and_the_kiev_regime(extractor, text, speaker, blamed) -> None:
    assert speaker_labels(extractor, text)[speaker]["blames"] == blamed


def test_the_regime_in_a_capital_is_its_state(extractor) -> None:
    """ "the regime in Tehran would pay for his blood": the state itself, as "the Zionist
    regime" is Israel (rule 3; heldout2 bop-5, blb-1, bnu-1)."""
    labels = speaker_labels(extractor, "Hezbollah warned that the regime in Tehran would pay.")
    assert labels["Hezbollah"]["threatens_or_vows_revenge_against"] == ["Iran"]


def test_coordinated_demonyms_name_each_people(bare_rules_extractor) -> None:
    """ "the Palestinian and Lebanese peoples": two targets, each people by its demonym,
    not one target of both (heldout2 bpt-2, bqn-5)."""
    text = (
        "SANAA, Nov 12, 2024 - Yahya Saree hailed the attack and renewed the forces' "
        "support for the Iraqi and Syrian peoples."
    )
    [record] = bare_rules_extractor.extract(SourceDocument("t", text))
    assert set(record.praises_or_supports) == {"Iraqi people", "Syrian people"}


@pytest.mark.parametrize(
    ("text", "speaker", "field", "target"),
    [
        ('The Palestinian Foreign Ministry condemned the "terrorism of the settlers".',
         "Palestinian Ministry of Foreign Affairs", "condemns", "settlers"),
        ("The State Department condemned a rampage by Israeli settlers in the village of Jit.",
         "United States Department of State", "condemns", "Israeli settlers"),
        ("Hamas warned that the settlers would pay a heavy price.", "Hamas",
         "threatens_or_vows_revenge_against", "settlers"),
    ],
)  # fmt: skip
def test_a_group_no_name_lists_is_written_as_the_text_names_it(
    extractor, text, speaker, field, target
) -> None:
    """Rule 14: settlers, a group the gazetteer cannot list, are named as the text names
    them, adjectives included, never as the state a demonym among them names (heldout2:
    fifteen documents, bln-5, bmd-4, bqe-5, bqq-4 among them)."""
    assert speaker_labels(extractor, text)[speaker][field] == [target]


@pytest.mark.parametrize(
    ("text", "speaker", "blamed"),
    [
        ("Rahul Gandhi said the BJP government bore responsibility for the deaths.",
         "Rahul Gandhi", ["BJP government"]),
        ("Bhupesh Baghel blamed the BJP-led state government for an intelligence failure.",
         "Bhupesh Baghel", ["BJP-led state government"]),
        ("Hezbollah said the Lebanese government bore responsibility.", "Hezbollah",
         ["Government of Lebanon"]),
    ],
)  # fmt: skip
def test_a_government_named_by_an_unlisted_party_is_written_as_named(
    extractor, text, speaker, blamed
) -> None:
    """Rule 14: "the BJP government", "the BJP-led state government" are written as the
    text names them, not given as the party; a state's government is still the state's
    (heldout2 bre-1, bre-5, bqo-5, bra-4, bqc-1)."""
    assert speaker_labels(extractor, text)[speaker]["blames"] == blamed


@pytest.mark.parametrize(
    ("text", "blamed"),
    [
        ("Kremlin spokesman Dmitry Peskov said the raid had been organised by Kyiv.",
         ["Ukraine"]),
        ("Kremlin spokesman Dmitry Peskov said the bombing was masterminded by Kyiv.",
         ["Ukraine"]),
        # the speaker's own strike, ordered by its own leader, blames no one
        ("The Pentagon said the strike had been ordered by the president.", []),
    ],
)  # fmt: skip
def test_who_organised_an_act_is_its_author(bare_rules_extractor, text, blamed) -> None:
    """ "the incursion had been organised by Ukraine": as "carried out by" (heldout2
    bnd-2, bpi-3, bmj-2, bon-3)."""
    [labels] = speaker_labels(bare_rules_extractor, text).values()
    assert labels["blames"] == blamed


@pytest.mark.parametrize(
    ("text", "speaker", "field", "targets"),
    [
        # the apposition names the branch
        (
            "KABUL, Oct 9 - The Islamic State's Khorasan branch (ISKP) claimed the bombing.\n\n"
            "Iran's foreign ministry condemned the attack.",
            "Iranian Ministry of Foreign Affairs",
            "condemns",
            ["ISIS-K"],
        ),
        # no name of its own: the owner, never the place it works in, nor through "its"
        (
            "KABUL, May 18 - Islamic State's Afghan branch has claimed a shooting that killed "
            "four tourists.\n\nZabihullah Mujahid, the Taliban spokesman, condemned the shooting "
            "and vowed to hunt down its members.",
            "Zabihullah Mujahid",
            "threatens_or_vows_revenge_against",
            ["Islamic State"],
        ),
        (
            "TEL AVIV, Aug 4 - Defence Minister Yoav Gallant said the drones had been launched by "
            "Tehran's Lebanese arm.",
            "Yoav Gallant",
            "blames",
            ["Iran"],
        ),
        # a group that names its own wing is the group
        (
            "GAZA, May 2 - The Israeli army blamed the Islamic Jihad wing for the rockets.",
            "Israel Defense Forces",
            "blames",
            ["Palestinian Islamic Jihad"],
        ),
    ],
)
def test_the_place_of_a_groups_branch_is_no_actor(extractor, text, speaker, field,
                                                  targets) -> None:  # fmt: skip
    """ "Islamic State's Afghan branch", "Tehran's Lebanese arm": the demonym or region
    before a branch says where it works; the branch is the group its apposition names,
    else its owner."""
    assert speaker_labels(extractor, text)[speaker][field] == targets


@pytest.mark.parametrize(
    ("text", "praised"),
    [
        # the heroes of a place or a deed no actor names are praised as written, as "the
        # people of Hebron" are (heldout2 brs-3, boy-3; corpus par-018)
        ("Hamas praised the heroes of Hebron.", ["heroes of Hebron"]),
        ("Hamas saluted the heroes of the West Bank.", ["heroes of the West Bank"]),
        # the heroes of an actor are that actor's
        ("Kata'ib Hezbollah saluted the heroes of the Syrian army.", ["Syrian Arab Army"]),
    ],
)
def test_the_heroes_of_a_place_are_praised_as_written(rules_extractor, text, praised) -> None:
    [record] = rules_extractor.extract(SourceDocument("t", text))
    assert list(record.praises_or_supports) == praised
