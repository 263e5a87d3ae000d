"""kg.pipeline.run end to end on a tiny corpus we wrote (tests/fixtures/pipeline/: a wire
report, an HTML page with boilerplate, a JSONL document): every output exists, parses, and
agrees with the summary's figures."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from kg.pipeline import PipelineError, RunSummary, run, summary_markdown, summary_text

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in FIXTURES.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def reasoned(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[RunSummary, Path]:
    out = tmp_path_factory.mktemp("out")
    return run([corpus], out, progress=False), out


def test_every_output_is_written(reasoned: tuple[RunSummary, Path]) -> None:
    summary, out = reasoned
    for name in (
        "statements.jsonl",
        "graph.ttl",
        "graph.inferred.ttl",
        "graph.alignment.ttl",
        "alignment.csv",
        "alignment.graphml",
        "graph.html",
        "summary.json",
        "summary.md",
    ):
        assert (out / name).is_file(), name
        assert (out / name).stat().st_size > 0, name
    assert set(summary.files.values()) <= {str(p) for p in out.iterdir()}


def test_documents_and_statements_agree_with_the_records(
    reasoned: tuple[RunSummary, Path],
) -> None:
    summary, out = reasoned
    assert summary.documents == 3
    lines = (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    assert summary.records_extracted == len(records)
    assert summary.statements + summary.rejected_records == len(records)
    assert summary.statements > 0
    assert summary.documents_with_statements == len({r["doc_id"] for r in records})
    texts = _texts()
    for record in records:
        assert record["evidence"] in texts[record["doc_id"]]


def test_graph_parses_and_triple_counts_agree(reasoned: tuple[RunSummary, Path]) -> None:
    from rdflib.namespace import RDF

    from kg.graphio import read_graph
    from kg.vocab import ALIGNMENT_GRAPH, ASSERTED_GRAPH, INFERRED_GRAPH, KG

    summary, out = reasoned
    dataset = read_graph(out / "graph.ttl")
    assert len(dataset.graph(ASSERTED_GRAPH)) == summary.triples_asserted > 0
    assert len(dataset.graph(INFERRED_GRAPH)) == summary.triples_inferred > 0
    assert len(dataset.graph(ALIGNMENT_GRAPH)) == summary.triples_alignment
    asserted = dataset.graph(ASSERTED_GRAPH)
    statements = set(asserted.subjects(RDF.type, KG.Statement))
    assert len(statements) == summary.statements
    documents = set(asserted.subjects(RDF.type, KG.Document))
    assert len(documents) == summary.documents_with_statements
    # every node typed with an actor class: the five speaker types, umbrella fronts, other
    # targets (populations, places) and actors of unknown type
    actor_types = (KG.Person, KG.ArmedGroup, KG.UmbrellaFront, KG.State, KG.Organization)
    actor_types += (KG.MediaOutlet, KG.OtherTarget, KG.Actor)
    actors = {s for cls in actor_types for s in asserted.subjects(RDF.type, cls)}
    assert len(actors) == summary.actors > 0
    assert summary.conforms is True
    assert summary.violations == 0


def test_alignment_csv_and_graphml(reasoned: tuple[RunSummary, Path]) -> None:
    import networkx as nx

    from kg.align_export import CSV_COLUMNS

    summary, out = reasoned
    with (out / "alignment.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == summary.alignment_pairs
    top = summary.top_alignments
    assert [r["actor_a"] for r in top] == [row[1] for row in rows[1 : len(top) + 1]]
    graph = nx.read_graphml(out / "alignment.graphml")
    assert graph.number_of_nodes() > 0


def test_html_is_self_contained(reasoned: tuple[RunSummary, Path]) -> None:
    _, out = reasoned
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<html" in html.lower()
    assert not re.search(r"<script[^>]+src\s*=\s*[\"']?(https?:)?//", html, re.IGNORECASE)
    assert not re.search(r"<link[^>]+href\s*=\s*[\"']?(https?:)?//", html, re.IGNORECASE)


def test_summary_files_agree_with_the_summary(reasoned: tuple[RunSummary, Path]) -> None:
    summary, out = reasoned
    saved = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for key in ("documents", "statements", "actors", "triples_asserted", "triples_inferred"):
        assert saved[key] == getattr(summary, key)
    assert saved["triples"] == summary.triples
    assert saved["conforms"] is True
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert markdown == summary_markdown(summary)
    assert f"| statements | {summary.statements} |" in markdown
    text = summary_text(summary)
    assert f"statements  {summary.statements}" in text
    assert str(out / "graph.ttl") in text


def test_stages_are_reported_in_order(
    corpus: Path, tmp_path: Path, reasoned: tuple[RunSummary, Path]
) -> None:
    seen = []
    summary = run([corpus], tmp_path, reason=False, progress=False, on_stage=seen.append)
    names = [stage.name for stage in seen]
    assert names == ["extract", "build", "reason", "validate", "align", "graph", "viz"]
    assert seen[2].skipped
    # no reasoning: no inferred triples and no sidecar, the same asserted graph
    assert summary.triples_inferred == 0
    assert not (tmp_path / "graph.inferred.ttl").exists()
    first = Path(reasoned[1]) / "graph.ttl"
    assert (tmp_path / "graph.ttl").read_bytes() == first.read_bytes()


def test_nothing_to_read_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(PipelineError, match="no document"):
        run([empty], tmp_path / "out", progress=False)


def test_a_missing_input_is_refused_before_anything_runs(tmp_path: Path) -> None:
    seen: list[object] = []
    with pytest.raises(PipelineError, match="missing: no such file or folder"):
        run([FIXTURES, tmp_path / "missing"], tmp_path / "out", on_stage=seen.append)
    assert seen == [] and not (tmp_path / "out").exists()


def _texts() -> dict[str, str]:
    from kg.extract.readers import iter_documents

    return {doc.doc_id: doc.text for doc in iter_documents(FIXTURES)}


def test_output_inside_an_input_folder_is_refused(corpus: Path) -> None:
    with pytest.raises(PipelineError, match="inside the input folder"):
        run([corpus], corpus / "out", progress=False)
    assert not (corpus / "out").exists()


def test_documents_without_statements_give_an_empty_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "weather.txt").write_text(
        "Weather\n\nIt was warm and sunny in Basra on Monday, with a light wind from the north "
        "and clear skies expected for the rest of the week across the south of the country.\n",
        encoding="utf-8",
    )
    summary = run([corpus], tmp_path / "out", progress=False)
    assert (summary.documents, summary.statements, summary.actors) == (1, 0, 0)
    assert summary.issue_count == 0 and summary.rejected_records == 0
    assert summary.conforms is True and summary.top_alignments == []
    assert (tmp_path / "out" / "graph.html").is_file()
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_resume_extracts_only_new_documents(corpus: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(corpus, inputs)
    first = run([inputs], tmp_path / "out", reason=False, progress=False)
    (inputs / "extra.txt").write_text(
        "Group condemns strike\n\nBAGHDAD, May 5, 2024 (Wire) - Asa'ib Ahl al-Haq condemned "
        "the American strike on a militia base in western Iraq and vowed revenge against the "
        "United States in a statement on Telegram.\n",
        encoding="utf-8",
    )
    second = run([inputs], tmp_path / "out", reason=False, resume=True, progress=False)
    assert second.documents == 4 and second.documents_skipped == 3
    assert second.statements > first.statements
    assert second.documents_with_statements == first.documents_with_statements + 1


def test_since_until_keep_the_graph_to_those_dates(extractor, tmp_path: Path) -> None:
    """On the bundled sample: statements.jsonl keeps every record; the graph, the alignment
    and the summary only those whose analysis date is in the window."""
    from kg.paths import data_path
    from kg.records import load_statements
    from kg.timeframe import DateWindow

    window = DateWindow("2024-01-01", "2024-06-30")
    out = tmp_path / "out"
    summary = run(
        [data_path("sample")], out, reason=False, progress=False, window=window,
        extractor_factory=lambda: extractor,
    )  # fmt: skip
    records = load_statements([out / "statements.jsonl"]).statements
    kept = [r for r in records if window.contains(r.analysis_date)]
    assert summary.records_extracted == len(records) > summary.statements == len(kept) > 0
    assert summary.statements_left_out == len(records) - len(kept)
    assert (summary.since, summary.until) == ("2024-01-01", "2024-06-30")
    assert summary.window_note.startswith("--since/--until 2024-01-01 to 2024-06-30: kept")
    left = f"dated 2024-01-01 to 2024-06-30 ({summary.statements_left_out} other records left out)"
    assert left in summary_text(summary) and left in summary_markdown(summary)
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    docs = {r.doc_id for r in records} - {r.doc_id for r in kept}
    assert docs and not any(f'"{doc}"' in graph for doc in docs)  # no statement outside
