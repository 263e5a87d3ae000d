"""kg.ntriples streams the same triples as kg.build.build_graph, as N-Quads text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.build import build_graph
from kg.model import PLATFORMS, SPEAKER_TYPES, Statement, label_fields
from kg.ntriples import NQuadsWriter, document_iri, statement_nquads
from kg.records import load_statements
from kg.vocab import ASSERTED_GRAPH

FIXTURES = Path(__file__).parent / "fixtures"


def _quads(dataset: Dataset) -> set[tuple]:
    return {(s, p, o, str(g)) for s, p, o, g in dataset.quads((None, None, None, None))}


def _streamed(records: list[Statement]) -> set[tuple]:
    dataset = Dataset()
    dataset.parse(data="".join(statement_nquads(records)), format="nquads")
    return _quads(dataset)


def test_same_triples_as_build_graph_on_fixtures() -> None:
    records = load_statements([FIXTURES / "statements.jsonl"]).statements
    assert records
    expected = _quads(build_graph(records))
    assert _streamed(records) == expected
    assert {q[3] for q in expected} == {str(ASSERTED_GRAPH)}


def test_writer_keeps_shared_nodes_once_per_batch_and_loads_in_oxigraph() -> None:
    import pyoxigraph as ox

    records = load_statements([FIXTURES / "statements.jsonl"]).statements
    writer = NQuadsWriter()
    first = list(writer.write(records))
    second = list(writer.write(records))
    assert sorted(first) == sorted(second)  # caches do not change the output
    store = ox.Store()
    store.load("".join(first).encode(), ox.RdfFormat.N_QUADS)
    assert len(store) == len(_quads(build_graph(records)))
    assert document_iri("fx-001").endswith("/id/document/fx-001")


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())
_names = st.one_of(
    st.sampled_from(["Kata'ib Hezbollah", "Houthis", "U.S.", "Israel", "Iran", "Yahya Sarea"]),
    _text,
)
_dates = st.one_of(
    st.none(),
    st.sampled_from(["2024-01-04", "XXXX-02-10", "2021-02-30", "2020-02-29"]),
)


@st.composite
def _records(draw: st.DrawFn) -> dict:
    record = {
        "doc_id": draw(st.sampled_from(["d-1", "d-2", "Doc 3/ä"])),
        "speaker": draw(_names),
        "speaker_type": draw(st.sampled_from(SPEAKER_TYPES)),
        "evidence": draw(_text),
        "speaker_affiliation": draw(st.one_of(st.none(), _names)),
        "sponsor": draw(st.one_of(st.none(), _names)),
        "event": draw(st.one_of(st.just(""), _text)),
        "event_date": draw(_dates),
        "statement_date": draw(_dates),
        "platform": draw(st.one_of(st.none(), st.sampled_from(PLATFORMS))),
        "confidence": draw(st.one_of(st.none(), st.floats(0, 1))),
        "extractor": draw(st.one_of(st.none(), _text)),
    }
    for label in label_fields():
        record[label] = draw(st.lists(_names, max_size=2))
    if draw(st.booleans()):
        start = draw(st.integers(0, 10_000))
        record["evidence_start"], record["evidence_end"] = start, start + len(record["evidence"])
    if draw(st.booleans()):
        record["doc_url"] = draw(st.sampled_from(["https://example.org/a?b=1", "not a url"]))
        record["doc_title"] = draw(_text)
        record["doc_published"] = draw(st.sampled_from(["2024-01-05T10:00:00Z", "Jan 2024"]))
    return record


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_records(), min_size=1, max_size=6))
def test_same_triples_as_build_graph_on_generated_records(raw: list[dict]) -> None:
    records = [Statement.from_dict(r) for r in raw]
    assert _streamed(records) == _quads(build_graph(records))
