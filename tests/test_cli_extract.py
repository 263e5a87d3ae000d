"""`kg extract` end to end: inputs of every kind, bad inputs, resume, workers, exit codes.

Most tests swap in the small fake extractor of test_extract_runner (fast, no spaCy); the
last one runs kg's real extractor when it is available.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_extract_runner import SAID, FakeExtractor

import kg.extract.runner as runner
from kg.cli import main
from kg.model import Statement


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_extractor", FakeExtractor)


def corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "01.txt").write_text(f"Headline\n\nBAGHDAD, Jan 8, 2020 - {SAID}", encoding="utf-8")
    (folder / "02.html").write_text(
        f"<html><body><nav>Home</nav><article><p>{SAID}</p></article></body></html>",
        encoding="utf-8",
    )
    lines = [json.dumps({"id": "03", "text": SAID}), json.dumps({"id": "04", "text": "Calm."})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_folder(fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "statements.jsonl"
    code = main(["extract", str(corpus(tmp_path / "in")), "-o", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == 0
    assert [r["doc_id"] for r in lines(out)] == ["01", "01", "02", "02", "03", "03"]
    assert "4 documents extracted, 6 records" in err and "0 failed" in err
    assert str(out) in err


def test_bad_inputs_warn_and_the_rest_is_extracted(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus(tmp_path / "in")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    with (folder / "feed.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{broken\n")
    out = tmp_path / "s.jsonl"
    code = main(["extract", str(folder), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    assert f"kg: warning: {folder / 'empty.txt'}: empty file; skipped" in err
    assert f"kg: warning: {folder / 'blob.txt'}: binary data" in err
    assert f"kg: warning: {folder / 'feed.jsonl'}:3: malformed JSON" in err
    assert len(lines(out)) == 6


def test_nothing_readable_exits_2(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01" * 100)
    code = main(["extract", str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt"),
                 "-o", str(tmp_path / "s.jsonl")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "empty file" in err and "kg: error: no document could be read" in err
    assert not (tmp_path / "s.jsonl").exists()


def test_every_document_failing_exits_3(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("EXPLODE " + SAID, encoding="utf-8")
    code = main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "s.jsonl"), "-q"])
    assert code == 3
    assert "extraction failed for document 'a'" in capsys.readouterr().err


def test_resume_and_workers(fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = corpus(tmp_path / "in")
    out = tmp_path / "s.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "-q", "--workers", "2"]) == 0
    first = out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", str(folder), "-o", str(out), "-q", "--resume"]) == 0
    err = capsys.readouterr().err
    assert "0 documents extracted" in err and "4 already done" in err
    assert out.read_text(encoding="utf-8") == first


def test_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(tmp_path), "-o", str(tmp_path / "s.jsonl"), "--workers", "0"])
    assert code == 2 and "must be positive" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path)])  # -o is required


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = capsys.readouterr().out
    assert "kg extract corpus/ -o out/statements.jsonl --resume" in out
    assert "--dask ADDRESS" in out and ".jsonl" in out


def _real_extractor_available() -> bool:
    try:
        from kg.extract import Extractor  # type: ignore[attr-defined]  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _real_extractor_available(), reason="kg.extract.Extractor not there yet")
def test_real_extractor_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "Militia vows revenge\n\nBAGHDAD, Jan 8, 2020 (Wire) - Kata'ib Hezbollah said in a "
        "statement on Telegram that it would take revenge on the United States for the strike. "
        "The Iraqi government condemned the attack.\n"
    )
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "s.jsonl"
    assert main(["extract", str(tmp_path / "doc.txt"), "-o", str(out), "-q"]) == 0
    rows = lines(out)
    assert rows, capsys.readouterr().err
    for row in rows:
        record = Statement.from_dict(row)
        assert record.doc_id == "doc" and record.evidence in text


def test_a_missing_spacy_model_is_one_clear_error_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KG_SPACY_MODEL", "en_no_such_model_installed")
    folder = corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("en_no_such_model_installed") == 1
    assert "scripts/setup.sh" in err
    assert "01.txt" not in err and not out.exists()
