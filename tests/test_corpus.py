"""kg.corpus: loading and checking the annotated training corpus."""

from __future__ import annotations

import json
from pathlib import Path

from kg.corpus import load_corpus, record_problems, summary

TEXT = (
    "Militia vows response after strike\n\n"
    + "A drone strike hit a depot near the border on Monday. " * 14
    + "\n\nThe group said the Americans would pay for the attack on its depot."
)


def _record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "speaker": "Kata'ib Hezbollah",
        "speaker_surface": "The group",
        "speaker_type": "militia",
        "speaker_affiliation": None,
        "sponsor": None,
        "event": "strike on a depot",
        "event_date": None,
        "blames": [],
        "threatens_or_vows_revenge_against": ["United States"],
        "condemns": [],
        "praises_or_supports": [],
        "condolences_to": [],
        "platform": None,
        "statement_date": None,
        "evidence": "the Americans would pay for the attack on its depot",
    }
    record.update(changes)
    return record


def _write(root: Path, records: list[dict[str, object]], **case: object) -> None:
    (root / "docs").mkdir(parents=True)
    (root / "gold").mkdir()
    (root / "events.yaml").write_text("- {id: depot, date: 2024-01-01}\n", encoding="utf-8")
    (root / "docs" / "t-001.txt").write_text(TEXT, encoding="utf-8")
    raw = {
        "id": "t-001",
        "title": "Militia vows response after strike",
        "published": "2024-01-02",
        "style": "wire",
        "event_id": "depot",
        "gold": records,
        "not_annotated": [],
    }
    raw.update(case)
    (root / "gold" / "w.json").write_text(json.dumps([raw]), encoding="utf-8")


def test_a_good_case_loads_with_its_text(tmp_path: Path) -> None:
    _write(tmp_path, [_record(), _record(speaker="Israel", threatens_or_vows_revenge_against=[])])
    corpus = load_corpus(tmp_path)
    assert corpus.problems == []
    assert [case.id for case in corpus.cases] == ["t-001"]
    assert corpus.cases[0].text == TEXT
    counts = summary(corpus)
    assert counts["records"] == 2
    assert counts["records with no label"] == 1
    assert counts["labels"] == {"threatens_or_vows_revenge_against": 1}


def test_every_problem_is_reported_and_the_case_left_out(tmp_path: Path) -> None:
    bad = _record(evidence="words the document lacks", platform="radio", statement_date="5 May")
    _write(tmp_path, [bad], event_id="unknown-event", style="poetry")
    corpus = load_corpus(tmp_path)
    assert corpus.cases == []
    joined = "\n".join(corpus.problems)
    for expected in ("event_id 'unknown-event'", "style 'poetry'", "evidence", "platform"):
        assert expected in joined
    assert "statement_date '5 May'" in joined


def test_a_record_missing_a_field_names_it() -> None:
    record = _record()
    del record["sponsor"]
    assert record_problems(record, TEXT) == ["fields missing ['sponsor'], unknown []"]


def test_ambiguous_must_not_repeat_a_gold_label() -> None:
    record = _record(ambiguous={"threatens_or_vows_revenge_against": ["United States"]})
    assert record_problems(record, TEXT) == [
        "ambiguous threatens_or_vows_revenge_against repeats a gold label"
    ]


def test_the_bundled_corpus_has_no_problems() -> None:
    corpus = load_corpus()
    assert corpus.problems == []
