"""kg_dates (kg.extract.components.dates) and kg.extract.dates: statement dates (rule 12)."""

from __future__ import annotations

import pytest

from kg.extract.dates import find_dates, resolve, yesterday
from kg.model import SourceDocument


def test_dates_full_partial_and_anchored() -> None:
    hits = find_dates("on 19 November 2023 and on January 4, and on 12 January")
    assert [(m, d, y) for _, _, m, d, y in hits] == [(11, 19, 2023), (1, 4, None), (1, 12, None)]
    assert resolve(1, 12, None, None) == "XXXX-01-12"
    assert resolve(1, 12, None, "2024-03-01") == "2024-01-12"
    assert resolve(2, 30, 2024, None) is None
    assert yesterday("2024-01-01") == "2023-12-31"
    assert yesterday(None) is None
    assert yesterday("XXXX-03-01") == "XXXX-02-29"  # a year-less day: any year's
    assert yesterday("XXXX-08-29") == "XXXX-08-28"


@pytest.mark.parametrize(
    ("text", "speaker", "date"),
    [
        # a digest's head dates the entries that give only a time
        ("Translated posts, April 14, 2024\n\n02:10 - Hezbollah: The group said the strike "
         "was a crime against Lebanon.", "Hezbollah", "2024-04-14"),
        # a date that opens the sentence before the speaker
        ("On May 20, 2024, the channel of Kata'ib Hezbollah published a statement mourning "
         "the martyrs of the resistance.", "Kata'ib Hezbollah", "2024-05-20"),
        # "yesterday" under a dateline without a year
        ("ADEN, Aug 29 (Wire) - The UAE said in a statement yesterday that its jets had hit "
         "militants near the airport.", "United Arab Emirates", "XXXX-08-28"),
        # "three days later", from the last full date before it
        ("Gunmen attacked a base on October 1, 2023. Three days later, Turkey's foreign "
         "minister Hakan Fidan told a news conference that the attackers had come from Syria.",
         "Hakan Fidan", "2023-10-04"),
        # a digest line's weekday and its day/month numbers, dated from the head's year
        ("Channel digest, November 2020\n\nSat 28/11 - Hezbollah said the killing was a "
         "crime.", "Hezbollah", "2020-11-28"),
        ("Channel digest, October 2024\n\nFriday 18 Oct - Hezbollah said the raid was a "
         "crime.", "Hezbollah", "2024-10-18"),
        # a timed line without a header name, under a head that gives the day
        ("Live updates, 13 June 2025\n\n09:00 - The Saudi foreign ministry condemned the "
         "Israeli strikes on Iran.", "Saudi Ministry of Foreign Affairs", "2025-06-13"),
        # a date inside what was said is not the statement's
        ("Hezbollah said the attack of 8 October had been a response to the occupation.",
         "Hezbollah", None),
        # the date of the verb the reporting verb is coordinated with
        ("Syria's foreign minister Faisal Mekdad visited the site on 1 April 2024 and "
         "condemned the Israeli strike.", "Faisal Mekdad", "2024-04-01"),
        ("Hezbollah condemned the strike and said it would respond on 8 October 2023.",
         "Hezbollah", None),
        # "that night", "the same evening", "within hours", "the following evening": from
        # the last full date before it (corpus mon-001, mon-011, mon-032, ana-026, ana-030 ...)
        ("Pagers exploded across Lebanon on 17 September 2024. Prime Minister Najib Mikati "
         "denounced the blasts that night as a criminal Israeli aggression.",
         "Najib Mikati", "2024-09-17"),
        ("Drones hit the oil field on 14 September 2019. The same evening, Mike Pompeo wrote "
         "on Twitter that Tehran was behind the attack.", "Mike Pompeo", "2019-09-14"),
        ("A drone killed the commander on 4 January 2024. Harakat al-Nujaba mourned him on "
         "Telegram within hours, holding the American occupation responsible.",
         "Harakat Hezbollah al-Nujaba", "2024-01-04"),
        ("A strike hit Beirut on 2 January 2024. The following evening, Hassan Nasrallah said "
         "the crime would not go unpunished.", "Hassan Nasrallah", "2024-01-03"),
        # the date of the speech a participle reports from, or of the speaker's own
        # "speaking ..." (corpus ana-008, par-008); not of a deed narrated with "saying"
        ("Abdul-Malik al-Houthi went further in a televised speech on 16 March 2025, saying "
         "American warships would be targets.", "Abdul-Malik al-Houthi", "2025-03-16"),
        ("Foreign Minister Hakan Fidan, speaking at a press conference in Doha on 8 December "
         "2024, saluted the Syrian people.", "Hakan Fidan", "2024-12-08"),
        ("On the night of 13 April 2024 the Houthis launched drones at Israel, saying the "
         "attack was a response to the strike on Damascus.", "Ansar Allah", None),
        # a roundup entry dated in a bracketed tag, day before month, with or without the
        # channel it came from (corpus tg-002, tg-005, tg-006, tg-009, tg-013, tg-014 ...)
        ("Channel roundup\n\n[05/02] Hezbollah said the raid on the border was a crime.",
         "Hezbollah", "XXXX-02-05"),
        ("Channel roundup\n\n[Al-Manar, 05/01, 22:40] Hezbollah said the raid was a crime.",
         "Hezbollah", "XXXX-01-05"),
        ("Channel roundup\n\n[13.03.2022] Hezbollah said the raid was a crime.",
         "Hezbollah", "2022-03-13"),
        ("Channel roundup\n\n[Mon 23/06] Hezbollah said the raid was a crime.",
         "Hezbollah", "XXXX-06-23"),
        # a footnote marker is no date
        ("Hezbollah said the raid was a crime.\n\n[2] Hezbollah statement on its website.",
         "Hezbollah", None),
        # the speaker's own participle before the verb dates it (heldout2 bla-3, bli-3);
        # not a deed's participle
        ("Addressing parliament on April 12, 2021, Foreign Minister Mohammad Javad Zarif "
         "said Israel had staged the attack.", "Mohammad Javad Zarif", "2021-04-12"),
        ("Having launched missiles on 13 April 2024, the Revolutionary Guards said the "
         "operation was over.", "Islamic Revolutionary Guard Corps", None),
        # "today", "the same day" on the speaker's own participle or a verb the reporting
        # verb is coordinated with (corpus ana-008, mon-009, mon-017, mon-022, mon-026;
        # heldout2 blc-4, bli-3, blp-3)
        ("DOHA, Sept 10, 2025 (Wire) - Speaking in a televised address today, Prime "
         "Minister Benjamin Netanyahu warned that Israel would strike Hamas.",
         "Benjamin Netanyahu", "2025-09-10"),
        ("A drone hit the base on 20 January 2021. Mustafa al-Kadhimi met his security "
         "chiefs the same day and promised to punish the killers.", "Mustafa al-Kadhimi",
         "2021-01-20"),
        # the day a quoted block's opener gives, or anchors (heldout2 blt-3, blv-5,
        # bln-4, blx-2); not a date of the narrative before the opener's last sentence
        ("Strike on a school\n\nThe school was hit on 10 August 2024.\n\nJordan's "
         "foreign ministry, 10 August:\n\n> \"The Kingdom condemns the Israeli bombing of "
         "a school.\"", "Jordanian Ministry of Foreign Affairs", "2024-08-10"),
        ("Strike on a school\n\nThe school was hit on 10 August 2024.\n\nIsrael Defense "
         "Forces, statement the same morning:\n\n> \"Hamas terrorists were operating from "
         "the compound.\"", "Israel Defense Forces", "2024-08-10"),
        ("Ship seized\n\nA cargo ship was taken in the Red Sea.\n\nThe Houthis seized the "
         "ship on 11 March 2025. While the ship was "
         "still held, their spokesman Yahya Saree posted on Telegram:\n\n> America "
         "brought this war to our door.", "Yahya Saree", None),
        # the date a question was put to the speaker (heldout2 bli-1, blv-1)
        ("Asked about the town on 1 March 2023, the finance minister Bezalel Smotrich said "
         "Huwara should be wiped out.", "Bezalel Smotrich", "2023-03-01"),
        ("President Joe Biden, asked by reporters in Ottawa on March 24, 2023, said the "
         "United States would act to protect its people.", "Joe Biden", "2023-03-24"),
        ("A drone hit the base on 20 January 2021. That same day Mustafa al-Kadhimi "
         "promised to punish the killers.", "Mustafa al-Kadhimi", "2021-01-20"),
        # the date a monitoring report's "Sources" list gives for the speaker's statement
        ("Ship seized: the responses\n\nHamas, in a statement on its Telegram channel, "
         "blessed the seizure of the ship by the Yemeni navy.\n\nSources\n\nYahya Saree "
         "Telegram channel, 19 November 2023; Hamas Telegram channel, 20 November 2023.",
         "Hamas", "2023-11-20"),
    ],
)  # fmt: skip
def test_statement_dates(extractor, text: str, speaker: str, date: str | None) -> None:
    records = {r.speaker: r for r in extractor.extract(SourceDocument("t", text))}
    assert records[speaker].statement_date == date


