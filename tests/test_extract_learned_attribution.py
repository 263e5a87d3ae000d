"""`kg_learned_attribution`: the component alone on a Doc, its place in the pipeline, and
the environment variable that chooses its model."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.attribution_model import MODEL_STEP, AttributionModel, save_model
from kg.extract.components.learned_attribution import LearnedAttribution
from kg.extract.nlp import COMPONENTS
from kg.model import SourceDocument

TEXT = (
    "Hezbollah buried two of its fighters on Sunday.\n\n"
    "Hezbollah said on Monday that Israel would regret the raid. Israel denied the "
    "report, according to the group."
)


def _doc(extractor, text: str = TEXT):
    return extractor.process(SourceDocument(doc_id="t", text=text))


def test_it_runs_right_after_the_rules_and_declares_what_it_reads(extractor) -> None:
    names = list(COMPONENTS)
    assert names.index("kg_learned_attribution") == names.index("kg_attribution") + 1
    meta = extractor.nlp.get_pipe_meta("kg_learned_attribution")
    assert "doc._.kg_rule_attributions" in meta.requires
    assert meta.assigns == ["doc._.kg_attributions"]
    assert extractor.nlp.get_pipe_meta("kg_attribution").assigns == ["doc._.kg_rule_attributions"]


def test_without_a_model_it_hands_on_the_rules_speakers(extractor) -> None:
    doc = _doc(extractor)
    LearnedAttribution(None)(doc)
    assert doc._.kg_attributions == doc._.kg_rule_attributions


def test_a_model_that_always_says_nobody_drops_every_speaker_in_override(extractor) -> None:
    doc = _doc(extractor)
    assert doc._.kg_rule_attributions
    nobody = AttributionModel(-5.0, {"none": 10.0}, 0.5, 0.1, "override")
    LearnedAttribution(nobody)(doc)
    assert doc._.kg_attributions == ()


def test_a_model_that_trusts_the_rules_changes_nothing(extractor) -> None:
    doc = _doc(extractor)
    agree = AttributionModel(-5.0, {"rules:chosen": 10.0}, 0.5, 0.1, "override")
    LearnedAttribution(agree)(doc)
    assert doc._.kg_attributions == doc._.kg_rule_attributions


def test_the_shipped_model_is_deterministic_and_marks_its_own_speakers(extractor) -> None:
    first = _doc(extractor)._.kg_attributions
    again = _doc(extractor)._.kg_attributions
    assert first == again
    assert all(a.chain == (MODEL_STEP,) or a.chain[0] != MODEL_STEP for a in first)


PRONOUN = "Hezbollah buried two of its fighters on Sunday.\n\nIt said on Monday that {}."
# prefers the actor the previous paragraph names, where the rules do not follow "It"
ACROSS = AttributionModel(-3.0, {"previous-paragraph": 4.0, "type:militia": 1.0}, 0.5, 0.1,
                          "add")  # fmt: skip


@pytest.fixture
def across(extractor):
    pipe = extractor.nlp.get_pipe("kg_learned_attribution")
    shipped, pipe.model = pipe.model, ACROSS
    yield extractor
    pipe.model = shipped


def test_a_speaker_the_model_adds_gets_a_record_with_its_claims(across) -> None:
    source = SourceDocument("t", PRONOUN.format("Israel would pay a heavy price for the raid"))
    doc = across.process(source)
    assert doc._.kg_rule_attributions == ()
    assert [(a.speaker.name, a.chain) for a in doc._.kg_attributions] == [
        ("Hezbollah", (MODEL_STEP,))
    ]
    (record,) = across.extract(source)
    assert record.speaker == "Hezbollah"
    assert record.threatens_or_vows_revenge_against == ("Israel",)
    assert record.confidence < 0.8  # never in the surest bin


def test_a_speaker_the_model_adds_without_a_claim_gets_no_record(across) -> None:
    source = SourceDocument("t", PRONOUN.format("the funeral would be held in the south"))
    assert [a.speaker.name for a in across.process(source)._.kg_attributions] == ["Hezbollah"]
    assert across.extract(source) == []


@pytest.mark.parametrize("value", ["none", "NONE"])
def test_kg_attribution_model_none_runs_the_rules_alone(monkeypatch, value: str) -> None:
    from kg.extract.nlp import load_nlp

    monkeypatch.setenv("KG_ATTRIBUTION_MODEL", value)
    assert load_nlp().get_pipe("kg_learned_attribution").model is None


def test_kg_attribution_model_path_loads_that_file(monkeypatch, tmp_path: Path) -> None:
    from kg.extract.nlp import load_nlp

    model = AttributionModel(0.5, {"none": 1.0}, 0.6, 0.2, "add", {"seed": 1})
    save_model(model, tmp_path / "m.json")
    monkeypatch.setenv("KG_ATTRIBUTION_MODEL", str(tmp_path / "m.json"))
    assert load_nlp().get_pipe("kg_learned_attribution").model == model
