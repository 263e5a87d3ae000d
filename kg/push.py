"""Load a kg graph into any external SPARQL 1.1 store (Fuseki, GraphDB, Virtuoso, QLever,
Oxigraph, ...), so users who outgrow one machine can move on.

Two standard ways, one per call:

* the SPARQL 1.1 Graph Store Protocol (`graph_store=URL`): per named graph, a `PUT` of the
  first batch (replacing what the graph held) and `POST`s of the next batches, as
  N-Triples, to `URL?graph=<graph IRI>` (`URL?default` for the default graph);
* SPARQL 1.1 Update (`endpoint=URL`): per named graph, `DROP SILENT GRAPH <g>` then
  `INSERT DATA { GRAPH <g> { ... } }` in batches.

Named graphs (asserted, inferred, alignment) stay apart on the target. Triples holding a
blank node all travel in a graph's first request, so a blank node is never split across
two requests (each request would mint its own). Every HTTP failure raises `PushError`
naming the method, the URL, the status and the server's message.

After the push the triples of each named graph are counted on the target through its
SPARQL query endpoint (`query_endpoint`, guessed from the push URL when not given) and
compared with the source: a store can answer "204 No Content" and keep nothing (the
wrong kind of endpoint), so a mismatch raises `PushError` naming the graph and both
counts.
"""

from __future__ import annotations

import sys
import time
import types
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph

DEFAULT_BATCH = 50_000
_NT = "application/n-triples"
INFERRED_MISSING = (
    "the source has no inferred graph (.../graph/inferred): queries that read derived "
    "relations (inferred_vs_asserted among them) will find nothing on the target; "
    "build with `kg build --reason` (kg run and stores always derive them)"
)


class PushError(RuntimeError):
    """A push that failed: the message names the request, the URL and the server's answer."""


@dataclass
class PushReport:
    """What was sent: triples per graph (`""` is the default graph), requests, time."""

    graphs: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    seconds: float = 0.0
    method: str = ""
    verified: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


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
) -> PushReport:
    """Send every graph of `source` (a graph file, a store directory, or an open
    pyoxigraph Store) to an external store.

    Give `graph_store` (a Graph Store Protocol URL, e.g. Fuseki's `/ds/data`, Oxigraph's
    `/store`) or `endpoint` (a SPARQL Update URL, e.g. Fuseki's `/ds/update`, Oxigraph's
    `/update`); the Graph Store Protocol is used when both are given. With `replace`
    (the default) each target graph is emptied first, so pushing twice gives the same
    graph, not duplicates. `user` / `password` authenticate with Basic auth, or Digest
    when the server asks for it (`auth="digest"` forces it); `timeout_s` bounds each
    request (0: none).

    With `verify` (the default) the named graphs are then counted on the target through
    `query_endpoint` (SPARQL query URL; guessed from the push URL when not given: Oxigraph
    and Fuseki `.../query`, Virtuoso `.../sparql`): a graph holding fewer or more triples
    than the source raises `PushError`. A source without an inferred graph adds a
    warning to the report (`report.warnings`).
    """
    if not graph_store and not endpoint:
        raise PushError("give an endpoint (SPARQL Update URL) or a graph store URL")
    for url in (graph_store, endpoint):
        if url and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise PushError(f"{url}: not an http(s) URL")
    if batch_size < 1:
        raise PushError("batch size must be at least 1")
    push_url = str(graph_store or endpoint)
    # An update URL of unknown layout may take queries too (Virtuoso's /sparql does).
    query_url = query_endpoint or guess_query_url(push_url) or endpoint
    if verify and not query_url:
        raise PushError(
            f"cannot tell the SPARQL query endpoint beside {push_url}: give it "
            f"(--query-endpoint URL) so kg can check what landed"
        )
    store = _open_source(source)
    client = _Client(timeout_s, user, password, auth)
    report = PushReport(method="graph-store" if graph_store else "update")
    if not _has_inferred(store):
        report.warnings.append(INFERRED_MISSING)
    started = time.perf_counter()
    for graph in _graphs(store):
        name = "" if _is_default(graph) else graph.value
        count = 0
        for number, batch in enumerate(_batches(store, graph, batch_size)):
            if graph_store:
                _send_gsp(client, graph_store, name, batch.data, first=number == 0, replace=replace)
            else:
                _send_update(
                    client, str(endpoint), name, batch.data, first=number == 0, replace=replace
                )
            count += batch.triples
        report.graphs[name] = count
    if verify and query_url:
        report.verified = _verify(client, query_url, push_url, report.graphs, replace=replace)
    report.requests = client.requests
    report.seconds = time.perf_counter() - started
    return report


# --- verification -----------------------------------------------------------------------

# Last path segment of a push URL -> that of the query endpoint beside it.
_QUERY_SEGMENT = {
    "update": "query",  # Oxigraph /update, Fuseki /DATASET/update
    "store": "query",  # Oxigraph's Graph Store
    "data": "query",  # Fuseki /DATASET/data
    "sparql-graph-crud": "sparql",  # Virtuoso
    "sparql-graph-crud-auth": "sparql-auth",
    "sparql": "sparql",  # Virtuoso takes updates and queries on one URL
    "sparql-auth": "sparql-auth",
}


