"""Synthetic stance graphs for the alignment and view tests (no RDF: fast at any size)."""

from __future__ import annotations

import random

import networkx as nx

from kg.align import ACTOR_TYPES
from kg.stances import load_stances

BASE = "https://w3id.org/kg-armed-groups/id/actor/"


def synthetic_stance_graph(
    actors: int, seed: int = 0, edges_per_speaker: int = 4
) -> nx.MultiDiGraph:
    """`actors` actors (a fifth of them targets only), each speaker with up to
    `edges_per_speaker` stances toward targets drawn with a skewed weight, some sponsored.
    Each stance has `count` statements dated over 2023-2024; the dates come from their own
    random stream, so the graph's structure (and its alignment) does not depend on them."""
    rng = random.Random(seed)
    days = random.Random(seed + 1)
    signs = {s.id: s.sign for s in load_stances()}
    graph = nx.MultiDiGraph()
    ids = [f"{BASE}a{i:05d}" for i in range(actors)]
    sponsor = ids[0]
    for i, actor in enumerate(ids):
        graph.add_node(
            actor,
            label=f"Actor {i}",
            type=ACTOR_TYPES[i % len(ACTOR_TYPES)],
            sponsors=[sponsor] if i % 7 == 3 else [],
            affiliations=[ids[i // 10]] if i % 11 == 5 and i // 10 != i else [],
            statements=0,
        )
    weights = [1.0 / (rank + 10) for rank in range(actors)]
    speakers = ids[: max(1, actors * 4 // 5)]
    for speaker in speakers:
        for _ in range(rng.randint(1, edges_per_speaker)):
            target = rng.choices(ids, weights)[0]
            if target == speaker:
                continue
            stance = rng.choice(list(signs))
            count = rng.randint(1, 3)
            key = stance
            if graph.has_edge(speaker, target, key):
                continue
            doc = f"doc-{rng.randint(1, 500)}"
            evidence = [_evidence(speaker, target, stance, doc, n, days) for n in range(count)]
            graph.add_edge(
                speaker,
                target,
                key=key,
                stance=stance,
                sign=signs[stance],
                count=count,
                dates=sorted(d for d in (e["date"] for e in evidence) if d),
                evidence=evidence,
            )
            graph.nodes[speaker]["statements"] += count
    return graph


def _evidence(
    speaker: str, target: str, stance: str, doc: str, n: int, days: random.Random
) -> dict[str, str | None]:
    """One statement; a tenth undated, and quotes that try to break out of the page."""
    day = (
        None if days.random() < 0.1 else f"{days.choice((2023, 2024))}-{days.randint(1, 12):02d}-15"
    )
    return {
        "quote": f"{speaker[-6:]} on {target[-6:]} ({stance}) </script> & <b>",
        "statement": f"{speaker}/{target}/{stance}/{n}",
        "document": None,
        "doc_id": doc,
        "url": "https://example.org/doc",
        "title": None,
        "date": day,
    }


# Markup that would run if any text reached the page as HTML: each sets KG_PWNED and the
# document's title, which the browser test checks are untouched.
PAYLOAD_NAME = "<img src=x onerror=\"window.KG_PWNED='name';document.title='pwned'\">Raiders"
PAYLOAD_QUOTE = (
    "</script><script>window.KG_PWNED='quote'</script>"
    "<img src=x onerror=\"window.KG_PWNED='quote-img';document.title='pwned'\">"
)
PAYLOAD_URL = "javascript:window.KG_PWNED='url'"


def payload_stance_graph() -> nx.MultiDiGraph:
    """Three actors whose name, quotes and source carry script payloads."""
    graph = nx.MultiDiGraph()
    raiders, town, press = (f"{BASE}payload-{n}" for n in ("raiders", "town", "press"))
    for actor, label in ((raiders, PAYLOAD_NAME), (town, "Riverside Council"), (press, "Press")):
        graph.add_node(actor, label=label, type="ArmedGroup", sponsors=[], affiliations=[])
        graph.nodes[actor]["statements"] = 0
    for speaker, target, stance, day in (
        (raiders, town, "threatens", "2024-03-02"),
        (press, raiders, "condemns", "2024-05-20"),
    ):
        evidence = {
            "quote": PAYLOAD_QUOTE,
            "statement": f"{speaker}/{stance}",
            "document": f"{BASE}doc/{stance}",
            "doc_id": f"doc-{stance}",
            "url": PAYLOAD_URL,
            "title": PAYLOAD_NAME,
            "date": day,
        }
        graph.add_edge(speaker, target, key=stance, stance=stance, sign=-1, count=1,
                       dates=[day], evidence=[evidence])  # fmt: skip
        graph.nodes[speaker]["statements"] += 1
    return graph
