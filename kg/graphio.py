"""Reading and writing kg graph files, keeping asserted and inferred triples apart.

A kg graph is an rdflib Dataset with named graphs (`.../graph/asserted`,
`.../graph/inferred`, later `.../graph/alignment`). TriG, N-Quads and JSON-LD hold every
named graph in one file. Turtle and N-Triples hold one graph only, so `write_graph` puts
the asserted triples in the file itself and each other non-empty named graph in a sidecar
file beside it, named after the graph: `graph.ttl` + `graph.inferred.ttl`
(+ `graph.alignment.ttl`). `read_graph` loads those sidecars back into their named graphs.

Output is deterministic: the same dataset gives byte-identical files (line formats are
written sorted; Turtle and TriG are sorted by rdflib; JSON-LD is written from a dataset
filled in sorted order).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from kg.files import atomic_writer
from kg.vocab import ALIGNMENT_GRAPH, ASSERTED_GRAPH, BASE, INFERRED_GRAPH, bind_prefixes

# Short format name -> rdflib format name.
FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}
QUAD_FORMATS = frozenset({"jsonld", "trig", "nq"})
SUFFIXES = {
    ".ttl": "ttl",
    ".turtle": "ttl",
    ".nt": "nt",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".trig": "trig",
    ".nq": "nq",
}
# Named graphs that a Turtle / N-Triples output keeps in a sidecar file.
SIDECAR_GRAPHS = {"inferred": INFERRED_GRAPH, "alignment": ALIGNMENT_GRAPH}


_DEFAULT_ID = URIRef("urn:x-rdflib:default")  # rdflib's id for a Dataset's default graph


class GraphFileError(ValueError):
    """A graph file that cannot be read or written; the message names the file."""


def format_for(path: str | Path, format: str | None = None) -> str:
    """The short format name for `path`: `format` when given, else from the suffix."""
    if format:
        short = format.lower().lstrip(".")
        short = {"turtle": "ttl", "json-ld": "jsonld", "nquads": "nq", "ntriples": "nt"}.get(
            short, short
        )
        if short not in FORMATS:
            raise GraphFileError(f"unknown graph format {format!r}; use one of {sorted(FORMATS)}")
        return short
    found = SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise GraphFileError(
            f"{path}: cannot tell the graph format from the suffix; use one of "
            f"{', '.join(sorted(SUFFIXES))} or give the format"
        )
    return found


def sidecar_path(path: str | Path, name: str) -> Path:
    """`out/graph.ttl`, "inferred" -> `out/graph.inferred.ttl`."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{name}{path.suffix}")


def write_graph(
    dataset: Dataset | Graph, path: str | Path, format: str | None = None
) -> list[Path]:
    """Write `dataset` to `path` atomically; returns every file written (sidecars too).

    For Turtle and N-Triples, stale sidecars from an earlier write are removed, so the
    files on disk always describe this dataset and nothing else."""
    short = format_for(path, format)
    path = Path(path)
    dataset = _as_dataset(dataset)
    if short in QUAD_FORMATS:
        _write(_sorted_copy(dataset, _named_graphs(dataset)), path, short)
        return [path]
    known = {ASSERTED_GRAPH, *SIDECAR_GRAPHS.values()}
    other = [g for g in _named_graphs(dataset) if g not in known and g != _DEFAULT_ID]
    if other:
        raise GraphFileError(
            f"{path}: {FORMATS[short]} holds one graph and kg has no sidecar for the named "
            f"graph(s) {', '.join(other)}; write TriG, N-Quads or JSON-LD instead"
        )
    main = Graph()
    for graph_id in (ASSERTED_GRAPH, None):
        for triple in _graph(dataset, graph_id):
            main.add(triple)
    written = [path]
    _write(main, path, short)
    for name, graph_id in SIDECAR_GRAPHS.items():
        side = sidecar_path(path, name)
        graph = _graph(dataset, graph_id)
        if len(graph):
            _write(graph, side, short)
            written.append(side)
        elif side.exists():
            os.unlink(side)
    return written


def read_graph(paths: str | Path | Iterable[str | Path]) -> Dataset:
    """Read graph files into one Dataset whose default graph is the union of all graphs.

    Turtle / N-Triples files go into the asserted graph, and their sidecars
    (`NAME.inferred.ttl`, `NAME.alignment.ttl`) into the matching named graphs. A sidecar
    passed directly is recognised by its name too."""
    if isinstance(paths, str | Path):
        paths = [paths]
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    loaded: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.resolve() in loaded:
            continue
        short = format_for(path)
        if short in QUAD_FORMATS:
            _parse(dataset, path, short)
            loaded.add(path.resolve())
            continue
        target = _sidecar_graph(path) or ASSERTED_GRAPH
        _parse(dataset.graph(target), path, short)
        loaded.add(path.resolve())
        if target == ASSERTED_GRAPH:
            for name, graph_id in SIDECAR_GRAPHS.items():
                side = sidecar_path(path, name)
                if side.exists() and side.resolve() not in loaded:
                    _parse(dataset.graph(graph_id), side, short)
                    loaded.add(side.resolve())
    return dataset


