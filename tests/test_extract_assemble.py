"""Record assembly rules of kg.extract.assemble (sponsor cues), on sentences written for kg."""

from __future__ import annotations

from kg.extract.actors import Mention, find_mentions
from kg.extract.assemble import sponsored_actors
from kg.extract.lexicon import load_lexicon
from kg.gazetteer import load_gazetteer
from kg.model import SourceDocument


def _sponsored(text: str, extra: list[Mention] = ()) -> frozenset[str]:
    lexicon = load_lexicon()
    mentions = sorted(
        [*find_mentions(text, load_gazetteer(), lexicon), *extra], key=lambda m: m.start
    )
    return sponsored_actors(text, mentions, lexicon)


def test_the_backed_movement_skips_a_name_ner_guessed() -> None:
    text = (
        "A Houthi missile hit the tanker True Dawn off Aden on Friday. The Iran-backed "
        "movement's spokesman said more would follow."
    )
    start = text.index("True Dawn")
    ship = Mention(start, start + 9, "True Dawn", "True Dawn", "organization", "ner", known=False)
    assert _sponsored(text, [ship]) == {"Ansar Allah"}


def test_the_backed_movement_with_no_group_before_names_nobody() -> None:
    text = "The ship True Dawn was hit on Friday. The Iran-backed movement's spokesman spoke."
    assert _sponsored(text) == frozenset()


def test_evidence_does_not_start_with_the_previous_sentences_footnote(extractor) -> None:

    text = (
        "Gulf brief\n\nRockets hit the airport in Erbil on Monday night and wounded two "
        "guards.[1] Hamas said in a statement that the occupation would pay for the raid.[2]"
        "\n\n[1] Police. [2] Group statement."
    )
    [record] = extractor.extract(SourceDocument("t", text))
    assert record.evidence.startswith("Hamas said")
    assert text[record.evidence_start : record.evidence_end] == record.evidence


def test_a_second_speaker_in_a_sentence_does_not_inherit_the_first_ones_platform(
    extractor,
) -> None:

    text = (
        "Mohammed Abdulsalam told reporters that the deal did not cover Israel, and Hamas "
        "said the blockade would go on."
    )
    records = {r.speaker: r for r in extractor.extract(SourceDocument("t", text))}
    assert records["Mohammed Abdulsalam"].platform == "press"
    assert records["Hamas"].platform is None


def test_joint_speakers_of_one_verb_share_the_platform(extractor) -> None:

    text = "The United States and Britain said in a post on X that the strikes would go on."
    records = extractor.extract(SourceDocument("t", text))
    assert {r.platform for r in records} == {"X"} and len(records) == 2
