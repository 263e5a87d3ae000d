"""What the store benches (bench_stores.py, bench_virtuoso_replace.py) share around a run:
a work folder that is removed afterwards unless the user named one, and the results
written atomically as bench/results/NAME.json and NAME.md."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kg.files import write_text_atomic

RESULTS = Path(__file__).resolve().parent / "results"
T = TypeVar("T")


def run_in_work_folder(work: Path | None, prefix: str, run: Callable[[Path], T]) -> T:
    folder = work or Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return run(folder)
    finally:
        if not work:
            shutil.rmtree(folder, ignore_errors=True)


def write_results(name: str, results: dict[str, Any], text: str) -> None:
    """RESULTS/NAME.json and RESULTS/NAME.md, then the markdown on stdout."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    write_text_atomic(RESULTS / f"{name}.json", json.dumps(results, indent=2) + "\n")
    write_text_atomic(RESULTS / f"{name}.md", text)
    print(text)
