"""Load a kg graph into any external SPARQL 1.1 store (Fuseki, GraphDB, Virtuoso, QLever,
Oxigraph, ...), so users who outgrow one machine can move on.

Two standard ways to send the triples, one per call:

* the SPARQL 1.1 Graph Store Protocol (`graph_store=URL`): per named graph, a `PUT` of the
  first batch and `POST`s of the next batches, as N-Triples, to `URL?graph=<graph IRI>`;
* SPARQL 1.1 Update (`endpoint=URL`): `INSERT DATA { GRAPH <g> { ... } }` in batches.

A data manager must be able to trust a push, so in replace mode (the default):

1. every graph is loaded into a temporary graph beside its live one
   (`<live>.kg-push-tmp-TOKEN`), which readers of the live graphs never see;
2. the temporary graphs are counted on the target through its SPARQL query endpoint and
   compared with the source (a store may answer "204 No Content" and keep nothing: the
   wrong kind of endpoint); a mismatch raises `PushError` naming the graph and both counts;
3. one SPARQL Update request then swaps them in (`MOVE` each temporary graph onto its
   live graph) and drops the graphs of the same dataset that the source lacks, and the
   leftovers of interrupted pushes, so the target mirrors the source; the live graphs
   are counted again. On Virtuoso the swap runs in chunks of `VIRTUOSO_CHUNK` triples,
   one transaction each (see `_swap_in_chunks`): there readers can see the live graphs
   empty, then partly filled, while it runs (75 s for 1.7M triples).

A push interrupted before step 3 leaves the old dataset as it was. `dataset="NAME"` puts
the name into the target graph IRIs (`.../dataset/NAME/graph/asserted`), so several
corpora share one store and replacing one leaves the others alone. With `replace=False`
(`--append`) the temporary graphs are checked the same way, then added to the live graphs
(`ADD`, one request), which must then hold at least as many triples as were sent; an
append that would give a derived relation two statement counts (another build of other
records: its counts count another corpus) is refused before anything is added.

Named graphs (asserted, inferred, alignment) stay apart on the target. Triples holding a
blank node all travel in one request, so a blank node is never split across two
requests (each request would mint its own). Batches start at `DEFAULT_BATCH` triples
(Virtuoso refuses much larger SPARQL Updates) and are halved while the server answers
that a request is too large (HTTP 413, or an error that says so). Every HTTP failure
raises `PushError` naming the method, the URL, the status and the server's message.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import sys
import time
import types
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph

DEFAULT_BATCH = 1_000
# Triples per request of the swap on Virtuoso (`_swap_in_chunks`): each request is one
# transaction, well under its default limit on a transaction's log (about 1M moved).
VIRTUOSO_CHUNK = 100_000
BASE = "https://w3id.org/kg-armed-groups/"
TEMP_MARK = ".kg-push-tmp-"
_NT = "application/n-triples"
_DATASET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# What servers say when a request is too large (Virtuoso, Jena, proxies). Virtuoso 7.2.5
# answers an INSERT DATA of 50,000 triples with "HTTP 400 ... SP030: SPARQL compiler,
# line 4992: memory exhausted at ..." (measured; its parser's stack, not the server's RAM).
_TOO_LARGE = re.compile(
    r"too (large|big|long)|exceed|payload|request entity|max(imum)? ?size|size limit"
    r"|memory exhausted",
    re.I,
)
INFERRED_MISSING = (
    "the source has no inferred graph (.../graph/inferred): queries that read derived "
    "relations (inferred_vs_asserted among them) will find nothing on the target; "
    "build with `kg build --reason` (kg run and stores always derive them)"
)


class PushError(RuntimeError):
    """A push that failed: the message names the request, the URL and the server's answer."""


class _TooLarge(PushError):
    """The server refused a request for its size: send smaller batches."""


@dataclass
class PushReport:
    """What was sent: triples per target graph (`""` is the default graph), requests,
    time; the counts found on the target, graphs removed, warnings."""

    graphs: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    seconds: float = 0.0
    method: str = ""
    verified: dict[str, int] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    batch_size: int = 0

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


