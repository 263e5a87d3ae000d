"""Extraction: news text -> statement records (see kg.extract.extractor).

`Extractor` is imported lazily so that `import kg.extract` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_API = {"Extractor": "kg.extract.extractor:Extractor"}


def __getattr__(name: str) -> Any:
    target = _API.get(name)
    if target is None:
        raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
    module, attribute = target.split(":")
    return getattr(import_module(module), attribute)
