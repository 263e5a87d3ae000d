"""The library queries on real triple stores at scale (issue 14): push and query timings
per engine, and whether every engine gives the same rows.

1. generates `--count` synthetic statement records (bench/gen_statements.py; 50,000 give
   about 1M triples), builds them into an Oxigraph store (`kg.store.build_store`, derived
   relations and statement counts included) and adds the alignment graph (`kg.align`);
2. starts an Oxigraph server WITHOUT a union default graph (`kg.serve.start_server`) and
   a Virtuoso 7.2 with Debian's default configuration (bench/engines.py), both on free
   loopback ports, and pushes the store to each with `kg.push` (Oxigraph: Graph Store
   Protocol; Virtuoso: SPARQL Update on /sparql-auth, Digest auth), timed;
3. runs every query in queries/ with its default parameters, plus a few with parameters,
   in process (`kg.store.run_query`) and on both servers through `kg.endpoint`
   (`kg query --endpoint`), timed (a first run, then the best of `--repeat` more), and
   compares each server's rows with the in-process rows (order, values, kinds of values).

Results: bench/results/stores.json and bench/results/stores.md.

    nice .venv/bin/python bench/bench_stores.py --count 50000
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

# Queries with parameters, beside the defaults: the shapes issue 14 saw fail on Virtuoso.
WITH_PARAMETERS = [
    ("threat_timeline", {"speaker": "Kata'ib Hezbollah"}),
    ("who_blames_whom", {"speaker": "Kata'ib Hezbollah"}),
    ("who_threatens", {"target": "Israel"}),
    ("inferred_vs_asserted", {"relation": "blames"}),
]


def _typed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as compared: GROUP_CONCAT lists sorted (their order is undefined), each value
    with its kind (numbers alike whatever their literal form; True is not 1)."""

    def norm(value: object) -> object:
        if isinstance(value, str) and "; " in value:
            return "; ".join(sorted(value.split("; ")))
        return value

    def kind(value: object) -> str:
        if isinstance(value, bool):
            return "bool"
        return "number" if isinstance(value, int | float) else type(value).__name__

    return [{k: (kind(v), norm(v)) for k, v in row.items()} for row in rows]


def _difference(local: list[dict], remote: list[dict]) -> str:
    """'' when the rows are the same; else a short description of the first difference."""
    a, b = _typed(local), _typed(remote)
    if a == b:
        return ""
    if len(a) != len(b):
        return f"{len(b)} rows, in process {len(a)}"
    for number, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            return f"row {number + 1}: {y} (in process {x})"
    return "differs"


def _timed(run: Callable[[], list[dict]], repeat: int) -> tuple[list[dict] | str, float, float]:
    """Rows (or the error text), the first run's seconds and the best of `repeat` more."""
    times: list[float] = []
    rows: list[dict] | str = []
    for _ in range(1 + repeat):
        started = time.perf_counter()
        try:
            rows = run()
        except Exception as error:  # an engine's refusal is a result of the bench
            return f"{type(error).__name__}: {error}"[:300], time.perf_counter() - started, 0.0
        times.append(time.perf_counter() - started)
    return rows, times[0], min(times[1:]) if repeat else times[0]


def build(records: Path, store_dir: Path) -> dict[str, Any]:
    """The Oxigraph store with derived relations and the alignment graph."""
    import pyoxigraph as ox

    from kg.align import alignment
    from kg.align_export import alignment_graph
    from kg.store import build_store, open_store
    from kg.vocab import ALIGNMENT_GRAPH

    started = time.perf_counter()
    build_store([records], store_dir)
    built = time.perf_counter() - started
    store = open_store(store_dir)
    result = alignment(store)
    data = alignment_graph(result).serialize(format="nt", encoding="utf-8")
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(ALIGNMENT_GRAPH)))
    store.flush()
    counts = {
        g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs()
    }
    del store
    return {"build_s": built, "align_s": time.perf_counter() - started - built, "graphs": counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50_000, help="statement records")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=2, help="warm runs after the first")
    parser.add_argument("--work", type=Path, help="work folder (default: a tmp folder)")
    parser.add_argument("--name", default="stores", help="results file name")
    args = parser.parse_args(argv)
    from results_io import run_in_work_folder, write_results

    results = run_in_work_folder(
        args.work, "kg-bench-stores-", lambda work: run(args.count, args.seed, args.repeat, work)
    )
    write_results(args.name, results, markdown(results))
    return 0


