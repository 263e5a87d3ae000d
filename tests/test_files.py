"""kg.files: atomic writes (permissions, no leftovers on failure) and tolerant text reading."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.files import (
    UnreadableFile,
    atomic_writer,
    read_text,
    read_yaml,
    write_bytes_atomic,
    write_text_atomic,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@contextmanager
def _umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_file_gets_the_umask_mode_not_0600(tmp_path: Path, mask: int, expected: int) -> None:
    out = tmp_path / "graph.ttl"
    with _umask(mask):
        write_text_atomic(out, "x\n")
    assert _mode(out) == expected


@posix_only
@settings(max_examples=40, deadline=None)
@given(mask=st.integers(min_value=0, max_value=0o777))
def test_new_file_mode_is_0666_minus_any_umask(tmp_path_factory, mask: int) -> None:
    out = tmp_path_factory.mktemp("umask") / "view.html"
    with _umask(mask):
        write_bytes_atomic(out, b"<html></html>")
    assert _mode(out) == 0o666 & ~mask


@posix_only
@pytest.mark.parametrize("existing", [0o600, 0o640, 0o755, 0o444])
def test_replacing_keeps_the_existing_mode(tmp_path: Path, existing: int) -> None:
    out = tmp_path / "alignment.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(existing)
    with _umask(0o022):
        write_text_atomic(out, "new\n")
    assert out.read_text(encoding="utf-8") == "new\n"
    assert _mode(out) == existing


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "statements.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(out) as handle:
        handle.write("half")
        raise RuntimeError("stop")
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statements.jsonl"]


def test_writes_into_missing_folders_and_leaves_only_the_output(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "graph.nt"
    write_text_atomic(out, "line\r\n")
    assert out.read_bytes() == b"line\r\n"  # newline="": text written as given
    assert [p.name for p in out.parent.iterdir()] == ["graph.nt"]


def test_read_text_tolerates_bom_and_other_encodings(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfHello")
    assert read_text(bom) == "Hello"
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Le porte-parole a déclaré à la presse que la réunion aura lieu.".encode("cp1252")
    )
    assert "déclaré" in read_text(latin)


def test_read_text_rejects_binary(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(UnreadableFile, match=r"image\.txt: binary"):
        read_text(binary)


class _DataError(ValueError):
    pass


def test_read_yaml_parses_and_names_the_file_on_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("- name: Hezbollah\n  type: militia\n", encoding="utf-8")
    assert read_yaml(good, _DataError) == [{"name": "Hezbollah", "type": "militia"}]
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: [unclosed\n", encoding="utf-8")
    with pytest.raises(_DataError, match=r"bad\.yaml: cannot read lexicon: "):
        read_yaml(bad, _DataError, "lexicon")
    with pytest.raises(_DataError, match=r"missing\.yaml: cannot read: "):
        read_yaml(tmp_path / "missing.yaml", _DataError)
