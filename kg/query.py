"""SPARQL over a kg graph: named queries from queries/, parameters, rows as plain dicts.

`query(q, graph, params)` runs a query over the union of the asserted and inferred graphs
and returns a list of dicts (variable -> str / int / float / bool / None). `q` is a query
name from queries/ ("who_blames_whom", with or without .rq), a path to a .rq file, or
SPARQL text.

Parameters (the convention of every file in queries/, see queries/README.md): a query
declares each one in its comment header as

    # param: NAME = DEFAULT        (or just `# param: NAME` for "unset")

`prepare` adds `VALUES ?NAME { value }` at the end of the outer WHERE block and of every
sub-select that uses ?NAME, so filters there see the value; an unset parameter is left
unbound (a filter written `!BOUND(?NAME) || ...` then restricts nothing). A parameter
named `limit` sets the query's one `LIMIT n` clause instead (0: no limit).
Values are written as SPARQL terms: `<iri>` or http(s)://... -> IRI, `actor:iran` (a kg
prefix) -> IRI, an integer -> xsd:integer, anything else -> a plain string literal.
Loading graphs is kg.graphio's job; `query` takes an rdflib Dataset or Graph, so other
back ends (an Oxigraph store) can reuse `prepare` and `rows_from`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal

from kg.callable_module import make_module_callable
from kg.paths import queries_path

Row = dict[str, Any]
_PARAM_RE = re.compile(r"^#\s*param:\s*([A-Za-z_]\w*)\s*(?:=\s*(.*?))?\s*$")
_WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_QUERY_FORM_RE = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_INT_RE = re.compile(r"^[+-]?\d+$")
_PREFIXED_RE = re.compile(r"^([A-Za-z][\w-]*):([\w.-]*)$")
OUTPUT_FORMATS = ("table", "csv", "json")
# SPARQL string escapes (tabs too: rdflib's parser would expand a raw tab to spaces).
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


class QueryError(ValueError):
    """A query that cannot be found, prepared or run; the message says why."""


@dataclass(frozen=True)
class NamedQuery:
    text: str
    params: dict[str, str | None] = field(default_factory=dict)  # name -> default
    description: str = ""
    source: str = "<text>"


def list_queries() -> list[str]:
    """Names of the bundled queries in queries/."""
    return sorted(p.stem for p in queries_path().glob("*.rq"))


def load_query(q: str | Path) -> NamedQuery:
    """A query by name (queries/NAME.rq), path, or SPARQL text, with its header read."""
    text, source = _query_text(q)
    params: dict[str, str | None] = {}
    description: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _PARAM_RE.match(stripped)
        if match:
            params[match.group(1)] = match.group(2) or None
        elif not params:
            description.append(stripped.lstrip("#").strip())
    # The one-line description: the header's opening phrase, up to its first colon or stop.
    summary = " ".join(d for d in description if d).split(". ")[0].split(": ")[0]
    return NamedQuery(text=text, params=params, description=summary, source=source)


def prepare(named: NamedQuery, params: Mapping[str, str] | None = None) -> str:
    """The SPARQL text with every declared parameter bound (given value, else default).

    A parameter with a value is bound by a `VALUES` block at the end of the outer WHERE
    group and of every sub-select's WHERE group that uses it, so a sub-select can filter
    (and then order and cut) by it; an unset one is left unbound. The parameter `limit`
    is special: it sets the query's one `LIMIT n` clause (0 removes it)."""
    params = dict(params or {})
    unknown = set(params) - set(named.params)
    if unknown:
        declared = ", ".join(sorted(named.params)) or "none"
        raise QueryError(
            f"{named.source}: unknown parameter(s) {', '.join(sorted(unknown))}; "
            f"this query declares: {declared}"
        )
    text = named.text
    if LIMIT_PARAM in named.params:
        text = _set_limit(named, params.get(LIMIT_PARAM, named.params[LIMIT_PARAM]))
    # An unset parameter gets no VALUES block: its variable stays unbound, which filters
    # written as `!BOUND(?x) || ...` read as "no restriction" (as `VALUES ?x { UNDEF }`
    # would), and which query planners can see through.
    bound = {name: params.get(name, default) for name, default in named.params.items()}
    bound = {name: value for name, value in bound.items() if value not in (None, "")}
    bound.pop(LIMIT_PARAM, None)
    text = _drop_unused_filters(named, text, set(bound))
    if not bound:
        return text
    code = _strip_comments(text)
    blocks = _where_blocks(code)
    if not blocks:
        raise QueryError(f"{named.source}: a query with parameters needs a 'WHERE {{ ... }}' block")
    insertions: list[tuple[int, str]] = []
    for number, (start, close) in enumerate(blocks):
        own = _own_text(code, start, close, blocks)
        names = [n for n in bound if number == 0 or re.search(rf"[?$]{n}\b", own)]
        if names:
            insertions.append((close, _values_block(names, bound)))
    # At the END of each group: rdflib joins a group's parts left to right and keeps the
    # order of the left side only, so an ordered sub-select placed before the VALUES
    # block keeps its order (and GROUP_CONCAT lists stay sorted).
    for close, block in sorted(insertions, reverse=True):
        head = text[:close].rstrip(" ")
        if not head.endswith("\n"):
            head += "\n"
        text = head + block + text[close:]
    return text


