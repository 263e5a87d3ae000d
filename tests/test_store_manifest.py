"""kg.store_manifest: a store is always complete or marked incomplete. Real `kg build
--store` processes are killed (SIGKILL) at named points (KG_PAUSE_AT makes the build wait
there); the store must then be refused, and a re-run must give the store a clean build
gives, quad for quad."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.serve import ServeError, start_server
from kg.store import StoreError, build_store, open_store, remove_orphan_files
from kg.store_manifest import (
    PAUSE_ENV,
    read_manifest,
    require_complete,
    write_manifest,
)

FIXTURES = Path(__file__).parent / "fixtures"
RECORDS = FIXTURES / "statements.jsonl"
REPO = Path(__file__).resolve().parent.parent
# A real `kg build`, with batches of 2 records so a load has several batches to stop in.
KG_BUILD = (
    "import sys, kg.store; kg.store.DEFAULT_BATCH = 2; from kg.cli import main; "
    "sys.exit(main(sys.argv[1:]))"
)


def _records() -> list[dict]:
    return [json.loads(line) for line in RECORDS.read_text().splitlines() if line.strip()]


def _versions(folder: Path) -> list[Path]:
    """Three successive record files: all records; fx-001 re-extracted (Kata'ib
    Hezbollah now blames Israel, the government's statement gone); fx-002 reduced to
    one statement."""
    records = _records()
    kh = dict(next(r for r in records if r["speaker"] == "Kata'ib Hezbollah"))
    kh.update(blames=["Israel"], event="strike on a headquarters")
    fx2 = [r for r in records if r["doc_id"] == "fx-002"][:1]
    paths = []
    for name, rows in (("v1", records), ("v2", [kh]), ("v3", fx2)):
        path = folder / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        paths.append(path)
    return paths


def _dump(directory: Path) -> list[str]:
    """The store's quads as sorted N-Quads lines."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(directory))
    lines = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode().splitlines()
    del store
    return sorted(lines)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _versions(tmp_path_factory.mktemp("records"))


@pytest.fixture(scope="module")
def clean(versions: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    """Dumps of a store built without interruption after v1, v1+v2, v1+v2+v3."""
    directory = tmp_path_factory.mktemp("clean") / "store"
    dumps = []
    for path in versions:
        build_store([path], directory)
        dumps.append(_dump(directory))
    assert dumps[0] != dumps[1] != dumps[2]
    return dumps


def _kill_build_at(point: str, records: Path, directory: Path) -> None:
    """Start `kg build RECORDS --store DIR`, wait until it pauses at `point`, SIGKILL it."""
    env = {**os.environ, PAUSE_ENV: point, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", KG_BUILD, "build", str(records), "--store", str(directory)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        assert process.stderr is not None
        for line in process.stderr:
            if f"paused at {point}" in line:
                break
            assert time.monotonic() < deadline, f"no pause at {point}"
        else:
            pytest.fail(f"the build ended (code {process.wait()}) without pausing at {point}")
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL


def _assert_refused(directory: Path) -> None:
    with pytest.raises(StoreError, match=r"did not finish.*kg build .* --store"):
        open_store(directory, read_only=True)


KILLS = [
    # (builds done before, the build killed, the point)
    (0, "load-batch"),  # first build, after its first batch of records
    (0, "derive"),  # first build, after the first derivation rule
    (0, "count"),  # first build, after the first rule's statement counts
    (1, "load-deleted"),  # replacement: old statements deleted, new ones not loaded
    (1, "load-batch"),  # replacement: new statements loaded, nothing derived
    (1, "derive"),  # replacement (incremental): half the rules run
    (1, "retract"),  # replacement: counts changed, lost relations not yet retracted
]


@pytest.mark.parametrize(("before", "point"), KILLS)
def test_killed_build_is_refused_then_rerun_equals_a_clean_build(
    tmp_path: Path, versions: list[Path], clean: list[list[str]], before: int, point: str
) -> None:
    directory = tmp_path / "store"
    for path in versions[:before]:
        build_store([path], directory)
    killed = versions[before]
    _kill_build_at(point, killed, directory)
    _assert_refused(directory)
    manifest = read_manifest(directory)
    assert manifest is not None and manifest["complete"] is False
    result = build_store([killed], directory)
    assert result.resumed
    require_complete(directory)
    assert _dump(directory) == clean[before]
    # The counts are right again: the next replacement (incremental) still agrees.
    build_store([versions[before + 1]], directory)
    assert _dump(directory) == clean[before + 1]


def test_cli_refuses_an_incomplete_store_and_names_the_fix(
    tmp_path: Path, versions: list[Path]
) -> None:
    directory = tmp_path / "store"
    _kill_build_at("derive", versions[0], directory)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for args in (
        ["query", "who_blames_whom", "--store", str(directory)],
        ["align", "--store", str(directory)],
        ["push", "--store", str(directory), "--endpoint", "http://127.0.0.1:9/update"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "kg.cli", *args], env=env, capture_output=True, text=True
        )
        assert done.returncode != 0, args
        assert "did not finish" in done.stderr and f"--store {directory}" in done.stderr, args
        assert f"kg build {versions[0]}" in done.stderr
    with pytest.raises(ServeError, match="did not finish"):
        start_server(directory)


def test_unfinished_replacement_must_be_finished_with_the_same_records(
    tmp_path: Path, versions: list[Path], clean: list[list[str]]
) -> None:
    directory = tmp_path / "store"
    build_store([versions[0]], directory)
    _kill_build_at("load-deleted", versions[1], directory)
    # Another input would leave the documents it deleted missing: refused, fix named.
    with pytest.raises(StoreError, match=f"kg build {versions[1]}"):
        build_store([versions[2]], directory)
    build_store([versions[1]], directory)
    assert _dump(directory) == clean[1]


def test_a_build_after_an_unfinished_but_loaded_one_derives_both(
    tmp_path: Path, versions: list[Path], clean: list[list[str]]
) -> None:
    directory = tmp_path / "store"
    build_store([versions[0]], directory)
    _kill_build_at("derive", versions[1], directory)  # v2 loaded, derivation unfinished
    result = build_store([versions[2]], directory)
    assert result.resumed
    assert _dump(directory) == clean[2]


def test_manifest_records_inputs_steps_and_versions(tmp_path: Path, versions: list[Path]) -> None:
    directory = tmp_path / "store"
    build_store([versions[0]], directory)
    manifest = read_manifest(directory)
    assert manifest is not None and manifest["complete"] is True
    assert manifest["current"] is None and manifest["derived_rules"]
    (build,) = manifest["builds"]
    assert build["steps"] == ["load", "derive", "count"]
    assert build["inputs"][0]["path"] == str(versions[0].resolve())
    assert len(build["inputs"][0]["sha256"]) == 64
    assert build["records"] == 5 and build["kg"] and build["finished"]


def test_other_rules_are_derived_again_in_full(tmp_path: Path, versions: list[Path]) -> None:
    directory = tmp_path / "store"
    build_store([versions[0]], directory)
    manifest = read_manifest(directory)
    assert manifest is not None
    write_manifest(directory, {**manifest, "derived_rules": "older rules"})
    build_store([versions[1]], directory)
    assert read_manifest(directory)["builds"][-1]["incremental"] is False  # type: ignore[index]


def test_orphan_bulk_files_are_removed_on_open_for_writing(
    tmp_path: Path, versions: list[Path]
) -> None:
    directory = tmp_path / "store"
    build_store([versions[0]], directory)
    # The names an Oxigraph bulk load killed half way leaves behind.
    orphan = directory / "bulk-248149015217540842522717735376388191033.sst"
    orphan.write_bytes(b"\0" * 4096)
    temp = directory / ".kg-build.json.0123456789ab.tmp"
    temp.write_text("{")
    assert sorted(remove_orphan_files(directory)) == sorted([orphan, temp])
    orphan.write_bytes(b"\0" * 4096)
    del_store = open_store(directory)
    del del_store
    assert not orphan.exists()
    assert (directory / "CURRENT").exists()


def test_a_store_without_a_manifest_is_read_as_it_is(tmp_path: Path) -> None:
    import pyoxigraph as ox

    directory = tmp_path / "store"
    store = ox.Store(str(directory))
    store.load(b"<http://x/a> <http://x/p> <http://x/b> <http://x/g> .\n", ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    assert len(open_store(directory, read_only=True)) == 1


@pytest.mark.slow
def test_build_killed_inside_an_oxigraph_bulk_load(tmp_path: Path) -> None:
    """SIGKILL while Oxigraph writes a bulk load's files (seen as bulk-*.sst in the store
    directory): the store is refused, the orphans go on the next open for writing, and
    the re-run equals a clean build."""
    records = _records()
    many = tmp_path / "many.jsonl"
    with many.open("w", encoding="utf-8") as handle:
        for i in range(3000):  # 15,000 statements: 15 bulk loads of 1,000
            for record in records:
                handle.write(json.dumps({**record, "doc_id": f"{record['doc_id']}-{i}"}) + "\n")
    clean_dir = tmp_path / "clean"
    build_store([many], clean_dir)
    directory = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", KG_BUILD.replace("= 2", "= 1000"), "build", str(many)]
    process = subprocess.Popen([*command, "--store", str(directory)], env=env)
    try:
        deadline = time.monotonic() + 120
        while not list(directory.glob("bulk-*.sst")):
            assert process.poll() is None, "the build ended before a bulk load was seen"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    _assert_refused(directory)
    build_store([many], directory)
    assert not list(directory.glob("bulk-*.sst"))
    assert _dump(directory) == _dump(clean_dir)