@dataclass
class _Target:
    """Where a push goes: the URLs, how, and under which dataset name."""

    graph_store: str | None
    update_url: str | None
    query_url: str | None
    dataset: str | None
    replace: bool
    verify: bool

    @property
    def push_url(self) -> str:
        return str(self.graph_store or self.update_url)


def push(
    source: str | Path | pyoxigraph.Store,
    *,
    endpoint: str | None = None,
    graph_store: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    replace: bool = True,
    timeout_s: float = 300.0,
    user: str | None = None,
    password: str | None = None,
    auth: str = "auto",
    query_endpoint: str | None = None,
    verify: bool = True,
    dataset: str | None = None,
) -> PushReport:
    """Send every graph of `source` (a graph file, a store directory, or an open
    pyoxigraph Store) to an external store (see the module docstring for the steps).

    Give `graph_store` (a Graph Store Protocol URL, e.g. Fuseki's `/ds/data`, Oxigraph's
    `/store`) or `endpoint` (a SPARQL Update URL, e.g. Fuseki's `/ds/update`, Oxigraph's
    `/update`); the Graph Store Protocol loads the triples when both are given, and the
    Update endpoint (guessed beside the graph store when not given) swaps them in.
    `query_endpoint` is where kg counts what landed (guessed from the push URL when not
    given: Oxigraph and Fuseki `.../query`, Virtuoso `.../sparql`). `dataset` names the
    corpus in the target graph IRIs. `user` / `password` authenticate with Basic auth, or
    Digest when the server asks for it (`auth="digest"` forces it); `timeout_s` bounds
    each request (0: none). `verify=False` (for a store without a query endpoint) loads
    straight into the live graphs, replacing each (`replace`), checks nothing and
    removes nothing. A source without an inferred graph adds a warning to the report.
    """
    target = _target(endpoint, graph_store, query_endpoint, dataset, replace, verify)
    if batch_size < 1:
        raise PushError("batch size must be at least 1")
    store = _open_source(source)
    client = _Client(timeout_s, user, password, auth, batch_size)
    report = PushReport(method="graph-store" if graph_store else "update")
    if not _has_inferred(store):
        report.warnings.append(INFERRED_MISSING)
    started = time.perf_counter()
    graphs = _graphs(store)
    if not graphs:
        # Mirroring an empty source would empty the dataset: more likely a mistake.
        raise PushError(f"{source}: no triples to push")
    staged = target.verify  # into temporary graphs, checked, then swapped or added in
    token = secrets.token_hex(4)
    loaded: dict[str, str] = {}  # live graph -> the graph its triples were loaded into
    try:
        for graph in graphs:
            live = target_graph("" if _is_default(graph) else graph.value, dataset)
            loaded[live] = temp_graph(live, token) if staged else live
            report.graphs[live] = _load_graph(client, target, store, graph, loaded[live])
        if staged:
            counted = {loaded[g]: n for g, n in report.graphs.items()}
            _check_counts(client, target, counted, {temp: live for live, temp in loaded.items()})
            if not target.replace:
                _refuse_conflicting_counts(client, target, loaded)
    except PushError:
        if staged:  # the live graphs are untouched; leave no temporary graph behind
            _drop_quietly(client, target, list(loaded.values()))
        raise
    if staged:
        if target.replace:
            report.removed = _swap_in(client, target, loaded)
        else:
            _add_in(client, target, loaded)
        report.verified = _check_counts(client, target, report.graphs)
    report.requests = client.requests
    report.batch_size = client.batch_size
    report.seconds = time.perf_counter() - started
    return report


def _target(
    endpoint: str | None,
    graph_store: str | None,
    query_endpoint: str | None,
    dataset: str | None,
    replace: bool,
    verify: bool,
) -> _Target:
    if not graph_store and not endpoint:
        raise PushError("give an endpoint (SPARQL Update URL) or a graph store URL")
    for url in (graph_store, endpoint, query_endpoint):
        if url and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise PushError(f"{url}: not an http(s) URL")
    check_dataset_name(dataset)
    push_url = str(graph_store or endpoint)
    # An update URL of unknown layout may take queries too (Virtuoso's /sparql does).
    query_url = query_endpoint or guess_query_url(push_url) or endpoint
    update_url = endpoint or (guess_url(push_url, _UPDATE_SEGMENT) if graph_store else None)
    if verify and not query_url:
        raise PushError(
            f"cannot tell the SPARQL query endpoint beside {push_url}: give it "
            f"(--query-endpoint URL) so kg can check what landed"
        )
    if verify and not update_url:
        raise PushError(
            f"cannot tell the SPARQL Update endpoint beside {push_url}: give it (--endpoint "
            f"URL) so kg can swap (or, with --append, add) the new graphs in"
        )
    return _Target(graph_store, update_url, query_url, dataset, replace, verify)