def guess_query_url(push_url: str) -> str | None:
    """The SPARQL query URL beside a push URL (Oxigraph, Fuseki, Virtuoso layouts), or
    None when the layout is unknown."""
    parts = urllib.parse.urlsplit(push_url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    segment = _QUERY_SEGMENT.get(last)
    if segment is None:
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{head}/{segment}", "", ""))


def _verify(
    client: _Client, query_url: str, push_url: str, sent: dict[str, int], *, replace: bool
) -> dict[str, int]:
    """Count each pushed named graph on the target; raise PushError on a mismatch. The
    default graph is not checked: on a store with a union default graph its count is
    that of every graph."""
    landed = {graph: client.count(query_url, graph) for graph in sent if graph}
    if landed and sent and not any(landed.values()) and any(sent[g] for g in landed):
        raise PushError(
            f"nothing landed: {push_url} answered every request as a success but the "
            f"target graphs are empty (counted through {query_url}). It is probably the "
            f"wrong kind of endpoint: give a SPARQL Update URL as --endpoint (Oxigraph "
            f".../update, Fuseki .../DATASET/update, Virtuoso .../sparql) and a Graph "
            f"Store Protocol URL as --graph-store (Oxigraph .../store, Fuseki "
            f".../DATASET/data, Virtuoso .../sparql-graph-crud)"
        )
    for graph, count in landed.items():
        wrong = count != sent[graph] if replace else count < sent[graph]
        if wrong:
            raise PushError(
                f"graph <{graph}> holds {count} triples on the target (counted through "
                f"{query_url}) but the source has {sent[graph]}"
                + ("" if replace else " (with --append it should hold at least as many)")
            )
    return landed


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


@dataclass
class _Batch:
    data: bytes
    triples: int


def _batches(store: pyoxigraph.Store, graph: object, size: int) -> Iterator[_Batch]:
    """N-Triples batches of one graph; every triple with a blank node in the first."""
    import pyoxigraph as ox

    def triples(with_blank: bool) -> Iterator[ox.Triple]:
        for quad in store.quads_for_pattern(None, None, None, graph):
            blank = isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
            if blank == with_blank:
                yield quad.triple

    blank_triples = list(triples(True))
    batch: list[ox.Triple] = blank_triples
    limit = max(size, len(blank_triples))
    for triple in triples(False):
        if len(batch) >= limit:
            yield _Batch(_ntriples(batch), len(batch))
            batch, limit = [], size
        batch.append(triple)
    if batch:
        yield _Batch(_ntriples(batch), len(batch))


def _ntriples(triples: Iterable[pyoxigraph.Triple]) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


# --- protocols --------------------------------------------------------------------------


def _send_gsp(
    client: _Client, base: str, graph: str, data: bytes, *, first: bool, replace: bool
) -> None:
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    url = f"{base}{'&' if '?' in base else '?'}{query}"
    client.request("PUT" if first and replace else "POST", url, data, _NT)


def _send_update(
    client: _Client, endpoint: str, graph: str, data: bytes, *, first: bool, replace: bool
) -> None:
    body = data.decode("utf-8")
    if graph:
        target = f"<{graph}>"
        drop = f"DROP SILENT GRAPH {target} ;\n"
        insert = f"INSERT DATA {{ GRAPH {target} {{\n{body}}} }}"
    else:
        drop = "DROP SILENT DEFAULT ;\n"
        insert = f"INSERT DATA {{\n{body}}}"
    update = (drop if first and replace else "") + insert
    client.request("POST", endpoint, update.encode("utf-8"), "application/sparql-update")


class _Client:
    """HTTP through kg.endpoint.send: Basic auth, or Digest when the server asks for it
    (Virtuoso's authenticated endpoints) or `auth="digest"`; the timeout per request."""

    def __init__(
        self, timeout_s: float, user: str | None, password: str | None, auth: str = "auto"
    ) -> None:
        from kg.endpoint import Credentials

        self.timeout_s = timeout_s
        self.requests = 0
        self.credentials = Credentials(user, password or "", auth) if user is not None else None

    def count(self, query_url: str, graph: str) -> int:
        """Triples in one named graph of the target, through its query endpoint."""
        from kg.endpoint import EndpointError, query_endpoint

        sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        self.requests += 1
        try:
            rows = query_endpoint(
                query_url, sparql, credentials=self.credentials, timeout=self.timeout_s
            )
        except EndpointError as error:
            raise PushError(f"cannot check what landed: {error}") from error
        value = rows[0].get("n") if rows else 0
        if not isinstance(value, int):
            raise PushError(f"{query_url}: counting <{graph}> gave {value!r}, not a number")
        return value

    def request(self, method: str, url: str, data: bytes, content_type: str) -> None:
        from kg.endpoint import EndpointError, send

        self.requests += 1
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        try:
            response = send(method, url, data, headers, self.credentials, self.timeout_s)
        except EndpointError as error:
            raise PushError(f"{method} {url} failed: {error}") from error
        if response.status_code >= 400:
            message = " ".join(response.text[:2000].split())
            if response.status_code == 401:
                message = (
                    "the server wants credentials (--user, password in KG_PUSH_PASSWORD)"
                    if self.credentials is None
                    else f"it refused user {self.credentials.user!r}"
                ) + (f"; it said: {message}" if message else "")
            raise PushError(
                f"{method} {url} failed: HTTP {response.status_code} {response.reason_phrase}"
                + (f": {message}" if message else "")
            )


class _CallableModule(types.ModuleType):
    """`kg.push(...)` calls `push(...)` even once `kg.push` names this module."""

    def __call__(self, *args: Any, **kwargs: Any) -> PushReport:
        return push(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
