"""`kg run` from the command line, on the tiny corpus in tests/fixtures/pipeline/."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"
KG = Path(sys.executable).with_name("kg")


def test_kg_run_end_to_end(tmp_path: Path) -> None:
    command = [str(KG)] if KG.exists() else [sys.executable, "-m", "kg.cli"]
    out = tmp_path / "out"
    done = subprocess.run(
        [*command, "run", str(FIXTURES), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "kg run: done" in done.stdout
    assert "statements" in done.stdout and "SHACL       conforms" in done.stdout
    assert str(out / "graph.html") in done.stdout
    for stage in ("extract", "build", "reason", "validate", "align", "graph", "viz"):
        assert f" {stage} " in done.stderr, stage
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3
    assert f"statements  {summary['statements']}" in done.stdout


def test_quiet_no_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES, corpus)
    (corpus / "notes.md").write_text("not a document\n", encoding="utf-8")
    assert main(["run", str(corpus), "-o", str(tmp_path / "out"), "--no-reason", "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # no stage lines, no notes
    assert "inferred" not in captured.out
    assert not (tmp_path / "out" / "graph.inferred.ttl").exists()


def test_nothing_readable_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["run", str(tmp_path / "empty"), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert "no document could be read" in capsys.readouterr().err


def test_a_wrong_path_is_one_error_and_no_stage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checked before the first progress line, even next to a good input."""
    missing = tmp_path / "missing"
    out = tmp_path / "out"
    assert main(["run", str(FIXTURES), str(missing), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"kg: error: {missing}: no such file or folder\n"
    assert captured.out == ""
    assert not out.exists()


def test_help_lists_the_stages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for word in ("--workers", "--no-reason", "--quiet", "alignment.csv", "graph.html"):
        assert word in text


def test_since_until(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["run", str(FIXTURES), "-o", str(out), "--since", "2024-03", "-q"]) == 0
    captured = capsys.readouterr()
    # the fixture's documents: 9 January, 2 March and one more in 2024
    assert re.search(r"kept \d+ records; left out [1-9]\d* outside the dates", captured.err)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["since"] == "2024-03-01" and summary["statements_left_out"] > 0
    assert main(["run", str(FIXTURES), "-o", str(out), "--until", "2024-02-30"]) == 2
    assert "kg: error: --until: '2024-02-30' is not a date" in capsys.readouterr().err