# --- graph names --------------------------------------------------------------------------


def target_graph(graph: str, dataset: str | None) -> str:
    """The target IRI of a source graph (`""`: the default graph). Without a dataset name
    kg's graphs keep their IRIs; with one they move under `BASE dataset/NAME/`, other
    IRIs and the default graph too (percent-encoded under `.../graph/other/`)."""
    if dataset is None:
        return graph
    prefix = f"{BASE}dataset/{dataset}/"
    if not graph:
        return f"{prefix}graph/default"
    if graph.startswith(BASE):
        return prefix + graph[len(BASE) :]
    return f"{prefix}graph/other/{urllib.parse.quote(graph, safe='')}"


def check_dataset_name(dataset: str | None) -> None:
    if dataset is not None and not _DATASET_NAME.fullmatch(dataset):
        raise PushError(
            f"dataset name {dataset!r}: use letters, digits, '.', '_' and '-' (at most 100, "
            f"starting with a letter or digit); it goes into the target graph IRIs"
        )


def for_dataset(sparql: str, dataset: str | None) -> str:
    """A query with kg's graph IRIs (`.../graph/asserted`, ...) moved to those of a
    dataset pushed with `dataset=NAME`, so the library queries read that corpus."""
    check_dataset_name(dataset)
    if dataset is None:
        return sparql
    return sparql.replace(f"<{BASE}graph/", f"<{target_graph(BASE + 'graph/', dataset)}")


def dataset_prefix(dataset: str | None) -> str:
    """IRIs of the target graphs that belong to a dataset start with this."""
    return f"{BASE}dataset/{dataset}/" if dataset is not None else f"{BASE}graph/"


def temp_graph(live: str, token: str) -> str:
    """The graph a live graph's new triples are loaded into before the swap."""
    return f"{live or BASE + 'graph/default'}{TEMP_MARK}{token}"


# --- verification and swap ---------------------------------------------------------------

# Last path segment of a push URL -> that of the query / update endpoint beside it.
_QUERY_SEGMENT = {
    "update": "query",  # Oxigraph /update, Fuseki /DATASET/update
    "store": "query",  # Oxigraph's Graph Store
    "data": "query",  # Fuseki /DATASET/data
    "sparql-graph-crud": "sparql",  # Virtuoso
    "sparql-graph-crud-auth": "sparql-auth",
    "sparql": "sparql",  # Virtuoso takes updates and queries on one URL
    "sparql-auth": "sparql-auth",
}
_UPDATE_SEGMENT = {
    "update": "update",  # an Update URL given as --graph-store: the count check says so
    "sparql": "sparql",
    "sparql-auth": "sparql-auth",
    "store": "update",
    "data": "update",
    "sparql-graph-crud": "sparql",
    "sparql-graph-crud-auth": "sparql-auth",
}


def guess_query_url(push_url: str) -> str | None:
    """The SPARQL query URL beside a push URL (Oxigraph, Fuseki, Virtuoso layouts), or
    None when the layout is unknown."""
    return guess_url(push_url, _QUERY_SEGMENT)