def test_a_statement_is_not_dated_after_its_report(extractor) -> None:
    """ "On 1 August the Israeli army announced ..." in a piece published on 14 February
    2025 was made in 2024, not after the piece (heldout2 blr-5; corpus mon-002: "On 31
    December" in a report of 2 January 2020)."""
    text = "On 1 August the Israeli army announced that Mohammed Deif had been killed."
    source = SourceDocument("t", text, published="2025-02-14")
    (record,) = extractor.extract(source)
    assert record.statement_date == "2024-08-01"
    source = SourceDocument("t", text, published="2025-09-14")
    assert extractor.extract(source)[0].statement_date == "2025-08-01"


def test_it_read_is_the_statement_issued_in_the_sentence_before(extractor) -> None:
    """ "CENTCOM made the interdiction public on January 16, 2024, in a post on X. It read
    in part: ..." (heldout2 blk-4): the post "it" reads was issued that day."""
    text = (
        "U.S. Central Command made the interdiction public on January 16, 2024, in a post on "
        'X. It read in part: "Iran keeps arming the Houthis, and Iran bears the blame."'
    )
    records = extractor.extract(SourceDocument("t", text))
    assert {r.statement_date for r in records} == {"2024-01-16"}


@pytest.mark.parametrize(
    ("text", "published", "date", "platform"),
    [
        # the occasion the sentence before names, for "he said" (part H bmc-2; blf-3, bll-3)
        ("Prime Minister Naftali Bennett spoke in a televised address on the evening of "
         "June 3, 2021. Hamas, he said, had fired the rockets at Israeli towns.", None,
         "2021-06-03", "TV"),
        ("Abdul Hamid Dbeibah went on television last night to defend his government. "
         "Fathi Bashagha, he said, had hired the militias that shelled the city.",
         "2022-08-28", "2022-08-27", "TV"),
        # the verb the statement was the purpose of (part H bmd-5)
        ("On April 15, 2025, the police raided a workshop. That evening the spokesman "
         "Mohammad al-Momani went on state television to accuse the Brotherhood of plotting "
         "attacks.", None, "2025-04-15", "TV"),
        # "went further, calling": going further is speaking (part F bmb-4)
        ("On July 29, 2022, Russia blamed Ukraine. That evening Volodymyr Zelensky went "
         "further, calling the killings a deliberate Russian war crime.", None, "2022-07-29",
         None),
    ],
)  # fmt: skip
def test_the_occasion_around_a_statement_dates_it(extractor, text, published, date,
                                                  platform) -> None:  # fmt: skip
    records = extractor.extract(SourceDocument("t", text, published=published))
    last = records[-1]
    assert (last.statement_date, last.platform) == (date, platform)


