"""What the page carries besides nodes and edges: statements, sources, names, ranks.

* `statement_table(stance)`: every statement behind the stance edges, once, as a short
  row (analysis date, whether that date is the reporting document's, quote, source), with
  the sources in their own table so a document quoted fifty times is written once. The
  page filters these rows by date and lists them per actor and per edge.
* `search_names(stance)`: for each actor, the names the page's search box knows it by:
  its label and, when the gazetteer lists it, its aliases ("Houthis" for Ansar Allah, "US",
  "KH"), each as `kg.names.normalize_name` keys it; the page's script applies the same
  normalisation to what the user types.
* `pair_ranks(pairs)`: each pair's rank among the pairs of each of its two actors, by
  |score|, which is what the alignment view's top-k filter reads.

Plain data in, plain data out; nothing here knows about HTML (kg.viz escapes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kg.model import analysis_date, is_full_date
from kg.names import normalize_name

if TYPE_CHECKING:
    import networkx as nx

    from kg.align import PairScore
    from kg.gazetteer import Gazetteer

ACTOR_IRI = "https://w3id.org/kg-armed-groups/id/actor/"


def statement_table(stance: nx.MultiDiGraph) -> tuple[dict[str, list[int]], list[list], list[dict]]:
    """(edge id -> indices of its statements, statement rows, source documents).

    A row is [date, reported, quote, source]: `date` the analysis date (the statement
    date when it is a full date, else the reporting document's) or None, `reported` 1
    when the date is the reporting document's, `source` an index into the documents
    ({title, url, doc_id}) or -1. Rows of one edge are sorted by date, undated last."""
    rows: list[list] = []
    sources: list[dict] = []
    source_index: dict[tuple, int] = {}
    by_edge: dict[str, list[int]] = {}
    for speaker, target, stance_id, data in sorted(stance.edges(keys=True, data=True)):
        evidence = sorted(data.get("evidence", ()), key=_date_order)
        indices = []
        for item in evidence:
            day, reported = _analysis_date(item)
            source = _source(item, sources, source_index)
            indices.append(len(rows))
            rows.append([day, int(reported), item.get("quote"), source])
        by_edge[f"{speaker}|{stance_id}|{target}"] = indices
    return by_edge, rows, sources


def _analysis_date(item: dict[str, Any]) -> tuple[str | None, bool]:
    """The statement's analysis date (kg.model.analysis_date) and whether it is the
    reported date. Evidence read before kg:reportedDate was queried has only `date`."""
    stated = item.get("statement_date", item.get("date"))
    day = analysis_date(stated, item.get("reported"))
    if day is None or not is_full_date(day):
        return None, False
    return day, day != stated


def _date_order(item: dict[str, Any]) -> tuple[int, str]:
    day, _ = _analysis_date(item)
    return (0, day) if day else (1, "")


def _source(item: dict[str, Any], sources: list[dict], index: dict[tuple, int]) -> int:
    key = (item.get("document"), item.get("doc_id"), item.get("url"), item.get("title"))
    if not any(key):
        return -1
    if key not in index:
        index[key] = len(sources)
        sources.append({k: item.get(k) for k in ("title", "url", "doc_id")})
    return index[key]


def search_names(stance: nx.MultiDiGraph, gazetteer: Gazetteer | None = None
                 ) -> dict[str, list[str]]:  # fmt: skip
    """Actor IRI -> the normalised names the search box matches: its label and, for an
    actor the gazetteer lists (by id: the IRI's last segment), its canonical name and
    aliases. Sorted and without duplicates."""
    if gazetteer is None:
        from kg.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    out = {}
    for actor, data in stance.nodes(data=True):
        forms = [str(data.get("label", actor))]
        listed = gazetteer.by_id(actor[len(ACTOR_IRI) :]) if actor.startswith(ACTOR_IRI) else None
        if listed is not None:
            forms += [listed.name, *listed.aliases]
        out[actor] = sorted({key for key in map(normalize_name, forms) if key})
    return out


def pair_ranks(pairs: Iterable[PairScore]) -> dict[tuple[str, str], tuple[int, int]]:
    """(a, b) -> (rank of the pair among a's pairs, among b's), 0 = strongest |score|;
    ties broken by the other actor's IRI, so ranks do not depend on input order."""
    by_actor: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for pair in pairs:
        by_actor[pair.a].append((-abs(pair.score), pair.b))
        by_actor[pair.b].append((-abs(pair.score), pair.a))
    rank: dict[tuple[str, str], int] = {}
    for actor, others in by_actor.items():
        for position, (_, other) in enumerate(sorted(others)):
            rank[(actor, other)] = position
    return {
        (a, b): (rank[(a, b)], rank[(b, a)]) for a, others in by_actor.items() for _, b in others
        if a < b
    }  # fmt: skip


__all__ = ["pair_ranks", "search_names", "statement_table"]