def guess_url(url: str, segments: dict[str, str]) -> str | None:
    parts = urllib.parse.urlsplit(url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    segment = segments.get(last)
    if segment is None:
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{head}/{segment}", "", ""))


def _check_counts(
    client: _Client, target: _Target, sent: dict[str, int], live: dict[str, str] | None = None
) -> dict[str, int]:
    """Count each named graph on the target; raise PushError on a mismatch (naming the
    live graph a temporary one stands for, from `live`). The default graph is not
    counted: on a store with a union default graph its count is that of every graph (in
    replace mode its triples were counted in their temporary graph)."""
    query_url = str(target.query_url)
    landed = {graph: client.count(query_url, graph) for graph in sent if graph}
    if landed and not any(landed.values()) and any(sent[g] for g in landed):
        raise PushError(
            f"nothing landed: {target.push_url} answered every request as a success but "
            f"the target graphs are empty (counted through {query_url}). It is probably "
            f"the wrong kind of endpoint: give a SPARQL Update URL as --endpoint (Oxigraph "
            f".../update, Fuseki .../DATASET/update, Virtuoso .../sparql) and a Graph "
            f"Store Protocol URL as --graph-store (Oxigraph .../store, Fuseki "
            f".../DATASET/data, Virtuoso .../sparql-graph-crud)"
        )
    for graph, count in landed.items():
        wrong = count != sent[graph] if target.replace else count < sent[graph]
        if wrong:
            name = f"<{live[graph] or 'default'}> (loaded into <{graph}>)" if live else f"<{graph}>"
            raise PushError(
                f"graph {name} holds {count} triples on the target (counted through "
                f"{query_url}) but the source has {sent[graph]}"
                + ("" if target.replace else " (with --append it should hold at least as many)")
            )
    return landed


def _swap_in(client: _Client, target: _Target, loaded: dict[str, str]) -> list[str]:
    """One SPARQL Update: each temporary graph moves onto its live graph, and the graphs
    of the dataset that the source lacks (and temporary graphs left by interrupted
    pushes) are dropped. Returns the dropped graphs. On Virtuoso: `_swap_in_chunks`."""
    present = client.graphs(str(target.query_url), dataset_prefix(target.dataset))
    stale = sorted(present - set(loaded) - set(loaded.values()))
    if client.is_virtuoso():
        _swap_in_chunks(client, target, loaded, stale)
        return stale
    _update(
        client,
        target,
        [
            f"MOVE SILENT GRAPH <{temp}> TO {f'GRAPH <{live}>' if live else 'DEFAULT'}"
            for live, temp in loaded.items()
        ]
        + [f"DROP SILENT GRAPH <{graph}>" for graph in stale],
    )
    return stale


def _swap_in_chunks(
    client: _Client, target: _Target, loaded: dict[str, str], stale: list[str]
) -> None:
    """The swap on Virtuoso (7.2), in transactions of at most `VIRTUOSO_CHUNK` triples:
    the named live graphs are emptied, the temporary graphs moved onto them, the stale
    graphs emptied, each chunk by chunk, then dropped.

    One transaction per graph does not scale there: a `MOVE` of 1.15M + 0.61M triples
    failed with "SR325: Transaction aborted because it's log after image size went above
    the limit" (Debian's default configuration; 0.96M passed, in 10 s), and a `MOVE`
    that deletes and re-inserts the same rows is slow (60,000 identical triples: 52 s of
    its 60 s limit, then "SR171: Transaction timed out"). Each chunk is a plain
    transaction: Virtuoso's row-by-row mode (`DEFINE sql:log-enable 2` or `3`, row
    autocommit) deletes rows from some indexes of RDF_QUAD and not from others (after a
    push of 436 triples and one of 20,000, 89 of the replaced rows stayed in its primary
    key while its POGS and GS indexes lost them), so its counts then depend on the index
    a query plan reads (20,089 or 20,000)."""
    for live in loaded:
        if live:
            _in_chunks(client, target, live, None)
    for live, temp in loaded.items():
        if live:
            _in_chunks(client, target, temp, live)
        else:  # the default graph (a push without a dataset name of a source that has one)
            _update(client, target, [f"MOVE SILENT GRAPH <{temp}> TO DEFAULT"])
    for graph in stale:
        _in_chunks(client, target, graph, None)
    _update(client, target, [f"DROP SILENT GRAPH <{g}>" for g in [*loaded.values(), *stale]])


def _in_chunks(client: _Client, target: _Target, graph: str, into: str | None) -> None:
    """Empty the named graph `graph` by requests of at most `VIRTUOSO_CHUNK` triples
    each, moving them to the graph `into` (None: deleting them); raise PushError when a
    request leaves as many triples as there were (the server did not take it)."""
    where = (
        f"WHERE {{ SELECT ?s ?p ?o {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT {VIRTUOSO_CHUNK} }}"
    )
    insert = f" INSERT {{ GRAPH <{into}> {{ ?s ?p ?o }} }}" if into else ""
    update = f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}{insert} {where}"
    left = client.count(str(target.query_url), graph)
    while left:
        _update(client, target, [update])
        before, left = left, client.count(str(target.query_url), graph)
        if left >= before:
            raise PushError(
                f"{target.update_url}: moving the triples of <{graph}> in chunks made no "
                f"progress ({left} left after a request that should have taken up to "
                f"{VIRTUOSO_CHUNK})"
            )


