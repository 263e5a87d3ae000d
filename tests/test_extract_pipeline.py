"""End-to-end rules of the extraction contract, on short sentences written for kg."""

from __future__ import annotations

import pytest

from kg.model import SourceDocument


def _records(extractor, text: str, published: str | None = None) -> dict[str, dict]:
    source = SourceDocument("t1", text, title="Test", published=published)
    return {r.speaker: r.to_dict() for r in extractor.extract(source)}


def test_threat_platform_sponsor_and_evidence(extractor) -> None:
    text = (
        "Kataib Hezbollah, an Iran-backed militia, said on its Telegram channel that "
        "the United States would pay a heavy price."
    )
    records = _records(extractor, text)
    record = records["Kata'ib Hezbollah"]
    assert record["threatens_or_vows_revenge_against"] == ["United States"]
    assert record["platform"] == "Telegram"
    assert record["sponsor"] == "Iran"
    assert record["evidence"] in text
    assert text[record["evidence_start"] : record["evidence_end"]] == record["evidence"]
    assert record["extractor"] == extractor.version
    assert record["doc_title"] == "Test"


def test_joint_speakers_get_one_record_each(extractor) -> None:
    text = "Jordan, Egypt and Oman condemned the Israeli aggression on Lebanon."
    records = _records(extractor, text)
    assert set(records) == {"Jordan", "Egypt", "Oman"}
    for record in records.values():
        assert record["condemns"] == ["Israel"]
        assert record["blames"] == ["Israel"]


def test_joint_speakers_the_parser_split_get_one_record_each(extractor) -> None:
    # rule 2; the parser cuts "Harakat al-Nujaba" and "Kata'ib Sayyid al-Shuhada" apart
    text = (
        "Kata'ib Hezbollah, Harakat al-Nujaba and Kata'ib Sayyid al-Shuhada said in a joint "
        "statement that the American occupation must leave Iraq or face the consequences."
    )
    records = _records(extractor, text)
    assert set(records) == {"Kata'ib Hezbollah", "Harakat Hezbollah al-Nujaba",
                            "Kata'ib Sayyid al-Shuhada"}  # fmt: skip
    for record in records.values():
        assert record["threatens_or_vows_revenge_against"] == ["United States"]


@pytest.mark.parametrize(
    ("subject", "speakers"),
    [
        ("The foreign ministries of Jordan and Iraq",
         {"Jordanian Ministry of Foreign Affairs", "Iraqi Ministry of Foreign Affairs"}),
        ("The governments of Mali and Niger", {"Mali", "Niger"}),
        ("The foreign ministers of France, Germany and the United Kingdom",
         {"France", "Germany", "United Kingdom"}),
    ],
)  # fmt: skip
def test_bodies_of_several_states_get_one_record_each(extractor, subject, speakers) -> None:
    # rule 2: "the <bodies> of A and B" speak jointly, each through its own body
    text = f"{subject} condemned the attack by Jaish al-Adl on the border post."
    records = _records(extractor, text)
    assert set(records) == speakers
    for record in records.values():
        assert record["condemns"] == ["Jaish al-Adl"]


def test_joint_speakers_are_not_each_others_targets(extractor) -> None:
    # the "it" of "accusing it" is not Abu Dhabi, which speaks with Riyadh and Cairo
    text = (
        "In 2017, Riyadh, Abu Dhabi and Cairo cut ties with Doha, accusing it of funding "
        "armed groups."
    )
    records = _records(extractor, text)
    assert set(records) == {"Saudi Arabia", "United Arab Emirates", "Egypt"}
    for record in records.values():
        assert not set(record["blames"]) & set(records)


def test_relatives_of_named_people_are_not_their_voice(extractor) -> None:
    text = "The sons of Ali Hassan and Omar Saleh condemned the attack by Jaish al-Adl."
    assert not {"Ali Hassan", "Omar Saleh"} & set(_records(extractor, text))


