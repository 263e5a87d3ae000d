"""kg/stances.py: the stance registry loads, and every bad entry fails naming file and entry."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.paths import data_path
from kg.stances import (
    Stance,
    StanceError,
    by_field,
    by_id,
    hostile,
    load_stances,
    stance_fields,
)


def _registry() -> dict[str, Any]:
    return yaml.safe_load(data_path("stances.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: Any, name: str = "stances.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_bundled_registry_loads_in_file_order() -> None:
    stances = load_stances()
    assert [s.id for s in stances] == [e["id"] for e in _registry()["stances"]]
    assert all(isinstance(s, Stance) for s in stances)
    blames = by_id(stances)["blames"]
    assert (blames.statement_property, blames.relation) == ("blamesTarget", "blames")
    assert blames.sign == -1 and blames.hostile and blames.cameo == "112"


def test_loader_is_cached_per_path() -> None:
    assert load_stances() is load_stances()
    assert load_stances(data_path("stances.yaml")) is load_stances()


def test_helpers_follow_the_registry() -> None:
    stances = load_stances()
    assert stance_fields() == tuple(s.field for s in stances)
    assert list(by_field()) == list(stance_fields())
    assert by_field()["condolences_to"].id == "condolences"
    assert {s.id for s in hostile()} == {s.id for s in stances if s.sign == -1}
    assert all(s.sign in (-1, 1) for s in stances)


def test_default_path_follows_kg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _registry()
    data["stances"] = data["stances"][:2]
    (tmp_path / "data").mkdir()
    _write(tmp_path / "data", data)
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    assert [s.id for s in load_stances()] == ["blames", "threatens"]
    monkeypatch.delenv("KG_HOME")
    assert len(load_stances()) == len(_registry()["stances"])


def test_cues_are_kept_as_written(tmp_path: Path) -> None:
    data = _registry()
    cue = {"id": "x", "cue": {"lemma": ["accuse"]}, "target": [{"rel": ">", "dep": ["dobj"]}]}
    data["stances"][0]["cues"] = [cue]
    del data["stances"][1]["cues"]  # optional: no cues yet
    stances = load_stances(_write(tmp_path, data))
    assert stances[0].cues == (cue,)
    assert stances[1].cues == ()


def _broken(change) -> dict[str, Any]:
    data = copy.deepcopy(_registry())
    change(data["stances"])
    return data


def _set(index: int, key: str, value: Any):
    def change(entries: list[dict[str, Any]]) -> None:
        entries[index][key] = value

    return change


def _drop(index: int, key: str):
    def change(entries: list[dict[str, Any]]) -> None:
        del entries[index][key]

    return change


@pytest.mark.parametrize(
    ("change", "entry", "reason"),
    [
        (_drop(1, "relation"), "entry 2 (threatens)", "missing keys relation"),
        (_set(0, "colour_hex", "#000000"), "entry 1 (blames)", "unknown keys colour_hex"),
        (_set(2, "field", "blames"), "stance 'condemns'", "field 'blames' is already"),
        (_set(3, "id", "blames"), "stance 'blames'", "id 'blames' is already"),
        (_set(4, "statement_property", "blamesTarget"), "stance 'condolences'", "statement_prop"),
        (_set(4, "relation", "blamesTarget"), "stance 'condolences'", "statement property"),
        (_set(3, "sign", 0), "entry 4 (praises)", "'sign' must be -1"),
        (_set(3, "sign", True), "entry 4 (praises)", "'sign' must be -1"),
        (_set(3, "sign", "+1"), "entry 4 (praises)", "'sign' must be -1"),
        (_set(1, "colour", "red"), "entry 2 (threatens)", "'colour' must be"),
        (_set(1, "colour", "#e31a1"), "entry 2 (threatens)", "'colour' must be"),
        (_set(0, "cues", "accuse"), "entry 1 (blames)", "'cues' must be a list of mappings"),
        (_set(0, "cues", ["accuse"]), "entry 1 (blames)", "'cues' must be a list of mappings"),
        (_set(0, "cues", None), "entry 1 (blames)", "'cues' must be a list of mappings"),
        (_set(3, "cameo", 51), "entry 4 (praises)", "'cameo' must be a quoted string"),
        (_set(0, "plover", "accuse"), "entry 1 (blames)", "'plover' must be"),
        (_set(0, "field", "Blames"), "entry 1 (blames)", "'field' must be"),
        (_set(0, "statement_property", "kg:blamesTarget"), "entry 1", "'statement_property'"),
        (_set(0, "label", " "), "entry 1 (blames)", "'label' must be"),
        (_set(0, "id", 3), "entry 1", "'id' must be"),
    ],
)
def test_bad_entries_name_file_and_entry(tmp_path: Path, change, entry: str, reason: str) -> None:
    path = _write(tmp_path, _broken(change))
    with pytest.raises(StanceError) as caught:
        load_stances(path)
    message = str(caught.value)
    assert message.startswith(str(path.resolve()) + ": "), message
    assert entry in message and reason in message, message


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([{"id": "blames"}], "expected a mapping with a list under 'stances'"),
        ({"stances": []}, "'stances' is empty"),
        ({"stances": ["blames"]}, "entry 1: expected a mapping, got str"),
        ({"stances": [], "extra": 1}, "unknown top-level keys extra"),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, data: Any, reason: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(StanceError, match=reason) as caught:
        load_stances(path)
    assert str(path.resolve()) in str(caught.value)


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "stances.yaml"
    path.write_text("stances: [\n", encoding="utf-8")
    with pytest.raises(StanceError, match="cannot read stance registry"):
        load_stances(path)
    with pytest.raises(StanceError, match="cannot read stance registry"):
        load_stances(tmp_path / "missing.yaml")
