"""What a name a user types resolves to: `kg actors NAME`.

Names resolve through the gazetteer with the extractor's own matching (kg.gazetteer.
Gazetteer.match: case, diacritics, apostrophes, "al-", doubled letters, a guarded fuzzy
match), so "houthis", "US", "KH" and "Hizbullah Brigades" find the actor the extractor
would have named. An unknown name comes back with the closest known names, so the user
sees what to type instead. With a graph, the actor's statement counts are added: as
speaker, and per stance as target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from kg.gazetteer import Actor, Gazetteer, load_gazetteer
from kg.names import match_key
from kg.vocab import ACTOR


@dataclass(frozen=True)
class Resolution:
    query: str
    actor: Actor | None
    iri: str | None
    closest: tuple[tuple[str, str], ...] = ()  # (form as listed, its canonical name)
    counts: dict[str, int] = field(default_factory=dict)


def resolve_name(name: str, gazetteer: Gazetteer | None = None, suggestions: int = 5
                 ) -> Resolution:  # fmt: skip
    """The actor `name` refers to, or None with the closest listed names."""
    gazetteer = gazetteer or load_gazetteer()
    actor = gazetteer.match(name)
    if actor is not None:
        return Resolution(name, actor, str(ACTOR[actor.id]))
    return Resolution(name, None, None, closest_names(name, gazetteer, suggestions))


def closest_names(name: str, gazetteer: Gazetteer, limit: int = 5
                  ) -> tuple[tuple[str, str], ...]:  # fmt: skip
    """The listed names and aliases nearest to `name` (one per actor), best first."""
    forms = gazetteer.surface_forms()
    keys = {form: match_key(form) for form in forms}
    ranked = process.extract(
        match_key(name), keys, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60
    )
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for _, _, form in ranked:
        actor = forms[form]
        if actor.id not in seen:
            seen.add(actor.id)
            out.append((form, actor.name))
        if len(out) == limit:
            break
    return tuple(out)


def statement_counts(dataset: Any, iri: str) -> dict[str, int]:
    """How many statements the actor made, and per stance how many name it as target."""
    from kg.stances import load_stances

    counts = {"as speaker": _count(dataset, f"?s kg:speaker <{iri}> .")}
    for stance in load_stances():
        counts[f"{stance.id} (as target)"] = _count(
            dataset, f"?s kg:{stance.statement_property} <{iri}> ."
        )
    return counts


def _count(dataset: Any, pattern: str) -> int:
    query = (
        "PREFIX kg: <https://w3id.org/kg-armed-groups/ontology#>\n"
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }}"
    )
    rows = list(dataset.query(query))
    return int(rows[0][0]) if rows else 0


def describe(resolution: Resolution) -> list[str]:
    """The lines `kg actors` prints."""
    if resolution.actor is None:
        lines = [f"{resolution.query!r}: no listed actor by that name"]
        if resolution.closest:
            lines.append("closest listed names:")
            lines += [f"  {form}" + (f"  ({canonical})" if canonical != form else "")
                      for form, canonical in resolution.closest]  # fmt: skip
        return lines
    actor = resolution.actor
    lines = [
        f"{resolution.query!r} -> {actor.name}",
        f"  IRI          {resolution.iri}",
        f"  type         {actor.type}" + ("  (umbrella front)" if actor.umbrella else ""),
        f"  affiliation  {actor.affiliation or '-'}",
        f"  Wikidata     {actor.wikidata or '-'}",
        f"  aliases      {', '.join(actor.aliases) or '-'}",
    ]
    if resolution.counts:
        counts = ", ".join(f"{k} {v}" for k, v in resolution.counts.items())
        lines.append(f"  statements   {counts}")
    return lines


# Query parameters that name an actor (queries/*.rq): their values resolve like names.
ACTOR_PARAMS = frozenset({"speaker", "target", "actor", "sponsor", "x", "y"})


def canonical_params(params: dict[str, str], gazetteer: Gazetteer | None = None
                     ) -> tuple[dict[str, str], list[Resolution]]:  # fmt: skip
    """The parameters with every actor name replaced by its canonical name (the queries
    compare names with the graph's labels), and how each actor parameter resolved."""
    gazetteer = gazetteer or load_gazetteer()
    out = dict(params)
    resolutions = []
    for name, value in params.items():
        if name in ACTOR_PARAMS and value.strip():
            resolution = resolve_name(value, gazetteer)
            resolutions.append(resolution)
            if resolution.actor is not None:
                out[name] = resolution.actor.name
    return out, resolutions


class UnknownActorError(ValueError):
    """A name that matches no actor of the graph; the message lists the closest names."""


def actors_in_graph(names: list[str], labels: dict[str, str],
                    gazetteer: Gazetteer | None = None) -> dict[str, str]:  # fmt: skip
    """Each name -> the IRI of the graph's actor it refers to. A name resolves through the
    gazetteer first (aliases, "US", "houthis"), then against the graph's own labels with the
    same normalisation, for actors the gazetteer does not list. `labels` maps the graph's
    actor IRIs to their labels."""
    gazetteer = gazetteer or load_gazetteer()
    by_key = {match_key(label): iri for iri, label in labels.items()}
    out: dict[str, str] = {}
    for name in names:
        resolution = resolve_name(name, gazetteer)
        iri = resolution.iri if resolution.iri in labels else by_key.get(match_key(name))
        if iri is None and resolution.actor is not None:
            iri = by_key.get(match_key(resolution.actor.name))
        if iri is None:
            raise UnknownActorError(_not_in_graph(name, resolution, labels))
        out[name] = iri
    return out


def _not_in_graph(name: str, resolution: Resolution, labels: dict[str, str]) -> str:
    if resolution.actor is not None:
        return (f"{name!r} is {resolution.actor.name}, who has no statements in this graph "
                "(or none in the date window)")  # fmt: skip
    keys = {iri: match_key(label) for iri, label in labels.items()}
    ranked = process.extract(match_key(name), keys, scorer=fuzz.WRatio, limit=5, score_cutoff=60)
    closest = ", ".join(labels[iri] for _, _, iri in ranked)
    return f"no actor called {name!r} in this graph" + (f"; closest: {closest}" if closest else "")