def run(count: int, seed: int, repeat: int, work: Path) -> dict[str, Any]:
    from engines import PASSWORD, USER, start_virtuoso
    from gen_statements import write

    from kg.serve import free_port, start_server

    work.mkdir(parents=True, exist_ok=True)
    records = work / "records.jsonl"
    write(records, count, seed)
    store_dir = work / "store"
    results: dict[str, Any] = {
        "count": count,
        "seed": seed,
        "repeat": repeat,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        **build(records, store_dir),
    }
    print(f"built {results['graphs']} in {results['build_s']:.0f} s", file=sys.stderr)
    with (
        # No query timeout: kg serve's default 30 s stops the swap of a push this large
        # (MOVE of the 737k-triple asserted graph; measured: HTTP 503 after 30 s).
        start_server(
            work / "oxigraph",
            writable=True,
            union_default_graph=False,
            port=free_port(),
            timeout_s=0,
        ) as oxigraph,
        start_virtuoso(work / "virtuoso") as virtuoso,
    ):
        results["virtuoso_version"] = _virtuoso_version(virtuoso.sparql_url)
        results["push"] = {
            "oxigraph-server": _push(store_dir, graph_store=oxigraph.graph_store_url),
            "virtuoso": _push(
                store_dir, endpoint=virtuoso.auth_url, user=USER, password=PASSWORD, auth="digest"
            ),
        }
        print(f"pushed: {results['push']}", file=sys.stderr)
        endpoints = {"oxigraph-server": oxigraph.query_url, "virtuoso": virtuoso.sparql_url}
        results["queries"] = _queries(store_dir, endpoints, repeat)
    return results


def _virtuoso_version(url: str) -> str:
    import httpx

    return httpx.get(url, params={"query": "ASK {}"}, timeout=10).headers.get("Server", "")


def _push(store_dir: Path, **target: Any) -> dict[str, Any]:
    from kg.push import PushError, push

    started = time.perf_counter()
    try:
        report = push(store_dir, timeout_s=0, **target)
    except PushError as error:
        return {"error": str(error)[:500], "seconds": time.perf_counter() - started}
    return {
        "seconds": report.seconds,
        "triples": report.triples,
        "requests": report.requests,
        "batch": report.batch_size,
        "verified": report.verified == report.graphs,
    }


def _queries(store_dir: Path, endpoints: dict[str, str], repeat: int) -> list[dict[str, Any]]:
    from kg.endpoint import run_endpoint
    from kg.query import list_queries
    from kg.store import open_store, run_query

    store = open_store(store_dir, read_only=True)
    cases = [(name, {}) for name in list_queries()] + WITH_PARAMETERS
    rows_out = []
    for name, params in cases:
        local, first, best = _timed(lambda n=name, p=params: run_query(store, n, p), repeat)
        row: dict[str, Any] = {"query": name, "params": params, "in-process": (first, best)}
        row["rows"] = len(local) if isinstance(local, list) else local
        for engine, url in endpoints.items():
            remote, first, best = _timed(
                lambda u=url, n=name, p=params: run_endpoint(n, u, p, timeout=600), repeat
            )
            if isinstance(remote, str):
                row[engine] = {"error": remote, "seconds": first}
            elif isinstance(local, str):
                row[engine] = {"seconds": (first, best), "rows": len(remote)}
            else:
                row[engine] = {"seconds": (first, best), "diff": _difference(local, remote)}
        print(json.dumps(row), file=sys.stderr)
        rows_out.append(row)
    return rows_out


def markdown(results: dict[str, Any]) -> str:
    graphs = results["graphs"]
    total = sum(graphs.values())
    lines = [
        "# Library queries on triple stores (bench/bench_stores.py)",
        "",
        f"{results['count']:,} synthetic statements (seed {results['seed']}), {total:,} "
        f"triples in {len(graphs)} graphs; {results['date']}; {results['virtuoso_version']} "
        f"with Debian's default configuration; an Oxigraph server without union default "
        f"graph; in-process Oxigraph (`kg.store.run_query`). Store built in "
        f"{results['build_s']:.0f} s, alignment {results['align_s']:.0f} s.",
        "",
        "| push to | seconds | triples | requests | batch | counts verified |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for engine, push in results["push"].items():
        if "error" in push:
            error = push["error"].replace("|", "/")
            lines.append(f"| {engine} | {push['seconds']:.0f} | error: {error} | | | |")
            continue
        lines.append(
            f"| {engine} | {push['seconds']:.0f} | {push['triples']:,} | {push['requests']:,} "
            f"| {push['batch']:,} | {'yes' if push['verified'] else 'NO'} |"
        )
    lines += [
        "",
        "Queries: seconds of the first run / best of "
        f"{results['repeat']} more; rows; each server's rows against the in-process rows.",
        "",
        "| query | rows | in process (s) | Oxigraph server (s) | same rows | Virtuoso (s) "
        "| same rows |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for row in results["queries"]:
        name = row["query"] + "".join(f" {k}={v}" for k, v in row["params"].items())
        cells = [f"`{name}`", str(row["rows"]), _seconds(row["in-process"])]
        for engine in ("oxigraph-server", "virtuoso"):
            result = row[engine]
            if "error" in result:
                cells += ["error", result["error"].replace("|", "/")]
            else:
                cells += [_seconds(result["seconds"]), _same(result)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _seconds(pair: Any) -> str:
    first, best = pair
    return f"{first:.2f} / {best:.2f}"


def _same(result: dict[str, Any]) -> str:
    if "diff" not in result:
        return f"{result.get('rows')} rows"
    return "yes" if not result["diff"] else f"NO: {result['diff']}"[:200].replace("|", "/")


if __name__ == "__main__":
    sys.exit(main())