def _update(client: _Client, target: _Target, operations: list[str]) -> None:
    """The operations as one SPARQL Update request (none: no request)."""
    if operations:
        update = " ;\n".join(operations).encode()
        client.request("POST", str(target.update_url), update, "application/sparql-update")


def _add_in(client: _Client, target: _Target, loaded: dict[str, str]) -> None:
    """--append: one SPARQL Update adds each temporary graph to its live graph and drops
    it, so readers see all of the new triples or none (on a store that runs one update
    request as one transaction)."""
    operations: list[str] = []
    for live, temp in loaded.items():
        into = f"GRAPH <{live}>" if live else "DEFAULT"
        operations += [f"ADD SILENT GRAPH <{temp}> TO {into}", f"DROP SILENT GRAPH <{temp}>"]
    _update(client, target, operations)


def _refuse_conflicting_counts(client: _Client, target: _Target, loaded: dict[str, str]) -> None:
    """--append of another build: the statement counts of the derived relations
    (kg.counts: one node per relation, IRI hashed from it) count one corpus each, so a
    relation in both builds would end up with two counts (3 and 5, not 8) and the
    queries that rank by them would count it twice. Raise PushError before anything is
    added when a count node of the source holds another count on the target."""
    from kg.counts import STATEMENT_COUNT

    query_url = str(target.query_url)
    for live, temp in loaded.items():
        if not live:
            continue
        where = (
            f"GRAPH <{temp}> {{ ?node <{STATEMENT_COUNT}> ?new }} "
            f"GRAPH <{live}> {{ ?node <{STATEMENT_COUNT}> ?old }} FILTER (?new != ?old)"
        )
        rows = client.query(query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        conflicts = rows[0].get("n") if rows else 0
        if not conflicts:
            continue
        example = client.query(query_url, f"SELECT ?node ?old ?new WHERE {{ {where} }} LIMIT 1")
        node, old, new = (example[0].get(k) for k in ("node", "old", "new"))
        raise PushError(
            f"--append would leave {conflicts} derived relations of <{live}> with two "
            f"statement counts (e.g. <{node}>: {old} on the target, {new} in the source); "
            f"nothing was added. The counts are derived from one corpus, so two builds do "
            f"not merge by adding triples: build one graph from the records of both and "
            f"push it (without --append), or push each build with its own --dataset NAME"
        )


def _drop_quietly(client: _Client, target: _Target, graphs: list[str]) -> None:
    """Best effort: the next push of the dataset drops what this leaves anyway."""
    with contextlib.suppress(PushError):
        _update(client, target, [f"DROP SILENT GRAPH <{graph}>" for graph in graphs])


def _has_inferred(store: pyoxigraph.Store) -> bool:
    import pyoxigraph as ox

    from kg.vocab import INFERRED_GRAPH

    return bool(store.contains_named_graph(ox.NamedNode(str(INFERRED_GRAPH))))


# --- sources ----------------------------------------------------------------------------


def _open_source(source: str | Path | pyoxigraph.Store) -> pyoxigraph.Store:
    import pyoxigraph as ox

    if isinstance(source, ox.Store):
        return source
    path = Path(source)
    if path.is_dir():
        from kg.store import open_store

        return open_store(path, read_only=True)
    if not path.is_file():
        raise PushError(f"{path}: no such graph file or store directory")
    from kg.store import StoreError, load_file

    _format_for(path)
    store = ox.Store()
    try:
        load_file(store, path)  # Turtle / N-Triples sidecars go to their named graphs
    except StoreError as error:
        raise PushError(str(error)) from error
    return store


def _format_for(path: Path) -> pyoxigraph.RdfFormat:
    import pyoxigraph as ox

    suffix = path.suffix.lower().lstrip(".")
    fmt = ox.RdfFormat.from_extension(suffix)
    if fmt is None:
        aliases = {"jsonld": "jsonld", "json": "jsonld", "turtle": "ttl", "ntriples": "nt"}
        fmt = ox.RdfFormat.from_extension(aliases.get(suffix, suffix))
    if fmt is None:
        raise PushError(f"{path}: unknown RDF format (use .ttl, .nt, .nq, .trig or .jsonld)")
    return fmt


def _graphs(store: pyoxigraph.Store) -> list[pyoxigraph.NamedNode | pyoxigraph.DefaultGraph]:
    import pyoxigraph as ox

    named = sorted(store.named_graphs(), key=lambda g: g.value)
    graphs: list = []
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None):
        graphs.append(ox.DefaultGraph())
    return graphs + [g for g in named if isinstance(g, ox.NamedNode)]


