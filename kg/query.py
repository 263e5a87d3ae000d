"""SPARQL over a kg graph: named queries from queries/, parameters, rows as plain dicts.

`query(q, graph, params)` runs a query and returns a list of dicts (variable -> str / int
/ float / bool / None). `q` is a query name from queries/ ("who_blames_whom", with or
without .rq), a path to a .rq file, or SPARQL text. The library queries are standalone
SPARQL 1.1 (queries/README.md): they name their graphs with `FROM` / `FROM NAMED` and
hold their parameters' defaults, so any store answers them as written.

Parameters: a query declares each one in its comment header as `# param: NAME` and binds
it in its body, first in each group that uses it:

    BIND ("United States" AS ?target)      (BIND ("" AS ?target): unset)

`prepare` replaces the term of every such BIND with the value given (written by
`sparql_term`: an escaped string, a checked IRI or an integer). A parameter named `limit`
sets the query's `LIMIT n` clauses instead (all the same number; 0: no limit).
Values are written as SPARQL terms: `<iri>` or http(s)://... -> IRI, `actor:iran` (a kg
prefix) -> IRI, an integer -> xsd:integer, anything else -> a plain string literal.
Loading graphs is kg.graphio's job; `query` takes an rdflib Dataset or Graph, so other
back ends (an Oxigraph store, kg.endpoint) reuse `prepare` and the row shape.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal

from kg.paths import queries_path

if TYPE_CHECKING:
    import pyoxigraph

Row = dict[str, Any]
_PARAM_RE = re.compile(r"^#\s*param:\s*([A-Za-z_]\w*)\s*(?:=\s*(.*?))?\s*$")
_QUERY_FORM_RE = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_INT_RE = re.compile(r"[+-]?[0-9]+\Z")
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
    """A query by name (queries/NAME.rq), path, or SPARQL text, with its header read and
    the defaults of its parameters taken from the query body (see `prepare`)."""
    text, source = _query_text(q)
    declared: list[str] = []
    description: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _PARAM_RE.match(stripped)
        if match:
            if match.group(2):
                raise QueryError(
                    f"{source}: '# param: {match.group(1)} = {match.group(2)}': a default is "
                    f'written in the query itself, BIND ("{match.group(2)}" AS '
                    f"?{match.group(1)}) (see queries/README.md)"
                )
            declared.append(match.group(1))
        elif not declared:
            description.append(stripped.lstrip("#").strip())
    params = {name: _default(text, source, name) for name in declared}
    # The one-line description: the header's opening phrase, up to its first colon or stop.
    summary = " ".join(d for d in description if d).split(". ")[0].split(": ")[0]
    return NamedQuery(text=text, params=params, description=summary, source=source)


def _default(text: str, source: str, name: str) -> str | None:
    """A parameter's default as written in the query: the term of its BIND (the same in
    every one), or for `limit` the query's one LIMIT (None: unset)."""
    code = _strip_comments(text)
    if name == LIMIT_PARAM:
        found = _limit_matches(code, source)
        return found[0].group(1) if found else None
    terms = {match.group(1) for match in _bind_re(name).finditer(code)}
    if not terms:
        raise QueryError(
            f"{source}: declares parameter {name!r} but binds it nowhere; write its default "
            f'as BIND ("default" AS ?{name}) (or BIND ("" AS ?{name}) for unset) in each '
            f"group that uses it"
        )
    if len(terms) > 1:
        raise QueryError(
            f"{source}: parameter {name!r} has different defaults: {', '.join(sorted(terms))}"
        )
    return _term_text(terms.pop())


def _term_text(term: str) -> str | None:
    """The text a BIND term stands for (a string's content, an IRI in <>, a number);
    None for the empty string, which means "unset"."""
    if term.startswith('"'):
        content = re.sub(r"\\(.)", lambda m: _UNESCAPES.get(m.group(1), m.group(1)), term[1:-1])
        return content or None
    return term


_UNESCAPES = {"n": "\n", "r": "\r", "t": "\t"}