LIMIT_PARAM = "limit"
_ONLY_WITH_RE = re.compile(r"^[ \t]*#[ \t]*only with:[ \t]*([A-Za-z_]\w*)[ \t]*$", re.MULTILINE)


def _drop_unused_filters(named: NamedQuery, text: str, bound: set[str]) -> str:
    """The text without the groups marked `# only with: NAME` whose parameter is unset.

    Such a group only restricts rows by the parameter (its filter reads `!BOUND(?NAME) ||
    ...`, so the query means the same with or without it); dropping it when the parameter
    is unset saves a join over every statement, which a store's planner cannot skip."""
    code = _strip_comments(text)
    cuts: list[tuple[int, int]] = []
    for marker in _ONLY_WITH_RE.finditer(text):
        name = marker.group(1)
        if name not in named.params:
            raise QueryError(f"{named.source}: '# only with: {name}' names no declared parameter")
        start = code.find("{", marker.end())
        close = _matching_brace(code, start) if start >= 0 else -1
        if close < 0:
            raise QueryError(
                f"{named.source}: '# only with: {name}' is not followed by a {{ group }}"
            )
        if name not in bound:
            cuts.append((start, close + 1))
    for start, end in sorted(cuts, reverse=True):
        text = text[:start] + text[end:]
    return text


_LIMIT_RE = re.compile(r"\bLIMIT\s+\d+", re.IGNORECASE)


def _set_limit(named: NamedQuery, value: str | None) -> str:
    """The text with its one `LIMIT n` set to `value` (0 or empty: no limit)."""
    raw = (value or "0").strip()
    if not raw.isdigit():
        raise QueryError(
            f"{named.source}: limit must be a whole number (0 = no limit), got {raw!r}"
        )
    code = _strip_comments(named.text)
    found = list(_LIMIT_RE.finditer(code))
    if len(found) != 1:
        raise QueryError(f"{named.source}: declares 'limit' but has {len(found)} LIMIT clauses")
    match = found[0]
    replacement = f"LIMIT {int(raw)}" if int(raw) else ""
    return named.text[: match.start()] + replacement + named.text[match.end() :]


def _where_blocks(code: str) -> list[tuple[int, int]]:
    """(open brace, closing brace) of every WHERE group, outermost first."""
    blocks = []
    for match in _WHERE_RE.finditer(code):
        close = _matching_brace(code, match.end() - 1)
        if close > 0:
            blocks.append((match.end() - 1, close))
    return blocks


def _own_text(code: str, start: int, close: int, blocks: list[tuple[int, int]]) -> str:
    """A WHERE group's text without the sub-selects nested in it."""
    parts, position = [], start
    for inner_start, inner_close in blocks:
        if start < inner_start and inner_close < close and inner_start >= position:
            select = code.rfind("SELECT", position, inner_start)
            cut = select if select >= 0 else inner_start
            parts.append(code[position:cut])
            position = inner_close + 1
    parts.append(code[position : close + 1])
    return "".join(parts)


def _values_block(names: list[str], bound: Mapping[str, str]) -> str:
    lines = [f"VALUES ?{name} {{ {sparql_term(bound[name])} }}" for name in names]
    return "  " + "\n  ".join(lines) + "\n"


def sparql_term(value: str) -> str:
    """A parameter value written as a SPARQL term (see the module docstring)."""
    from kg.vocab import ACTOR, DOCUMENT, EVENT, KG, STATEMENT

    value = value.strip()
    prefixes = {
        "kg": str(KG._NS),
        "actor": str(ACTOR),
        "doc": str(DOCUMENT),
        "event": str(EVENT),
        "stmt": str(STATEMENT),
    }
    if value.startswith("<") and value.endswith(">"):
        return value
    if value.startswith(("http://", "https://")) and " " not in value:
        return f"<{value}>"
    match = _PREFIXED_RE.match(value)
    if match and match.group(1) in prefixes:
        return f"<{prefixes[match.group(1)]}{match.group(2)}>"
    if _INT_RE.match(value):
        return value
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return '"' + value.translate(_ESCAPES) + '"'


ENGINES = ("oxigraph", "rdflib")


class QueryTimeout(QueryError):
    """A query that did not finish within its timeout."""


def query(
    q: str | Path,
    graph: Dataset | Graph,
    params: Mapping[str, str] | None = None,
    *,
    engine: str = "oxigraph",
    timeout_s: float | None = None,
) -> list[Row]:
    """Run a query over the union of the graph's named graphs; rows as plain dicts.

    `graph` is an rdflib Graph / Dataset or a store opened with `kg.store.open_store`.
    An rdflib graph is copied into an in-memory Oxigraph store and queried there (the
    engine the query library is written and measured for); `engine="rdflib"` runs
    rdflib's own SPARQL engine instead (slow on the library's scale-minded shapes).

    With `timeout_s`, raises QueryTimeout when the rows are not all there in time. The
    query runs in a daemon thread that cannot be stopped (neither engine can be
    interrupted): it ends with the process, as `kg query --timeout` does; a long-lived
    program that needs the work stopped runs queries in a process (`kg serve`)."""
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if not timeout_s:
        return _query(q, graph, params, engine)
    return _within(timeout_s, lambda: _query(q, graph, params, engine))


