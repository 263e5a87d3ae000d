"""A persistent graph store on disk (Oxigraph, through pyoxigraph) for corpora too big for
memory: `kg build --store DIR`, `kg query --store DIR`, `kg serve --store DIR`.

* `open_store(dir)` opens (or creates) the store.
* `add_statements(store, statements)` adds statement records incrementally, in batches
  loaded through Oxigraph's N-Quads bulk path. A document already in the store is
  replaced: its statement nodes (found by `prov:wasDerivedFrom`), their events and every
  triple about them go first, so re-extracting a document never duplicates it and a second
  build of the same input adds nothing. Then the derived actor relations are materialised
  by `kg.rules` into the inferred named graph.
* `query_store(store, sparql)` runs SPARQL with the union of the named graphs as default
  graph (as `kg query` does on a file) and returns rows as dicts.
* `export_store(store, path)` writes the store to an RDF file (TriG/N-Quads keep the named
  graphs), atomically.

The triples are those of `kg.triples.statement_triples`, as for a graph file (`kg.build`):
`kg.ntriples` writes them as N-Quads lines without building an rdflib graph.
`kg.query.run_query` runs the query library on a store.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.files import atomic_writer

if TYPE_CHECKING:
    import pyoxigraph

    from kg.model import Statement

BASE = "https://w3id.org/kg-armed-groups/"
ASSERTED_GRAPH = f"{BASE}graph/asserted"
INFERRED_GRAPH = f"{BASE}graph/inferred"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_KG_ABOUT = f"{BASE}ontology#about"
DEFAULT_BATCH = 20_000


class StoreError(RuntimeError):
    """A store that cannot be opened or written; the message says why and what to do."""


@dataclass
class AddReport:
    """What `add_statements` did."""

    statements: int = 0
    documents: int = 0
    replaced_documents: int = 0
    derived_triples: int = 0
    relation_counts: int = 0  # statement counts written (new or changed)
    retracted_triples: int = 0  # derived relations that lost their last statement
    removed_actors: int = 0
    seconds: float = 0.0
    derive_seconds: float = 0.0
    replaced: list[str] = field(default_factory=list, repr=False)


def is_store(obj: object) -> bool:
    """Whether `obj` is a pyoxigraph Store (what `open_store` returns)."""
    return type(obj).__module__.startswith("pyoxigraph") and type(obj).__name__ == "Store"


def open_store(directory: str | Path, *, read_only: bool = False) -> pyoxigraph.Store:
    """Open the store in `directory`, creating it when missing (unless `read_only`).

    Refuses to open for writing a store that `kg serve` is serving read-only: Oxigraph's
    read-only server does not lock it, and writing under it would corrupt what it reads.
    Refuses to open read-only (for queries) a store whose last build did not finish
    (`kg.store_manifest`). Opening for writing removes a killed build's orphan files.
    """
    import pyoxigraph as ox

    from kg.serve import running_server
    from kg.store_manifest import IncompleteStoreError, require_complete

    path = Path(directory)
    if read_only:
        if not (path / "CURRENT").is_file():
            raise StoreError(f"{path}: no store here (build one with 'kg build --store {path}')")
        try:
            require_complete(path)
        except IncompleteStoreError as error:
            raise StoreError(str(error)) from error
        try:
            return ox.Store.read_only(str(path))
        except OSError as error:
            raise StoreError(f"{path}: cannot open the store read-only: {error}") from error
    url = running_server(path)
    if url is not None:
        raise StoreError(
            f"{path}: 'kg serve' is serving this store at {url}; stop it before writing, "
            "or open the store read-only"
        )
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store directory")
    try:
        store = ox.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreError(
                f"{path}: the store is in use by another process (a writable server or "
                "another build); stop it first"
            ) from error
        raise StoreError(f"{path}: cannot open the store: {error}") from error
    remove_orphan_files(path)
    return store


def remove_orphan_files(directory: str | Path) -> list[Path]:
    """Delete what a killed process left in the store directory: the files of an
    unfinished Oxigraph bulk load (bulk-*.sst, never ingested) and unfinished manifest
    writes. Only called with the store open for writing: its lock says no other
    process can be loading. Returns the files removed."""
    from kg.store_manifest import MANIFEST_NAME

    path = Path(directory)
    orphans = [*path.glob("bulk-*.sst"), *path.glob(f".{MANIFEST_NAME}.*.tmp")]
    for orphan in orphans:
        orphan.unlink(missing_ok=True)
    return orphans


@dataclass
class BuildPlan:
    """How a build proceeds, from the store's manifest (`plan_build`).

    `fresh`: the store holds no statements (no replacement lookups). `clear`: empty the
    store first (a first build that did not finish: its partial load is dropped).
    `load`: read and load the records (False when an unfinished build had loaded them).
    `sweep_orphans`: remove the actors no statement names even when no document was
    replaced (an unfinished load may have deleted documents it never put back).
    `incremental`: change the derived relations and counts by the loaded and replaced
    documents' (only from a complete store derived with the same rules); otherwise every
    relation is derived again (`derive_step`) and counted in full."""

    fresh: bool = False
    clear: bool = False
    load: bool = True
    sweep_orphans: bool = False
    incremental: bool = False
    derive_step: bool = True
    count_step: bool = True
    resumed: str = ""


def default_plan(store: pyoxigraph.Store) -> BuildPlan:
    """The plan of `add_statements` on a store given without a manifest: counts changed
    incrementally when the store has some (what a complete kg build leaves)."""
    fresh = not store.contains_named_graph(_named(ASSERTED_GRAPH))
    return BuildPlan(fresh=fresh, incremental=not fresh and _has_counts(store))


def add_statements(
    store: pyoxigraph.Store,
    statements: Iterable[Statement],
    *,
    derive: bool = True,
    batch_size: int | None = None,
    gazetteer: Any = None,
    plan: BuildPlan | None = None,
    on_step: Callable[[str], None] | None = None,
) -> AddReport:
    """Add statement records to `store`; documents already there are replaced.

    Streams: records are converted and loaded `batch_size` at a time, so memory stays
    bounded by the batch whatever the input size. `plan` (default: `default_plan`) says
    which steps run; `on_step(name)` is called once each step (`load`, `derive`,
    `count`) is done and flushed to disk (`build_store` records it in the manifest).
    """
    from kg.store_manifest import COUNT, DERIVE, LOAD

    started = time.perf_counter()
    plan = plan or default_plan(store)
    report = AddReport()
    count_changes: Counter[tuple[str, str, str]] = Counter()
    seen: set[str] = set()

    def done(step: str) -> None:
        store.flush()
        if on_step is not None:
            on_step(step)

    if plan.load:
        subtract = derive and plan.incremental
        seen = _load(
            store, statements, plan.fresh, batch_size, gazetteer, report, subtract, count_changes
        )
        if report.replaced or plan.sweep_orphans:
            report.removed_actors = remove_orphan_actors(store)
        done(LOAD)
    if derive:
        derive_started = time.perf_counter()
        if plan.incremental:
            _derive_incrementally(store, seen, count_changes, report)
            done(DERIVE)
            done(COUNT)
        else:
            _derive_in_full(store, plan, report, done)
        report.derive_seconds = time.perf_counter() - derive_started
    store.flush()
    report.seconds = time.perf_counter() - started
    return report


def _load(
    store: pyoxigraph.Store,
    statements: Iterable[Statement],
    fresh: bool,
    batch_size: int | None,
    gazetteer: Any,
    report: AddReport,
    subtract_counts: bool,
    count_changes: Counter[tuple[str, str, str]],
) -> set[str]:
    """Load the records batch by batch, replacing the documents already in the store
    (their counts subtracted first when `subtract_counts`). Returns the documents seen."""
    import pyoxigraph as ox

    from kg.counts import document_counts
    from kg.ntriples import NQuadsWriter
    from kg.store_manifest import pause_point
    from kg.triples import document_iri

    size = batch_size or DEFAULT_BATCH
    asserted = ox.NamedNode(ASSERTED_GRAPH)
    seen: set[str] = set()
    batch: list[Statement] = []
    writer = NQuadsWriter(gazetteer)

    def flush() -> None:
        new_docs = []
        for statement in batch:
            doc = document_iri(statement.doc_id)
            if doc not in seen:
                seen.add(doc)
                new_docs.append(doc)
        if not fresh:
            present = [doc for doc in new_docs if _has_document(store, doc, asserted)]
            if present:
                if subtract_counts:
                    count_changes.subtract(document_counts(store, present))
                delete_documents(store, present)
                report.replaced.extend(present)
                pause_point("load-deleted")
        data = "".join(writer.write(batch)).encode("utf-8")
        if len(batch) >= 1000:
            store.bulk_load(data, ox.RdfFormat.N_QUADS)
        else:
            store.load(data, ox.RdfFormat.N_QUADS)
        report.statements += len(batch)
        batch.clear()
        pause_point("load-batch")

    for statement in statements:
        batch.append(statement)
        if len(batch) >= size:
            flush()
    if batch:
        flush()
    report.documents = len(seen)
    report.replaced_documents = len(report.replaced)
    return seen


def _derive_incrementally(
    store: pyoxigraph.Store,
    loaded: set[str],
    count_changes: Counter[tuple[str, str, str]],
    report: AddReport,
) -> None:
    """Derive what the loaded documents add; change the counts by the loaded and the
    replaced documents' and retract the relations whose count reached 0. The count
    changes live in memory: a build killed here is derived again in full."""
    from kg.counts import apply_count_changes, document_counts
    from kg.rules import retract
    from kg.store_manifest import pause_point

    report.derived_triples = derive_relations(store, on_rule=lambda _: pause_point("derive"))
    count_changes.update(document_counts(store, loaded))
    report.relation_counts, emptied = apply_count_changes(store, count_changes)
    pause_point("retract")
    report.retracted_triples = retract(store, emptied)


def _derive_in_full(
    store: pyoxigraph.Store, plan: BuildPlan, report: AddReport, done: Callable[[str], None]
) -> None:
    """Clear and derive every relation, then count them all: each step starts from
    scratch, so a step killed half way is simply run again."""
    from kg.counts import count_store
    from kg.store_manifest import COUNT, DERIVE, pause_point

    if plan.derive_step:
        report.derived_triples = derive_relations(
            store, rebuild=True, on_rule=lambda _: pause_point("derive")
        )
        done(DERIVE)
    if plan.count_step:
        report.relation_counts = count_store(store, on_rule=lambda _: pause_point("count"))
        done(COUNT)


@dataclass
class StoreBuildResult:
    """What `build_store` did: records read, problems, the add report, graph sizes."""

    records: int
    issues: list[Any]
    added: AddReport
    sizes: dict[str, int]
    seconds: float
    resumed: str = ""


def build_store(
    paths: Iterable[str | Path],
    directory: str | Path,
    *,
    derive: bool = True,
    batch_size: int | None = None,
) -> StoreBuildResult:
    """Read statement records from files or folders (JSONL streamed line by line) and add
    them to the store in `directory` (created when missing). Bad records are reported in
    `issues` with file and line, as `kg.records` does, and skipped.

    The build is recorded in the store's manifest (`kg.store_manifest`) step by step and
    marked complete last. On a store whose last build did not finish, it finishes that
    build: a first build's partial load is dropped and loaded again, a later one's
    records are loaded again (replacement by document makes that idempotent), and the
    derivation is redone in full from the first step not recorded as done."""
    from kg.rules import actor_relation_rules
    from kg.store_manifest import (
        LOAD,
        describe_inputs,
        read_manifest,
        rules_version,
        write_manifest,
    )

    started = time.perf_counter()
    issues: list[Any] = []
    files = list(_record_files(paths, issues))
    inputs = describe_inputs(files)
    store = open_store(directory)
    rules = rules_version(actor_relation_rules())
    plan, manifest = plan_build(
        read_manifest(directory),
        inputs,
        directory=directory,
        empty=next(iter(store.quads_for_pattern(None, None, None, None)), None) is None,
        has_counts=_has_counts(store),
        derive=derive,
        rules=rules,
    )
    if plan.clear:
        store.clear()
        store.flush()
    write_manifest(directory, manifest)
    current = manifest["current"]

    counter = [0]
    extractors: set[str] = set()

    def on_step(step: str) -> None:
        current["steps"].append(step)
        if step == LOAD:
            current.update(records=counter[0], extractors=sorted(extractors))
        write_manifest(directory, manifest)

    statements = iter_statements(files, issues) if plan.load else iter(())
    added = add_statements(
        store,
        _counting(statements, counter, extractors),
        derive=derive,
        batch_size=batch_size,
        plan=plan,
        on_step=on_step,
    )
    _finish(directory, manifest, rules if derive else None)
    sizes = graph_sizes(store)
    elapsed = time.perf_counter() - started
    return StoreBuildResult(counter[0], issues, added, sizes, elapsed, plan.resumed)


def plan_build(
    manifest: dict[str, Any] | None,
    inputs: list[dict[str, Any]],
    *,
    directory: str | Path,
    empty: bool,
    has_counts: bool,
    derive: bool,
    rules: str,
) -> tuple[BuildPlan, dict[str, Any]]:
    """The plan of a build of `inputs` on a store with this manifest, and the manifest to
    write before it starts (its `current` build, steps done so far, `complete` false)."""
    from kg.store_manifest import (
        COUNT,
        DERIVE,
        FORMAT,
        LOAD,
        incomplete_message,
        is_incomplete,
        kg_version,
        now,
        same_inputs,
    )

    manifest = dict(manifest or {"format": FORMAT, "builds": []})
    manifest.setdefault("builds", [])
    unfinished = manifest.get("current") if is_incomplete(manifest) else None
    new = {"inputs": inputs, "steps": [], "started": now(), "kg": kg_version(), "derive": derive}
    if unfinished is None and is_incomplete(manifest):  # a manifest nobody can read
        plan = BuildPlan(fresh=empty, sweep_orphans=not empty)
    elif unfinished is None:
        derived_with = manifest.get("derived_rules") if manifest.get("builds") else None
        incremental = derive and not empty and has_counts and derived_with == rules
        plan = BuildPlan(fresh=empty, incremental=incremental)
    elif LOAD in unfinished.get("steps", []):
        if same_inputs(unfinished.get("inputs", []), inputs):
            steps = unfinished["steps"]
            plan = BuildPlan(
                load=False,
                derive_step=DERIVE not in steps,
                count_step=COUNT not in steps,
                resumed="the unfinished build had loaded the records: derivation finished",
            )
            new = {**unfinished, "steps": list(steps), "resumed": now()}
        else:  # its records are all in: derive them with this build's
            manifest["builds"].append({**unfinished, "superseded": now()})
            plan = BuildPlan(fresh=empty, resumed="the unfinished build is derived with this one")
    elif unfinished.get("fresh"):
        plan = BuildPlan(
            fresh=True, clear=True, resumed="the unfinished first build was dropped and redone"
        )
    elif same_inputs(unfinished.get("inputs", []), inputs):
        plan = BuildPlan(
            sweep_orphans=True, resumed="the unfinished build's records were loaded again"
        )
    else:
        raise StoreError(
            incomplete_message(directory, manifest)
            + " (with the same records: this build reads others, and the unfinished one "
            "may have removed documents it had not put back yet)"
        )
    new.setdefault("fresh", plan.fresh)
    new.setdefault("incremental", plan.incremental)
    manifest.update(format=FORMAT, complete=False, current=new)
    return plan, manifest


def _finish(directory: str | Path, manifest: dict[str, Any], rules: str | None) -> None:
    """Record the build as finished and the store complete (the last write)."""
    from kg.store_manifest import now, write_manifest

    current = manifest["current"]
    current["finished"] = now()
    manifest["builds"].append(current)
    manifest.update(current=None, complete=True, derived_rules=rules)
    write_manifest(directory, manifest)


def _named(iri: str) -> pyoxigraph.NamedNode:
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def _counting(
    items: Iterable[Statement], counter: list[int], extractors: set[str]
) -> Iterator[Statement]:
    for item in items:
        counter[0] += 1
        if item.extractor:
            extractors.add(item.extractor)
        yield item


def iter_statements(paths: Iterable[str | Path], issues: list[Any]) -> Iterator[Statement]:
    """Records from files or folders, one at a time: JSONL files are streamed line by line
    (memory stays flat whatever their size); CSV, YAML and JSON lists, small files curated
    by hand, go through `kg.records.load_statements`. Problems are appended to `issues` as
    `kg.records.LoadIssue`s (file, line, reason)."""
    import json

    from kg.model import RecordError, Statement
    from kg.records import LoadIssue, load_statements

    for path in _record_files(paths, issues):
        if path.suffix.lower() not in (".jsonl", ".ndjson"):
            result = load_statements([path])
            issues.extend(result.issues)
            yield from result.statements
            continue
        try:
            with path.open(encoding="utf-8-sig") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        yield Statement.from_dict(json.loads(line))
                    except json.JSONDecodeError as error:
                        issues.append(LoadIssue(str(path), number, f"malformed JSON ({error.msg})"))
                    except RecordError as error:
                        issues.append(LoadIssue(str(path), number, str(error)))
        except (OSError, UnicodeDecodeError) as error:
            issues.append(LoadIssue(str(path), None, f"cannot read: {error}"))


def _record_files(paths: Iterable[str | Path], issues: list[Any]) -> Iterator[Path]:
    from kg.records import RECORD_SUFFIXES, LoadIssue

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in RECORD_SUFFIXES)
        elif path.is_file():
            yield path
        else:
            issues.append(LoadIssue(str(path), None, "no such file or folder"))


def select_lexical(store: pyoxigraph.Store, sparql: str) -> list[dict[str, str]]:
    """SELECT rows as variable -> lexical string, unbound variables left out (the shape
    kg.align reads from rdflib results)."""
    result = store.query(sparql, use_default_graph_as_union=True)
    names = [variable.value for variable in result.variables]
    rows = []
    for solution in result:
        rows.append({name: solution[name].value for name in names if solution[name] is not None})
    return rows


def _has_counts(store: pyoxigraph.Store) -> bool:
    from kg.counts import STATEMENT_COUNT

    return bool(
        store.query(f"ASK {{ GRAPH <{INFERRED_GRAPH}> {{ ?count <{STATEMENT_COUNT}> ?n }} }}")
    )


def derive_relations(
    store: pyoxigraph.Store,
    *,
    rebuild: bool = False,
    on_rule: Callable[[Any], None] | None = None,
) -> int:
    """Materialise the derived actor relations (kg.rules) into the inferred graph.

    With `rebuild`, the triples the rules produce are removed first and derived again (after
    documents were replaced, some may no longer hold). Returns the triples added."""
    from kg.rules import actor_relation_rules, clear_derived, derive

    rules = actor_relation_rules()
    if rebuild:
        clear_derived(store, rules, graph=INFERRED_GRAPH)
    return derive(store, rules, graph=INFERRED_GRAPH, on_rule=on_rule)


def delete_documents(store: pyoxigraph.Store, documents: Iterable[str]) -> None:
    """Remove what the store holds from these documents: their statement nodes (found by
    `prov:wasDerivedFrom`), the events those statements are about, and every triple, in
    any graph, whose subject or object is one of those nodes."""
    docs = sorted(set(documents))
    for start in range(0, len(docs), 500):
        values = " ".join(f"<{doc}>" for doc in docs[start : start + 500])
        found = store.query(
            f"""SELECT DISTINCT ?n WHERE {{
                {{ VALUES ?doc {{ {values} }} ?n <{_PROV_DERIVED}> ?doc }}
                UNION
                {{ VALUES ?doc {{ {values} }} ?st <{_PROV_DERIVED}> ?doc ; <{_KG_ABOUT}> ?n }}
                UNION
                {{ VALUES ?n {{ {values} }} }}
            }}""",
            use_default_graph_as_union=True,
        )
        nodes = " ".join(str(solution["n"]) for solution in found)
        if nodes:
            _delete_nodes(store, nodes)


def remove_orphan_actors(store: pyoxigraph.Store) -> int:
    """Remove the actors nothing in the asserted graph points to any more (no statement
    names them as speaker, target, sponsor or affiliation, no actor is affiliated with or
    sponsored by them): after documents are replaced, their description (names, type,
    gazetteer links) would otherwise stay. Returns how many actors went."""
    actor_base = f"{BASE}id/actor/"
    found = store.query(
        f"""SELECT DISTINCT ?actor WHERE {{
            GRAPH <{ASSERTED_GRAPH}> {{ ?actor a ?type }}
            FILTER (STRSTARTS(STR(?actor), "{actor_base}"))
            FILTER NOT EXISTS {{ GRAPH <{ASSERTED_GRAPH}> {{ ?anything ?link ?actor }} }}
        }}"""
    )
    orphans = [str(solution["actor"]) for solution in found]
    for start in range(0, len(orphans), 500):
        nodes = " ".join(orphans[start : start + 500])
        _delete_nodes(store, nodes)
    return len(orphans)


def _delete_nodes(store: pyoxigraph.Store, nodes: str) -> None:
    """Delete every triple, in any graph, whose subject or object is one of `nodes`
    (IRIs written as SPARQL terms, space-separated)."""
    store.update(
        f"DELETE {{ GRAPH ?g {{ ?n ?p ?o }} }} "
        f"WHERE {{ VALUES ?n {{ {nodes} }} GRAPH ?g {{ ?n ?p ?o }} }} ;\n"
        f"DELETE {{ GRAPH ?g {{ ?s ?p ?n }} }} "
        f"WHERE {{ VALUES ?n {{ {nodes} }} GRAPH ?g {{ ?s ?p ?n }} }}"
    )


def _has_document(store: pyoxigraph.Store, doc: str, graph: pyoxigraph.NamedNode) -> bool:
    import pyoxigraph as ox

    pattern = store.quads_for_pattern(None, ox.NamedNode(_PROV_DERIVED), ox.NamedNode(doc), graph)
    return next(iter(pattern), None) is not None


def load_file(store: pyoxigraph.Store, path: str | Path, graph: str | None = None) -> None:
    """Load an RDF file through the bulk loader. TriG / N-Quads / JSON-LD keep their named
    graphs; the triples of a Turtle / N-Triples file go to `graph` (by default the asserted
    graph), and the sidecars `kg build` writes beside it (NAME.inferred.ttl,
    NAME.alignment.ttl) into their own named graphs."""
    import pyoxigraph as ox

    from kg.graphio import SIDECAR_GRAPHS, sidecar_path

    source = Path(path)
    fmt = ox.RdfFormat.from_extension(source.suffix.lstrip(".").lower())
    if fmt is None:
        raise StoreError(f"{source}: unknown RDF format (use .ttl, .nt, .nq, .trig or .jsonld)")
    if not source.is_file():
        raise StoreError(f"{source}: no such file")
    files = [(source, graph or ASSERTED_GRAPH)]
    if not fmt.supports_datasets and graph is None:
        for name, iri in SIDECAR_GRAPHS.items():
            if sidecar_path(source, name).is_file():
                files.append((sidecar_path(source, name), str(iri)))
    for file, target in files:
        to_graph = None if fmt.supports_datasets else ox.NamedNode(target)
        try:
            store.bulk_load(path=str(file), format=fmt, to_graph=to_graph)
        except SyntaxError as error:
            raise StoreError(f"{file}: not valid {fmt.name}: {error}") from error


def query_store(
    store: pyoxigraph.Store, sparql: str, *, union_default_graph: bool = True
) -> list[dict[str, Any]]:
    """Run a SPARQL SELECT (rows as dicts of plain values), ASK ([{"result": bool}]) or
    CONSTRUCT/DESCRIBE (rows of subject/predicate/object) query on the store."""
    import pyoxigraph as ox

    try:
        result = store.query(sparql, use_default_graph_as_union=union_default_graph)
    except SyntaxError as error:
        raise StoreError(f"SPARQL syntax error: {error}") from error
    if isinstance(result, ox.QueryBoolean):
        return [{"result": bool(result)}]
    if isinstance(result, ox.QueryTriples):
        return [
            {
                "subject": _value(t.subject),
                "predicate": _value(t.predicate),
                "object": _value(t.object),
            }
            for t in result
        ]
    names = [variable.value for variable in result.variables]
    rows = []
    for solution in result:
        rows.append({name: _value(solution[name]) for name in names})
    return rows


def memory_store(graph: Any, *, triples_graph: str | None = None) -> pyoxigraph.Store:
    """An in-memory Oxigraph store holding a copy of an rdflib Graph or Dataset (named
    graphs kept; a plain Graph's triples go to `triples_graph`, by default the default
    graph; `kg.query` puts them in the asserted graph). `kg.query` runs the
    query library here: it is written and measured for Oxigraph's planner, and rdflib's
    own engine joins sub-selects by nested loops (minutes, or all memory, at 10k
    statements)."""
    import pyoxigraph as ox
    from rdflib import BNode, Dataset, Literal

    def term(node: Any) -> Any:
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
            return ox.Literal(str(node))
        if isinstance(node, BNode):
            return ox.BlankNode(str(node))
        return ox.NamedNode(str(node))

    store = ox.Store()
    default = ox.DefaultGraph()
    if isinstance(graph, Dataset):
        quads = (
            ox.Quad(
                term(s),
                term(p),
                term(o),
                default if _is_default(context) else ox.NamedNode(str(_graph_name(context))),
            )
            for s, p, o, context in graph.quads((None, None, None, None))
        )
    else:
        into = ox.NamedNode(triples_graph) if triples_graph else default
        quads = (ox.Quad(term(s), term(p), term(o), into) for s, p, o in graph)
    store.extend(quads)
    return store


def _graph_name(context: Any) -> Any:
    """rdflib gives a quad's graph as a Graph or (newer versions) as its name."""
    return getattr(context, "identifier", context)


