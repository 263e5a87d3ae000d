"""kg.query: named queries with golden results, parameters, output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.build import build_graph
from kg.model import Statement
from kg.query import (
    NamedQuery,
    QueryError,
    format_rows,
    iter_params,
    list_queries,
    load_query,
    prepare,
    query,
    sparql_term,
)
from kg.records import load_statements
from kg.vocab import ACTOR

FIXTURES = Path(__file__).parent / "fixtures"
QUERIES = ("who_blames_whom", "threats_by_target", "iran_backed_speakers", "event_statements")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """Built and reasoned (who_blames_whom reads the derived statement counts)."""
    from kg.reason import add_inferred, infer

    built = build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)
    return add_inferred(built, infer(built))


def test_bundled_queries_are_listed() -> None:
    assert set(QUERIES) <= set(list_queries())


@pytest.mark.parametrize("name", QUERIES)
def test_golden_results(dataset: Dataset, name: str) -> None:
    expected = json.loads((FIXTURES / "queries" / f"{name}.json").read_text(encoding="utf-8"))
    assert query(name, dataset) == expected


@pytest.mark.parametrize("name", list_queries())
def test_every_query_has_a_header(name: str) -> None:
    named = load_query(name)
    assert named.description, f"{name}.rq: no description in its header"
    assert "Example output" in named.text, f"{name}.rq: no example output in its header"


def test_names_paths_and_text(dataset: Dataset, tmp_path: Path) -> None:
    by_name = query("who_blames_whom.rq", dataset)
    assert query("who_blames_whom", dataset) == by_name
    copy = tmp_path / "mine.rq"
    copy.write_text(load_query("who_blames_whom").text, encoding="utf-8")
    assert query(str(copy), dataset) == by_name
    rows = query("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }", dataset)
    assert isinstance(rows[0]["n"], int) and rows[0]["n"] > 0
    assert query("ASK { ?s ?p ?o }", dataset) == [{"result": True}]
    with pytest.raises(QueryError, match="no query named"):
        query("no_such_query", dataset)


def test_parameters(dataset: Dataset) -> None:
    rows = query("who_blames_whom", dataset, {"speaker": "yahya saree"})
    assert [(r["speaker_name"], r["target_name"]) for r in rows] == [("Yahya Saree", "Israel")]
    rows = query("who_blames_whom", dataset, {"target": "United States"})
    assert {r["speaker_name"] for r in rows} == {"Government of Iraq", "Kata'ib Hezbollah"}
    rows = query("event_statements", dataset, {"event": "DRONE strike"})
    assert rows and all("drone strike" in r["event_label"] for r in rows)
    assert query("iran_backed_speakers", dataset, {"sponsor": "Nobody"}) == []
    with pytest.raises(QueryError, match="unknown parameter"):
        query("who_blames_whom", dataset, {"spekaer": "x"})


def test_date_parameters_narrow_the_timelines(dataset: Dataset) -> None:
    """since / until are inclusive ISO days; a window leaves the undated out."""
    every = query("threat_timeline", dataset)
    january = query("threat_timeline", dataset, {"since": "2024-01-01", "until": "2024-01-31"})
    assert january == [row for row in every if row["date"].startswith("2024-01")] != []
    assert query("threat_timeline", dataset, {"since": "2024-02-10"}) == every[:2]
    assert query("threat_timeline", dataset, {"until": "2024-02-09"}) == every[2:]
    months = query("statements_per_month", dataset)
    assert {row["month"] for row in months} >= {"2024-01", "2024-02", "undated"}
    since = query("statements_per_month", dataset, {"since": "2024-02-01"})
    assert since == [row for row in months if "2024-02" <= row["month"] <= "2024-12"]
    assert query("statements_per_month", dataset, {"until": "2023-12-31"}) == []


def test_defaults_are_read_from_the_query_body() -> None:
    """The defaults are the terms of the query's BINDs (and its LIMIT), so the .rq file
    sent as written asks the same question as `kg query NAME`."""
    named = load_query("iran_backed_speakers")
    assert named.params == {"sponsor": "Iran", "limit": "1000"}
    assert prepare(named) == named.text
    assert load_query("who_blames_whom").params["speaker"] is None  # BIND ("" AS ?speaker)
    header = "# param: who\n"
    escaped = load_query(header + 'SELECT ?x WHERE { BIND ("say \\"hi\\"" AS ?who) }')
    assert escaped.params == {"who": 'say "hi"'}
    with pytest.raises(QueryError, match="binds it nowhere"):
        load_query(header + "SELECT ?x WHERE { ?x ?p ?who }")
    with pytest.raises(QueryError, match="different defaults"):
        load_query(header + 'SELECT ?x WHERE { BIND ("a" AS ?who) { BIND ("b" AS ?who) } }')
    with pytest.raises(QueryError, match="written in the query itself"):
        load_query("# param: who = Alpha\nSELECT ?x WHERE { ?x ?p ?who }")


def test_prepare_replaces_every_bind_of_a_parameter_and_nothing_else() -> None:
    text = """# param: who
