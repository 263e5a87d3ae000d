"""kg.graphio: graph files in five formats, named graphs kept apart, byte-stable output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from kg.build import build_graph
from kg.graphio import GraphFileError, format_for, read_graph, sidecar_path, write_graph
from kg.records import load_statements
from kg.vocab import ACTOR, ASSERTED_GRAPH, INFERRED_GRAPH

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = ("ttl", "nt", "trig", "nq", "jsonld")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    dataset = build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)
    dataset.graph(INFERRED_GRAPH).add((ACTOR["iran"], RDFS.label, Literal("Iran")))
    return dataset


def _sizes(dataset: Dataset) -> dict[str, int]:
    return {
        str(g.identifier): len(g)
        for g in dataset.graphs()
        if g.identifier in (ASSERTED_GRAPH, INFERRED_GRAPH)
    }


@pytest.mark.parametrize("short", FORMATS)
def test_round_trip_keeps_named_graphs_apart(dataset: Dataset, tmp_path: Path, short: str) -> None:
    path = tmp_path / f"graph.{short}"
    written = write_graph(dataset, path)
    back = read_graph(path)
    assert _sizes(back) == _sizes(dataset)
    assert set(back.graph(ASSERTED_GRAPH)) == set(dataset.graph(ASSERTED_GRAPH))
    assert set(back.graph(INFERRED_GRAPH)) == set(dataset.graph(INFERRED_GRAPH))
    if short in ("ttl", "nt"):
        assert written == [path, sidecar_path(path, "inferred")]
    else:
        assert written == [path]


def test_default_graph_is_the_union(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_graph(dataset, path)
    back = read_graph(path)
    rows = list(back.query(f"SELECT ?l WHERE {{ <{ACTOR['iran']}> <{RDFS.label}> ?l }}"))
    assert [str(r[0]) for r in rows] == ["Iran"]


def test_stale_sidecar_is_removed(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_graph(dataset, path)
    assert sidecar_path(path, "inferred").exists()
    asserted_only = build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)
    write_graph(asserted_only, path)
    assert not sidecar_path(path, "inferred").exists()
    assert len(read_graph(path).graph(INFERRED_GRAPH)) == 0


def test_formats_and_errors(tmp_path: Path) -> None:
    assert format_for("g.ttl") == "ttl"
    assert format_for("g.x", "turtle") == "ttl"
    assert format_for("g.x", "json-ld") == "jsonld"
    with pytest.raises(GraphFileError, match="suffix"):
        format_for("graph.txt")
    with pytest.raises(GraphFileError, match="unknown graph format"):
        format_for("g.ttl", "rdfxml")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .\n", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"bad\.ttl"):
        read_graph(bad)
    with pytest.raises(GraphFileError, match="no such graph file"):
        read_graph(tmp_path / "missing.ttl")


def test_unknown_named_graph_needs_a_quad_format(tmp_path: Path) -> None:
    dataset = Dataset()
    dataset.graph(URIRef("https://example.org/mine")).add(
        (ACTOR["iran"], RDFS.label, Literal("Iran"))
    )
    with pytest.raises(GraphFileError, match="write TriG"):
        write_graph(dataset, tmp_path / "g.ttl")
    write_graph(dataset, tmp_path / "g.trig")
    assert len(read_graph(tmp_path / "g.trig")) == 1


def test_remote_jsonld_context_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "https://schema.org/", "@id": "x", "name": "y"}')
    with pytest.raises(GraphFileError, match="remote JSON-LD @context"):
        read_graph(path)


_WRITE_ALL = """
import sys
from rdflib import Literal
from rdflib.namespace import RDFS
from kg.build import build_graph
from kg.graphio import write_graph
from kg.records import load_statements
from kg.vocab import ACTOR, INFERRED_GRAPH
ds = build_graph(load_statements([sys.argv[1]]).statements)
ds.graph(INFERRED_GRAPH).add((ACTOR["iran"], RDFS.label, Literal("Iran")))
for short in ("ttl", "nt", "trig", "nq", "jsonld"):
    write_graph(ds, f"{sys.argv[2]}/graph.{short}")
"""


def test_output_is_byte_identical_across_processes(tmp_path: Path) -> None:
    """String hashing differs between processes (PYTHONHASHSEED); the bytes must not."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", _WRITE_ALL, str(FIXTURES / "statements.jsonl"), str(out)],
            check=True,
            env=env,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(outputs[0]) == 7  # five formats + two sidecars
    for name, data in outputs[0].items():
        assert outputs[1][name] == data, name
