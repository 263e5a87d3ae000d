"""Queries against a remote SPARQL 1.1 endpoint (Virtuoso, Fuseki, an Oxigraph server, ...).

`query_endpoint(url, sparql)` sends the query as the SPARQL 1.1 Protocol's URL-encoded
POST (`Content-Type: application/x-www-form-urlencoded`, `query=...`; Virtuoso 7.2 never
answers the direct `application/sparql-query` POST) and asks for SPARQL JSON results
(N-Triples for CONSTRUCT / DESCRIBE), and returns the rows `kg.query` returns on a local
graph: dicts of plain values (numbers and booleans typed so, other terms as text, None
when unbound).
`run_endpoint(q, url, params)` does the same for a named query with parameters.

Credentials: Basic or Digest auth (`auth="basic"` / `"digest"`; `"auto"` sends Basic and
answers a Digest challenge if the server sends one, as Virtuoso's authenticated endpoints
do). Every failure raises `EndpointError` with a message saying what happened and what to
check: an unreachable host, a timeout, HTTP 401, an answer that is not SPARQL results.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

AUTH_MODES = ("auto", "basic", "digest")
PASSWORD_ENV = "KG_SPARQL_PASSWORD"
DEFAULT_TIMEOUT = 60.0
_JSON_RESULTS = "application/sparql-results+json"
_ACCEPT_RESULTS = f"{_JSON_RESULTS}, application/json;q=0.5"
_ACCEPT_GRAPH = "application/n-triples, text/plain;q=0.5"
_INTEGER_TYPES = {
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte", "negativeInteger",
    "nonPositiveInteger",
}  # fmt: skip
_XSD = "http://www.w3.org/2001/XMLSchema#"


class EndpointError(RuntimeError):
    """A remote query that failed; the message says why and what to check."""


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    auth: str = "auto"


def run_endpoint(
    q: str,
    url: str,
    params: Mapping[str, str] | None = None,
    *,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    dataset: str | None = None,
) -> list[dict[str, Any]]:
    """A query from queries/ (or a .rq path, or SPARQL text) with its parameters, run on
    the endpoint at `url`; with `dataset`, on the graphs `kg push --dataset` named so."""
    from kg.push import for_dataset
    from kg.query import load_query, prepare

    sparql = for_dataset(prepare(load_query(q), params), dataset)
    return query_endpoint(url, sparql, credentials=credentials, timeout=timeout)


def query_endpoint(
    url: str,
    sparql: str,
    *,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[dict[str, Any]]:
    """Run SPARQL text on the endpoint; rows as plain dicts (see the module docstring)."""
    _check_url(url)
    response = _post(url, sparql, credentials, timeout)
    _raise_for_status(url, response, credentials)
    rows = _rows(url, response)
    _raise_if_cut(url, response, len(rows))
    return rows


def _raise_if_cut(url: str, response: httpx.Response, count: int) -> None:
    """Virtuoso answers 200 with part of the rows in two cases, and says so only in a
    header: `X-SPARQL-MaxRows: N` when its ResultSetMaxRows (10,000 by default) cut the
    result, `X-SQL-State` with `X-SQL-Message` when an "anytime" query stopped at its
    time limit. Rows that may be incomplete are an error, never a result."""
    limit = response.headers.get("X-SPARQL-MaxRows", "")
    if limit.isdigit() and count >= int(limit):
        raise EndpointError(
            f"{url} cut the result at {limit} rows (Virtuoso's ResultSetMaxRows): the rows "
            f"are incomplete; ask for fewer (--param limit=N below {limit}) or raise the "
            f"server's ResultSetMaxRows"
        )
    state = response.headers.get("X-SQL-State")
    if state:
        message = response.headers.get("X-SQL-Message", "")
        raise EndpointError(
            f"{url} returned incomplete results ({state} {message}); the query ran into "
            f"the server's time limit"
        )


def _check_url(url: str) -> None:
    if httpx.URL(url).scheme not in ("http", "https"):
        raise EndpointError(f"{url}: an endpoint URL starts with http:// or https://")


def _post(url: str, sparql: str, credentials: Credentials | None, timeout: float) -> httpx.Response:
    accept = _ACCEPT_GRAPH if _returns_graph(sparql) else _ACCEPT_RESULTS
    # URL-encoded, not the direct POST: Virtuoso 7.2.5 leaves an application/sparql-query
    # body unanswered (the request hangs until the timeout), every engine takes a form.
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    body = urllib.parse.urlencode({"query": sparql}).encode("ascii")
    return send("POST", url, body, headers, credentials, timeout)


def send(
    method: str,
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    credentials: Credentials | None,
    timeout: float,
) -> httpx.Response:
    """One HTTP request with kg's auth (Basic, or Digest when asked or challenged) and
    timeout in seconds (0: none). An unreachable host or no answer in time raise
    EndpointError; any answer is returned (kg.push sends its graphs through here too)."""
    limit = httpx.Timeout(timeout if timeout > 0 else None)
    try:
        with httpx.Client(timeout=limit, follow_redirects=True) as client:
            response = client.request(
                method, url, content=body, headers=headers, auth=_auth(credentials)
            )
            if _wants_digest(response, credentials):
                digest = _digest(credentials)
                response = client.request(method, url, content=body, headers=headers, auth=digest)
            return response
    except httpx.TimeoutException as error:
        raise EndpointError(
            f"{url}: no answer within {timeout:g} s; the request may need longer "
            f"(--timeout SECONDS, 0 for none) or the server may be overloaded"
        ) from error
    except httpx.HTTPError as error:
        raise EndpointError(f"cannot reach {url}: {error}; is the server running?") from error


def _returns_graph(sparql: str) -> bool:
    """Whether the query is a CONSTRUCT or DESCRIBE (its first query-form keyword)."""
    from kg.query import query_form

    return query_form(sparql) in ("CONSTRUCT", "DESCRIBE")


def _auth(credentials: Credentials | None) -> httpx.Auth | None:
    if credentials is None:
        return None
    if credentials.auth not in AUTH_MODES:
        raise EndpointError(f"unknown auth {credentials.auth!r}; use one of {AUTH_MODES}")
    if credentials.auth == "digest":
        return _digest(credentials)
    return httpx.BasicAuth(credentials.user, credentials.password)


def _digest(credentials: Credentials | None) -> httpx.Auth:
    assert credentials is not None
    return httpx.DigestAuth(credentials.user, credentials.password)


def _wants_digest(response: httpx.Response, credentials: Credentials | None) -> bool:
    """Basic was refused and the server may take Digest (auto mode only): it asks for
    Digest, or asks for nothing (Virtuoso 7.2's /sparql-auth answers Basic with a bare
    401; Digest then gets its challenge). A server that asks for Basic again refused
    the password."""
    challenge = response.headers.get("WWW-Authenticate", "").lower()
    return (
        credentials is not None
        and credentials.auth == "auto"
        and response.status_code == 401
        and not challenge.startswith("basic")
    )


def _raise_for_status(url: str, response: httpx.Response, credentials: Credentials | None) -> None:
    if response.status_code == 401:
        if credentials is None:
            raise EndpointError(
                f"{url}: HTTP 401, the endpoint wants credentials: give --user and "
                f"--password (or set {PASSWORD_ENV})"
            )
        raise EndpointError(
            f"{url}: HTTP 401, the endpoint refused the credentials of user "
            f"{credentials.user!r} ({credentials.auth} auth); check the user and password"
        )
    if response.status_code >= 400:
        raise EndpointError(
            f"{url}: HTTP {response.status_code} {response.reason_phrase}: "
            f"{_excerpt(response.text)}"
        )


def _rows(url: str, response: httpx.Response) -> list[dict[str, Any]]:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type in ("application/n-triples", "text/plain") and "head" not in response.text:
        return _triple_rows(url, response.text)
    try:
        document = json.loads(response.text)
    except ValueError:
        document = None
    if not isinstance(document, dict) or not ("boolean" in document or "results" in document):
        raise EndpointError(
            f"{url} answered with {content_type or 'no content type'}, not SPARQL results: "
            f"is it the SPARQL query endpoint (Virtuoso .../sparql, Fuseki "
            f".../DATASET/query or /sparql, Oxigraph .../query)? It said: "
            f"{_excerpt(response.text)}"
        )
    if "boolean" in document:
        return [{"result": bool(document["boolean"])}]
    names = document.get("head", {}).get("vars", [])
    return [
        {name: plain_term(binding.get(name)) for name in names}
        for binding in document["results"].get("bindings", [])
    ]


def _triple_rows(url: str, text: str) -> list[dict[str, Any]]:
    import pyoxigraph as ox

    try:
        triples = list(ox.parse(text.encode("utf-8"), ox.RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise EndpointError(f"{url}: the graph it sent is not valid N-Triples: {error}") from error
    rows = [
        {"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value}
        for t in triples
    ]
    return sorted(rows, key=lambda row: (row["subject"], row["predicate"], row["object"]))


def plain_term(term: Mapping[str, str] | None) -> Any:
    """A SPARQL JSON results term as the plain value kg's rows hold: integers, decimals
    and doubles as numbers, booleans as bool, anything else as its text; None when
    unbound. (Older Virtuoso writes literals with a datatype as "typed-literal".)"""
    if term is None:
        return None
    value = term.get("value", "")
    if term.get("type") not in ("literal", "typed-literal"):
        return value
    datatype = term.get("datatype", "")
    local = datatype[len(_XSD) :] if datatype.startswith(_XSD) else ""
    try:
        if local in _INTEGER_TYPES:
            return int(value)
        if local in ("decimal", "double", "float"):
            return float(value)
    except ValueError:
        return value
    if local == "boolean":
        return value in ("true", "1")
    return value


def _excerpt(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


__all__ = [
    "AUTH_MODES",
    "PASSWORD_ENV",
    "Credentials",
    "EndpointError",
    "plain_term",
    "query_endpoint",
    "run_endpoint",
    "send",
]