SELECT ?n WHERE {
  # BIND ("a comment" AS ?who) is not a binding
  { SELECT ?x WHERE { BIND ("" AS ?who) ?x ?p ?o FILTER (?who = "" || ?o = ?who) } LIMIT 5 }
  { SELECT ?y WHERE { BIND ("" AS ?whom) ?y ?p ?o } }
  bind("" as ?who)
  ?x ?q ?n
}"""
    prepared = prepare(load_query(text), {"who": 'Ha"mas'})
    assert prepared.count('BIND ("Ha\\"mas" AS ?who)') == 1
    assert 'bind("Ha\\"mas" as ?who)' in prepared
    assert 'BIND ("a comment" AS ?who)' in prepared
    assert 'BIND ("" AS ?whom)' in prepared
    assert prepare(load_query(text), {"who": "actor:iran"}).count(f"<{ACTOR['iran']}> AS") == 1


def test_prepare_drops_filter_groups_whose_parameter_is_unset() -> None:
    """`# only with: NAME` marks a group that only filters by NAME: kept (and bound) when
    NAME is given, dropped when it is unset or empty, an error when NAME is undeclared."""
    text = """# param: who
SELECT ?s WHERE {
      ?s a ?type .
      # only with: who
      { SELECT ?s WHERE { BIND ("" AS ?who) ?s <urn:name> ?n FILTER (?who = "" || ?n = ?who) } }
    }"""
    named = load_query(text)
    assert "<urn:name>" not in prepare(named)
    assert "<urn:name>" not in prepare(named, {"who": ""})
    kept = prepare(named, {"who": "Alpha"})
    assert "<urn:name>" in kept and 'BIND ("Alpha" AS ?who)' in kept
    with pytest.raises(QueryError, match="names no declared parameter"):
        prepare(NamedQuery(text.replace("only with: who", "only with: whom"), {"who": None}))
    with pytest.raises(QueryError, match="not followed by"):
        prepare(NamedQuery("SELECT ?s WHERE { ?s ?p ?o }\n# only with: who\n", {"who": None}))


def test_limit_parameter_sets_the_limit_clause(dataset: Dataset) -> None:
    named = load_query("# param: limit\nSELECT ?s WHERE { ?s a ?c } ORDER BY ?s LIMIT 3")
    assert named.params == {"limit": "3"}
    assert prepare(named).endswith("LIMIT 3")
    assert prepare(named, {"limit": "10"}).endswith("LIMIT 10")
    assert "LIMIT" not in prepare(named, {"limit": "0"})
    assert len(query(prepare(named), dataset)) == 3
    assert len(query(prepare(named, {"limit": "0"}), dataset)) > 3
    with pytest.raises(QueryError, match="whole number"):
        prepare(named, {"limit": "ten"})
    with pytest.raises(QueryError, match="no LIMIT clause"):
        prepare(NamedQuery("SELECT ?s WHERE { ?s ?p ?o }", {"limit": "5"}))
    with pytest.raises(QueryError, match=r"LIMIT clauses differ \(1, 2\)"):
        load_query("# param: limit\nSELECT * { { SELECT * {} LIMIT 1 } } LIMIT 2")
    two = load_query("# param: limit\nSELECT * { { SELECT * {} LIMIT 4 } } LIMIT 4")
    assert two.params == {"limit": "4"}
    assert prepare(two, {"limit": "7"}).count("LIMIT 7") == 2
    assert "LIMIT" not in prepare(two, {"limit": "0"})


def test_ordered_group_concat_is_stable_across_processes(tmp_path: Path) -> None:
    """rdflib turns the right side of a join into a set; the VALUES block goes last so an
    ordered sub-select keeps its order whatever the string hash seed."""
    import os
    import subprocess
    import sys

    from kg.build import build_files

    build_files(FIXTURES / "statements.jsonl", tmp_path / "g.ttl")
    ordered = (
        "# param: mark\n"
        "PREFIX kg: <https://w3id.org/kg-armed-groups/ontology#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?t (GROUP_CONCAT(?n; separator='; ') AS ?names) WHERE {\n"
        "  { SELECT ?t ?n WHERE { ?s kg:threatensTarget ?t ; kg:speaker/skos:prefLabel ?n }\n"
        "    ORDER BY ?n }\n"
        # The BIND after the ordered sub-select: rdflib keeps the left side's order.
        "  BIND (1 AS ?mark)\n"
        "  FILTER (?mark = 1)\n"
        "} GROUP BY ?t ORDER BY ?names"
    )
    script = f"import sys, kg; print(kg.query_graph({ordered!r}, kg.read_graph(sys.argv[1])))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "g.ttl")],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outputs) == 1
    assert "Kata'ib Hezbollah; Yahya Saree" in outputs.pop()


def test_sparql_terms() -> None:
    assert sparql_term("Kata'ib Hezbollah") == '"Kata\'ib Hezbollah"'
    assert sparql_term('"quoted"') == '"quoted"'
    assert sparql_term('say "hi"') == '"say \\"hi\\""'
    assert sparql_term("42") == "42"
    assert sparql_term("actor:iran") == f"<{ACTOR['iran']}>"
    assert sparql_term("https://example.org/x") == "<https://example.org/x>"
    assert sparql_term("Note: not a prefix") == '"Note: not a prefix"'


def test_output_formats() -> None:
    rows = [{"speaker": "A", "n": 2}, {"speaker": "B, C", "n": None}]
    table = format_rows(rows, "table")
    assert table.splitlines()[0].split() == ["speaker", "n"]
    assert table.rstrip().endswith("(2 rows)")
    assert format_rows(rows, "csv") == 'speaker,n\nA,2\n"B, C",\n'
    assert json.loads(format_rows(rows, "json")) == rows
    assert format_rows([], "table") == "(no results)\n"
    with pytest.raises(QueryError):
        format_rows(rows, "xml")


def test_cli_params() -> None:
    assert iter_params(["speaker=A=B", "target="]) == {"speaker": "A=B", "target": ""}
    with pytest.raises(QueryError):
        iter_params(["speaker"])


# --- done-when: the dev set's gold records, built and queried -------------------------------

GOLD = Path(__file__).parents[2] / "shared" / "devset" / "gold.json"


def _gold_records() -> list[dict]:
    records = []
    for case in json.loads(GOLD.read_text(encoding="utf-8")):
        for gold in case["gold"]:
            record = {k: v for k, v in gold.items() if k not in ("ambiguous", "note")}
            record.update(doc_id=case["id"], doc_title=case.get("title"))
            record["doc_published"] = case.get("published")
            records.append(record)
    return records


@pytest.mark.skipif(not GOLD.exists(), reason=f"dev set not found at {GOLD}")
def test_gold_records_build_validate_and_answer_who_blames_whom(tmp_path: Path) -> None:
    from collections import defaultdict

    from kg.build import build_files
    from kg.gazetteer import load_gazetteer
    from kg.graphio import read_graph
    from kg.records import write_jsonl

    records = _gold_records()
    path = tmp_path / "gold.jsonl"
    write_jsonl(path, records)
    result = build_files(path, tmp_path / "gold.ttl", reason=True)
    assert not result.issues
    assert result.records == len(records)
    assert result.conforms, [str(v) for v in result.report.violations]

    gazetteer = load_gazetteer()
    expected: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for target in record["blames"]:
            expected[gazetteer.canonical(record["speaker"])].add(gazetteer.canonical(target))
    found: dict[str, set[str]] = defaultdict(set)
    for row in query("who_blames_whom", read_graph(tmp_path / "gold.ttl")):
        speaker, target = row["speaker_name"], row["target_name"]
        found[gazetteer.canonical(speaker)].add(gazetteer.canonical(target))
    assert dict(found) == dict(expected)


# --- the kg query command --------------------------------------------------------------------


def test_cli_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    graph = tmp_path / "graph.ttl"
    assert main(["build", str(FIXTURES / "statements.jsonl"), "-o", str(graph)]) == 0
    capsys.readouterr()
    argv = ["query", "who_blames_whom", "--graph", str(graph), "--format", "json"]
    assert main([*argv, "--param", "speaker=Yahya Saree"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [] and "kg build --reason" in err  # counts are derived data
    assert main(["build", str(FIXTURES / "statements.jsonl"), "-o", str(graph), "--reason"]) == 0
    capsys.readouterr()
    assert main([*argv, "--param", "speaker=Yahya Saree"]) == 0
    out, err = capsys.readouterr()
    assert "note:" not in err
    rows = json.loads(out)
    assert [(r["speaker_name"], r["target_name"]) for r in rows] == [("Yahya Saree", "Israel")]
    assert main(["query", "--list"]) == 0
    assert "who_blames_whom" in capsys.readouterr().out
    assert main(["query", "nope", "--graph", str(graph)]) == 2
    assert "no query named 'nope'" in capsys.readouterr().err
    assert main(["query", "who_blames_whom", "--graph", str(tmp_path / "missing.ttl")]) == 2


def test_cli_query_since_until_set_the_date_parameters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    graph = tmp_path / "graph.ttl"
    assert main(["build", str(FIXTURES / "statements.jsonl"), "-o", str(graph), "--reason"]) == 0
    capsys.readouterr()
    argv = ["query", "threat_timeline", "--graph", str(graph), "--format", "json"]
    assert main([*argv, "--since", "2024-02", "--until", "2024"]) == 0
    assert {row["date"] for row in json.loads(capsys.readouterr().out)} == {"2024-02-10"}
    assert main(["query", "threat_timeline", "--since", "2024", "--print"]) == 0
    assert '"2024-01-01"' in capsys.readouterr().out
    # a query without date parameters would ignore the dates: an error naming those that can
    assert main(["query", "who_threatens", "--graph", str(graph), "--since", "2024"]) == 2
    err = capsys.readouterr().err
    assert "no 'since' parameter" in err and "threat_timeline" in err
    assert main([*argv, "--since", "2024", "--param", "since=2023"]) == 2
    assert "not both" in capsys.readouterr().err
    assert main([*argv, "--until", "2024-13"]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_queries_see_the_inferred_sidecar(tmp_path: Path) -> None:
    from kg.build import build_files
    from kg.graphio import read_graph

    build_files(FIXTURES / "statements.jsonl", tmp_path / "graph.ttl", reason=True)
    text = """PREFIX kg: <https://w3id.org/kg-armed-groups/ontology#>
    SELECT ?a ?b WHERE { ?a kg:blames ?b } ORDER BY ?a ?b"""
    rows = query(text, read_graph(tmp_path / "graph.ttl"))
    assert [(r["a"].rsplit("/", 1)[-1], r["b"].rsplit("/", 1)[-1]) for r in rows] == [
        ("government-of-iraq", "united-states"),
        ("kataib-hezbollah", "united-states"),
        ("yahya-saree", "israel"),
    ]


def test_docs_mention_every_option_of_build_and_query() -> None:
    from kg.cli import build_parser

    # Any README section may document an option (the store adds --store in its own).
    docs_dir = Path(__file__).parents[1] / "docs"
    docs = "\n".join(p.read_text("utf-8") for p in sorted(docs_dir.glob("*.md")))
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for command in ("build", "query"):
        assert f"kg {command}" in docs
        for action in sub.choices[command]._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in docs, f"kg {command} {option} is not in docs/"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(lambda t: t.strip() == t and t.strip()))
@example('"#')  # an escaped quote then "#": a string, not a comment (found by hypothesis)
@example('""')
@example('"a\\"#')
def test_any_text_parameter_round_trips(value: str) -> None:
    """Whatever the user types arrives in the query as the same string (or IRI/number),
    or is refused with a clear error when it is written as an IRI but is not one."""
    from rdflib import Graph

    named = load_query('# param: x\nSELECT ?x WHERE { BIND ("" AS ?x) }')
    try:
        term = sparql_term(value)
    except QueryError as error:
        assert value.startswith("<") and value.endswith(">"), value
        assert "not a valid absolute IRI" in str(error)
        return
    rows = query(prepare(named, {"x": value}), Graph())
    got = rows[0]["x"]
    if term.startswith("<"):
        assert got == term[1:-1]
    elif term == value and not term.startswith('"'):  # an integer ('""' is the empty string)
        assert got == int(value)
    else:
        expected = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value
        assert got == expected


def test_iri_parameters_are_checked() -> None:
    assert sparql_term("<urn:x:1>") == "<urn:x:1>"
    for bad in ("<no-scheme>", "<https://x.org/a b>", "<https://x.org/a>}>", '<urn:a"b>'):
        with pytest.raises(QueryError, match="not a valid absolute IRI"):
            sparql_term(bad)
    # Text that only looks like a web address stays a string.
    assert sparql_term("https://x.org/a b") == '"https://x.org/a b"'
    assert sparql_term("\u0663") == '"\u0663"'  # an Arabic-Indic digit is not an integer


def _turtle(body: str) -> Dataset:
    """A dataset whose asserted graph (where the library queries read) holds Turtle lines
    using the kg:, skos: and xsd: prefixes."""
    from kg.vocab import ASSERTED_GRAPH

    data = Dataset()
    data.graph(ASSERTED_GRAPH).parse(
        format="turtle",
        data="""
        @prefix kg: <https://w3id.org/kg-armed-groups/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        """
        + body,
    )
    return data


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_who_threatens_keeps_speakers_whose_threats_lack_a_date_or_platform(engine: str) -> None:
    """A threat without a platform or date must not blank the others' platforms (an
    error inside GROUP_CONCAT voids the aggregate) nor stop rdflib's engine."""
    data = _turtle(
        """
        <urn:s1> kg:threatensTarget <urn:us> ; kg:speaker <urn:a> ; kg:platform kg:Telegram ;
                 kg:statementDate "2024-02-01"^^xsd:date .
        <urn:s2> kg:threatensTarget <urn:us> ; kg:speaker <urn:a> .
        <urn:s3> kg:threatensTarget <urn:us> ; kg:speaker <urn:b> .
        <urn:us> skos:prefLabel "United States" .
        <urn:a> skos:prefLabel "A" .
        <urn:b> skos:prefLabel "B" .
        """
    )
    rows = query("who_threatens", data, engine=engine)
    assert rows == [
        {
            "speaker_name": "A",
            "statements": 2,
            "first_date": "2024-02-01",
            "last_date": "2024-02-01",
            "platforms": "Telegram",
        },
        {
            "speaker_name": "B",
            "statements": 1,
            "first_date": None,
            "last_date": None,
            "platforms": None,
        },
    ]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_dates_fall_back_to_the_event_date(engine: str) -> None:
    """Most extracted statements carry no date of their own: the build gives each one a
    timeline date (its own, else its event's), which the timeline and the monthly counts
    read; the rest count as undated, and a date without a year is counted in its month
    but left off the timeline (it cannot be placed there)."""

    def threat(evidence: str, **dates: str) -> Statement:
        return Statement(
            doc_id="d1",
            speaker="Alpha Brigade",
            speaker_surface="Alpha Brigade",
            speaker_type="militia",
            evidence=evidence,
            event="the strike" if "event_date" in dates else "",
            threatens_or_vows_revenge_against=("United States",),
            **dates,
        )

    data = build_graph(
        [
            threat("one", statement_date="2024-02-01", event_date="2023-05-05"),
            threat("two", event_date="2024-03-09"),
            threat("three"),
            threat("four", statement_date="XXXX-04-20"),
        ]
    )
    timeline = query("threat_timeline", data, engine=engine)
    assert [(row["date"], row["evidence"]) for row in timeline] == [
        ("2024-03-09", "two"),
        ("2024-02-01", "one"),
    ]
    months = query("statements_per_month", data, engine=engine)
    assert months == [
        {"month": "2024-02", "statements": 1},
        {"month": "2024-03", "statements": 1},
        {"month": "XXXX-04", "statements": 1},
        {"month": "undated", "statements": 1},
    ]


