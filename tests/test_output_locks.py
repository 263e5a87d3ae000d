"""Locked outputs: two real `kg` processes writing the same output, and a killed one.

The first process runs with a gated fake extractor (it waits for a file the test creates
before extracting a document whose text says GATE), so the test knows it holds the lock;
the second must stop at once with exit 2 and an error naming the output and the first
one's pid. A first process killed with SIGKILL leaves its OS lock to the kernel, which
drops it: the next run is not blocked, and --resume recovers what the killed run had
finished.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_extract_runner import SAID, write_docs

from kg.files import OutputLocked, lock_path, output_lock

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")

TESTS = Path(__file__).parent

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    import kg.extract.runner as runner
    from test_extract_runner import FakeExtractor

    class Gated(FakeExtractor):
        def extract(self, doc):
            if "GATE" in doc.text:
                gate = Path({gate!r})
                Path({started!r}).touch()
                deadline = time.monotonic() + 120
                while not gate.exists() and time.monotonic() < deadline:
                    time.sleep(0.05)
            return super().extract(doc)

    runner.default_extractor = Gated
    from kg.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


class Gate:
    def __init__(self, folder: Path) -> None:
        self.open_file = folder / "gate"
        self.started = folder / "gate.started"

    def script(self) -> str:
        return CHILD.format(tests=str(TESTS), gate=str(self.open_file), started=str(self.started))

    def start(self, args: list[str]) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-c", self.script(), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, args: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", self.script(), *args],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def wait_until_held(self, process: subprocess.Popen) -> None:
        deadline = time.monotonic() + 120
        while not self.started.exists():
            if process.poll() is not None:
                pytest.fail(f"the first process ended early: {process.communicate()}")
            assert time.monotonic() < deadline, "the first process never reached the gate"
            time.sleep(0.05)

    def open(self) -> None:
        self.open_file.touch()


def corpus(folder: Path) -> Path:
    return write_docs(folder, {"a": SAID, "b": "GATE. " + SAID, "c": SAID})


def doc_ids(path: Path) -> list[str]:
    return [json.loads(line)["doc_id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_second_extract_into_the_same_output_stops_at_once(tmp_path: Path) -> None:
    docs = corpus(tmp_path / "in")
    out = tmp_path / "out" / "statements.jsonl"
    gate = Gate(tmp_path)
    args = ["extract", str(docs), "-o", str(out), "-q", "--batch-size", "1"]
    first = gate.start(args)
    try:
        gate.wait_until_held(first)
        second = gate.run(args)  # the gate is shut: it could only end now by failing
        assert first.poll() is None  # the first one is still at work
        assert second.returncode == 2, second.stderr
        assert f"kg: error: {out} is being written by another kg process" in second.stderr
        assert f"pid {first.pid}" in second.stderr
        gate.open()
        _, err = first.communicate(timeout=120)
    finally:
        first.kill()
    assert first.returncode == 0, err
    assert doc_ids(out) == ["a", "a", "b", "b", "c", "c"]
    index = Path(f"{out}.done").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in index] == ["a", "b", "c"]


def test_a_second_run_into_the_same_folder_stops_at_once(tmp_path: Path) -> None:
    docs = corpus(tmp_path / "in")
    out = tmp_path / "out"
    gate = Gate(tmp_path)
    args = ["run", str(docs), "-o", str(out), "-q", "--no-reason"]
    first = gate.start(args)
    try:
        gate.wait_until_held(first)
        second = gate.run(args)
        assert first.poll() is None
        assert second.returncode == 2, second.stderr
        assert f"kg: error: {out} is being written by another kg process" in second.stderr
        assert f"pid {first.pid}" in second.stderr
        gate.open()
        _, err = first.communicate(timeout=300)
    finally:
        first.kill()
    assert first.returncode == 0, err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 3 and summary["statements"] == 6


def test_a_killed_extract_does_not_block_and_resume_recovers_its_work(tmp_path: Path) -> None:
    docs = corpus(tmp_path / "in")
    out = tmp_path / "statements.jsonl"
    gate = Gate(tmp_path)
    args = ["extract", str(docs), "-o", str(out), "-q", "--batch-size", "1"]
    first = gate.start(args)
    try:
        gate.wait_until_held(first)  # document a is done and on disk; b waits at the gate
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=60)
    finally:
        first.kill()
        first.communicate()
    leftovers = sorted(p.name for p in tmp_path.glob("statements.jsonl.*part"))
    assert len(leftovers) == 2 and f".{first.pid}-" in leftovers[0]
    assert not out.exists()  # nothing half-written in its place
    assert lock_path(out).exists()  # the lock file stays, but its OS lock died with the process

    gate.open()
    started = time.monotonic()
    second = gate.run([*args, "--resume"])
    assert second.returncode == 0, second.stderr
    assert time.monotonic() - started < 120
    assert doc_ids(out) == ["a", "a", "b", "b", "c", "c"]
    assert list(tmp_path.glob("statements.jsonl.*part")) == []


def test_a_killed_run_does_not_block_the_folder(tmp_path: Path) -> None:
    docs = corpus(tmp_path / "in")
    out = tmp_path / "out"
    gate = Gate(tmp_path)
    args = ["run", str(docs), "-o", str(out), "-q", "--no-reason"]
    first = gate.start(args)
    try:
        gate.wait_until_held(first)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=60)
    finally:
        first.kill()
        first.communicate()
    gate.open()
    second = gate.run(args)
    assert second.returncode == 0, second.stderr
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["documents"] == 3


def test_the_lock_names_its_holder_and_is_not_reentrant(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    with output_lock(out) as path:
        assert path == tmp_path / ".s.jsonl.lock"
        holder = json.loads(path.read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid() and holder["host"]
        with pytest.raises(OutputLocked) as caught, output_lock(out):
            pass
        assert f"pid {os.getpid()}: this same process" in str(caught.value)
    with output_lock(out):  # released at the end of the block
        pass
    assert lock_path(tmp_path, folder=True) == tmp_path / ".kg.lock"


def test_the_lock_file_is_not_read_as_a_document(tmp_path: Path) -> None:
    from kg.extract.readers import iter_documents

    docs = corpus(tmp_path / "in")
    issues: list = []
    with output_lock(docs / "statements.jsonl"):
        found = [doc.doc_id for doc in iter_documents(docs, on_issue=issues.append)]
    assert found == ["a", "b", "c"] and issues == []
