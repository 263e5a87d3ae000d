"""One big text file through `kg extract`: time and peak memory, slice by slice.

Writes a text file of `--mb` MB made of bench/generate.py's news-style documents (one
after another, blank lines between them), then runs `kg extract FILE -o OUT -q` in a
child process for each `--max-size` (the slice size, in MB) and records its wall time,
the slices extracted, the records, and the child's peak resident memory (from wait4).
A slice size of 1.0 was kg's old single-document limit, where one slice alone took
2.6-3 GB; the default (0.1) keeps the whole file under 1 GB.

    nice .venv/bin/python bench/bench_large_file.py --mb 52
    nice .venv/bin/python bench/bench_large_file.py --mb 5 --max-size 0.1 0.2 1.0

Writes bench/results/large_file.json and bench/results/large_file.md (the runs of one
invocation; earlier results are replaced).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate_documents  # noqa: E402


def write_big_file(path: Path, megabytes: float, seed: int = 1) -> int:
    """News-style documents one after another until the file holds `megabytes` MB."""
    path.parent.mkdir(parents=True, exist_ok=True)
    target = int(megabytes * 1_000_000)
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < target:
            for doc in generate_documents(2000, seed=seed):
                handle.write(f"{doc.title}\n\n{doc.text}\n\n")
                if handle.tell() >= target:
                    break
            seed += 1
    return path.stat().st_size


def run_extract(source: Path, out: Path, max_size: float) -> dict[str, object]:
    kg = Path(sys.executable).with_name("kg")
    command = [str(kg), "extract", str(source), "-o", str(out), "-q", "--max-size", str(max_size)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    err = child.stderr.read() if child.stderr else ""
    index = Path(f"{out}.done")
    slices = len(index.read_text(encoding="utf-8").splitlines()) if index.exists() else 0
    records = len(out.read_text(encoding="utf-8").splitlines()) if out.exists() else 0
    return {
        "max_size_mb": max_size,
        "exit_code": os.waitstatus_to_exitcode(status),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),  # Linux: kilobytes
        "slices": slices,
        "records": records,
        "stderr_tail": err.strip().splitlines()[-2:],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=52.0, help="file size in MB (default 52)")
    parser.add_argument("--max-size", type=float, nargs="+", default=[0.1], metavar="MB")
    parser.add_argument("--work", type=Path, default=ROOT / "out" / "bench" / "large")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)

    source = args.work / f"big-{args.mb:g}mb.txt"
    size = write_big_file(source, args.mb)
    runs = []
    for max_size in args.max_size:
        out = args.work / f"statements-{max_size:g}.jsonl"
        for stale in (out, Path(f"{out}.done")):
            stale.unlink(missing_ok=True)
        result = run_extract(source, out, max_size)
        print(json.dumps(result), flush=True)
        runs.append(result)
    report = {"file_bytes": size, "cpu_count": os.cpu_count(), "runs": runs}
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "large_file.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    lines = [
        f"# One {size / 1e6:.1f} MB text file through `kg extract`",
        "",
        "| slice size (MB) | exit | slices | records | wall time (s) | peak RSS (MB) |",
        "| --- | --- | --- | --- | --- | --- |",
        *(
            f"| {r['max_size_mb']} | {r['exit_code']} | {r['slices']:,} | {r['records']:,} "
            f"| {r['seconds']:,} | {r['peak_rss_mb']:,} |"
            for r in runs
        ),
        "",
        "",
    ]
    (args.results / "large_file.md").write_text("\n".join(lines), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
