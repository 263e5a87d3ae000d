"""What the extractor knows of states: demonyms, capitals, ministry adjectives and names
that depend on context ("the occupation"), read from the place tables."""

from __future__ import annotations

from functools import lru_cache

from kg.extract.components.actors import Places


@lru_cache(maxsize=1)
def load_places() -> Places:
    from kg.extract.lexicon import load_lexicon

    lexicon = load_lexicon()
    return Places(
        demonyms=dict(lexicon.demonyms),
        capitals=dict(lexicon.capitals),
        ministry_adjectives=dict(lexicon.ministry_adjectives),
        contextual=dict(lexicon.contextual_names or {}),
        monarchies=frozenset(lexicon.monarchies),
    )