@pytest.mark.parametrize("heading", ["31 October", "31.10.2023"])
def test_a_day_heading_dates_the_timed_entries_below_it(extractor, heading) -> None:
    text = (
        "CHANNEL ROUNDUP\nPosts translated from Hebrew and Arabic, 30 October - 1 November 2023\n\n"
        "Context: missiles were fired at Eilat from the Red Sea area.\n\n"
        f"{heading}\n\n"
        "20:31 - Houthi military spokesman Yahya Saree (official channel): The strikes on "
        "Eilat will go on until the aggression on Gaza stops."
    )
    records = extractor.extract(SourceDocument("t", text))
    assert [r.statement_date[-5:] for r in records if r.speaker == "Yahya Saree"] == ["10-31"]


def test_a_footnote_dates_a_digest_entry_before_the_digests_own_date(extractor) -> None:
    """A digest's head gives the day it was compiled, its footnotes the day of each source
    (heldout2 bmx-2, bmy-2, bnc-2: the head's date was taken)."""
    text = (
        "Gulf Security Digest: reactions to the Muscat mosque shooting\n"
        "Issue 212 | compiled 17 July 2024 | Extremism desk\n\n"
        "SUMMARY. Gunmen fired on worshippers at a mosque in Muscat late on 15 July [1].\n\n"
        "3. Neighbours. Saudi Arabia's foreign ministry condemned the attack and extended "
        "condolences to the Omani people [2].\n\n"
        "[1] Royal Oman Police, post on X, 16 July 2024.\n"
        "[2] Saudi Press Agency, 16 July 2024.\n"
    )
    records = extractor.extract(SourceDocument("t", text))
    assert [r.statement_date for r in records] == ["2024-07-16"]


def test_the_footnote_a_quoted_block_ends_with_dates_it(extractor) -> None:
    text = (
        "West Bank Monitor, No. 14: Israel opens a raid in Jenin\n"
        "22 January 2025 | sources listed at the end\n\n"
        "Israeli forces pushed into Jenin on 21 January [1].\n\n"
        "Hamas called on people across the West Bank to rise up, and added:\n\n"
        ">   The occupation will pay a heavy price for every drop of blood. [2]\n\n"
        "---\n[1] Palestinian Ministry of Health, 21 Jan 2025\n"
        "[2] Hamas Telegram channel, 21 Jan 2025\n"
    )
    records = extractor.extract(SourceDocument("t", text))
    assert [(r.speaker, r.statement_date) for r in records] == [("Hamas", "2025-01-21")]


def test_a_digest_entrys_own_date_comes_before_the_digests(extractor) -> None:
    text = (
        "Sudan Monitor: army retakes Wad Madani\n"
        "Weekly digest | 18 January 2025\n\n"
        "1. Recapture. The Sudanese Armed Forces entered Wad Madani on 11 January 2025.\n\n"
        "4. Juba. South Sudan's President Salva Kiir appealed for calm on 17 January and "
        "offered condolences to the bereaved families.\n"
    )
    records = extractor.extract(SourceDocument("t", text))
    assert [(r.speaker, r.statement_date) for r in records] == [("Salva Kiir", "2025-01-17")]