def test_denial_and_analysts_give_no_labels(extractor) -> None:
    text = (
        "Hezbollah denied any role in the blast.\n\n"
        "Analysts said the denial was a clear threat against Israel."
    )
    records = _records(extractor, text)
    assert list(records) == ["Hezbollah"]
    assert not any(records["Hezbollah"][f] for f in ("blames", "condemns"))


def test_reason_is_blame_not_threat(extractor) -> None:
    text = "The Houthis said the strike was a response to the Zionist enemy's crimes in Gaza."
    record = _records(extractor, text)["Ansar Allah"]
    assert record["blames"] == ["Israel"]
    assert record["condemns"] == ["Israel"]
    assert record["threatens_or_vows_revenge_against"] == []


def test_person_with_affiliation_and_pronoun(extractor) -> None:
    text = (
        "Hezbollah spokesman Naim Qassem told reporters that the group stood with the "
        "Palestinian people. He offered condolences to the families of the victims."
    )
    record = _records(extractor, text)["Naim Qassem"]
    assert record["speaker_type"] == "person"
    assert record["speaker_affiliation"] == "Hezbollah"
    assert record["platform"] == "press"
    assert record["condolences_to"] == ["families of the victims"]


def test_anchored_yesterday(extractor) -> None:
    text = (
        "BEIRUT, March 3, 2024 (Wire) - Hezbollah said in a statement yesterday that it was ready."
    )
    record = _records(extractor, text, published="2024-03-03")["Hezbollah"]
    assert record["statement_date"] == "2024-03-02"


def test_yesterday_under_a_yearless_dateline_dates_the_event(extractor) -> None:
    """Rule 12: "a dated dateline plus 'yesterday'" anchors the event's day, also when
    the dateline gives no year (part 2 docs 38 and 43: "ADEN, Aug 29 (Wire) - ... struck
    ... yesterday")."""
    text = (
        "ADEN, Aug 29 (Wire) - Emirati aircraft struck government forces near Aden yesterday."
        "\n\nThe Yemeni foreign ministry said the strikes were a flagrant aggression."
    )
    record = _records(extractor, text)["Yemeni Ministry of Foreign Affairs"]
    assert record["event_date"] == "XXXX-08-28"


def test_a_dateline_with_a_two_word_region_is_a_dateline(extractor) -> None:
    """ "NABLUS, West Bank, Jan 20, 2024 (Wire) -": a dateline all the same (heldout2
    bnj-1, bod-1, bph-1, part AI's bqi-1); its date neither dates the event nor makes
    "West Bank" a speaker, and the body's own date does."""
    text = (
        "NABLUS, West Bank, Jan 20, 2024 (Wire) - Settlers burned two cars in Huwara late on "
        "Friday, Jan. 19, the village council said.\n\nThe Palestinian foreign ministry "
        "condemned the attack."
    )
    records = _records(extractor, text)
    assert "West Bank" not in records
    assert records["Palestinian Ministry of Foreign Affairs"]["event_date"] == "2024-01-19"


