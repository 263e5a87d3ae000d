"""The `kg` command line: a thin layer over the library.

Each command parses its arguments, makes one library call, prints a short report on
stderr, and turns library errors into a clear message and a non-zero exit code here, at
the boundary only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from kg import __version__


class CliError(Exception):
    """An error to report to the user as `kg: error: ...` with exit code 2."""


def _warn(message: str) -> None:
    print(f"kg: warning: {message}", file=sys.stderr)


def _info(message: str) -> None:
    print(message, file=sys.stderr)


# --- kg check -------------------------------------------------------------------------


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="validate statement records (JSONL, JSON, CSV, YAML) against the contract",
        description="Validate statement records and report every bad one with file and line.",
    )
    p.add_argument("statements", nargs="+", help="record files or folders")
    p.set_defaults(func=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from kg.records import load_statements

    result = load_statements(args.statements)
    for issue in result.issues:
        _warn(str(issue))
    _info(f"{len(result.statements)} valid records, {len(result.issues)} problems")
    return 1 if result.issues else 0


# --- the parser -------------------------------------------------------------------------

# Each command contributes one `_add_*` function; order here is the order in --help.
_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_check,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description=(
            "Build knowledge graphs of statements by armed groups: extract statement "
            "records from news text, build an RDF graph under the kg ontology, reason, "
            "query it with SPARQL, analyse alignment and draw it."
        ),
        epilog="Run 'kg COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in _COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
