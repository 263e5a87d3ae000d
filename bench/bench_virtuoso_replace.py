"""A REPLACING `kg push` at scale on Virtuoso: does the swap of a large live graph stay
within Virtuoso's limits, and are the counts exact afterwards?

1. generates two sets of synthetic statement records (bench/gen_statements.py; seeds
   `--seed` and `--seed2`, `--count` and `--count2` records: 10,000 give about 300k
   triples, 35,000 about 1M) and builds each into an Oxigraph store with kg's own API
   (`kg.store.build_store`, derived relations and statement counts included; no
   alignment graph);
2. starts a Virtuoso 7.2 with Debian's default configuration on free loopback ports
   (bench/engines.py) and pushes the first store to it with `kg.push` (SPARQL Update on
   /sparql-auth, Digest auth, as bench/bench_stores.py does), then the second store to
   the same dataset, so that the swap replaces large live graphs;
3. times each phase of each push: loading the temporary graphs, counting them, the swap,
   the verification (the counts after the swap), with the number of requests and the
   slowest request of each phase (Virtuoso stops a request at about 60 s by default:
   `MaxQueryExecutionTime = 60`), and checks `report.verified` against what was sent;
4. counts the graphs again through the anonymous /sparql endpoint, and through the SQL
   port (isql-vt) counts the rows of the dataset that one of RDF_QUAD's two full indexes
   (PSOG, its primary key, and POGS) holds and the other does not: Virtuoso's row-by-row
   mode once left such rows behind (docs/store.md).

Results: bench/results/NAME.json and bench/results/NAME.md (`--name`, default
virtuoso_replace). Needs virtuoso-t and isql-vt (Debian: virtuoso-opensource-7-bin).

    nice .venv/bin/python bench/bench_virtuoso_replace.py --count 10000 --count2 9000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

DATASET = "bench"
# The phases of a push, by the kg.push function that runs them. `_check_counts` runs twice
# in replace mode: on the temporary graphs before the swap, on the live ones after it.
PHASES = {"_load_graph": "load", "_check_counts": "count", "_swap_in": "swap"}


def build(records: Path, store_dir: Path) -> dict[str, Any]:
    """The Oxigraph store of the records (derived relations included), its graph counts."""
    from kg.store import build_store, open_store

    started = time.perf_counter()
    build_store([records], store_dir)
    seconds = time.perf_counter() - started
    store = open_store(store_dir, read_only=True)
    counts = {
        g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        for g in store.named_graphs()
    }
    del store
    return {"build_s": seconds, "graphs": counts, "triples": sum(counts.values())}


class Recorder:
    """Times the phases of `kg.push` and every HTTP request in each, by wrapping kg.push's
    functions for the length of a `with recorder.recording():`."""

    def __init__(self) -> None:
        self.phase = "setup"
        self.requests: list[dict[str, Any]] = []  # phase, what, seconds, ok
        self.phases: list[tuple[str, float]] = []  # phase, seconds, in order

    @contextlib.contextmanager
    def recording(self) -> Iterator[None]:
        import kg.push as module

        saved: dict[tuple[Any, str], Any] = {}

        def patch(owner: Any, name: str, wrapper: Callable[..., Any]) -> None:
            saved[(owner, name)] = getattr(owner, name)
            setattr(owner, name, wrapper(getattr(owner, name)))

        for name, phase in PHASES.items():
            patch(module, name, lambda f, p=phase: self._phase(f, p))
        # _Client.request(method, url, data, content_type); _Client.query(url, sparql)
        patch(module._Client, "request", lambda f: self._request(f, "update", 2))
        patch(module._Client, "query", lambda f: self._request(f, "query", 1))
        try:
            yield
        finally:
            for (owner, name), original in saved.items():
                setattr(owner, name, original)

    def _phase(self, function: Callable[..., Any], phase: str) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if phase == "count":
                is_temporary = len(args) > 3 and args[3]  # `live` given: temporary graphs
                name = "count-temporary" if is_temporary else "verify"
            else:
                name = phase
            outer, self.phase = self.phase, name
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.phases.append((name, time.perf_counter() - started))
                self.phase = outer

        return wrapped

    def _request(self, function: Callable[..., Any], kind: str, at: int) -> Callable[..., Any]:
        def wrapped(client: Any, *args: Any, **kwargs: Any) -> Any:
            body = args[at]
            text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
            what = _describe(kind, text)
            started = time.perf_counter()
            ok = False
            try:
                result = function(client, *args, **kwargs)
                ok = True
                return result
            finally:
                seconds = time.perf_counter() - started
                self.requests.append(
                    {"phase": self.phase, "what": what, "seconds": seconds, "ok": ok}
                )
                if self.phase != "load" or seconds > 10 or not ok:
                    print(f"  {self.phase}: {what} {seconds:.2f} s", file=sys.stderr)

        return wrapped

    def summary(self) -> dict[str, Any]:
        """Per phase (in order of first appearance): seconds, requests, slowest request."""
        out: dict[str, Any] = {}
        for name, seconds in self.phases:
            entry = out.setdefault(name, {"seconds": 0.0, "requests": 0, "slowest": None})
            entry["seconds"] += seconds
        for request in self.requests:
            entry = out.setdefault(
                request["phase"], {"seconds": 0.0, "requests": 0, "slowest": None}
            )
            entry["requests"] += 1
            if entry["slowest"] is None or request["seconds"] > entry["slowest"]["seconds"]:
                entry["slowest"] = {k: request[k] for k in ("what", "seconds", "ok")}
        return out


def _describe(kind: str, text: str) -> str:
    """A short name for a request: its first operations, graph IRIs shortened."""
    if kind == "query":
        words = "COUNT" if "COUNT(" in text else "SELECT"
        return f"query {words}"
    operations = [op.strip() for op in re.split(r" ;\n", text) if op.strip()]
    if operations and operations[-1].startswith("INSERT DATA"):
        return f"INSERT DATA ({len(operations)} ops)"
    shown = [re.sub(r"<[^>]*/(graph/[^>]*)>", r"<…\1>", op)[:120] for op in operations[:3]]
    more = f" … (+{len(operations) - 3} ops)" if len(operations) > 3 else ""
    return " ; ".join(shown) + more


def timed_push(store_dir: Path, virtuoso: Any, timeout_s: float) -> dict[str, Any]:
    from engines import PASSWORD, USER

    from kg.push import PushError, push

    recorder = Recorder()
    started = time.perf_counter()
    result: dict[str, Any] = {}
    with recorder.recording():
        try:
            report = push(
                store_dir,
                endpoint=virtuoso.auth_url,
                user=USER,
                password=PASSWORD,
                auth="digest",
                dataset=DATASET,
                timeout_s=timeout_s,
            )
        except PushError as error:
            result["error"] = str(error)[:1000]
        else:
            result.update(
                triples=report.triples,
                requests=report.requests,
                removed=report.removed,
                verified=report.verified == report.graphs,
                sent=report.graphs,
                counted=report.verified,
            )
    result["seconds"] = time.perf_counter() - started
    result["phases"] = recorder.summary()
    result["slowest_requests"] = sorted(
        recorder.requests, key=lambda r: r["seconds"], reverse=True
    )[:8]
    return result


def dataset_counts(virtuoso: Any) -> dict[str, int]:
    from kg.endpoint import query_endpoint

    prefix = f"https://w3id.org/kg-armed-groups/dataset/{DATASET}/"
    sparql = (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER (STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g'
    )
    rows = query_endpoint(virtuoso.sparql_url, sparql, timeout=600)
    return {row["g"]: row["n"] for row in rows}


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    from engines import rows_in_one_index_only, start_virtuoso
    from gen_statements import write

    from kg.push import target_graph

    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "timeout_s": args.timeout,
        "chunk": _chunk(),
        "stores": [],
        "pushes": [],
    }
    stores = []
    for number, (count, seed) in enumerate(((args.count, args.seed), (args.count2, args.seed2))):
        records = work / f"records-{number}.jsonl"
        write(records, count, seed)
        store_dir = work / f"store-{number}"
        built = build(records, store_dir)
        results["stores"].append({"count": count, "seed": seed, **built})
        print(f"store {number}: {count} records (seed {seed}), {built}", file=sys.stderr)
        stores.append((store_dir, built))
    with start_virtuoso(work / "virtuoso") as virtuoso:
        results["virtuoso_version"] = _virtuoso_version(virtuoso.sparql_url)
        for number, (store_dir, built) in enumerate(stores):
            print(f"push {number + 1}: {built['triples']} triples", file=sys.stderr)
            pushed = timed_push(store_dir, virtuoso, args.timeout)
            expected = {target_graph(g, DATASET): n for g, n in built["graphs"].items()}
            started = time.perf_counter()
            pushed["recounted"] = dataset_counts(virtuoso)
            pushed["recount_s"] = time.perf_counter() - started
            pushed["recount_exact"] = pushed["recounted"] == expected
            if args.index_check:
                started = time.perf_counter()
                pushed["rows_in_one_index_only"] = rows_in_one_index_only(
                    virtuoso, f"https://w3id.org/kg-armed-groups/dataset/{DATASET}/", 1800
                )
                pushed["index_check_s"] = time.perf_counter() - started
            results["pushes"].append(pushed)
            shown = {k: v for k, v in pushed.items() if k != "slowest_requests"}
            print(json.dumps(shown, indent=1), file=sys.stderr)
        results["virtuoso_log_tail"] = virtuoso.log()[-1500:]
    return results


def _chunk() -> int | None:
    import kg.push

    return getattr(kg.push, "VIRTUOSO_CHUNK", None)


def _virtuoso_version(url: str) -> str:
    import httpx

    return httpx.get(url, params={"query": "ASK {}"}, timeout=10).headers.get("Server", "")


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "# A replacing push on Virtuoso (bench/bench_virtuoso_replace.py)",
        "",
        f"{results['date']}; {results.get('virtuoso_version', '?')} with Debian's default "
        f"configuration; {results['machine']}; kg's timeout per request "
        f"{results['timeout_s']:g} s (0: none); swap chunks on Virtuoso "
        f"(`kg.push.VIRTUOSO_CHUNK`): {results.get('chunk') or 'none'} triples.",
        "",
    ]
    for number, store in enumerate(results["stores"]):
        lines.append(
            f"* store {number + 1}: {store['count']:,} records (seed {store['seed']}), "
            f"{store['triples']:,} triples ({', '.join(f'{n:,}' for n in store['graphs'].values())}"
            f" per graph), built in {store['build_s']:.0f} s"
        )
    lines += [
        "",
        "| push | total s | load s (requests, slowest s) | count temporaries s | swap s "
        "(requests, slowest s) | verify s | verified | recount exact | rows in one index |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for number, pushed in enumerate(results["pushes"]):
        phases = pushed["phases"]
        verified = "error" if "error" in pushed else ("yes" if pushed["verified"] else "NO")
        lines.append(
            f"| {number + 1} | {pushed['seconds']:.0f} | {_cell(phases, 'load', True)} | "
            f"{_cell(phases, 'count-temporary')} | {_cell(phases, 'swap', True)} | "
            f"{_cell(phases, 'verify')} | "
            f"{verified} | {'yes' if pushed['recount_exact'] else 'NO'} | "
            f"{pushed.get('rows_in_one_index_only', '')} |"
        )
    for number, pushed in enumerate(results["pushes"]):
        if "error" in pushed:
            lines += ["", f"Push {number + 1} failed: {pushed['error']}"]
        swap = [r for r in pushed["slowest_requests"] if r["phase"] == "swap"]
        if swap:
            lines += ["", f"Push {number + 1}, slowest swap requests:", ""]
            lines += [f"* {r['seconds']:.2f} s{'' if r['ok'] else ' (FAILED)'}: `{r['what']}`"
                      for r in swap]  # fmt: skip
    return "\n".join(lines) + "\n"


def _cell(phases: dict[str, Any], name: str, detail: bool = False) -> str:
    """A phase's seconds (and its requests and slowest request's seconds)."""
    entry = phases.get(name)
    if not entry:
        return ""
    text = f"{entry['seconds']:.1f}"
    if detail and entry["slowest"]:
        text += f" ({entry['requests']:,}, {entry['slowest']['seconds']:.1f})"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="records of the first push")
    parser.add_argument("--count2", type=int, help="records of the second (default: --count)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seed2", type=int, default=8)
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="kg's timeout per request (0: none)"
    )
    parser.add_argument("--chunk", type=int, help="kg.push.VIRTUOSO_CHUNK (default: kg's)")
    parser.add_argument("--no-index-check", dest="index_check", action="store_false")
    parser.add_argument("--work", type=Path, help="work folder (default: a tmp folder)")
    parser.add_argument("--name", default="virtuoso_replace", help="results file name")
    args = parser.parse_args(argv)
    args.count2 = args.count2 or args.count
    if args.chunk:
        import kg.push

        kg.push.VIRTUOSO_CHUNK = args.chunk
    from results_io import run_in_work_folder, write_results

    results = run_in_work_folder(args.work, "kg-bench-virtuoso-replace-",
                                 lambda work: run(args, work))  # fmt: skip
    write_results(args.name, results, markdown(results))
    failed = any(
        "error" in p or not p["verified"] or not p["recount_exact"] for p in results["pushes"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