def _is_default(graph: object) -> bool:
    import pyoxigraph as ox

    return isinstance(graph, ox.DefaultGraph)


def _load_graph(
    client: _Client, target: _Target, store: pyoxigraph.Store, graph: object, into: str
) -> int:
    """Send one source graph into the target graph `into`; the triples sent."""
    first = True

    def send(triples: list[pyoxigraph.Triple]) -> None:
        nonlocal first
        data = _ntriples(triples)
        if target.graph_store:
            _send_gsp(client, target.graph_store, into, data, put=first and target.replace)
        else:
            _send_update(client, str(target.update_url), into, data, drop=first and target.replace)
        first = False

    blank = list(_triples(store, graph, blank=True))
    plain = _triples(store, graph, blank=False)
    # Blank-node triples go in one request: each request would mint its own blank nodes.
    head = blank + list(islice(plain, max(0, client.batch_size - len(blank))))
    count = client.send_shrinking(head, send, keep=len(blank))
    while chunk := list(islice(plain, client.batch_size)):
        count += client.send_shrinking(chunk, send)
    return count


def _triples(store: pyoxigraph.Store, graph: object, *, blank: bool) -> Iterator[Any]:
    import pyoxigraph as ox

    for quad in store.quads_for_pattern(None, None, None, graph):
        has_blank = isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
        if has_blank == blank:
            yield quad.triple


def _ntriples(triples: Iterable[pyoxigraph.Triple]) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


# --- protocols --------------------------------------------------------------------------


def _send_gsp(client: _Client, base: str, graph: str, data: bytes, *, put: bool) -> None:
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    url = f"{base}{'&' if '?' in base else '?'}{query}"
    client.request("PUT" if put else "POST", url, data, _NT)


def _send_update(client: _Client, endpoint: str, graph: str, data: bytes, *, drop: bool) -> None:
    body = data.decode("utf-8")
    if graph:
        target = f"<{graph}>"
        clear = f"DROP SILENT GRAPH {target} ;\n"
        insert = f"INSERT DATA {{ GRAPH {target} {{\n{body}}} }}"
    else:
        clear = "DROP SILENT DEFAULT ;\n"
        insert = f"INSERT DATA {{\n{body}}}"
    update = (clear if drop else "") + insert
    client.request("POST", endpoint, update.encode("utf-8"), "application/sparql-update")


