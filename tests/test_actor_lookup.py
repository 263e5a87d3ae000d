"""kg.actor_lookup and `kg actors`: names as users type them."""

from __future__ import annotations

import pytest

from kg.actor_lookup import describe, resolve_name, statement_counts
from kg.cli import main


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("houthis", "Ansar Allah"),
        ("US", "United States"),
        ("KH", "Kata'ib Hezbollah"),
        ("Hizbullah Brigades", "Kata'ib Hezbollah"),
        ("Kataeb Sayed al Shohada", "Kata'ib Sayyid al-Shuhada"),
    ],
)
def test_names_users_type_resolve_to_the_listed_actor(typed: str, canonical: str) -> None:
    resolution = resolve_name(typed)
    assert resolution.actor is not None and resolution.actor.name == canonical
    assert resolution.iri and resolution.iri.endswith(resolution.actor.id)


def test_an_unknown_name_comes_with_the_closest_listed_names() -> None:
    resolution = resolve_name("Nujaba brigade")
    assert resolution.actor is None
    assert ("al-Nujaba", "Harakat Hezbollah al-Nujaba") in resolution.closest
    assert "closest listed names:" in describe(resolution)


def test_nonsense_gets_no_far_fetched_suggestion() -> None:
    assert resolve_name("qqqq zzzz xxxx").closest == ()


def test_statement_counts_read_the_graph(sample_graph) -> None:
    from kg.graphio import read_graph

    counts = statement_counts(read_graph(sample_graph), resolve_name("US").iri)
    assert counts["blames (as target)"] > 0
    assert set(counts) >= {"as speaker", "threatens (as target)"}


def test_kg_actors_exits_1_when_a_name_is_unknown(capsys) -> None:
    assert main(["actors", "houthis"]) == 0
    assert "-> Ansar Allah" in capsys.readouterr().out
    assert main(["actors", "houthis", "qqqq zzzz"]) == 1


def test_actor_parameters_take_canonical_names() -> None:
    from kg.actor_lookup import canonical_params

    params, resolutions = canonical_params({"target": "US", "limit": "5", "speaker": "zzqq"})
    assert params == {"target": "United States", "limit": "5", "speaker": "zzqq"}
    assert [r.query for r in resolutions] == ["US", "zzqq"]


def test_kg_query_takes_a_name_as_users_type_it(sample_graph, capsys) -> None:
    argv = ["query", "who_threatens", "--graph", str(sample_graph), "--format", "csv"]
    assert main([*argv, "--param", "target=United States"]) == 0
    canonical = capsys.readouterr().out
    assert main([*argv, "--param", "target=US"]) == 0
    captured = capsys.readouterr()
    assert captured.out == canonical and canonical.count("\n") > 1
    assert "'US' is 'United States'" in captured.err


def test_an_empty_result_names_the_unknown_name_and_the_filters(sample_graph, capsys) -> None:
    argv = [
        "query",
        "who_threatens",
        "--graph",
        str(sample_graph),
        "--param",
        "target=Nujaba brigade",
    ]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "'Nujaba brigade' is no listed actor" in err and "al-Nujaba" in err
    assert "no rows with target=Nujaba brigade" in err


def test_names_resolve_against_the_graphs_actors() -> None:
    from kg.actor_lookup import UnknownActorError, actors_in_graph

    labels = {"urn:a:ansar": "Ansar Allah", "urn:x:local": "Tribal Council of Zawiya"}
    labels[resolve_name("US").iri] = "United States"
    found = actors_in_graph(["US", "tribal council of zawiya"], labels)
    assert found == {"US": resolve_name("US").iri, "tribal council of zawiya": "urn:x:local"}
    # a listed actor under another IRI is still found by its canonical name
    assert actors_in_graph(["houthis"], labels) == {"houthis": "urn:a:ansar"}
    with pytest.raises(UnknownActorError, match="Hamas, who has no statements"):
        actors_in_graph(["hamas"], labels)
    with pytest.raises(UnknownActorError, match="closest: Tribal Council of Zawiya"):
        actors_in_graph(["Tribal Counsil of Zawia"], labels)
