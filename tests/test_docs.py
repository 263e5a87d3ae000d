"""README.md stays true: the commands, options, queries and links it shows must exist.

Each check is a function over the README's text, so the tests below also run it on small
broken READMEs of our own to show that it can fail.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kg.cli import build_parser

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"

# `kg <subcommand>` in command position: `kg` at the start of a line or span, after a
# prompt, `;`, `&&`, a pipe, a bracket, a quote or a path (`.venv/bin/kg`), followed by a
# lowercase word and then a space, a quote or the end. An argument (`ruff check kg tests`)
# and output lines ("kg run: done", "kg: error") do not match.
_COMMAND = re.compile(r"(?:^|[$;&|(\"'`/])[ \t]*kg[ \t]+([a-z][a-z0-9_-]*)(?=[\s\"'`]|$)")
_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
# `kg/...` paths and `kg.a.b` names, not inside a longer path or URL (`ontology/kg.ttl`,
# `http://host/kg/update`); a path ends on a word character or a slash, not on a full stop.
_KG_PATH = re.compile(r"(?<![\w./-])kg/[\w/.-]*[\w/]")
_KG_NAME = re.compile(r"(?<![\w./-])kg(?:\.[A-Za-z_]\w*)+")
# A bare module file name (`nlp.py`, as the architecture page names kg/extract's modules).
_BARE_PY = re.compile(r"(?<![\w./-])\w+\.py\b")
_FILE_SUFFIXES = {"ttl", "json", "jsonl", "yaml", "html", "md", "rq", "csv", "txt", "py"}


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _code(text: str) -> Iterator[str]:
    """The README's code: each line of a fenced block (continuations joined), then each
    inline code span outside the blocks."""
    prose: list[str] = []
    block: list[str] | None = None
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            if block is None:
                block = []
            else:
                yield from "\n".join(block).replace("\\\n", " ").splitlines()
                block = None
        elif block is not None:
            block.append(line)
        else:
            prose.append(line)
    for line in prose:
        yield from re.findall(r"`([^`]+)`", line)


def _tail(line: str, end: int) -> str:
    """What follows a command up to the next command, a comment, `;`, `&&`, or a pipe into
    another program (`| head`; a `|` between alternatives such as `ttl|nt` or
    `(--graph F | --store DIR)` is part of the usage)."""
    rest = line[end:]
    next_command = _COMMAND.search(rest)
    if next_command:
        rest = rest[: next_command.start()]
    rest = re.split(r"\s#|;|&&|\|\s+(?![\s-])", rest, maxsplit=1)[0]
    return rest


def commands_in(text: str) -> list[tuple[str, list[str]]]:
    """Every `kg <subcommand>` written in the text's code, with the options after it."""
    found = []
    for line in _code(text):
        for match in _COMMAND.finditer(line):
            tail = _tail(line, match.end())
            found.append((match.group(1), _OPTION.findall(tail)))
    return found


def unknown_commands_and_options(text: str) -> list[str]:
    parsers = _subparsers()
    problems = []
    for command, options in commands_in(text):
        parser = parsers.get(command)
        if parser is None:
            problems.append(f"kg {command}: no such subcommand")
            continue
        for option in options:
            if option not in parser._option_string_actions:
                problems.append(f"kg {command} {option}: no such option")
    return problems


def _cli_table_rows(text: str) -> list[str]:
    """The table rows of the section whose heading mentions 'CLI'."""
    section = re.search(r"^##+ [^\n]*CLI[^\n]*\n(.*?)(?=^##? |\Z)", text, re.M | re.S)
    if not section:
        return []
    return [line for line in section.group(1).splitlines() if line.startswith("|")]


def commands_missing_from_cli_table(text: str) -> list[str]:
    """Subcommands without a row whose first cell is `kg <subcommand> ...`, required
    options missing from that row, and options in its first two cells that do not exist."""
    rows: dict[str, str] = {}
    for row in _cli_table_rows(text):
        first = row.strip("|").split(" | ")[0]
        match = re.match(r"\s*`kg ([a-z][a-z0-9_-]*)", first)
        if match:
            rows[match.group(1)] = row
    problems = []
    for command, parser in _subparsers().items():
        row = rows.get(command)
        if row is None:
            problems.append(f"kg {command}: no row in the CLI table")
            continue
        listed = " ".join(re.findall(r"`([^`]+)`", " | ".join(row.strip("|").split(" | ")[:2])))
        for option in _OPTION.findall(listed):
            if option not in parser._option_string_actions:
                problems.append(f"kg {command} {option}: no such option (CLI table)")
        for action in parser._actions:
            names = action.option_strings
            if action.required and names and not any(_mentions(row, o) for o in names):
                problems.append(f"kg {command}: required {names[0]} missing")
    return problems


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def undocumented_queries(*texts: str) -> list[str]:
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    joined = "\n".join(texts)
    return [name for name in names if not _mentions(joined, name)]


