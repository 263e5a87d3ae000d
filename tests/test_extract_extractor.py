"""kg.extract.extractor: the text the parser reads, and what the records quote from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from labels import speaker_labels as _extract

from kg.extract.extractor import join_backers
from kg.extract.wordlists import load_acts, load_speech
from kg.model import SourceDocument

BACKING = load_acts().backing_participles
SPEAKING = load_speech().irregular_reporting_forms


def test_a_backer_without_its_hyphen_is_joined_where_the_parser_misreads_it() -> None:
    cases = {
        "a missile fired by Iran backed Houthis": "a missile fired by Iran-backed Houthis",
        "attacks by the Iran backed Houthis": "attacks by the Iran-backed Houthis",
        "On Tuesday the Iran backed Kataib Hizbollah announced a pause.":
            "On Tuesday the Iran-backed Kataib Hizbollah announced a pause.",
        # the verb: "X backed Y" with nothing that makes it a name's modifier
        "Iran backed the Houthis for years.": "Iran backed the Houthis for years.",
        "The US backed Israel's right to defend itself.":
            "The US backed Israel's right to defend itself.",
        "He said the US backed Israel fully.": "He said the US backed Israel fully.",
    }  # fmt: skip
    for text, joined in cases.items():
        assert join_backers(text, BACKING, SPEAKING) == joined


_PIECES = st.sampled_from(["by ", "the ", "The ", "Iran ", "U.S. ", "backed ", "funded ",
                           "Houthis ", "said ", "a", "I", " ", ".", "\n", "-", "'"])  # fmt: skip


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_joining_keeps_every_offset(text: str) -> None:
    joined = join_backers(text, BACKING, SPEAKING)
    assert len(joined) == len(text)
    assert all(a == b or (a == " " and b == "-") for a, b in zip(text, joined, strict=True))


def test_the_group_after_an_unhyphenated_backer_speaks_and_the_evidence_is_the_sources(
    rules_extractor,
) -> None:
    text = ("On Tuesday the Iran backed Kataib Hizbollah announced in a statement that it "
            "would keep defending the people of Gaza.")  # fmt: skip
    assert list(_extract(rules_extractor, text)) == ["Kata'ib Hezbollah"]
    (record,) = rules_extractor.extract(SourceDocument("t", text))
    assert record.sponsor == "Iran"
    assert record.evidence in text