def prepare(named: NamedQuery, params: Mapping[str, str] | None = None) -> str:
    """The SPARQL text with the given parameters substituted (the others keep the
    defaults written in the query).

    A parameter NAME is bound in the query by `BIND (TERM AS ?NAME)`, first in each group
    that uses it (each sub-select reads its own); the value replaces TERM in every one of
    them, written as a SPARQL term by `sparql_term` (escaped string, checked IRI, integer).
    An empty value is the empty string, which the queries read as "no restriction". The
    parameter `limit` sets the query's `LIMIT n` clauses (0 removes them). Groups marked
    `# only with: NAME` are dropped when NAME is unset (see `_drop_unused_filters`)."""
    params = dict(params or {})
    unknown = set(params) - set(named.params)
    if unknown:
        declared = ", ".join(sorted(named.params)) or "none"
        raise QueryError(
            f"{named.source}: unknown parameter(s) {', '.join(sorted(unknown))}; "
            f"this query declares: {declared}"
        )
    effective = {name: params.get(name, default) for name, default in named.params.items()}
    unset = {name for name, value in effective.items() if not (value or "").strip()}
    text = _drop_unused_filters(named, named.text, unset)
    if LIMIT_PARAM in named.params:
        text = _set_limit(named.source, text, effective[LIMIT_PARAM])
    for name, value in params.items():
        if name != LIMIT_PARAM:
            text = _bind(named.source, text, name, sparql_term(value), name in unset)
    return text


def _bind(source: str, text: str, name: str, term: str, unset: bool = False) -> str:
    """The text with the term of every `BIND (... AS ?name)` replaced by `term` (an unset
    parameter may have lost its BINDs with its `# only with:` groups)."""
    code = _strip_comments(text)
    found = list(_bind_re(name).finditer(code))
    if not found and not unset:
        raise QueryError(f"{source}: no BIND (... AS ?{name}) to set the parameter {name!r}")
    for match in reversed(found):
        text = text[: match.start(1)] + term + text[match.end(1) :]
    return text


# A term kg writes as a parameter: a "string" (with escapes), an <IRI> or an integer.
_TERM = r'"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|[+-]?[0-9]+'


def _bind_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"\bBIND\s*\(\s*({_TERM})\s+AS\s+\?{name}\s*\)", re.IGNORECASE)


LIMIT_PARAM = "limit"
_ONLY_WITH_RE = re.compile(r"^[ \t]*#[ \t]*only with:[ \t]*([A-Za-z_]\w*)[ \t]*$", re.MULTILINE)


