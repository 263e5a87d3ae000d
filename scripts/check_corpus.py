"""Check the training corpus in data/corpus/ against the contract and print its counts.

    .venv/bin/python scripts/check_corpus.py [--writer NAME ...] [--root DIR]

Exit status 1 when any case or record has a problem (all are listed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.corpus import load_corpus, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writer", action="append", help="only this gold/<writer>.json")
    parser.add_argument("--root", type=Path, help="corpus folder (default data/corpus)")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.root, args.writer)
    for problem in corpus.problems:
        print(problem, file=sys.stderr)
    print(json.dumps(summary(corpus), indent=2))
    print(f"{len(corpus.problems)} problem(s)", file=sys.stderr)
    return 1 if corpus.problems else 0


if __name__ == "__main__":
    sys.exit(main())