def _within(timeout_s: float, work: Any) -> Any:
    """`work()`'s result, or QueryTimeout after `timeout_s` (the work is left running in
    a daemon thread, which the process's exit ends)."""
    import threading

    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=run, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise QueryTimeout(f"the query did not finish within the {timeout_s:g} s timeout")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _query(
    q: str | Path, graph: Dataset | Graph, params: Mapping[str, str] | None, engine: str
) -> list[Row]:
    from kg.store import is_store, memory_store, run_query

    if is_store(graph):
        return run_query(graph, q, dict(params or {}))
    if engine == "oxigraph":
        return run_query(memory_store(graph), q, dict(params or {}))
    named = load_query(q)
    text = prepare(named, params)
    target = _union(graph)
    try:
        result = target.query(text)
    except Exception as error:  # rdflib raises pyparsing and evaluation errors
        raise QueryError(f"{named.source}: {error}") from error
    return rows_from(result)


def rows_from(result: Any) -> list[Row]:
    """rdflib query result -> rows. SELECT: one dict per solution, keys in projection
    order; ASK: [{"result": bool}]; CONSTRUCT/DESCRIBE: subject/predicate/object rows."""
    if result.type == "ASK":
        return [{"result": bool(result.askAnswer)}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return [
            {"subject": plain(s), "predicate": plain(p), "object": plain(o)}
            for s, p, o in sorted(result.graph, key=lambda t: tuple(x.n3() for x in t))
        ]
    names = [str(v) for v in result.vars]
    return [{name: plain(row[i]) for i, name in enumerate(names)} for row in result]


def plain(term: Any) -> Any:
    """An RDF term as a plain Python value: numbers and booleans as such, anything else
    (IRIs, strings, dates) as its text; None when unbound."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, Decimal):
            return float(value)
        return str(term)
    return str(term)


def format_rows(rows: list[Row], fmt: str = "table") -> str:
    """Rows as an aligned text table, CSV or JSON."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
        return out.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    if not rows:
        return "(no results)\n"
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


def _cell(value: Any, limit: int = 70) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _query_text(q: str | Path) -> tuple[str, str]:
    if isinstance(q, str) and ("\n" in q or _looks_like_sparql(q)):
        return str(q), "<text>"
    path = Path(q)
    candidates = [path] if path.suffix == ".rq" else []
    candidates += [queries_path(f"{path.name}.rq"), queries_path(path.name)]
    if path.suffix != ".rq":
        candidates.append(path.with_suffix(".rq"))
    for candidate in candidates:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8"), str(candidate)
    known = ", ".join(list_queries()) or "none"
    raise QueryError(f"no query named {str(q)!r} (a .rq file, or one of: {known})")


def _looks_like_sparql(text: str) -> bool:
    return bool(_QUERY_FORM_RE.search(text)) and "{" in text


def _strip_comments(text: str) -> str:
    """Blank out # comments (keeping offsets) so 'WHERE {' in a comment is not matched.
    A '#' inside an IRI or string is rare in our queries; IRIs with fragments are skipped."""
    out = []
    for line in text.splitlines(keepends=True):
        index = _comment_start(line)
        out.append(line if index < 0 else line[:index] + " " * (len(line) - index - 1) + "\n")
    return "".join(out)


def _matching_brace(code: str, start: int) -> int:
    """Index of the '}' closing the '{' at `start` (string literals skipped), or -1."""
    depth = 0
    quote = ""
    escaped = False
    for index in range(start, len(code)):
        char = code[index]
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _comment_start(line: str) -> int:
    in_iri = in_string = False
    for i, char in enumerate(line):
        if char == '"' and not in_iri:
            in_string = not in_string
        elif char == "<" and not in_string:
            in_iri = True
        elif char == ">" and not in_string:
            in_iri = False
        elif char == "#" and not in_iri and not in_string:
            return i
    return -1


def _union(graph: Dataset | Graph) -> Graph:
    if isinstance(graph, Dataset) and not graph.default_union:
        union = Dataset(store=graph.store, default_union=True)
        for prefix, namespace in graph.namespaces():
            union.bind(prefix, namespace)
        return union
    return graph


def iter_params(pairs: Iterable[str]) -> dict[str, str]:
    """`["speaker=Hezbollah", ...]` (the CLI's --param values) -> a dict."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param needs NAME=VALUE, got {pair!r}")
        params[name.strip()] = value
    return params


__all__ = [
    "ENGINES",
    "NamedQuery",
    "QueryError",
    "format_rows",
    "list_queries",
    "load_query",
    "prepare",
    "query",
    "rows_from",
]


make_module_callable(__name__, query)
