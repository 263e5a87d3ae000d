"""bench/results_io.py: the work folder the store benches run in, and their results."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import results_io


def test_a_scratch_work_folder_is_removed_and_a_named_one_kept(tmp_path: Path) -> None:
    seen: list[Path] = []
    assert results_io.run_in_work_folder(None, "kg-test-", lambda w: seen.append(w) or 1) == 1
    assert seen[0].name.startswith("kg-test-") and not seen[0].exists()
    named = tmp_path / "work" / "inner"
    results_io.run_in_work_folder(named, "kg-test-", seen.append)
    assert seen[1] == named and named.is_dir()


def test_results_are_written_as_json_and_markdown(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(results_io, "RESULTS", tmp_path / "results")
    results_io.write_results("demo", {"n": 1}, "# Demo\n")
    assert json.loads((tmp_path / "results" / "demo.json").read_text()) == {"n": 1}
    assert (tmp_path / "results" / "demo.md").read_text() == "# Demo\n"
    assert "# Demo" in capsys.readouterr().out