def test_rdflib_never_fetches_a_from_graph_it_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph built without --reason has no inferred graph; rdflib would fetch the FROM
    IRI from the web (its SPARQL_LOAD_GRAPHS default). kg turns that off while it queries,
    and puts rdflib's setting back after."""
    import rdflib.plugins.sparql as sparql
    from rdflib import Graph

    def no_fetch(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("rdflib tried to load a graph from its IRI")

    monkeypatch.setattr(Graph, "parse", no_fetch)
    data = build_graph(load_statements([FIXTURES / "statements.jsonl"]).statements)
    assert query("who_blames_whom", data, engine="rdflib") == []  # counts need --reason
    assert query("threats_by_target", data, engine="rdflib")  # asserted data only: rows
    assert sparql.SPARQL_LOAD_GRAPHS is True


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_query_with_from_reads_only_those_graphs(engine: str) -> None:
    """FROM makes the query read the graphs it names, not the union of all graphs (which
    pyoxigraph's union flag would impose); a query without FROM still reads the union."""
    from rdflib import URIRef

    data = Dataset()
    data.graph(URIRef("urn:g:a")).add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:a")))
    data.graph(URIRef("urn:g:b")).add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:b")))
    named = "SELECT ?o FROM <urn:g:a> WHERE { ?s <urn:p> ?o } ORDER BY ?o"
    assert query(named, data, engine=engine) == [{"o": "urn:a"}]
    union = "SELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o"
    assert query(union, data, engine=engine) == [{"o": "urn:a"}, {"o": "urn:b"}]


def test_cli_query_timeout_stops_a_runaway_query(tmp_path: Path) -> None:
    """A four-way cross join runs for hours: --timeout ends `kg query` with an error, and
    the process (with the query's thread) is gone soon after the timeout."""
    import os
    import subprocess
    import sys
    import time

    import pyoxigraph as ox

    store = ox.Store(str(tmp_path / "store"))
    data = "".join(f'<http://x/s{i}> <http://x/p> "{i}" <http://x/g> .\n' for i in range(300))
    store.load(data.encode(), ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    cross = tmp_path / "cross.rq"
    cross.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    started = time.monotonic()
    command = [sys.executable, "-m", "kg.cli", "query", str(cross)]
    done = subprocess.run(
        [*command, "--store", str(tmp_path / "store"), "--timeout", "2"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert done.returncode != 0
    assert "did not finish within the 2 s timeout" in done.stderr
    assert time.monotonic() - started < 2 + 5


def test_query_timeout_returns_rows_in_time(dataset: Dataset) -> None:
    import time

    from kg.query import QueryTimeout, _within

    assert query("who_blames_whom", dataset, timeout_s=30) == query("who_blames_whom", dataset)
    with pytest.raises(QueryTimeout, match=r"0\.1 s timeout"):
        _within(0.1, lambda: time.sleep(2))