def _drop_unused_filters(named: NamedQuery, text: str, unset: set[str]) -> str:
    """The text without the groups marked `# only with: NAME` whose parameter is unset.

    Such a group only restricts rows by the parameter (its filter reads `?NAME = "" ||
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
        if name in unset:
            cuts.append((start, close + 1))
    for start, end in sorted(cuts, reverse=True):
        text = text[:start] + text[end:]
    return text


_LIMIT_RE = re.compile(r"\bLIMIT\s+(\d+)", re.IGNORECASE)


def _limit_matches(code: str, source: str) -> list[re.Match[str]]:
    """The query's LIMIT clauses, which must all carry the same number: a query that cuts
    in two stages (cheap keys first, then the rows tied on them) cuts both at `limit`."""
    found = list(_LIMIT_RE.finditer(code))
    if len({match.group(1) for match in found}) > 1:
        numbers = ", ".join(match.group(1) for match in found)
        raise QueryError(f"{source}: declares 'limit' but its LIMIT clauses differ ({numbers})")
    return found


def _set_limit(source: str, text: str, value: str | None) -> str:
    """The text with every `LIMIT n` set to `value` (0 or empty: no limit)."""
    raw = (value or "0").strip()
    if not raw.isascii() or not raw.isdigit():
        raise QueryError(f"{source}: limit must be a whole number (0 = no limit), got {raw!r}")
    found = _limit_matches(_strip_comments(text), source)
    if not found and int(raw):
        raise QueryError(f"{source}: declares 'limit' but has no LIMIT clause to set")
    replacement = f"LIMIT {int(raw)}" if int(raw) else ""
    for match in reversed(found):
        text = text[: match.start()] + replacement + text[match.end() :]
    return text


# An absolute IRI as SPARQL's IRIREF allows it: a scheme, then no space, quote, angle
# bracket or other character the grammar excludes (so a value cannot end the IRI early).
_IRI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*\Z")


def sparql_term(value: str) -> str:
    """A parameter value written as a SPARQL term (see the module docstring): `<iri>` or
    http(s)://... -> IRI (checked: an invalid IRI is an error, never passed on),
    `actor:iran` and kg's other prefixes -> IRI, an integer -> itself, anything else ->
    a string literal with quotes, backslashes and line breaks escaped."""
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
        return _iri(value[1:-1])
    if value.startswith(("http://", "https://")) and _IRI_RE.match(value):
        return f"<{value}>"
    match = _PREFIXED_RE.match(value)
    if match and match.group(1) in prefixes:
        return _iri(prefixes[match.group(1)] + match.group(2))
    if _INT_RE.match(value):
        return value
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return '"' + value.translate(_ESCAPES) + '"'


def _iri(iri: str) -> str:
    if not _IRI_RE.match(iri):
        raise QueryError(
            f"not a valid absolute IRI: <{iri}> (it needs a scheme such as https: and no "
            f'spaces or <>"{{}}|^`\\ characters)'
        )
    return f"<{iri}>"


_DATASET_RE = re.compile(r"\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:)", re.IGNORECASE)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's first form keyword ("" if none)."""
    match = _QUERY_FORM_RE.search(_strip_comments(sparql))
    return match.group(1).upper() if match else ""


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query names its own graphs (`FROM` / `FROM NAMED`): kg then runs it on
    exactly those graphs, as any SPARQL store does, and not on the union of all graphs."""
    return _DATASET_RE.search(_strip_comments(sparql)) is not None


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
    """Run a query on a kg graph; rows as plain dicts.

    A query with `FROM` / `FROM NAMED` (every query in queries/) reads exactly those
    graphs, as it would on any SPARQL store; a query without them reads the union of all
    named graphs. `graph` is an rdflib Graph / Dataset or a store opened with
    `kg.store.open_store` (a plain Graph counts as the asserted graph). An rdflib graph is
    copied into an in-memory Oxigraph store and queried there (the engine the query
    library is written and measured for); `engine="rdflib"` runs rdflib's own SPARQL
    engine instead (slow on the library's scale-minded shapes).

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
    from kg.store import ASSERTED_GRAPH, is_store, memory_store

    if is_store(graph):
        return run_query(graph, q, dict(params or {}))
    if engine == "oxigraph":
        return run_query(memory_store(graph, triples_graph=ASSERTED_GRAPH), q, dict(params or {}))
    named = load_query(q)
    text = prepare(named, params)
    if isinstance(graph, Dataset):
        target: Graph = graph if has_dataset_clause(text) else _union(graph)
    else:
        target = _as_asserted(graph) if has_dataset_clause(text) else graph
    try:
        with _no_graph_loading():
            result = target.query(text)
    except Exception as error:  # rdflib raises pyparsing and evaluation errors
        raise QueryError(f"{named.source}: {error}") from error
    return rows_from(result)


def run_query(
    store: pyoxigraph.Store, q: str | Path, params: Mapping[str, str] | None = None
) -> list[Row]:
    """`query` on an Oxigraph store (`kg.store.open_store`): a query name from queries/, a
    .rq path or SPARQL text, with the same parameters and the same plain-value rows. A
    query with FROM / FROM NAMED reads those graphs only (as on any store); one without
    reads the union of all named graphs (pyoxigraph's union flag would override its FROM
    clauses)."""
    from kg.store import StoreError, query_store

    named = load_query(q)
    text = prepare(named, params)
    try:
        return query_store(store, text, union_default_graph=not has_dataset_clause(text))
    except StoreError as error:
        raise QueryError(f"{named.source}: {error}") from error


@contextmanager
def _no_graph_loading() -> Iterator[None]:
    """rdflib fetches a FROM graph it does not hold from the web (its IRI as a URL): a
    kg graph built without --reason has no inferred graph, and a query must not make kg
    download anything. Off while kg queries; rdflib's setting is restored after."""
    import rdflib.plugins.sparql as sparql

    before = sparql.SPARQL_LOAD_GRAPHS
    sparql.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        sparql.SPARQL_LOAD_GRAPHS = before


def _as_asserted(graph: Graph) -> Dataset:
    """A plain Graph as a Dataset holding its triples in the asserted graph, where the
    library queries' FROM clauses look for them."""
    from kg.vocab import ASSERTED_GRAPH

    dataset = Dataset()
    asserted = dataset.graph(ASSERTED_GRAPH)
    for triple in graph:
        asserted.add(triple)
    return dataset


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
    # SPARQL's comments end at a line break; str.splitlines would also break at the
    # separators \x1c-\x1e, \x85 and \u2028, which a string parameter may hold
    for line in re.findall(r"[^\n]*\n|[^\n]+", text):
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
    in_iri = in_string = escaped = False
    for i, char in enumerate(line):
        if in_string:  # a backslash escapes the next character: "\"#" is one string
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"' and not in_iri:
            in_string = True
        elif char == "<":
            in_iri = True
        elif char == ">":
            in_iri = False
        elif char == "#" and not in_iri:
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
    "run_query",
]