def _is_default(context: Any) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return context is None or _graph_name(context) == DATASET_DEFAULT_GRAPH_ID


def graph_sizes(store: pyoxigraph.Store) -> dict[str, int]:
    """Triples per named graph (and "" for the default graph when it holds any)."""
    sizes: dict[str, int] = {}
    counts = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    for row in counts:
        sizes[row["g"].value] = int(row["n"].value)
    default = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    n = int(next(iter(default))["n"].value)
    if n:
        sizes[""] = n
    return dict(sorted(sizes.items()))


def export_store(store: pyoxigraph.Store, path: str | Path, fmt: str | None = None) -> None:
    """Write the whole store to `path` (format from `fmt` or the file suffix; TriG and
    N-Quads keep the named graphs, Turtle/N-Triples get the union of all graphs)."""
    import pyoxigraph as ox

    target = Path(path)
    suffix = (fmt or target.suffix.lstrip(".")).lower()
    rdf_format = ox.RdfFormat.from_extension({"turtle": "ttl", "nquads": "nq"}.get(suffix, suffix))
    if rdf_format is None:
        raise StoreError(f"{target}: unknown RDF format {suffix!r}")
    with atomic_writer(target, "wb", encoding=None) as handle:
        if rdf_format.supports_datasets:
            store.dump(
                handle, rdf_format, prefixes=_PREFIXES if _has_prefixes(rdf_format) else None
            )
        else:
            quads = store.quads_for_pattern(None, None, None, None)
            ox.serialize(
                _unique_triples(quads),
                handle,
                rdf_format,
                **({"prefixes": _PREFIXES} if _has_prefixes(rdf_format) else {}),
            )


_PREFIXES = {
    "kg": f"{BASE}ontology#",
    "actor": f"{BASE}id/actor/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def _has_prefixes(rdf_format: pyoxigraph.RdfFormat) -> bool:
    return rdf_format.name in ("Turtle", "TriG", "N3")


def _unique_triples(quads: Iterable[pyoxigraph.Quad]) -> Iterator[pyoxigraph.Triple]:
    seen: set[pyoxigraph.Triple] = set()
    for quad in quads:
        if quad.triple not in seen:
            seen.add(quad.triple)
            yield quad.triple


def _value(term: Any) -> Any:
    """A plain Python value for a term: IRIs and blank nodes as strings, literals as
    numbers / booleans where typed so, else their lexical form; None when unbound."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return float(term.value)
        if datatype == "boolean":
            return term.value in ("true", "1")
        return term.value
    return term.value


_INTEGER_TYPES = {
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "unsignedInt", "unsignedLong", "negativeInteger", "nonPositiveInteger",
}  # fmt: skip
