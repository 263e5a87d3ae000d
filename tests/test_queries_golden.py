"""Golden results for every query in queries/: exact rows on a fixture graph.

The fixture graph is tests/queries/fixture_statements.jsonl (records we wrote) built,
reasoned (so inferred-versus-asserted is testable) and aligned (so the alignment graph is
queried too). Each queries/NAME.rq must have tests/queries/expected/NAME.json, the rows
`kg.query` returns with the query's default parameters; a query without one fails. Rows
are compared in order when the query has an ORDER BY, as a multiset otherwise. SPARQL
leaves the order inside a GROUP_CONCAT undefined, so a value that is a "; "-separated list
is compared as a sorted list.

To create the expected file of a NEW query (then read it and check it by hand):

    .venv/bin/python tests/test_queries_golden.py NAME
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.query import ENGINES, list_queries, load_query, query

HERE = Path(__file__).parent / "queries"
FIXTURE = HERE / "fixture_statements.jsonl"
EXPECTED = HERE / "expected"


def fixture_dataset() -> Dataset:
    from kg.align import alignment
    from kg.align_export import add_alignment
    from kg.build import build_graph
    from kg.reason import add_inferred, infer
    from kg.records import load_statements

    loaded = load_statements([FIXTURE])
    assert not loaded.issues, loaded.issues
    dataset = build_graph(loaded.statements)
    add_inferred(dataset, infer(dataset))
    add_alignment(dataset, alignment(dataset))
    return dataset


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return fixture_dataset()


def _ordered(name: str) -> bool:
    text = load_query(name).text
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return re.search(r"\bORDER\s+BY\b", body, re.IGNORECASE) is not None


def _lists_sorted(rows: list[dict]) -> list[dict]:
    def norm(value: object) -> object:
        if isinstance(value, str) and "; " in value:
            return "; ".join(sorted(value.split("; ")))
        return value

    return [{key: norm(value) for key, value in row.items()} for row in rows]


def _canonical(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", list_queries())
def test_query_matches_its_expected_result(dataset: Dataset, name: str, engine: str) -> None:
    """Oxigraph (what kg query uses) and rdflib's engine (plain SPARQL 1.1 elsewhere)
    must both give the expected rows."""
    expected_file = EXPECTED / f"{name}.json"
    assert expected_file.is_file(), (
        f"queries/{name}.rq has no expected result {expected_file}; create it with "
        f"'.venv/bin/python tests/test_queries_golden.py {name}' and check it by hand"
    )
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    rows = _lists_sorted(query(name, dataset, engine=engine))
    expected = _lists_sorted(expected)
    assert rows, f"{name}: no rows on the fixture graph; extend the fixture"
    if _ordered(name):
        assert rows == expected
    else:
        assert _canonical(rows) == _canonical(expected)


def _expected_rows(name: str) -> list[dict]:
    return _lists_sorted(json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def plain_store(dataset: Dataset) -> object:
    """The fixture graph in an in-memory Oxigraph store, queried below with the default
    graph as the specification has it (empty here), not the union of the named graphs."""
    from kg.store import memory_store

    return memory_store(dataset)


@pytest.mark.parametrize("name", list_queries())
def test_query_file_as_written_gives_the_expected_rows(
    dataset: Dataset, plain_store: object, name: str
) -> None:
    """The .rq file alone, sent as any SPARQL client would send it (no parameter
    substitution, no `# only with:` groups dropped, no union default graph), asks the
    same question as `kg query NAME`: same rows, same order, on Oxigraph and rdflib."""
    from kg.query import rows_from
    from kg.store import query_store

    text = load_query(name).text
    expected = _expected_rows(name)
    rows = _lists_sorted(query_store(plain_store, text, union_default_graph=False))
    assert rows == expected if _ordered(name) else _canonical(rows) == _canonical(expected)
    rdflib_rows = _lists_sorted(rows_from(dataset.query(text)))
    assert rdflib_rows == rows


def _code(name: str) -> str:
    from kg.query import _strip_comments

    return _strip_comments(load_query(name).text)


def _braced(code: str, start: int) -> str:
    from kg.query import _matching_brace

    return code[start : _matching_brace(code, start) + 1]


@pytest.mark.parametrize("name", list_queries())
def test_query_orders_by_every_column(name: str) -> None:
    """Rows come back in one order on every engine only if the outer ORDER BY lists every
    projected column (ties between whole rows are identical rows)."""
    code = _code(name)
    projection = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\s(?:FROM|WHERE)\b", code, re.S)
    assert projection, f"{name}: no SELECT ... WHERE"
    columns = re.findall(r"\?(\w+)", projection.group(1))
    order = code[code.rindex("}") :]
    assert "ORDER BY" in order, f"{name}: no outer ORDER BY"
    missing = [c for c in columns if not re.search(rf"\?{c}\b", order)]
    assert not missing, f"queries/{name}.rq: the outer ORDER BY lacks {missing}"


@pytest.mark.parametrize("name", list_queries())
def test_text_columns_are_ordered_as_strings(name: str) -> None:
    """The outer ORDER BY sorts every column that holds text by STR(?column): Virtuoso
    7.2 orders literals and IRIs by its internal ids otherwise ("Synthetic Ministry
    00037" before "00002"; measured by bench/bench_stores.py). A column that can be
    unbound is sorted by COALESCE(STR(?column), "") (rdflib fails on STR of nothing)."""
    code = _code(name)
    order = code[code.rindex("ORDER BY") :]
    rows = _expected_rows(name)
    text = {k for row in rows for k, v in row.items() if isinstance(v, str)}
    bare = [c for c in sorted(text) if not re.search(rf"STR\(\?{c}\)", order)]
    assert not bare, f"queries/{name}.rq: ORDER BY these text columns with STR(): {bare}"


@pytest.mark.parametrize("name", list_queries())
def test_every_limit_cuts_a_total_order(name: str) -> None:
    """A LIMIT keeps the same rows everywhere only if what it cuts is totally ordered: the
    sub-select's ORDER BY must name every variable it projects (or their STR()), and it
    must not hold a SELECT DISTINCT (Virtuoso 7 then drops the LIMIT)."""
    code = _code(name)
    for limit in re.finditer(r"\bLIMIT\s+\d+", code):
        opening = [m.start() for m in re.finditer(r"\{\s*SELECT\b", code[: limit.start()])]
        inner = [o for o in opening if len(_braced(code, o)) + o > limit.start()]
        if not inner:
            continue  # the outer query's LIMIT: the ORDER BY test covers it
        select = _braced(code, inner[-1])
        assert "DISTINCT ?" not in select.replace("COUNT(DISTINCT", ""), (
            f"queries/{name}.rq: a LIMITed sub-select holds a SELECT DISTINCT"
        )
        head = re.match(r"\{\s*SELECT\s+(.*?)\s*WHERE\b", select, re.S)
        assert head, select[:80]
        projected = re.findall(r"(?:AS\s+)?\?(\w+)\)?", re.sub(r"\(.*?AS", "", head.group(1)))
        order = select[select.rindex("ORDER BY") :] if "ORDER BY" in select else ""
        missing = [v for v in projected if not re.search(rf"\?{v}\b", order)]
        assert not missing, f"queries/{name}.rq: the LIMITed sub-select's order lacks {missing}"


def test_no_query_projects_a_boolean(dataset: Dataset) -> None:
    """Stores write booleans differently (Virtuoso: 1/0); columns hold strings instead."""
    for name in list_queries():
        for row in _expected_rows(name):
            flags = [k for k, v in row.items() if isinstance(v, bool)]
            assert not flags, f"{name}: boolean column(s) {flags}"


def test_every_expected_file_has_its_query() -> None:
    names = set(list_queries())
    stale = sorted(p.stem for p in EXPECTED.glob("*.json") if p.stem not in names)
    assert not stale, f"expected results without a query: {stale}"


def test_the_library_has_at_least_twelve_documented_queries() -> None:
    names = list_queries()
    assert len(names) >= 12
    readme = (Path(__file__).parent.parent / "queries" / "README.md").read_text(encoding="utf-8")
    missing = [n for n in names if f"`{n}`" not in readme]
    assert not missing, f"queries/README.md does not list: {missing}"


# --- the stances the queries name are the registry's ---------------------------------------

_KG_TERM = re.compile(r"\bkg:([A-Za-z][A-Za-z0-9_]*)")
# A FILTER (?x IN (...)) list or a VALUES ?x { ... } block.
_TERM_LIST = re.compile(r"\bIN\s*\(([^)]*)\)|\bVALUES\s+\?\w+\s*\{([^}]*)\}", re.IGNORECASE)
_COMMENT = re.compile(r"(?m)(^|\s)#.*$")  # not the '#' inside <...#> or "#"


def _query_body(name: str) -> str:
    return _COMMENT.sub(r"\1", load_query(name).text)


@pytest.mark.parametrize("name", list_queries())
def test_query_names_only_ontology_terms(name: str) -> None:
    """The queries' kg: terms are the closed vocabulary's (which tests/test_vocab.py checks
    against the ontology, and tests/test_stances.py the ontology against the registry), so
    a query cannot name a stance the registry lacks."""
    from kg.vocab import KG

    unknown = sorted(set(_KG_TERM.findall(_query_body(name))) - set(KG.__annotations__))
    assert not unknown, f"queries/{name}.rq names terms the ontology lacks: {unknown}"


@pytest.mark.parametrize("name", list_queries())
def test_query_stance_lists_list_every_registry_stance(name: str) -> None:
    """A query that lists stance properties or relations (FILTER IN, VALUES) lists all of
    the registry's, so a stance added to data/stances.yaml fails here until the query is
    updated. A query that turns kg:xTarget into the stance name "x" needs the registry's
    ids to follow that pattern."""
    from kg.stances import load_stances

    stances = load_stances()
    kinds = {
        "statement properties": {s.statement_property for s in stances},
        "relations": {s.relation for s in stances},
    }
    body = _query_body(name)
    for match in _TERM_LIST.finditer(body):
        terms = set(_KG_TERM.findall(match.group(1) or match.group(2)))
        for kind, registry in kinds.items():
            listed = terms & registry
            if len(listed) > 1:
                missing = sorted(registry - listed)
                assert not missing, f"queries/{name}.rq lists {kind} without {missing}"
    if '"Target$"' in body:
        for s in stances:
            assert s.statement_property == s.id + "Target", (
                f"queries/{name}.rq names stances by kg:<id>Target; {s.id!r} has "
                f"{s.statement_property!r}"
            )


def _write_expected(names: list[str]) -> None:
    data = fixture_dataset()
    for name in names:
        rows = _lists_sorted(query(name, data))
        path = EXPECTED / f"{name}.json"
        path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(rows)} rows): check it by hand")


if __name__ == "__main__":
    _write_expected(sys.argv[1:] or list_queries())
