"""kg.train and `kg train`: examples from gold, folds by event, a seeded model file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import train
from kg.cli import main
from kg.extract.stance_features import Candidate

FILLER = (
    "Residents described a night of sirens and closed roads, and local officials said "
    "schools would stay shut until the damage to nearby buildings had been assessed. "
)
DOCS = {
    "a-1": ("depot", "Kata'ib Hezbollah said on Monday that the United States was behind "
            "the strike on its depot and would pay a heavy price for it."),
    "a-2": ("depot", "Asa'ib Ahl al-Haq said on Tuesday that Washington bore full "
            "responsibility for the attack and warned American forces of a response."),
    "b-1": ("port", "Ansar Allah said on Friday that Israel had committed a crime at the "
            "port and that its aggression would not go unanswered."),
    "b-2": ("port", "Hezbollah said on Saturday that it saluted the Yemeni people and "
            "condemned the Israeli strike on the port as a crime."),
}  # fmt: skip


def _record(speaker: str, surface: str, evidence: str, **labels: list[str]) -> dict:
    record = {
        "speaker": speaker, "speaker_surface": surface, "speaker_type": "militia",
        "speaker_affiliation": None, "sponsor": None, "event": "a strike",
        "event_date": None, "blames": [], "threatens_or_vows_revenge_against": [],
        "condemns": [], "praises_or_supports": [], "condolences_to": [],
        "platform": None, "statement_date": None, "evidence": evidence,
    }  # fmt: skip
    record.update(labels)
    return record


GOLD = {
    "a-1": _record("Kata'ib Hezbollah", "Kata'ib Hezbollah", "the United States was behind",
                   blames=["United States"],
                   threatens_or_vows_revenge_against=["United States"]),
    "a-2": _record("Asa'ib Ahl al-Haq", "Asa'ib Ahl al-Haq", "Washington bore full",
                   blames=["United States"], ambiguous={
                       "threatens_or_vows_revenge_against": ["United States"]}),
    "b-1": _record("Ansar Allah", "Ansar Allah", "Israel had committed a crime",
                   blames=["Israel"], condemns=["Israel"]),
    "b-2": _record("Hezbollah", "Hezbollah", "condemned the Israeli strike",
                   condemns=["Israel"], praises_or_supports=["Yemeni people"]),
}  # fmt: skip


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "docs").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "events.yaml").write_text("- {id: depot}\n- {id: port}\n", encoding="utf-8")
    cases = []
    for cid, (event, sentence) in DOCS.items():
        text = f"Reactions to the strike\n\n{FILLER * 4}\n\n{sentence}\n"
        (root / "docs" / f"{cid}.txt").write_text(text, encoding="utf-8")
        cases.append({"id": cid, "title": "Reactions to the strike", "published": None,
                      "style": "wire", "event_id": event, "gold": [GOLD[cid]],
                      "not_annotated": []})  # fmt: skip
    (root / "gold" / "t.json").write_text(json.dumps(cases), encoding="utf-8")
    return root


def test_folds_hold_each_event_once_and_are_seeded() -> None:
    events = ["a"] * 5 + ["b"] * 3 + ["c"] * 3 + ["d"] + ["e"] * 2
    folds = train.folds_by_event(events, 3, seed=1)
    assert sorted(e for fold in folds for e in fold) == ["a", "b", "c", "d", "e"]
    assert folds == train.folds_by_event(events, 3, seed=1)


def test_labels_come_from_the_speakers_gold_and_ambiguous_ones_are_left_out() -> None:
    candidate = Candidate("Asa'ib Ahl al-Haq", "united states", 0, (0, 1))
    labels = train._labels(GOLD["a-2"], candidate)
    assert labels["blames"] == 1  # names compare by their matching key
    assert labels["threatens_or_vows_revenge_against"] is None
    assert labels["condemns"] == 0


def test_training_writes_the_same_model_twice(corpus_dir: Path, tmp_path: Path) -> None:
    first = train.run(corpus_dir, tmp_path / "one.json", seed=3, folds=2)
    train.run(corpus_dir, tmp_path / "two.json", seed=3, folds=2)
    assert first.documents == 4 and first.problems == []
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    assert set(first.report.systems) == {"rules", "model alone", "rules + model"}
    assert first.model.meta["events"] == 2


def test_too_few_events_for_the_folds_is_an_error(corpus_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(train.TrainingError, match="at least --folds"):
        train.run(corpus_dir, tmp_path / "m.json", folds=5)


def test_kg_train_from_the_command_line(corpus_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "m.json"
    assert main(["train", "--corpus", str(corpus_dir), "-o", str(out), "--folds", "2"]) == 0
    err = capsys.readouterr().err
    assert "cross-validation by event" in err and f"wrote {out}" in err
    assert json.loads(out.read_text())["mode"] == "add"


def test_kg_train_on_an_empty_corpus_says_so(tmp_path: Path, capsys) -> None:
    root = tmp_path / "empty"
    (root / "gold").mkdir(parents=True)
    (root / "events.yaml").write_text("[]\n", encoding="utf-8")
    assert main(["train", "--corpus", str(root), "-o", str(tmp_path / "m.json")]) == 2
    assert "no usable case" in capsys.readouterr().err
