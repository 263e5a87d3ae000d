"""What the extractor says about a short text, in the shape the rule tests assert on."""

from __future__ import annotations

from kg.model import SourceDocument


def speaker_labels(extractor, text: str) -> dict[str, dict[str, list[str]]]:
    """Each speaker's labels (blames, threatens, ... -> target names) for `text`."""
    records = extractor.extract(SourceDocument("t", text))
    return {r.speaker: {k: list(v) for k, v in r.labels().items()} for r in records}
