"""Where kg finds its bundled files (data/, ontology/, queries/).

kg is installed editable from its repository, so these live beside the package. Set
KG_HOME to use another copy (for example a customised gazetteer and lexicons).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    home = os.environ.get("KG_HOME")
    return Path(home) if home else Path(__file__).resolve().parent.parent


def data_path(*parts: str) -> Path:
    return project_root().joinpath("data", *parts)


def ontology_path(*parts: str) -> Path:
    return project_root().joinpath("ontology", *parts)


def queries_path(*parts: str) -> Path:
    return project_root().joinpath("queries", *parts)
