"""kg.train_attribution and `kg train --component attribution`: act examples labelled from
gold evidence, and a seeded, reproducible model file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import train_attribution as ta
from kg.cli import main
from kg.corpus import Case
from kg.extract.attribution_features import NONE, Candidate
from kg.extract.attribution_model import load_model
from kg.model import SourceDocument
from tests.test_train import corpus_dir  # noqa: F401  (the fixture)

TEXT = (
    "Ansar Allah said on Friday that Israel had committed a crime at the port.\n\n"
    "The port reopened on Sunday after repairs.\n\n"
    "Residents said the smoke could be seen from the hills.\n\n"
    "Hezbollah said it stood with the Yemeni people.\n\n"
    "Ansar Allah added that the port would stay open."
)


def _case(gold: list[dict]) -> Case:
    return Case("c", "t", None, "wire", "port", TEXT, gold, "t.json")


def _gold(speaker: str, evidence: str) -> dict:
    return {"speaker": speaker, "evidence": evidence}


def _labels(extractor, gold: list[dict]) -> list[dict[str, int]]:
    doc = extractor.process(SourceDocument(doc_id="c", text=TEXT))
    return [{o.name: y for o, y in zip(e.options, e.labels, strict=True)}
            for e in ta.document_examples(_case(gold), doc)]  # fmt: skip


def test_an_act_covered_by_gold_evidence_is_labelled_with_its_speaker(extractor) -> None:
    gold = [_gold("Ansar Allah", "Israel had committed a crime"),
            _gold("Hezbollah", "stood with the Yemeni people")]  # fmt: skip
    labelled = _labels(extractor, gold)
    first = next(d for d in labelled if d.get("Ansar Allah"))
    assert first[NONE] == 0 and first.get("Israel", 0) == 0
    assert any(d.get("Hezbollah") == 1 and d[NONE] == 0 for d in labelled)


def test_an_uncovered_act_is_nobody_s_unless_a_gold_speaker_is_a_candidate(extractor) -> None:
    # only Ansar Allah's first sentence is in the gold. Hezbollah's act has no gold
    # speaker among its candidates: nobody's. The residents' act (Ansar Allah is a
    # candidate, as the previous act's speaker) and Ansar Allah's second act are left
    # out: a gold speaker's other statement is unlabelled, not wrong
    doc = extractor.process(SourceDocument(doc_id="c", text=TEXT))
    assert [doc[a.cue].lower_ for a in doc._.kg_acts] == ["said", "said", "said", "added"]
    labelled = _labels(extractor, [_gold("Ansar Allah", "Israel had committed a crime")])
    assert [d[NONE] for d in labelled] == [0, 1]
    assert labelled[0]["Ansar Allah"] == 1 and labelled[1]["Hezbollah"] == 0


def test_a_longer_name_is_the_same_person_but_not_the_same_body() -> None:
    from kg.extract.doc import Speaker

    def option(name: str, kind: str) -> Candidate:
        return Candidate(0, name, Speaker(name, kind, name, 0))

    # an unlisted person (a listed one is keyed by its canonical name already)
    full = {ta._key("Abu Karim Haddour")}
    assert ta._same(option("Karim Haddour", "person"), full)
    assert not ta._same(option("United Nations", "organization"),
                        {"iran mision to united nations"})  # fmt: skip
    assert not ta._same(option("Haddour", "person"), full)
    # "Javad Zarif", listed since 0.18.41, is keyed as "Mohammad Javad Zarif"
    assert ta._same(option("Javad Zarif", "person"), {ta._key("Mohammad Javad Zarif")})


def test_training_writes_the_same_model_twice(corpus_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    first = ta.run(corpus_dir, tmp_path / "one.json", seed=3, folds=2)
    ta.run(corpus_dir, tmp_path / "two.json", seed=3, folds=2)
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    assert load_model(tmp_path / "one.json") == first.model
    assert first.model.mode == "override" and first.model.meta["documents"] == 4


def test_kg_train_component_attribution(corpus_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    out = tmp_path / "a.json"
    args = ["train", "--component", "attribution", "--corpus", str(corpus_dir), "-o",
            str(out), "--folds", "2", "--mode", "add"]  # fmt: skip
    assert main(args) == 0
    assert json.loads(out.read_text("utf-8"))["mode"] == "add"
    assert "mode add" in capsys.readouterr().err


@pytest.mark.parametrize(("component", "mode"), [("attribution", "replace"), ("stances", "alone")])
def test_a_mode_of_the_other_component_is_refused(tmp_path: Path, component: str, mode: str,
                                                  capsys) -> None:  # fmt: skip
    args = ["train", "--component", component, "--mode", mode, "-o", str(tmp_path / "m.json")]
    assert main(args) == 2
    assert "--mode" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()
