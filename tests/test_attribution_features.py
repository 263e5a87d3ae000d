"""kg.extract.attribution_features: the candidate speakers of each act and their features,
on short texts parsed by the project's pipeline."""

from __future__ import annotations

import re

import pytest

from kg.extract.attribution_features import NONE, Candidate, candidates
from kg.model import SourceDocument


def _options(extractor, text: str) -> tuple[object, list[list[Candidate]]]:
    doc = extractor.process(SourceDocument(doc_id="t", text=text))
    return doc, candidates(doc, doc._.kg_rule_attributions)


def _by_name(options: list[Candidate]) -> dict[str, Candidate]:
    return {option.name: option for option in options}


def test_every_act_has_nobody_first_then_the_named_actors(extractor) -> None:
    doc, per_act = _options(
        extractor, "Hezbollah said on Tuesday that Israel would regret the raid."
    )
    assert len(per_act) == len(doc._.kg_acts) == 1
    options = per_act[0]
    assert options[0].name == NONE and options[0].speaker is None
    assert {"Hezbollah", "Israel"} <= set(_by_name(options))


def test_the_subject_is_marked_as_the_rules_choice_and_the_cue_subject(extractor) -> None:
    _, per_act = _options(extractor, "Hezbollah said on Tuesday that Israel would regret the raid.")
    speaker, target = _by_name(per_act[0])["Hezbollah"], _by_name(per_act[0])["Israel"]
    assert speaker.by_rules and {"role:subject", "rules:chosen", "before-cue"} <= speaker.features
    assert "role:in-content" in target.features and "rules:chosen" not in target.features
    assert "none|rules-has:True" in per_act[0][0].features


def test_according_to_marks_a_source(extractor) -> None:
    _, per_act = _options(extractor, "Israel denied the report, according to Hezbollah.")
    assert "role:according-to" in _by_name(per_act[0])["Hezbollah"].features


def test_a_nested_report_sees_the_outer_speaker(extractor) -> None:
    text = ("A Pentagon spokesman, Pat Ryder, said on Monday that Washington held Iran "
            "responsible for the raid.")  # fmt: skip
    doc, per_act = _options(extractor, text)
    nested = [n for n, act in enumerate(doc._.kg_acts) if doc[act.cue].lower_ == "held"]
    assert nested, [doc[a.cue].text for a in doc._.kg_acts]
    options = per_act[nested[0]]
    assert "rules:outer" in _by_name(options)["Pat Ryder"].features
    assert "none|nested:True" in options[0].features


def test_an_actor_of_the_previous_paragraph_is_a_candidate(extractor) -> None:
    text = ("Hezbollah buried two of its fighters on Sunday.\n\n"
            "It said on Monday that Israel would regret the raid.")  # fmt: skip
    _, per_act = _options(extractor, text)
    earlier = _by_name(per_act[-1])["Hezbollah"]
    assert {"previous-paragraph", "sentdist:<=1"} <= earlier.features
    assert "same-sentence" not in earlier.features


def test_no_feature_names_a_word_of_the_text(extractor) -> None:
    """The model must learn positions and kinds, never names or wordings."""
    text = ("Kata'ib Hezbollah warned on Friday that American forces would pay a heavy price, "
            "and its spokesman said the group had the right to respond.")  # fmt: skip
    _, per_act = _options(extractor, text)
    words = {w.lower() for w in re.findall(r"[A-Za-z']{4,}", text)}
    features = {f for options in per_act for o in options for f in o.features}
    allowed = {"none", "speaker", "same-sentence", "same-paragraph", "previous-paragraph",
               "before-cue", "after-cue", "in-quotes"}  # fmt: skip
    leaked = {f for f in features if f not in allowed
              and set(re.split(r"[:|<=>]+", f)) & words}  # fmt: skip
    assert leaked == set()


@pytest.mark.parametrize("run", range(2))
def test_the_same_text_gives_the_same_candidates(extractor, run: int) -> None:
    text = "Ansar Allah said Israel had committed a crime. It vowed a response."
    first = [[(o.name, sorted(o.features)) for o in opts] for opts in _options(extractor, text)[1]]
    again = [[(o.name, sorted(o.features)) for o in opts] for opts in _options(extractor, text)[1]]
    assert first == again
