"""kg.paths: the bundled data/, ontology/ and queries/ are package data, one copy in the
repository, found by an installed wheel from any directory, and KG_HOME overrides them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from kg.paths import data_path, ontology_path, project_root, queries_path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ("data", "ontology", "queries")
# What `pip wheel` needs of the checkout: the package (its links copied as links) and the
# folders they point to.
BUILD_INPUTS = ("pyproject.toml", "README.md", "kg", *BUNDLED)


def test_the_package_links_to_the_top_level_folders() -> None:
    """One copy: kg/bundled/NAME is a link to the top-level NAME/, which people edit."""
    for name in BUNDLED:
        link = ROOT / "kg" / "bundled" / name
        assert link.is_symlink(), link
        assert link.resolve() == ROOT / name


def test_paths_name_the_top_level_files_in_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_HOME", raising=False)
    assert data_path("stances.yaml") == ROOT / "data" / "stances.yaml"
    assert ontology_path("kg.ttl") == ROOT / "ontology" / "kg.ttl"
    assert queries_path() == ROOT / "queries"
    assert project_root() == ROOT / "kg" / "bundled"


def test_kg_home_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    assert project_root() == tmp_path
    assert data_path("actors.yaml") == tmp_path / "data" / "actors.yaml"
    assert ontology_path("shapes.ttl") == tmp_path / "ontology" / "shapes.ttl"
    assert queries_path("a.rq") == tmp_path / "queries" / "a.rq"


def _files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _clean_env() -> dict[str, str]:
    """No PYTHONPATH (it would import the checkout's kg) and no KG_HOME."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KG_HOME")}


def _call(command: list[str | Path], cwd: Path, timeout: int = 300) -> str:
    done = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip install .` would build, from a copy of the checkout (so the build
    leaves no build/ or kg.egg-info/ in it, and no stale file of an earlier build ships)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    for name in BUILD_INPUTS:
        item = ROOT / name
        if item.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(item, source / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(item, source / name)
    # build isolation, as `pip install .` does: setuptools comes from the package index
    _call([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work, source], work)
    (built,) = work.glob("kg-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_holds_the_bundled_files_and_the_model(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in BUNDLED:
        prefix = f"kg/bundled/{folder}/"
        shipped = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
        assert shipped == _files(ROOT / folder), folder
    assert {"kg/models/stances.json", "kg/templates/viz.html", "kg/py.typed"} <= names


@pytest.mark.slow
def test_an_installed_wheel_runs_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    """Not editable: the wheel in a fresh venv, its dependencies borrowed from this
    environment through a .pth file (written after the install, so pip never sees this
    environment's own kg), run from a folder that is not the checkout."""
    venv = tmp_path / "venv"
    _call([sys.executable, "-m", "venv", "--without-pip", venv], tmp_path)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python]
    _call([*pip, "install", "--no-deps", "--no-index", "-q", wheel], tmp_path)
    site = Path(
        _call(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path
        ).strip()
    )
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "kg-test-deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _call(
        [python, "-c", "import kg.paths as p; print(p.__file__); print(p.ontology_path())"],
        elsewhere,
    )
    assert all(line.startswith(str(venv)) for line in where.split()), where

    kg = venv / "bin" / "kg"
    listed = _call([kg, "query", "--list"], elsewhere)
    assert [line.split()[0] for line in listed.splitlines()] == sorted(
        p.stem for p in (ROOT / "queries").glob("*.rq")
    )
    _call([kg, "run", ROOT / "data" / "sample", "-o", "out", "-q"], elsewhere)
    summary = json.loads((elsewhere / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 20 and summary["statements"] > 50
    assert summary["conforms"] is True  # the shapes were found and read
    assert (elsewhere / "out" / "graph.html").stat().st_size > 10_000
    rows = _call([kg, "query", "who_blames_whom", "--graph", "out/graph.ttl"], elsewhere)
    assert len(rows.splitlines()) > 3
