"""bench/bench_stores.py: the row comparison and the report, on made-up results (the
bench itself needs Virtuoso and a million triples; tests/test_virtuoso.py runs the same
comparison on the fixture graph)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_stores


def test_rows_are_compared_with_their_kinds_and_lists_sorted() -> None:
    local = [{"name": "A", "n": 3, "flag": True, "targets": "x; y"}]
    assert (
        bench_stores._difference(local, [{"name": "A", "n": 3.0, "flag": True, "targets": "y; x"}])
        == ""
    )
    assert "row 1" in bench_stores._difference(local, [{**local[0], "flag": 1}])
    assert bench_stores._difference(local, []) == "0 rows, in process 1"


def test_the_report_has_a_row_per_push_and_per_query() -> None:
    results = {
        "count": 10, "seed": 7, "repeat": 1, "date": "today", "virtuoso_version": "Virtuoso/7",
        "build_s": 1.0, "align_s": 2.0, "graphs": {"g": 5},
        "push": {
            "oxigraph-server": {
                "seconds": 1.0, "triples": 5, "requests": 3, "batch": 1000, "verified": True
            },
            "virtuoso": {"seconds": 2.0, "error": "HTTP 500 | boom"},
        },
        "queries": [{
            "query": "who_threatens", "params": {"target": "Israel"}, "rows": 2,
            "in-process": (0.1, 0.05),
            "oxigraph-server": {"seconds": (0.2, 0.1), "diff": ""},
            "virtuoso": {"seconds": (0.3, 0.2), "diff": "row 1: x"},
        }],
    }  # fmt: skip
    text = bench_stores.markdown(results)
    assert "| oxigraph-server | 1 | 5 | 3 | 1,000 | yes |" in text
    assert "error: HTTP 500 / boom" in text  # a | would end the table cell
    row = "| `who_threatens target=Israel` | 2 | 0.10 / 0.05 | 0.20 / 0.10 | yes | 0.30 / 0.20 |"
    assert row + " NO: row 1: x |" in text