def broken_links(text: str, base: Path) -> list[str]:
    """Relative links (files and folders) that do not exist; in-page anchors that no
    heading gives. Code (fenced blocks, inline spans) is not read."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", prose, re.M)}
    problems = []
    for target in _LINK.findall(prose):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ...
            continue
        path, _, fragment = target.partition("#")
        if not path:
            if fragment not in anchors:
                problems.append(f"#{fragment}: no such heading")
        elif not (base / path).exists():
            problems.append(f"{target}: no such file")
    return problems


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def missing_modules(text: str) -> list[str]:
    """`kg/...` paths that do not exist in the repository and `kg.a.b` names that do not
    resolve to a module or an attribute of one (the lazy API of `kg` included)."""
    problems = [f"{p}: no such file or folder" for p in _KG_PATH.findall(text)]
    problems = [p for p in problems if not (ROOT / p.split(":")[0]).exists()]
    for name in _KG_NAME.findall(text):
        if name.rsplit(".", 1)[1] not in _FILE_SUFFIXES and not _resolves(name):
            problems.append(f"{name}: no such module or attribute")
    ours = {
        p.name
        for folder in ("kg", "scripts", "bench", "tests")
        for p in (ROOT / folder).rglob("*.py")
    }
    for name in _BARE_PY.findall(text):
        if name not in ours:
            problems.append(f"{name}: no such file in kg/, scripts/, bench/ or tests/")
    return problems


def _resolves(name: str) -> bool:
    found: object = importlib.import_module("kg")
    path = "kg"
    for part in name.split(".")[1:]:
        path = f"{path}.{part}"
        if hasattr(found, part):
            found = getattr(found, part)
        elif isinstance(found, ModuleType):
            try:
                found = importlib.import_module(path)
            except ModuleNotFoundError:
                return False
        else:
            return False
    return True


def modules_not_named(text: str) -> list[str]:
    """Modules of kg/ that the text does not name: as `kg/x.py` or `kg.x`, or, inside a
    subpackage (which the architecture page describes folder by folder), as `x.py` or by
    the spaCy component name `kg_x...` a component module registers."""
    missing = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if path.name == "__init__.py" or "bundled" in relative.parts:
            continue
        forms = [relative.as_posix(), ".".join(relative.with_suffix("").parts)]
        if len(relative.parts) > 2:
            forms.append(path.name)
        # a component by its registered name: learned.py registers kg_learned_stances
        component = re.search(rf"`kg_{path.stem}\w*`", text) and "components" in relative.parts
        if not component and not any(_mentions(text, form) for form in forms):
            missing.append(relative.as_posix())
    return missing


# --- The README itself -------------------------------------------------------------------


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text("utf-8")


def test_readme_commands_and_options_exist(readme: str) -> None:
    assert len(commands_in(readme)) > 20  # the scan finds the README's commands at all
    assert unknown_commands_and_options(readme) == []


def test_every_subcommand_has_a_row_in_the_cli_table(readme: str) -> None:
    assert commands_missing_from_cli_table(readme) == []


def test_every_query_is_documented(readme: str) -> None:
    queries_readme = (ROOT / "queries" / "README.md").read_text("utf-8")
    assert undocumented_queries(readme, queries_readme) == []


def test_readme_links_resolve(readme: str) -> None:
    assert broken_links(readme, ROOT) == []


def test_docs_pages_commands_and_options_exist() -> None:
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert unknown_commands_and_options(page.read_text("utf-8")) == [], page.name


def test_docs_pages_links_resolve() -> None:
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert broken_links(page.read_text("utf-8"), page.parent) == [], page.name


def test_docs_name_only_modules_that_exist(readme: str) -> None:
    pages = {"README.md": readme}
    pages |= {f"docs/{p.name}": p.read_text("utf-8") for p in (ROOT / "docs").glob("*.md")}
    assert len(_KG_PATH.findall(readme)) + len(_KG_NAME.findall(readme)) > 5
    assert {name: missing_modules(text) for name, text in pages.items()} == {
        name: [] for name in pages
    }


def test_the_architecture_page_names_every_module() -> None:
    assert modules_not_named((ROOT / "docs" / "architecture.md").read_text("utf-8")) == []


def test_the_quoted_timings_are_the_measured_ones(readme: str) -> None:
    """README.md and docs/pipeline.md quote bench/results/readme.json, which
    scripts/measure_readme.py writes: its figures, and its transcript's total time (not
    its stage lines, whose counts change with the extractor, not with the timings)."""
    results = json.loads((ROOT / "bench" / "results" / "readme.json").read_text("utf-8"))
    pipeline = (ROOT / "docs" / "pipeline.md").read_text("utf-8")
    figures = results["figures"]
    for key, value in figures.items():
        assert value in pipeline, key
        if key in ("sample_wall", "sample_clock", "fresh_clone"):
            assert value in readme, key
    transcript = results["sample"]["transcript"].splitlines()
    (total,) = [line for line in transcript if line.startswith("kg run: done in")]
    assert total in readme.splitlines() and total in pipeline.splitlines(), total


# --- The checks can fail -----------------------------------------------------------------


def test_an_unknown_subcommand_or_option_is_caught() -> None:
    text = (
        "Run `kg frobnicate x`.\n"
        "```console\n"
        "$ kg query who_blames_whom --graph g.ttl --colour red | head -n 3\n"
        "$ .venv/bin/kg build a.jsonl \\\n"
        "      -o g.ttl --reasonn   # a typo\n"
        "kg run: done in 3.7 s\n"
        "```\n"
    )
    assert unknown_commands_and_options(text) == [
        "kg query --colour: no such option",
        "kg build --reasonn: no such option",
        "kg frobnicate: no such subcommand",
    ]


def test_usage_alternatives_and_values_are_not_taken_for_pipes_or_options() -> None:
    text = (
        "`kg push (--graph F \\| --store DIR) (--endpoint URL \\| --graph-store URL)`\n"
        "```\nkg build x -o g.ttl --format ttl|nt --reason; ls -la\n```\n"
        '```mermaid\nA -->|"kg build --store"| B\n```\n'
    )
    assert commands_in(text) == [
        ("build", ["-o", "--format", "--reason"]),
        ("build", ["--store"]),
        ("push", ["--graph", "--store", "--endpoint", "--graph-store"]),
    ]
    assert unknown_commands_and_options(text) == []


def test_a_missing_cli_row_or_required_option_is_caught(readme: str) -> None:
    without_viz = "\n".join(
        line for line in readme.splitlines() if not line.startswith("| `kg viz")
    )
    assert commands_missing_from_cli_table(without_viz) == ["kg viz: no row in the CLI table"]
    no_output = readme.replace("| `kg extract INPUT... -o FILE` |", "| `kg extract INPUT...` |")
    assert commands_missing_from_cli_table(no_output) == ["kg extract: required -o missing"]
    assert commands_missing_from_cli_table("# kg\n") != []
    typo = readme.replace("`--no-validate`", "`--no-validation`")
    assert commands_missing_from_cli_table(typo) == [
        "kg build --no-validation: no such option (CLI table)"
    ]


def test_an_undocumented_query_is_caught() -> None:
    assert "who_blames_whom" in undocumented_queries("the query who_blames_whom_extra")
    assert "who_blames_whom" not in undocumented_queries("`who_blames_whom`")


def test_a_broken_link_is_caught(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "here.md").write_text("x")
    text = (
        "# Title\n## Quick start (two commands)\n"
        "[ok](docs/here.md) [ok](docs/here.md#part) [ok](docs/) [web](https://x.org/a)\n"
        "[gone](docs/gone.md) ![pic](img/none.png) [ok](#quick-start-two-commands) [no](#nope)\n"
    )
    assert broken_links(text, tmp_path) == [
        "docs/gone.md: no such file",
        "img/none.png: no such file",
        "#nope: no such heading",
    ]


def test_a_module_that_does_not_exist_is_caught() -> None:
    text = (
        "See `kg/pipeline.py`, `kg/extract/` and `kg/gone.py`; call `kg.run`, "
        "`kg.graphio.read_graph`, `kg.extract.readers.ReadIssue`, `kg.paths.data_path`,\n"
        "but not `kg.graphio.no_such`, `kg.nowhere` or `kg.extract.nowhere.f`. Files such as\n"
        "ontology/kg.ttl, `kg.ttl` and http://localhost:3030/kg/update are not modules.\n"
        "Inside kg/extract/: `nlp.py`, `gone.py`, and bench/gone.py (a path, not a name).\n"
    )
    assert missing_modules(text) == [
        "kg/gone.py: no such file or folder",
        "kg.graphio.no_such: no such module or attribute",
        "kg.nowhere: no such module or attribute",
        "kg.extract.nowhere.f: no such module or attribute",
        "gone.py: no such file in kg/, scripts/, bench/ or tests/",
    ]


def test_a_module_the_architecture_page_omits_is_caught() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    assert modules_not_named(page.replace("kg/viz.py", "kg/viz")) == ["kg/viz.py"]
    assert "kg/extract/runner.py" in modules_not_named(page.replace("`runner.py`", "runner"))
