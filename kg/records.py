"""Reading and writing statement records: JSONL (extractor output), JSON, CSV and YAML
(statements curated by hand).

Each bad record is reported as a `LoadIssue` naming the file, the line and the reason;
the good records around it are kept.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.files import UnreadableFile, atomic_writer, read_text
from kg.model import RecordError, Statement, label_fields

RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".yaml", ".yml"}
# In CSV cells, several targets are separated by ';' (or '|').
_CSV_SEPARATORS = (";", "|")


@dataclass(frozen=True)
class LoadIssue:
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass
class LoadResult:
    statements: list[Statement] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)


def load_statements(paths: Iterable[str | Path]) -> LoadResult:
    """Load records from files or folders (folders: every record file inside, sorted)."""
    result = LoadResult()
    for path in _expand(paths, result):
        try:
            text = read_text(path)
        except (OSError, UnreadableFile) as error:
            result.issues.append(LoadIssue(str(path), None, _reason(error)))
            continue
        if not text.strip():
            result.issues.append(LoadIssue(str(path), None, "empty file, no records"))
            continue
        for line, data_or_error in _parse(path, text):
            if isinstance(data_or_error, Exception):
                result.issues.append(LoadIssue(str(path), line, _reason(data_or_error)))
                continue
            try:
                result.statements.append(Statement.from_dict(data_or_error))
            except RecordError as error:
                result.issues.append(LoadIssue(str(path), line, str(error)))
    return result


def write_jsonl(path: str | Path, records: Iterable[Statement | dict[str, Any]]) -> int:
    """Write records as JSON Lines, atomically. Returns the number written."""
    count = 0
    with atomic_writer(path) as handle:
        for record in records:
            data = record.to_dict() if isinstance(record, Statement) else record
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
            count += 1
    return count


def _expand(paths: Iterable[str | Path], result: LoadResult) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in RECORD_SUFFIXES)
        elif path.exists():
            yield path
        else:
            result.issues.append(LoadIssue(str(path), None, "no such file or folder"))


def _parse(path: Path, text: str) -> Iterator[tuple[int | None, Any]]:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        yield from _parse_yaml(text)
    elif suffix == ".csv":
        yield from _parse_csv(text)
    elif suffix == ".json" and text.lstrip().startswith("["):
        yield from _parse_json_list(text)
    else:
        yield from _parse_jsonl(text)


def _parse_jsonl(text: str) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, ValueError(f"malformed JSON ({error.msg}, column {error.colno})")


def _parse_json_list(text: str) -> Iterator[tuple[int | None, Any]]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        yield error.lineno, ValueError(f"malformed JSON ({error.msg})")
        return
    for item in items:
        yield None, item


def _parse_yaml(text: str) -> Iterator[tuple[int | None, Any]]:
    try:
        nodes = yaml.compose(text)
        items = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        yield (mark.line + 1 if mark else None), ValueError(f"malformed YAML: {error}")
        return
    if isinstance(items, dict):
        items = items.get("statements", [items])
    if not isinstance(items, list):
        yield 1, ValueError("expected a list of statement records")
        return
    lines = _yaml_item_lines(nodes, len(items))
    yield from zip(lines, items, strict=True)


def _yaml_item_lines(node: Any, count: int) -> list[int | None]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "statements":
                node = value
    if isinstance(node, yaml.SequenceNode) and len(node.value) == count:
        return [item.start_mark.line + 1 for item in node.value]
    return [None] * count


def _parse_csv(text: str) -> Iterator[tuple[int, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    labels = frozenset(label_fields())
    for row in reader:
        line = reader.line_num
        if None in row:
            yield line, ValueError("more cells than header columns")
            continue
        yield line, _csv_row_to_record(row, labels)


def _csv_row_to_record(row: dict[str, str | None], labels: frozenset[str]) -> dict[str, Any]:
    """A CSV row as a record: the label fields (`labels`) split into lists of names."""
    record: dict[str, Any] = {}
    for key, value in row.items():
        cell = (value or "").strip()
        if key in labels:
            record[key] = _split_targets(cell)
        elif key in ("evidence_start", "evidence_end") and cell:
            record[key] = int(cell) if cell.isdigit() else cell
        elif key == "confidence" and cell:
            record[key] = _float_or_text(cell)
        else:
            record[key] = cell or None
    return record


def _split_targets(cell: str) -> list[str]:
    for separator in _CSV_SEPARATORS:
        if separator in cell:
            return [part.strip() for part in cell.split(separator) if part.strip()]
    return [cell] if cell else []


def _float_or_text(cell: str) -> float | str:
    try:
        return float(cell)
    except ValueError:
        return cell


def _reason(error: Exception) -> str:
    text = str(error)
    # Drop a leading "path: " the error may already carry; LoadIssue adds the path.
    return text.split(": ", 1)[1] if text.startswith(("/", ".")) and ": " in text else text
