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
