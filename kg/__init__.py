"""kg: knowledge graphs of statements by armed groups.

The stages, each a module with plain functions: extract -> build -> reason -> query ->
align -> viz (plus store for persistent graphs). Public functions are re-exported here
lazily, so `import kg` stays cheap (no spaCy or rdflib work at import time).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Public name -> "module:attribute". Each stage adds its entry point here.
_API = {
    "Extractor": "kg.extract.extractor:Extractor",
    "load_statements": "kg.records:load_statements",
    "load_gazetteer": "kg.gazetteer:load_gazetteer",
    "Statement": "kg.model:Statement",
    # Not "extract": that name is the kg.extract subpackage once it is imported.
    "extract_corpus": "kg.extract.runner:extract_corpus",
    "iter_documents": "kg.extract.readers:iter_documents",
    # Graph stage. Not "build", "query", "validate": those names are the modules once
    # they are imported (as "extract" above).
    "build_files": "kg.build:build_files",
    "build_graph": "kg.build:build_graph",
    "infer": "kg.reason:infer",
    "validate_graph": "kg.validate:validate",
    "query_graph": "kg.query:query",
    "read_graph": "kg.graphio:read_graph",
    "write_graph": "kg.graphio:write_graph",
    "run": "kg.pipeline:run",
    # Analysis and views.
    "stance_graph": "kg.align:stance_graph",
    "alignment": "kg.align:alignment",
    "align_files": "kg.align_export:align_files",
    "alignment_by_period": "kg.align_periods:alignment_by_period",
    "DateWindow": "kg.timeframe:DateWindow",
    "visualize": "kg.viz:visualize",
    # Persistent store, endpoint, push. kg.serve and kg.push are also module names; those
    # two modules still make themselves callable (kg.build, kg.query, kg.validate no more).
    "open_store": "kg.store:open_store",
    "build_store": "kg.store:build_store",
    "add_statements": "kg.store:add_statements",
    "query_store": "kg.query:run_query",
    "serve": "kg.serve:serve",
    "start_server": "kg.serve:start_server",
    "push": "kg.push:push",
}


# The one-call functions' names while their modules made themselves callable: a hint for
# code written then.
_RENAMED = {"build": "build_files", "query": "query_graph", "validate": "validate_graph"}


def __getattr__(name: str) -> Any:
    target = _API.get(name)
    if target is None:
        hint = f"; the function is kg.{_RENAMED[name]}" if name in _RENAMED else ""
        raise AttributeError(f"module 'kg' has no attribute {name!r}{hint}")
    module, attribute = target.split(":")
    return getattr(import_module(module), attribute)


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
