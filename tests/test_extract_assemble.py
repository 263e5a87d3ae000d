"""Record assembly rules of kg.extract.assemble (sponsor cues), on sentences written for kg."""

from __future__ import annotations

from kg.extract.actors import Mention, find_mentions
from kg.extract.assemble import sponsored_actors
from kg.extract.lexicon import load_lexicon
from kg.gazetteer import load_gazetteer


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
