"""kg.extract.stance_model: the learned model's file, its probabilities and its claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.stance_model import (
    MODEL_CUE,
    LabelModel,
    StanceModel,
    learned_claims,
    load_model,
    save_model,
)
from kg.model import SourceDocument, label_fields

TEXT = (
    "Group warns Washington\n\n"
    "Kata'ib Hezbollah said on Monday that the United States was behind the strike on its "
    "depot. The group said its fighters had watched the American convoy near the border."
)


def _model(mode: str = "add", weights: dict[str, float] | None = None) -> StanceModel:
    never = LabelModel(-10.0, 0.5, {})
    labels = {label: never for label in label_fields()}
    labels["threatens_or_vows_revenge_against"] = LabelModel(-2.0, 0.5, weights or {})
    return StanceModel(labels, mode=mode)


def test_probability_is_a_logistic_of_the_summed_weights() -> None:
    model = LabelModel(-1.0, 0.5, {"a": 1.0, "b": 2.0})
    assert model.probability([]) == pytest.approx(0.2689, abs=1e-3)
    assert model.probability(["a", "b", "unknown"]) == pytest.approx(0.8808, abs=1e-3)


def test_a_saved_model_loads_back_equal(tmp_path: Path) -> None:
    model = _model(weights={"w:behind": 3.0})
    save_model(model, tmp_path / "m.json")
    assert load_model(tmp_path / "m.json") == model


def test_a_missing_model_file_is_none_and_a_broken_one_an_error(tmp_path: Path) -> None:
    assert load_model(tmp_path / "absent.json") is None
    (tmp_path / "bad.json").write_text('{"labels": {"blames": {}}}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a kg stance model"):
        load_model(tmp_path / "bad.json")


def test_add_mode_keeps_the_rules_claims_and_adds_what_fires(extractor) -> None:
    doc = extractor.process(SourceDocument(doc_id="t", text=TEXT))
    rules = set(doc._.kg_claims)
    claims = learned_claims(doc, _model("add", {"w:behind": 5.0}))
    assert rules <= set(claims)
    added = [c for c in claims if c.cue == MODEL_CUE]
    assert [(c.stance, c.target) for c in added] == [
        ("threatens_or_vows_revenge_against", "United States")
    ]


def test_add_mode_never_adds_blame_beside_a_condemnation(extractor) -> None:
    """Contract rule 8: condemning the Houthis' attack condemns them; blame (rule 6) needs
    its own words, so a model that always says "blames" adds it only where the rules found
    no condemnation."""
    text = "Bahrain condemned the Houthi attack on the port. Hezbollah said the enemy would pay."
    doc = extractor.process(SourceDocument(doc_id="t", text=text))
    speaker = {i: a.speaker.name for i, a in enumerate(doc._.kg_attributions)}
    condemned = {(speaker[c.attribution], c.target) for c in doc._.kg_claims
                 if c.stance == "condemns"}  # fmt: skip
    assert ("Bahrain", "Ansar Allah") in condemned
    labels = {label: LabelModel(-10.0, 0.5, {}) for label in label_fields()}
    labels["blames"] = LabelModel(10.0, 0.5, {})  # blame for every pair
    claims = learned_claims(doc, StanceModel(labels, mode="add"))
    blamed = {(speaker[c.attribution], c.target) for c in claims if c.stance == "blames"}
    assert blamed and not blamed & condemned  # blame elsewhere is still added


def test_add_mode_never_adds_praise_inside_a_relative_clause(extractor) -> None:
    """ "Raisi, who always stood with Gaza": the clause is Raisi's support, not the
    speaker's; a hostile stance in such a clause still counts ("the enemy, which ...")."""
    text = ("Hezbollah mourned Ebrahim Raisi, who had always stood with Gaza, and said the "
            "enemy would pay.")  # fmt: skip
    doc = extractor.process(SourceDocument(doc_id="t", text=text))
    labels = {label: LabelModel(10.0, 0.5, {}) for label in label_fields()}  # every pair
    claims = learned_claims(doc, StanceModel(labels, mode="add"))
    added = {(c.stance, c.target) for c in claims if c.cue == MODEL_CUE}
    assert ("praises_or_supports", "Gaza") not in added
    assert ("blames", "Gaza") in added


def test_replace_mode_drops_the_rules_claims(extractor) -> None:
    doc = extractor.process(SourceDocument(doc_id="t", text=TEXT))
    assert doc._.kg_claims
    assert learned_claims(doc, _model("replace")) == ()


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        StanceModel({}, mode="vote")


def test_without_a_model_the_component_hands_on_the_rules_claims(extractor) -> None:
    from kg.extract.components.learned import LearnedStances

    doc = extractor.process(SourceDocument(doc_id="t", text=TEXT))
    assert LearnedStances(None)(doc)._.kg_learned_claims == tuple(doc._.kg_claims)


def test_the_shipped_model_loads_and_adds_to_the_rules() -> None:
    model = load_model()
    assert model is not None and model.mode == "add"
    assert set(model.labels) == set(label_fields())
    assert all(0.0 < m.threshold <= 1.0 and m.weights for m in model.labels.values())