def _sidecar_graph(path: Path) -> URIRef | None:
    stem = path.stem
    for name, graph_id in SIDECAR_GRAPHS.items():
        if stem.endswith("." + name):
            return graph_id
    return None


def _as_dataset(graph: Dataset | Graph) -> Dataset:
    if isinstance(graph, Dataset):
        return graph
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    target = dataset.graph(ASSERTED_GRAPH)
    for triple in graph:
        target.add(triple)
    return dataset


def _named_graphs(dataset: Dataset) -> list[URIRef]:
    ids = {g.identifier for g in dataset.graphs() if len(g)}
    return sorted(i for i in ids if isinstance(i, URIRef))


def _graph(dataset: Dataset, graph_id: URIRef | None) -> Graph:
    if graph_id is None:
        return dataset.default_graph
    if any(g.identifier == graph_id for g in dataset.graphs()):
        return dataset.graph(graph_id)
    return Graph()


def _sorted_copy(dataset: Dataset, graph_ids: list[URIRef]) -> Dataset:
    """A copy filled graph by graph in sorted order, so serialisers that follow insertion
    order write the same bytes for the same triples."""
    copy = Dataset()
    bind_prefixes(copy)
    for prefix, namespace in dataset.namespaces():
        if prefix not in dict(copy.namespaces()):
            copy.bind(prefix, namespace)
    for graph_id in graph_ids:
        target = copy.graph(graph_id)
        for triple in sorted(_graph(dataset, graph_id), key=_key):
            target.add(triple)
    default = sorted(_graph(dataset, None), key=_key)
    for triple in default:
        copy.default_graph.add(triple)
    return copy


def _key(triple: tuple) -> tuple[str, ...]:
    return tuple(term.n3() for term in triple)


def _write(graph: Graph | Dataset, path: Path, short: str) -> None:
    if isinstance(graph, Graph) and not isinstance(graph, Dataset):
        bind_prefixes(graph)
    data = graph.serialize(format=FORMATS[short], encoding="utf-8")
    if short in ("nt", "nq"):
        lines = sorted(set(data.decode("utf-8").splitlines()))
        data = ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")
    elif short == "jsonld":
        data = _canonical_json(data)
    try:
        with atomic_writer(path, "wb", encoding=None) as handle:
            handle.write(data)
    except OSError as error:
        raise GraphFileError(f"{path}: cannot write graph: {error}") from error


def _refuse_remote_context(path: Path) -> None:
    """rdflib would download a remote JSON-LD @context; kg never downloads at run time."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise GraphFileError(f"{path}: no such graph file") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GraphFileError(f"{path}: cannot parse as json-ld: {error}") from error
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            context = item.get("@context")
            contexts = context if isinstance(context, list) else [context]
            if any(isinstance(c, str) for c in contexts):
                raise GraphFileError(
                    f"{path}: refers to a remote JSON-LD @context, which kg does not "
                    "download; inline the context or use another format"
                )
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _canonical_json(data: bytes) -> bytes:
    """rdflib's JSON-LD follows set order, which changes between processes: sort every
    list and key so the same graph always gives the same bytes."""

    def canon(value: Any, ordered: bool = False) -> Any:
        if isinstance(value, dict):
            return {key: canon(value[key], key == "@list") for key in sorted(value)}
        if isinstance(value, list):
            items = [canon(item) for item in value]
            if ordered:  # an RDF list keeps its order
                return items
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        return value

    text = json.dumps(canon(json.loads(data)), indent=2, ensure_ascii=False, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _parse(graph: Graph | Dataset, path: Path, short: str) -> None:
    if short == "jsonld":
        _refuse_remote_context(path)
    try:
        graph.parse(str(path), format=FORMATS[short])
    except FileNotFoundError as error:
        raise GraphFileError(f"{path}: no such graph file") from error
    except Exception as error:  # rdflib raises many parser-specific exception types
        raise GraphFileError(f"{path}: cannot parse as {FORMATS[short]}: {error}") from error


__all__ = [
    "BASE",
    "FORMATS",
    "GraphFileError",
    "format_for",
    "read_graph",
    "sidecar_path",
    "write_graph",
]
