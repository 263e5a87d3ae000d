"""kg.extract.attribution_model: deciding an act's speaker, and the model's JSON file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.attribution_features import NONE, Candidate
from kg.extract.attribution_model import (
    MODEL_STEP,
    AttributionModel,
    ModelFileError,
    decide,
    load_model,
    save_model,
)
from kg.extract.doc import Attribution, Speaker

GROUP = Speaker("Group A", "militia", "Group A", 0)
PERSON = Speaker("Person B", "person", "Person B", 20, affiliation="Group A")
OTHER = Speaker("State C", "state", "State C", 40)


def _options(**scores: str) -> list[Candidate]:
    """Candidates of act 0 whose one feature is their name's score key."""
    speakers = {"group": GROUP, "person": PERSON, "other": OTHER}
    out = [Candidate(0, NONE, None, {f"s:{scores.pop('none', 'low')}"})]
    for key, level in scores.items():
        speaker = speakers[key]
        out.append(Candidate(0, speaker.name, speaker, {f"s:{level}"}))
    return out


def _model(mode: str, threshold: float = 0.5, margin: float = 0.3) -> AttributionModel:
    # probabilities: low 0.05, mid 0.5, high 0.95
    return AttributionModel(0.0, {"s:low": -2.944, "s:mid": 0.0, "s:high": 2.944},
                            threshold, margin, mode)  # fmt: skip


def _rules(speaker: Speaker) -> list[Attribution]:
    return [Attribution(0, speaker, ("subject",))]


def test_add_gives_a_speaker_only_to_an_act_the_rules_left_without_one() -> None:
    options = _options(group="high", other="low")
    chosen = decide(_model("add"), options, [])
    assert [(a.speaker.name, a.chain) for a in chosen] == [("Group A", (MODEL_STEP,))]
    assert decide(_model("add"), _options(group="low", other="high"), _rules(GROUP)) == _rules(
        GROUP
    )


def test_below_the_threshold_or_for_nobody_nothing_is_added() -> None:
    assert decide(_model("add", threshold=0.97), _options(group="high"), []) == []
    assert decide(_model("add"), _options(none="high", group="low"), []) == []


def test_override_replaces_the_rules_only_by_the_margin() -> None:
    options = _options(other="high", group="mid")
    replaced = decide(_model("override", margin=0.3), options, _rules(GROUP))
    assert [a.speaker.name for a in replaced] == ["State C"]
    kept = decide(_model("override", margin=0.5), options, _rules(GROUP))
    assert kept == _rules(GROUP)


def test_override_drops_the_rules_speaker_when_nobody_wins_clearly() -> None:
    assert decide(_model("override"), _options(none="high", group="low"), _rules(GROUP)) == []


def test_override_never_hands_a_person_s_words_to_the_body_they_speak_for() -> None:
    options = _options(group="high", person="low")
    assert decide(_model("override"), options, _rules(PERSON)) == _rules(PERSON)


def test_override_never_replaces_a_speaker_by_a_name_inside_its_own_phrase() -> None:
    mission = Speaker("Mission of State C to Group A", "state", "Mission of State C to Group A", 0)
    options = _options(group="high")
    options[1].starts = {25}  # "Group A" inside the mission's own name
    assert decide(_model("override"), options, _rules(mission)) == _rules(mission)
    options[1].starts = {60}  # named elsewhere: may replace
    assert [a.speaker.name for a in decide(_model("override"), options, _rules(mission))] == [
        "Group A"
    ]


def test_override_leaves_joint_speakers_alone() -> None:
    joint = [*_rules(GROUP), Attribution(0, OTHER, ("subject",))]
    assert decide(_model("override"), _options(none="high"), joint) == joint


def test_alone_ignores_the_rules() -> None:
    chosen = decide(_model("alone"), _options(other="high", group="low"), _rules(GROUP))
    assert [a.speaker.name for a in chosen] == ["State C"]
    assert decide(_model("alone"), _options(none="high"), _rules(GROUP)) == []


def test_the_probability_does_not_depend_on_the_order_of_features() -> None:
    # float addition is not associative: 1e16 + 1 - 1e16 is 0, 1e16 - 1e16 + 1 is 1
    model = AttributionModel(0.0, {"a": 1e16, "b": 1.0, "c": -1e16})
    orders = (["a", "b", "c"], ["a", "c", "b"], ["c", "b", "a"])
    assert len({model.probability(order) for order in orders}) == 1


def test_a_saved_model_loads_back_equal(tmp_path: Path) -> None:
    model = AttributionModel(-1.5, {"a": 0.25, "b": -1.0}, 0.4, 0.2, "override", {"seed": 7})
    save_model(model, tmp_path / "m.json")
    assert load_model(tmp_path / "m.json") == model


def test_the_shipped_model_loads_and_is_small() -> None:
    from kg.extract.attribution_model import DEFAULT_MODEL

    model = load_model()
    assert model is not None and model.mode in ("add", "override")
    assert DEFAULT_MODEL.stat().st_size < 100_000


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[1, 2]", "kind"),
        ('{"kind": "kg-stance-model"}', "kind"),
        ('{"kind": "kg-attribution-model", "bias": 0}', "weights"),
        ('{"kind": "kg-attribution-model", "bias": 0, "weights": [], "threshold": 0.5, '
         '"margin": 0.1, "mode": "add"}', "weights"),
        ('{"kind": "kg-attribution-model", "bias": 0, "weights": {}, "threshold": 0.5, '
         '"margin": 0.1, "mode": "guess"}', "mode"),
        ('{"kind": "kg-attribution-model", "bias": 0, "weights": {}, "threshold": 1.5, '
         '"margin": 0.1, "mode": "add"}', "threshold"),
        ('{"kind": "kg-attribution-model", "bias": 0, "weights": {"a": "x"}, '
         '"threshold": 0.5, "margin": 0.1, "mode": "add"}', "float"),
        ("{not json", "Expecting"),
    ],
)  # fmt: skip
def test_a_broken_model_file_is_an_error_naming_it(tmp_path: Path, content: str,
                                                   reason: str) -> None:  # fmt: skip
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(
        ModelFileError, match=rf"broken\.json: not a kg attribution model.*{reason}"
    ):
        load_model(path)


def test_a_missing_model_file_is_none(tmp_path: Path) -> None:
    assert load_model(tmp_path / "absent.json") is None
