"""How build, OWL-RL reasoning and SHACL validation times grow with graph size.

Builds graphs from synthetic records (bench/gen_statements.py) of increasing size and
times kg.build.build_graph, kg.reason.infer and kg.validate.validate on each. Writes
bench/results/reason.json and bench/results/reason.md. Run with nice, from the repository
root:

    nice .venv/bin/python bench/bench_reason.py --records 60 300 1200 3000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_statements import generate

from kg.build import build_graph
from kg.model import Statement
from kg.reason import infer
from kg.validate import validate
from kg.vocab import ASSERTED_GRAPH

RESULTS = Path(__file__).resolve().parent / "results"


def measure(count: int, seed: int) -> dict[str, float | int]:
    records = [Statement.from_dict(r) for r in generate(count, seed)]
    started = time.perf_counter()
    dataset = build_graph(records)
    built = time.perf_counter()
    inferred = infer(dataset)
    reasoned = time.perf_counter()
    report = validate(dataset)
    validated = time.perf_counter()
    triples = len(dataset.graph(ASSERTED_GRAPH))
    return {
        "records": count,
        "asserted_triples": triples,
        "inferred_triples": len(inferred),
        "build_s": round(built - started, 3),
        "reason_s": round(reasoned - built, 3),
        "reason_ms_per_triple": round(1000 * (reasoned - built) / triples, 3),
        "validate_s": round(validated - reasoned, 3),
        "conforms": report.conforms,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[60, 300, 1200, 3000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    rows = []
    for count in args.records:
        row = measure(count, args.seed)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reason.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = [
        "| records | asserted triples | inferred triples | build s | reason s | "
        "reason ms/triple | SHACL s | conforms |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['records']:,} | {r['asserted_triples']:,} | {r['inferred_triples']:,} | "
            f"{r['build_s']} | {r['reason_s']} | {r['reason_ms_per_triple']} | "
            f"{r['validate_s']} | {r['conforms']} |"
        )
    (args.out / "reason.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
