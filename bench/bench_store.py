"""Store benchmark: rdflib in memory against the Oxigraph store, at several corpus sizes.

For each size it generates synthetic statement records (bench/gen_statements.py), then
runs each configuration in its own subprocess (so its peak memory is its own max RSS):

* oxigraph: `kg.store.build_store` (records streamed, N-Quads bulk load, derived actor
  relations by the SPARQL rules) into a fresh store, then every query in queries/ with
  its default parameters through `kg.query.run_query` (one cold run, then the median of
  `--repeat` warm runs);
* rdflib: `kg.build.build_graph` in memory, OWL-RL reasoning with owlrl (`kg.reason`)
  up to `--reason-max` statements, then the same queries through `kg.query.query`.
  rdflib is skipped above `--rdflib-max` statements (default 100k: its build and memory
  grow past what this shared 2-core machine should spend), and a query that runs longer
  than `--query-timeout` seconds is stopped and reported as such.

Ratios (rdflib / oxigraph) are computed from the same run. Results go to
bench/results/store.json and bench/results/store.md.

    nice .venv/bin/python bench/bench_store.py --sizes 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
AGGREGATIONS = (
    "most_condemned",
    "speakers_by_platform",
    "statements_per_month",
    "threats_by_target",
    "who_blames_whom",
)
MEMORY_CAP_MB = 8000


# --- workers (run in a subprocess each) -------------------------------------------------


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _queries() -> list[str]:
    from kg.query import list_queries

    return list_queries()


def _time_queries(run: Any, repeat: int, timeout: float) -> dict[str, dict[str, Any]]:
    """Cold time, median warm time and row count per query; `run(name)` returns rows."""

    def alarm(_signum: int, _frame: Any) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    results: dict[str, dict[str, Any]] = {}
    for name in _queries():
        times: list[float] = []
        rows = 0
        try:
            for _ in range(1 + repeat):
                signal.setitimer(signal.ITIMER_REAL, timeout)
                started = time.perf_counter()
                rows = len(run(name))
                times.append(time.perf_counter() - started)
                signal.setitimer(signal.ITIMER_REAL, 0)
        except Exception as error:  # kg.query wraps the alarm's TimeoutError
            if isinstance(error, TimeoutError) or isinstance(error.__cause__, TimeoutError):
                results[name] = {"timeout_s": timeout, "rows": None}
            else:
                results[name] = {"error": f"{type(error).__name__}: {error}"[:300], "rows": None}
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        results[name] = {
            "cold_s": round(times[0], 4),
            "warm_s": round(statistics.median(times[1:]) if repeat else times[0], 4),
            "rows": rows,
        }
    return results


def worker_oxigraph(records: Path, store_dir: Path, repeat: int, timeout: float) -> dict:
    from kg.store import build_store

    if store_dir.exists():
        shutil.rmtree(store_dir)
    started = time.perf_counter()
    result = build_store([records], store_dir)
    build_s = time.perf_counter() - started
    build_rss = _max_rss_mb()
    # Each query runs in its own process on the store opened read-only: a query stuck
    # inside Oxigraph (no Python signal reaches it) is killed at the timeout, and its
    # memory is measured on its own.
    queries: dict[str, dict[str, Any]] = {}
    query_rss = 0.0
    for name in _queries():
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--repeat",
            str(repeat),
            "--worker",
            "oxquery",
            str(store_dir),
            name,
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout * (1 + repeat)
            )
        except subprocess.TimeoutExpired:
            queries[name] = {"timeout_s": timeout, "rows": None}
            continue
        if done.returncode != 0:
            queries[name] = {"error": done.stderr.strip().splitlines()[-1][:300], "rows": None}
            continue
        answer = json.loads(done.stdout.strip().splitlines()[-1])
        query_rss = max(query_rss, answer.pop("peak_rss_mb"))
        if answer.get("cold_s", 0) > timeout:
            answer = {"timeout_s": timeout, "rows": None, "took_s": answer["cold_s"]}
        queries[name] = answer
    disk = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file())
    return {
        "engine": "oxigraph",
        "statements": result.added.statements,
        "issues": len(result.issues),
        "triples": result.sizes,
        "build_s": round(build_s, 2),
        "derive_s": round(result.added.derive_seconds, 2),
        "load_s": round(build_s - result.added.derive_seconds, 2),
        "statements_per_s": round(result.added.statements / build_s),
        "build_peak_rss_mb": round(build_rss),
        "query_peak_rss_mb": round(query_rss),
        "peak_rss_mb": round(max(build_rss, query_rss)),
        "disk_mb": round(disk / 2**20),
        "queries": queries,
    }


def worker_oxquery(store_dir: Path, name: str, repeat: int) -> dict:
    from kg.query import run_query
    from kg.store import open_store

    store = open_store(store_dir, read_only=True)
    times = []
    rows = 0
    for _ in range(1 + repeat):
        started = time.perf_counter()
        rows = len(run_query(store, name))
        times.append(time.perf_counter() - started)
    return {
        "cold_s": round(times[0], 4),
        "warm_s": round(statistics.median(times[1:]) if repeat else times[0], 4),
        "rows": rows,
        "peak_rss_mb": round(_max_rss_mb()),
    }


def _add_rule_derived(dataset: Any) -> int:
    """Add to the rdflib dataset the derived actor relations `kg.rules` gives (computed on
    an in-memory Oxigraph copy): the same triples owlrl would derive for them (tested in
    tests/test_rules.py), in seconds instead of hours."""
    import pyoxigraph as ox
    from rdflib import URIRef

    from kg.counts import count_store
    from kg.store import INFERRED_GRAPH, derive_relations, memory_store

    copy = memory_store(dataset)
    derive_relations(copy)
    count_store(copy)
    graph = dataset.graph(URIRef(INFERRED_GRAPH))
    added = 0
    for quad in copy.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED_GRAPH)):
        graph.add((URIRef(quad.subject.value), URIRef(quad.predicate.value), _rdflib(quad.object)))
        added += 1
    return added


def _rdflib(term: Any) -> Any:
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if isinstance(term, ox.Literal):
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return URIRef(term.value)


def worker_rdflib(records: Path, reason_max: int, repeat: int, timeout: float) -> dict:
    from kg.build import build_graph
    from kg.query import query
    from kg.reason import add_inferred, infer
    from kg.records import load_statements

    started = time.perf_counter()
    statements = load_statements([records]).statements
    dataset = build_graph(statements)
    build_s = time.perf_counter() - started
    asserted = len(dataset)
    reason_s = None
    inferred = None
    reason_started = time.perf_counter()
    if len(statements) <= reason_max:
        new = infer(dataset)
        add_inferred(dataset, new)
        inferred = len(new)
        derived_by = "owlrl"
    else:  # owlrl would take hours: the same derived relations from kg.rules
        inferred = _add_rule_derived(dataset)
        derived_by = "kg.rules on an Oxigraph copy"
    reason_s = time.perf_counter() - reason_started
    build_rss = _max_rss_mb()
    # rdflib's engine joins sub-selects by nested loops and can take all memory: cap it,
    # so a runaway query fails (reported as an error) instead of the machine.
    limit = MEMORY_CAP_MB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    queries = _time_queries(lambda name: query(name, dataset, engine="rdflib"), repeat, timeout)
    return {
        "engine": "rdflib",
        "statements": len(statements),
        "triples": {"asserted": asserted, "inferred": inferred},
        "build_s": round(build_s, 2),
        "reason_s": round(reason_s, 2) if reason_s is not None else None,
        "derived_by": derived_by,
        "statements_per_s": round(len(statements) / build_s),
        "build_peak_rss_mb": round(build_rss),
        "peak_rss_mb": round(_max_rss_mb()),
        "queries": queries,
    }


# --- the driver ---------------------------------------------------------------------------


def _records_file(size: int, seed: int, workdir: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_statements import write

    path = workdir / f"statements-{size}-seed{seed}.jsonl"
    if not path.exists():
        write(path, size, seed)
    return path


def _run_worker(args: list[str]) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"worker {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ratios(ox: dict, rd: dict) -> dict[str, Any]:
    if rd.get("derived_by") == "owlrl":  # both derive on their own
        build, basis = (rd["build_s"] + rd["reason_s"]) / ox["build_s"], "with derived relations"
    else:  # rdflib's relations came from elsewhere: compare with the store's load alone
        build, basis = rd["build_s"] / max(ox["load_s"], 1e-3), "asserted only"
    out: dict[str, Any] = {
        "build_speed": round(build, 1),
        "build_basis": basis,
        "peak_memory": round(rd["peak_rss_mb"] / ox["peak_rss_mb"], 1),
        "queries": {},
    }
    for name, rq in rd["queries"].items():
        oq = ox["queries"].get(name, {})
        if "warm_s" in oq and "warm_s" in rq:
            out["queries"][name] = round(rq["warm_s"] / max(oq["warm_s"], 1e-4), 1)
        elif "warm_s" in oq and "timeout_s" in rq:
            out["queries"][name] = f">{round(rq['timeout_s'] / max(oq['warm_s'], 1e-4))}"
    return out


def markdown(results: dict) -> str:
    lines = [
        "# Store benchmark: rdflib in memory vs the Oxigraph store",
        "",
        f"Machine: {results['machine']['cpus']} cores ({results['machine']['platform']}), "
        f"Python {results['machine']['python']}; date {results['date']}. "
        f"Synthetic records from bench/gen_statements.py (seed {results['seed']}). "
        "Build = records to graph with the derived actor relations (Oxigraph: SPARQL rules; "
        f"rdflib: owlrl up to {results['reason_max']:,} statements, above that the same "
        "relations from kg.rules, so both engines query the same triples). rdflib queries "
        'run on rdflib\'s own SPARQL engine (`engine="rdflib"`). Query times are '
        f"warm medians of {results['repeat']} runs (cold first run in brackets), default "
        "parameters, rows converted to Python dicts.",
        "",
        "## Build",
        "",
        "| statements | engine | build s | of which derive/reason s | statements/s | triples "
        "(asserted + inferred) | peak RSS MB | disk MB |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in results["runs"]:
        triples = run["triples"]
        if run["engine"] == "oxigraph":
            values = list(triples.values())
            total = f"{values[0]:,} + {values[1]:,}" if len(values) > 1 else f"{values[0]:,}"
            derive = run["derive_s"]
        else:
            total = f"{triples['asserted']:,} + " + (
                f"{triples['inferred']:,}" if triples["inferred"] is not None else "(not reasoned)"
            )
            derive = run["reason_s"] if run["reason_s"] is not None else "-"
        lines.append(
            f"| {run['statements']:,} | {run['engine']} | {run['build_s']} | {derive} | "
            f"{run['statements_per_s']:,} | {total} | {run['peak_rss_mb']:,} | "
            f"{run.get('disk_mb', '-')} |"
        )
    names = sorted({name for run in results["runs"] for name in run["queries"]})
    lines += ["", "## Query latency (seconds)", ""]
    lines.append("| statements | engine | " + " | ".join(names) + " |")
    lines.append("| ---: | --- | " + " | ".join("---:" for _ in names) + " |")
    for run in results["runs"]:
        cells = []
        for name in names:
            q = run["queries"].get(name, {})
            if "warm_s" in q:
                cells.append(f"{q['warm_s']:.3f} ({q['cold_s']:.3f}), {q['rows']:,} rows")
            elif "timeout_s" in q:
                cells.append(f"> {q['timeout_s']:.0f} (stopped)")
            elif "error" in q:
                cells.append("error")
            else:
                cells.append("-")
        lines.append(f"| {run['statements']:,} | {run['engine']} | " + " | ".join(cells) + " |")
    if results["ratios"]:
        lines += ["", "## Ratios rdflib / Oxigraph (same run; > 1 means Oxigraph is better)", ""]
        lines.append("| statements | build speed | peak memory | " + " | ".join(names) + " |")
        lines.append("| ---: | ---: | ---: | " + " | ".join("---:" for _ in names) + " |")
        for size, ratio in results["ratios"].items():
            cells = [str(ratio["queries"].get(name, "-")) for name in names]
            lines.append(
                f"| {int(size):,} | {ratio['build_speed']} ({ratio['build_basis']}) | "
                f"{ratio['peak_memory']} | " + " | ".join(cells) + " |"
            )
    lines += ["", f"Aggregation queries: {', '.join(AGGREGATIONS)}.", ""]
    return "\n".join(lines)


def _merge(paths: list[Path], out: Path) -> int:
    """One results file from several runs (e.g. 10k with reasoning, 100k + 1M without)."""
    from kg.files import write_text_atomic

    parts = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    merged = dict(parts[0])
    merged["runs"] = sorted(
        (run for part in parts for run in part["runs"]),
        key=lambda run: (run["statements"], run["engine"] != "oxigraph"),
    )
    merged["ratios"] = {k: v for part in parts for k, v in part["ratios"].items()}
    merged["reason_max"] = max(part["reason_max"] for part in parts)
    merged["repeat"] = min(part["repeat"] for part in parts)
    merged["runs_merged"] = [
        {key: part[key] for key in ("date", "repeat", "reason_max", "query_timeout_s")}
        for part in parts
    ]
    out.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out / "store.json", json.dumps(merged, indent=2) + "\n")
    write_text_atomic(out / "store.md", markdown(merged))
    print(markdown(merged))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rdflib-max", type=int, default=100_000)
    parser.add_argument("--reason-max", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--query-timeout", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", default=str(ROOT / "out" / "bench"))
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument(
        "--merge",
        nargs="+",
        metavar="JSON",
        help="combine the store.json files of separate runs (by size) into --out",
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.merge:
        return _merge([Path(p) for p in args.merge], Path(args.out))

    if args.worker:
        kind, *rest = args.worker
        if kind == "oxigraph":
            result = worker_oxigraph(Path(rest[0]), Path(rest[1]), args.repeat, args.query_timeout)
        elif kind == "oxquery":
            result = worker_oxquery(Path(rest[0]), rest[1], args.repeat)
        else:
            result = worker_rdflib(Path(rest[0]), args.reason_max, args.repeat, args.query_timeout)
        print(json.dumps(result))
        return 0

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    common = ["--repeat", str(args.repeat), "--query-timeout", str(args.query_timeout)]
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "seed": args.seed,
        "repeat": args.repeat,
        "rdflib_max": args.rdflib_max,
        "reason_max": args.reason_max,
        "query_timeout_s": args.query_timeout,
        "runs": [],
        "ratios": {},
    }
    for size in sizes:
        records = _records_file(size, args.seed, workdir)
        store_dir = workdir / f"store-{size}"
        print(f"[{size:,}] oxigraph ...", file=sys.stderr, flush=True)
        ox = _run_worker(["oxigraph", str(records), str(store_dir), *common])
        ox["size"] = size
        results["runs"].append(ox)
        print(f"[{size:,}] oxigraph {ox['build_s']} s build", file=sys.stderr, flush=True)
        shutil.rmtree(store_dir, ignore_errors=True)
        if size <= args.rdflib_max:
            print(f"[{size:,}] rdflib ...", file=sys.stderr, flush=True)
            worker_args = ["rdflib", str(records), *common, "--reason-max", str(args.reason_max)]
            rd = _run_worker(worker_args)
            rd["size"] = size
            results["runs"].append(rd)
            results["ratios"][str(size)] = _ratios(ox, rd)
            print(f"[{size:,}] rdflib {rd['build_s']} s build", file=sys.stderr, flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from kg.files import write_text_atomic

    write_text_atomic(out / "store.json", json.dumps(results, indent=2) + "\n")
    write_text_atomic(out / "store.md", markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