# Sentences in wordings the dev set does not use: (text, speaker, field, expected targets).
CASES = [
    (
        "Israeli Prime Minister Benjamin Netanyahu vowed to destroy Hamas.",
        "Benjamin Netanyahu", "threatens_or_vows_revenge_against", ["Hamas"],
    ),
    (
        "Kataib Hezbollah threatened to strike Israeli ports.",
        "Kata'ib Hezbollah", "threatens_or_vows_revenge_against", ["Israel"],
    ),
    (
        "Saudi Arabia expressed its solidarity with the United Arab Emirates.",
        "Saudi Arabia", "praises_or_supports", ["United Arab Emirates"],
    ),
    (
        "Foreign Minister Hossein Amir-Abdollahian praised the steadfastness of the Syrian people.",
        "Hossein Amir-Abdollahian", "praises_or_supports", ["Syrian people"],
    ),
    (
        "Hamas sent its condolences to the family of the slain commander.",
        "Hamas", "condolences_to", ["family of the slain commander"],
    ),
    (
        "A spokesman for the Houthis said the group would target American warships.",
        "Ansar Allah", "threatens_or_vows_revenge_against", ["United States"],
    ),
    (
        "The Houthi leader said the United States had committed a crime against Yemen.",
        "Ansar Allah", "condemns", ["United States"],
    ),
    (
        "Hezbollah said it had fired rockets at an Israeli base in response to the killing of "
        "its commander.",
        "Hezbollah", "threatens_or_vows_revenge_against", [],
    ),
    (
        "Mohammed Abdulsalam blamed Washington for the suffering of the Yemeni people.",
        "Mohammed Abdulsalam", "blames", ["United States"],
    ),
    (
        "Hezbollah mourned Ali Karaki. Naim Qassem called him a brave commander.",
        "Naim Qassem", "praises_or_supports", ["Ali Karaki"],
    ),
    (
        "Nasser Kanaani rejected accusations that Tehran was involved in the attack.",
        "Nasser Kanaani", "blames", [],
    ),
    (
        "The Islamic Resistance in Iraq claimed the attack, describing it as a response to the "
        "American occupation.",
        "Islamic Resistance in Iraq", "blames", ["United States"],
    ),
    (
        "Yahya Saree said the strike came in victory for the oppressed Palestinian people and in "
        "response to the crimes of the Zionist enemy.",
        "Yahya Saree", "praises_or_supports", ["Palestinian people"],
    ),
    (
        "The Houthis said they shot down an American drone.",
        "Ansar Allah", "blames", [],
    ),
    (
        "Kataib Hezbollah said Iraq would remain neutral in the war.",
        "Kata'ib Hezbollah", "threatens_or_vows_revenge_against", [],
    ),
    (
        "Kataib Hezbollah said American bases would remain legitimate targets.",
        "Kata'ib Hezbollah", "threatens_or_vows_revenge_against", ["United States"],
    ),
    (
        "Kataib Hezbollah said attacks on American forces would go on until they leave Iraq.",
        "Kata'ib Hezbollah", "threatens_or_vows_revenge_against", ["United States"],
    ),
    (
        "The Supreme Political Council saluted the armed forces.",
        "Supreme Political Council", "praises_or_supports", ["armed forces"],
    ),
    (
        "Hezbollah vowed revenge against the United States.",
        "Hezbollah", "threatens_or_vows_revenge_against", ["United States"],
    ),
    (
        "Matthew Miller said the Houthis had killed innocent sailors.",
        "Matthew Miller", "blames", ["Ansar Allah"],
    ),
    (
        "Joe Biden said the attack had been carried out by Kataib Hezbollah.",
        "Joe Biden", "blames", ["Kata'ib Hezbollah"],
    ),
    (
        "Hamas extended its sympathy to the Lebanese people and to Hezbollah.",
        "Hamas", "condolences_to", ["Lebanese people", "Hezbollah"],
    ),
    (
        "Hezbollah said the Zionist enemy's crime would not go unpunished.",
        "Hezbollah", "threatens_or_vows_revenge_against", ["Israel"],
    ),
    (
        "Houthi spokesman Yahya Saree warned that any new attack on Yemen would not go unanswered.",
        "Yahya Saree", "threatens_or_vows_revenge_against", [],
    ),
    (
        "Kataib Hezbollah vowed to avenge the killing of its commanders by the Americans.",
        "Kata'ib Hezbollah", "threatens_or_vows_revenge_against", ["United States"],
    ),
    (
        "Iran denied that it had supplied the drones.",
        "Iran", "blames", [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker", "field", "expected"), CASES)
def test_general_wordings(extractor, text: str, speaker: str, field: str, expected) -> None:
    records = _records(extractor, text)
    assert speaker in records, records
    assert records[speaker][field] == expected


def test_dateline_is_not_a_speaker_nor_a_statement_date(extractor) -> None:
    text = "JERUSALEM, 2 May 2024 (Wire) - Benjamin Netanyahu vowed to destroy Hamas."
    records = _records(extractor, text)
    assert list(records) == ["Benjamin Netanyahu"]
    assert records["Benjamin Netanyahu"]["statement_date"] is None


def test_pro_iran_group_cue_reaches_its_leader(extractor) -> None:
    text = (
        "Qais al-Khazali, the leader of Asaib Ahl al-Haq, said American forces must leave.\n\n"
        "The leader of the pro-Iran group also praised the Islamic Resistance in Iraq."
    )
    record = _records(extractor, text)["Qais al-Khazali"]
    assert record["sponsor"] == "Iran"
    assert record["praises_or_supports"] == ["Islamic Resistance in Iraq"]


def test_unknown_groups_keep_their_names_and_kind(extractor) -> None:
    text = (
        "Ashab al-Kahf, a little-known group, said on Telegram that it had launched drones.\n\n"
        "Saraya Awliya al-Dam said that American forces would not be safe anywhere in Iraq."
    )
    records = _records(extractor, text)
    assert records["Ashab al-Kahf"]["speaker_type"] == "militia"
    assert records["Ashab al-Kahf"]["platform"] == "Telegram"
    assert records["Saraya Awliya al-Dam"]["threatens_or_vows_revenge_against"] == ["United States"]


def test_quotation_continues_over_sentences(extractor) -> None:
    text = 'Abu Alaa al-Walai said: "We are patient. The Americans will pay a heavy price."'
    record = _records(extractor, text)["Abu Alaa al-Walai"]
    assert record["threatens_or_vows_revenge_against"] == ["United States"]


def test_actions_are_not_statements(extractor) -> None:
    text = (
        "Israel called up reservists and extended the ceasefire.\n\n"
        "Israel responded with airstrikes on Gaza.\n\n"
        "Hezbollah held a funeral for its commander."
    )
    assert _records(extractor, text) == {}


def test_quoted_as_saying(extractor) -> None:
    text = "Hamas leader Yahya Sinwar was quoted as saying that the occupation would pay."
    record = _records(extractor, text)["Yahya Sinwar"]
    assert record["threatens_or_vows_revenge_against"] == ["Israel"]


def test_list_items_lend_date_and_heading_speaker(extractor) -> None:
    text = (
        "\u2022 19 Feb \u2014 Nasruddin Amer wrote on X that American and British ships "
        "would remain legitimate targets.\n\n"
        "4) Barham Salih. Iraq's president denounced the American strike as a violation."
    )
    records = _records(extractor, text)
    amer = records["Nasruddin Amer"]
    assert amer["statement_date"] == "XXXX-02-19"
    assert amer["platform"] == "X"
    assert amer["threatens_or_vows_revenge_against"] == ["United States", "United Kingdom"]
    assert records["Barham Salih"]["condemns"] == ["United States"]


def test_trailing_casualty_source_is_not_a_statement(extractor) -> None:
    text = (
        "Three soldiers were killed and 34 wounded in the attack, the Pentagon said.\n\n"
        '"We fired 20 rockets at the enemy," Hezbollah said.'
    )
    assert list(_records(extractor, text)) == ["Hezbollah"]


def test_carried_statement_speaks_for_its_author(extractor) -> None:
    text = (
        "Al-Masirah TV carried a statement of the Supreme Political Council saluting the "
        "Yemeni armed forces."
    )
    assert list(_records(extractor, text)) == ["Supreme Political Council"]


def test_they_opening_a_paragraph_continues_the_group(extractor) -> None:
    text = (
        "A statement by the Coordination Framework urged the government to act.\n\n"
        "They said the American occupation would face the consequences."
    )
    record = _records(extractor, text)["Coordination Framework"]
    assert record["threatens_or_vows_revenge_against"] == ["United States"]


def test_condemned_attack_takes_the_narrated_perpetrator(extractor) -> None:
    text = (
        "Israel carried out strikes on military sites in Iran on 26 October 2024.\n\n"
        "Saudi Arabia condemned the attack on Iran.\n\n"
        "Jordan condemned the attack on Beirut."
    )
    records = _records(extractor, text)
    assert records["Saudi Arabia"]["condemns"] == ["Israel"]
    assert records["Jordan"]["condemns"] == []  # the narrated strikes were not on Beirut


def test_a_possible_strike_is_not_the_narrated_act(extractor) -> None:
    text = (
        "Benjamin Netanyahu warned that Israel could strike Iran at any time.\n\n"
        "Jordan condemned the attack."
    )
    records = _records(extractor, text)
    assert records["Jordan"]["condemns"] == []


def test_a_hedge_on_the_act_answered_does_not_hide_the_narrated_act(extractor) -> None:
    text = (
        "Iran fired dozens of missiles at Israel on Sunday in retaliation for a suspected "
        "Israeli strike in Syria.\n\n"
        "Germany condemned the attack."
    )
    assert _records(extractor, text)["Germany"]["condemns"] == ["Iran"]


def test_a_hedged_narrated_act_gives_no_perpetrator(extractor) -> None:
    text = "Suspected Israeli jets struck a depot near Damascus.\n\nGermany condemned the attack."
    assert _records(extractor, text)["Germany"]["condemns"] == []


def test_a_weapons_impact_is_the_narrated_act_and_a_condemning_verb_is_not(extractor) -> None:
    text = (
        "Syrian rockets slammed into a farm near the border on Tuesday.\n\n"
        "Saudi Arabia slammed the silence of the world.\n\n"
        "Jordan condemned the attack."
    )
    assert _records(extractor, text)["Jordan"]["condemns"] == ["Syria"]


@pytest.mark.parametrize(
    ("narration", "author"),
    [
        ("Israeli jets dropped heavy bombs on a building in Beirut on Friday.", ["Israel"]),
        ("The warplanes of the Zionist enemy levelled the consular annex on Monday.",
         ["Israel"]),
        ("Israeli aircraft began striking military sites across Iran before dawn.", ["Israel"]),
        ("Hamas fighters broke through the fence at dawn, attacking army posts.", ["Hamas"]),
        ("Houthi fighters captured a car carrier in the Red Sea on Sunday.", ["Ansar Allah"]),
        # a promised strike and an attempt are not the narrated act
        ("The Houthis promised to strike back at Israel on Sunday.", []),
        ("Haftar's forces have been trying to seize Tripoli since April.", []),
    ],
)  # fmt: skip
def test_the_narrated_act_and_its_author(extractor, narration, author) -> None:
    # class C-EVTMISS: a weapon's owner, a weapon dropped, a deed begun or carried on
    text = f"{narration}\n\nJordan condemned the attack."
    assert _records(extractor, text)["Jordan"]["condemns"] == author


def test_a_dateline_the_parser_splits_off_is_not_the_lead_sentence(extractor) -> None:
    """ "TEHRAN, Oct 27 -" parses as a sentence of its own; the lead sentence is the next
    one, whose "Israel's air strikes" names the narrated act's author (corpus wire-012,
    wire-028, wire-031)."""
    text = (
        "TEHRAN, Oct 27 - Iran's Supreme Leader said on Sunday that Israel's air strikes on "
        "military sites had been a miscalculation.\n\n"
        "Jordan's foreign ministry condemned the raids as a violation of Iran's sovereignty."
    )
    record = _records(extractor, text)["Jordanian Ministry of Foreign Affairs"]
    assert record["condemns"] == ["Israel"]


def test_a_lead_sentence_accusation_is_not_the_narrated_act(extractor) -> None:
    """ "Khan said India had planned yesterday's assault" is Khan's charge; the document
    has not said who did it (heldout2 bnl-1)."""
    text = (
        "KARACHI, June 30 - Prime Minister Imran Khan told parliament that India had planned "
        "yesterday's assault on the stock exchange.\n\n"
        "China's foreign ministry condemned the attack."
    )
    assert _records(extractor, text)["Chinese Ministry of Foreign Affairs"]["condemns"] == []


@pytest.mark.parametrize(
    "text",
    [
        # a headline's claim (rule 8: the text names the claimant as the doer)
        "Islamic State claims Muscat mosque shooting\n\nGunmen fired on worshippers at a "
        "mosque in Muscat late on Monday, police said.\n\nSaudi Arabia condemned the attack.",
        "Gunmen stormed a hotel in Nairobi on Tuesday. Al-Shabaab claimed responsibility for "
        "the attack.\n\nSaudi Arabia condemned the attack.",
    ],
)
def test_a_claimed_attack_takes_the_claimant(extractor, text) -> None:
    names = ("Islamic State", "al-Shabaab")
    assert _records(extractor, text)["Saudi Arabia"]["condemns"][0] in names


def test_a_denied_claim_names_no_doer(extractor) -> None:
    text = (
        "Gunmen stormed a hotel in Nairobi on Tuesday. Al-Shabaab did not claim the "
        "attack.\n\nSaudi Arabia condemned the attack."
    )
    assert _records(extractor, text)["Saudi Arabia"]["condemns"] == []


def test_whom_the_same_statement_blames_did_the_crime_it_names(extractor) -> None:
    """ "called the shooting a heinous crime and held Jaish al-Sharqiya responsible": the
    crime is the blamed group's, not the narrated act's author (heldout2 bnt-2; corpus
    par-027, mon-027, tg-022, par-033)."""
    text = (
        "The Syrian Democratic Forces shelled a village near Afrin on Monday.\n\n"
        "The Kurdish National Council called the attack a heinous crime and held Jaish "
        "al-Sharqiya responsible."
    )
    record = _records(extractor, text)["Kurdish National Council"]
    assert record["blames"] == ["Jaish al-Sharqiya"]


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        # a base overrun is a harmful deed (heldout2 blt-3, bmu-2)
        ("At dawn on 26 May, al-Shabaab fighters overran an army base near Mogadishu.\n\n"
         "Saudi Arabia condemned the attack.", "al-Shabaab"),
        # "its fighters": the group that says so (heldout2 bmw-1)
        ("Jaish al-Adl said on its Telegram channel that its fighters had struck the bus.\n\n"
         "Saudi Arabia condemned the attack.", "Jaish al-Adl"),
        # not the nearest name before "its" (heldout2 bnl-1)
        ("The BLA, which Islamabad describes as backed by India, said in a statement that "
         "its fighters had carried out the raid.\n\nSaudi Arabia condemned the attack.", None),
    ],
)  # fmt: skip
def test_overrun_bases_and_a_groups_own_fighters_name_the_doer(extractor, text, doer) -> None:
    assert _records(extractor, text)["Saudi Arabia"]["condemns"] == ([doer] if doer else [])


def test_an_outlet_or_a_persons_saying_is_no_doer(extractor) -> None:
    """The outlet that carried a claim did no deed ("Daesh's Amaq agency claimed the
    attack": heldout2 bok-4), nor did a person's bureau when he "claimed that" something
    was a right (bom-3)."""
    text = (
        "Gunmen attacked a shrine in Shiraz on Sunday. Daesh's Amaq agency claimed the "
        "attack.\n\nHezbollah condemned the attack."
    )
    assert _records(extractor, text)["Hezbollah"]["condemns"] == ["Islamic State"]
    text = (
        "A drone set a plane on fire at Abha airport on Wednesday.\n\nHouthi political bureau "
        "member Mohammed al-Bukhaiti claimed that striking airports was a legitimate right."
        "\n\nBahrain condemned the attack."
    )
    assert _records(extractor, text)["Bahrain"]["condemns"] == []