class _Client:
    """HTTP through kg.endpoint.send: Basic auth, or Digest when the server asks for it
    (Virtuoso's authenticated endpoints) or `auth="digest"`; the timeout per request; the
    batch size, halved while the server refuses requests as too large."""

    def __init__(
        self,
        timeout_s: float,
        user: str | None,
        password: str | None,
        auth: str = "auto",
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        from kg.endpoint import Credentials

        self.timeout_s = timeout_s
        self.requests = 0
        self.batch_size = batch_size
        self.server = ""  # the Server header of the target's first answer
        self.credentials = Credentials(user, password or "", auth) if user is not None else None

    def send_shrinking(
        self, triples: list[Any], send: Callable[[list[Any]], None], keep: int = 0
    ) -> int:
        """`send(triples)`; while the server says it is too large, halve the batch size
        and send the triples in pieces of that size (the first `keep` triples, those with
        blank nodes, in one piece). Returns how many were sent."""
        if len(triples) > max(keep, self.batch_size):
            # Cut before the batch size shrank: send it in pieces of the current size
            # (sending it whole would fail again and halve the size once more).
            pieces = _pieces(triples, keep, self.batch_size)
            return sum(
                self.send_shrinking(piece, send, keep if number == 0 else 0)
                for number, piece in enumerate(pieces)
            )
        try:
            send(triples)
            return len(triples)
        except _TooLarge as error:
            if len(triples) <= max(1, keep):
                raise PushError(
                    f"{error} (the server refuses even {len(triples)} triples in one "
                    f"request{', all sharing blank nodes' if keep else ''}; raise its "
                    f"request size limit)"
                ) from error
            self.batch_size = max(1, min(self.batch_size, len(triples)) // 2)
            return self.send_shrinking(triples, send, keep)

    def is_virtuoso(self) -> bool:
        """Whether the target said it is Virtuoso (the Server header of its first answer
        to an update or a load)."""
        return "virtuoso" in self.server.lower()

    def count(self, query_url: str, graph: str) -> int:
        """Triples in one named graph of the target, through its query endpoint."""
        sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        rows = self.query(query_url, sparql)
        value = rows[0].get("n") if rows else 0
        if not isinstance(value, int):
            raise PushError(f"{query_url}: counting <{graph}> gave {value!r}, not a number")
        return value

    def graphs(self, query_url: str, prefix: str) -> set[str]:
        """The named graphs on the target whose IRI starts with `prefix`."""
        literal = prefix.replace("\\", "\\\\").replace('"', '\\"')
        sparql = (
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER (STRSTARTS(STR(?g), "{literal}")) }}'
        )
        return {str(row.get("g")) for row in self.query(query_url, sparql) if row.get("g")}

    def query(self, query_url: str, sparql: str) -> list[dict[str, Any]]:
        from kg.endpoint import EndpointError, query_endpoint

        self.requests += 1
        try:
            return query_endpoint(
                query_url, sparql, credentials=self.credentials, timeout=self.timeout_s
            )
        except EndpointError as error:
            raise PushError(f"cannot check what landed: {error}") from error

    def request(self, method: str, url: str, data: bytes, content_type: str) -> None:
        from kg.endpoint import EndpointError, send

        self.requests += 1
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        try:
            response = send(method, url, data, headers, self.credentials, self.timeout_s)
        except EndpointError as error:
            raise PushError(f"{method} {url} failed: {error}") from error
        self.server = self.server or response.headers.get("Server", "")
        if response.status_code >= 400:
            self._fail(method, url, response.status_code, response.reason_phrase, response.text)

    def _fail(self, method: str, url: str, status: int, reason: str, text: str) -> None:
        message = " ".join(text[:2000].split())
        if status == 401:
            message = (
                "the server wants credentials (--user, password in KG_PUSH_PASSWORD)"
                if self.credentials is None
                else f"it refused user {self.credentials.user!r}"
            ) + (f"; it said: {message}" if message else "")
        excerpt = message if len(message) <= 300 else message[:299] + "…"
        error = f"{method} {url} failed: HTTP {status} {reason}" + (
            f": {excerpt}" if excerpt else ""
        )
        if status == 413 or (status in (400, 500) and _TOO_LARGE.search(message[:300])):
            raise _TooLarge(error)
        if status in (404, 405, 415):
            error += (
                ". Is it the right kind of endpoint? --endpoint takes a SPARQL Update URL, "
                "--graph-store a Graph Store Protocol URL"
            )
        raise PushError(error)


def _pieces(triples: list[Any], keep: int, size: int) -> list[list[Any]]:
    """The triples in pieces of `size`, the first `keep` of them in a piece of their own."""
    head, rest = ([triples[:keep]], triples[keep:]) if keep else ([], triples)
    return head + [rest[start : start + size] for start in range(0, len(rest), size)]


class _CallableModule(types.ModuleType):
    """`kg.push(...)` calls `push(...)` even once `kg.push` names this module."""

    def __call__(self, *args: Any, **kwargs: Any) -> PushReport:
        return push(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
