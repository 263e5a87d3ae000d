"""bench/bench_virtuoso_replace.py: the request names and the report, on made-up results
(the bench itself needs Virtuoso and a million triples)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_virtuoso_replace as bench


def test_requests_are_named_by_their_operations() -> None:
    g = "https://w3id.org/kg-armed-groups/dataset/bench/graph/asserted"
    assert bench._describe("update", f"INSERT DATA {{ GRAPH <{g}> {{ }} }}") == (
        "INSERT DATA (1 ops)"
    )
    drops = " ;\n".join(f"DROP SILENT GRAPH <{g}{n}>" for n in range(5))
    assert bench._describe("update", drops).endswith("(+2 ops)")
    assert "<…graph/asserted0>" in bench._describe("update", drops)
    assert bench._describe("query", "SELECT (COUNT(*) AS ?n) WHERE {}") == "query COUNT"


def test_the_report_has_a_row_per_push() -> None:
    phase = {"seconds": 2.0, "requests": 3, "slowest": {"what": "x", "seconds": 1.5, "ok": True}}
    swap = {"phase": "swap", "what": "DROP SILENT GRAPH <g>", "seconds": 9.8, "ok": True}
    results = {
        "date": "today", "machine": "x86_64", "timeout_s": 300.0, "virtuoso_version": "V/7",
        "stores": [{"count": 10, "seed": 7, "triples": 5, "graphs": {"g": 5}, "build_s": 1.0}],
        "pushes": [
            {"seconds": 20.0, "verified": True, "recount_exact": True,
             "rows_in_one_index_only": 0, "slowest_requests": [swap],
             "phases": {"load": phase, "count-temporary": phase, "swap": phase,
                        "verify": phase}},
            {"seconds": 5.0, "error": "HTTP 500 boom", "recount_exact": False,
             "slowest_requests": [], "phases": {"load": phase}},
        ],
    }  # fmt: skip
    text = bench.markdown(results)
    assert "| 1 | 20 | 2.0 (3, 1.5) | 2.0 | 2.0 (3, 1.5) | 2.0 | yes | yes | 0 |" in text
    assert "| 2 | 5 | 2.0 (3, 1.5) |  |  |  | error | NO |  |" in text
    assert "Push 2 failed: HTTP 500 boom" in text
    assert "* 9.80 s: `DROP SILENT GRAPH <g>`" in text
