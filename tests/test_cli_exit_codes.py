"""Exit codes and closed pipes, for every command (README, "Reliability").

0 ok, 1 the data is not valid (SHACL, bad records), 2 usage or input error, 3 internal
error; a reader that closes stdout early (`| head -1`) gets no traceback and the command
keeps the exit code it would have had.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_extract_runner import SAID, FakeExtractor

import kg.extract.runner as runner
from kg.cli import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

FIXTURES = Path(__file__).parent / "fixtures"
KG = Path(sys.executable).with_name("kg")
COMMAND = [str(KG)] if KG.exists() else [sys.executable, "-m", "kg.cli"]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_extractor", FakeExtractor)


def good_doc(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "01.txt"
    path.write_text(f"Headline\n\n{SAID}", encoding="utf-8")
    return path


def test_the_codes_are_distinct() -> None:
    assert len({EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL}) == 4
    assert (EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL) == (0, 1, 2, 3)


# --- a missing input path -------------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "run", "build", "check"])
def test_a_missing_input_next_to_a_good_one_is_an_error(
    command: str, fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = (
        good_doc(tmp_path / "in")
        if command in ("extract", "run")
        else FIXTURES / ("statements.jsonl")
    )
    missing = tmp_path / "nowhere" / "gone.txt"
    target = tmp_path / "out" / ("statements.jsonl" if command == "extract" else "g.ttl")
    args = [command, str(good), str(missing)]
    if command != "check":
        args += ["-o", str(target if command != "run" else tmp_path / "out")]
    code = main(args)
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert f"kg: error: no such file or folder: {missing}" in err
    assert "--skip-missing" in err
    assert not (tmp_path / "out").exists()  # nothing was started


def test_skip_missing_turns_it_into_a_warning(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = good_doc(tmp_path / "in")
    missing = tmp_path / "gone.txt"
    out = tmp_path / "s.jsonl"
    code = main(["extract", str(good), str(missing), "-o", str(out), "-q", "--skip-missing"])
    err = capsys.readouterr().err
    assert code == EXIT_OK
    assert f"kg: warning: {missing}: no such file or folder; skipped (--skip-missing)" in err
    assert out.exists()


def test_skip_missing_with_nothing_left_is_still_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", str(tmp_path / "a.jsonl"), "--skip-missing"]
    assert main(args) == EXIT_USAGE
    assert "kg: error: none of the inputs exists" in capsys.readouterr().err


# --- nothing read, nothing written ----------------------------------------------------


def test_extract_with_nothing_readable_is_an_error_and_claims_no_file(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "s.jsonl"
    code = main(["extract", str(tmp_path / "empty.txt"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert f"kg: error: no document could be read from {tmp_path / 'empty.txt'}" in err
    assert "kg: warning: nothing" not in err
    assert "no file written" in err and f"-> {out}" not in err
    assert not out.exists()


def test_run_with_nothing_readable_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    code = main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "kg: error: no document could be read" in err


def test_every_document_failing_is_an_internal_error(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("EXPLODE " + SAID, encoding="utf-8")
    code = main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "s.jsonl"), "-q"])
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL
    assert "extraction failed for document 'a'" in err
    assert "kg: error: extraction failed for every one of the 1 documents" in err


# --- SHACL and crashes ----------------------------------------------------------------


def test_an_unexpected_exception_is_an_internal_error_not_a_shacl_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kg.build

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(kg.build, "build_files", crash)
    code = main(["build", str(FIXTURES / "statements.jsonl"), "-o", str(tmp_path / "g.ttl")])
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL
    assert "Traceback" in err
    assert "kg: internal error: RuntimeError: something nobody expected" in err


def test_run_exits_1_when_the_graph_does_not_conform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kg.pipeline
    from kg.pipeline_summary import RunSummary

    def fake_run(inputs, out_dir, **_options):  # type: ignore[no-untyped-def]
        return RunSummary(inputs=list(inputs), out_dir=str(out_dir), conforms=False)

    monkeypatch.setattr(kg.pipeline, "run", fake_run)
    good = good_doc(tmp_path / "in")
    assert main(["run", str(good), "-o", str(tmp_path / "out"), "-q"]) == EXIT_INVALID
    capsys.readouterr()


# --- closed pipes ---------------------------------------------------------------------


def run_into_closed_pipe(args: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
    """Run kg with a stdout nobody reads: the pipe's read end is closed before kg starts,
    so its first write fails, as under `kg ... | head -0`."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [*COMMAND, *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=timeout,
            check=False,
        )
    finally:
        os.close(write)


def assert_quiet(done: subprocess.CompletedProcess, code: int = EXIT_OK) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert "BrokenPipe" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.returncode == code, done.stderr


def test_query_list_into_a_closed_pipe() -> None:
    assert_quiet(run_into_closed_pipe(["query", "--list"]))


def test_query_rows_into_a_closed_pipe(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    assert main(["build", str(FIXTURES / "statements.jsonl"), "-o", str(graph), "--reason"]) == 0
    assert_quiet(run_into_closed_pipe(["query", "who_blames_whom", "--graph", str(graph)]))


def test_align_into_a_closed_pipe(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    csv = tmp_path / "a.csv"
    assert main(["build", str(FIXTURES / "statements.jsonl"), "-o", str(graph)]) == 0
    done = run_into_closed_pipe(["align", "--graph", str(graph), "-o", str(csv)])
    assert_quiet(done)
    assert csv.exists() and f"wrote {csv}" in done.stderr  # the rest of the work was done


def test_run_into_a_closed_pipe_finishes_and_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_into_closed_pipe(["run", str(FIXTURES / "pipeline"), "-o", str(out)])
    assert_quiet(done)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3 and (out / "graph.html").exists()


def test_stderr_into_a_closed_pipe_too(tmp_path: Path) -> None:
    """`kg ... 2>&1 | head -1`: the warnings and the report go nowhere, quietly."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [*COMMAND, "check", str(FIXTURES / "statements.jsonl"), str(tmp_path / "bad.csv"),
             "--skip-missing"],
            stdout=write, stderr=write, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(write)
    assert done.returncode == EXIT_OK
