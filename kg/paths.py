"""Where kg finds its bundled files (data/, ontology/, queries/).

They are package data, found through importlib.resources under `kg/bundled/`. In the
repository `kg/bundled/data`, `kg/bundled/ontology` and `kg/bundled/queries` are symbolic
links to the top-level folders (the one copy that is edited); building a wheel or an sdist
copies the files in, so an installed kg (editable or not) finds them from any directory.
Set KG_HOME to a folder with data/, ontology/ and queries/ to use another copy (for
example a customised gazetteer and lexicons).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def project_root() -> Path:
    """The folder holding data/, ontology/ and queries/: KG_HOME, else the package's."""
    home = os.environ.get("KG_HOME")
    return Path(home) if home else _package_bundled()


def data_path(*parts: str) -> Path:
    return _folder("data").joinpath(*parts)


def ontology_path(*parts: str) -> Path:
    return _folder("ontology").joinpath(*parts)


def queries_path(*parts: str) -> Path:
    return _folder("queries").joinpath(*parts)


def _folder(name: str) -> Path:
    home = os.environ.get("KG_HOME")
    # resolve(): in the checkout the entries of kg/bundled are links, and messages should
    # name the top-level files people edit.
    return Path(home, name) if home else _package_bundled().joinpath(name).resolve()


def _package_bundled() -> Path:
    # A regular package on disk (an installed wheel, an editable install or the checkout)
    # is a real directory, so this Traversable is a Path.
    return Path(str(resources.files("kg").joinpath("bundled")))
