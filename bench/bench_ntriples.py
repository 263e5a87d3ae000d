"""Triple writers' speed: `kg.ntriples` (N-Quads text, the store's load path) and
`kg.build.build_graph` (rdflib), on synthetic records (bench/gen_statements.py).

With `--baseline DIR` (another kg checkout, e.g. main's), each round times this checkout
and then DIR in fresh subprocesses, alternately, so both see the same machine load; the
ratio this / baseline is the median over the rounds. Results go to
bench/results/ntriples.json and bench/results/ntriples.md.

    nice .venv/bin/python bench/bench_ntriples.py --count 50000 --baseline ../main
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
RESULTS = ROOT / "bench" / "results"


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
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the results")
    parser.add_argument("--worker", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(measure(*args.worker)))
        return 0
    if not args.baseline:
        print(json.dumps(measure(args.count, args.build_count, args.repeat), indent=2))
        return 0
    summary = compare(args)
    write_results(args, summary)
    print(json.dumps(summary, indent=2))
    return 0


def write_results(args: argparse.Namespace, summary: dict[str, dict[str, float]]) -> None:
    """bench/results/ntriples.json and .md: the figures and what they were measured on."""
    run = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "this": _commit(ROOT),
        "baseline": _commit(Path(args.baseline)),
        "records": {"nquads": args.count, "build_graph": args.build_count},
        "repeat": args.repeat,
        "rounds": args.rounds,
        "load_average": os.getloadavg()[0],
        "stages": summary,
    }
    (args.out / "ntriples.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# Triple writers: this checkout ({run['this']}) vs {run['baseline']}",
        "",
        f"{run['date']}, {args.rounds} alternating rounds of {args.repeat} runs each, synthetic "
        "records (bench/gen_statements.py), medians.",
        "",
        "| stage | records | this s | baseline s | this / baseline |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for stage, figures in summary.items():
        lines.append(
            f"| {stage} | {run['records'][stage]:,} | {figures['this_s']:.3f} | "
            f"{figures['baseline_s']:.3f} | {figures['ratio']:.2f} |"
        )
    (args.out / "ntriples.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _commit(checkout: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(checkout), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    )
    return done.stdout.strip()[:60] or str(checkout)


if __name__ == "__main__":
    sys.exit(main())
