"""The extractor on anything a reader can hand it: random Unicode, HTML fragments, very long
sentences, empty paragraphs, stray quotes and brackets. No input may raise, and every
record must keep the contract (evidence an exact substring at its offsets, labels lists)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import SourceDocument

WORDS = [
    "Hezbollah", "said", "warned", "the", "Israeli", "enemy", "would", "pay", "Kata'ib",
    "condemned", "attack", "on", "X", '"', "\u201c", "\u201d", "[1]", "(", ")", ":", ".",
    "\n\n", "\n", "-", "\u2014", "12 May", "02:10 -", "Full statement:", "It", "he", "its",
    "Iran-backed", "Houthis", "U.S.", "<p>", "</p>", "&amp;", "\u00e9", "\u0627\u0644",
    "\U0001f525", "\t", "  ", "which", "backed by", "Tehran", "responsibility", "bears",
]  # fmt: skip
fragments = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join)
texts = st.one_of(
    st.text(max_size=400),
    fragments,
    st.tuples(fragments, st.text(max_size=80), fragments).map("\n\n".join),
    st.integers(min_value=50, max_value=400).map(
        lambda n: "Hezbollah said that " + ", and ".join(["the enemy would pay"] * n) + "."
    ),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_extracts_without_error(extractor, text: str) -> None:
    for record in extractor.extract(SourceDocument("h", text, published="2024-05-12")):
        assert record.evidence and record.evidence in text
        assert text[record.evidence_start : record.evidence_end] == record.evidence
        assert len(record.evidence.split()) <= 25
        assert 0 < (record.confidence or 0) <= 1
        assert all(isinstance(targets, tuple) for targets in record.labels().values())
