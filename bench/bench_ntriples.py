"""Triple writers' speed: `kg.ntriples` (N-Quads text, the store's load path) and
`kg.build.build_graph` (rdflib), on synthetic records (bench/gen_statements.py).

With `--baseline DIR` (another kg checkout, e.g. main's), each round times this checkout
and then DIR in fresh subprocesses, alternately, so both see the same machine load; the
ratio this / baseline is the median over the rounds.

    .venv/bin/python bench/bench_ntriples.py --count 50000 --baseline ../main
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(count: int, build_count: int, repeat: int) -> dict[str, float]:
    """Median seconds of `repeat` runs: N-Quads for `count` records, rdflib for
    `build_count` records (rdflib is about 50 times slower: a smaller corpus)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_statements import generate

    from kg.build import build_graph
    from kg.gazetteer import load_gazetteer
    from kg.model import Statement
    from kg.ntriples import statement_nquads

    records = [Statement.from_dict(raw) for raw in generate(count)]
    gazetteer = load_gazetteer()
    timings: dict[str, list[float]] = {"nquads": [], "build_graph": []}
    for _ in range(repeat):
        started = time.perf_counter()
        "".join(statement_nquads(records, gazetteer))
        timings["nquads"].append(time.perf_counter() - started)
        started = time.perf_counter()
        build_graph(records[:build_count], gazetteer)
        timings["build_graph"].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in timings.items()}


def _worker(checkout: Path, args: argparse.Namespace) -> dict[str, float]:
    """`measure` in a fresh process that imports kg from `checkout`."""
    command = [sys.executable, __file__, "--worker", str(args.count), str(args.build_count)]
    command.append(str(args.repeat))
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def compare(args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """This checkout and the baseline, alternately, `rounds` times each."""
    rounds: dict[str, list[dict[str, float]]] = {"this": [], "baseline": []}
    for _ in range(args.rounds):
        rounds["this"].append(_worker(ROOT, args))
        rounds["baseline"].append(_worker(Path(args.baseline).resolve(), args))
    summary: dict[str, dict[str, float]] = {}
    for stage in ("nquads", "build_graph"):
        this = statistics.median(r[stage] for r in rounds["this"])
        base = statistics.median(r[stage] for r in rounds["baseline"])
        summary[stage] = {"this_s": this, "baseline_s": base, "ratio": this / base}
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50_000, help="records for N-Quads")
    parser.add_argument("--build-count", type=int, default=2_000, help="records for rdflib")
    parser.add_argument("--repeat", type=int, default=3, help="runs per process (median)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating process pairs")
    parser.add_argument("--baseline", help="another kg checkout to compare with")
    parser.add_argument("--worker", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(measure(*args.worker)))
        return 0
    if not args.baseline:
        print(json.dumps(measure(args.count, args.build_count, args.repeat), indent=2))
        return 0
    print(json.dumps(compare(args), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
