"""The extractor: one document's text -> statement records.

    from kg.extract import Extractor
    extractor = Extractor()
    records = extractor.extract(SourceDocument(doc_id="01", text=text))
    for source, records in extractor.extract_many(documents): ...

The text goes through the spaCy pipeline of kg.extract.nlp (layout, parse, actors,
speech acts, attribution, sponsors, events, stances, dates); kg.extract.assembly turns
the processed Doc into records. `extract_many` parses with `nlp.pipe` in batches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from kg.extract.assemble import assemble
from kg.extract.wordlists import load_acts, load_speech
from kg.gazetteer import load_gazetteer
from kg.model import SourceDocument, Statement

VERSION = "kg-extract/0.18.46"


# "by Iran backed Houthis", "the Iran backed Kataib Hizbollah announced": a backer's name
# and a participle with no hyphen before a group's name. The parser reads the participle
# as the verb ("Iran" its subject); with the hyphen it reads the phrase as written. After
# a preposition that is the only reading; after a determiner only when the group then
# speaks ("the US backed Israel's right" is the verb).
_NAME = r"(?:[A-Z][\w.'\u2019]*\s+){0,2}[A-Z][\w.'\u2019]*"


@lru_cache(maxsize=4)
def _backer_pattern(participles: frozenset[str], speaking: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(sorted(participles))
    speaks = "|".join([*sorted(speaking), r"[a-z]+ed"])  # "announced", "said"
    return re.compile(
        rf"(?:\b(?:by|of|with|from|for|against|to)\s+(?:the\s+)?{_NAME}"
        rf"(?P<p> )(?:{words})(?=\s+[A-Z])"
        rf"|\b(?:the|The)\s+{_NAME}(?P<d> )(?:{words})(?=\s+{_NAME}\s+(?:{speaks})\b))"
    )


def join_backers(text: str, participles: frozenset[str], speaking: frozenset[str]) -> str:
    """The text with "X backed Y" written "X-backed Y" where the parser would misread
    it; the same length, so every offset into the text still holds (evidence is cut
    from the source text itself). `speaking`: irregular forms of reporting verbs."""

    def join(match: re.Match[str]) -> str:
        space = match.start("p") if match["p"] is not None else match.start("d")
        cut = space - match.start()
        return match.group(0)[:cut] + "-" + match.group(0)[cut + 1 :]

    return _backer_pattern(participles, speaking).sub(join, text)


class Extractor:
    """Statement extractor over spaCy components; see the module docstring."""

    version: str = VERSION

    def __init__(self, nlp: Any = None) -> None:
        if nlp is None:  # a missing model fails here, before any document is read
            from kg.extract.nlp import check_model

            check_model()
        self._nlp = nlp
        self.speech = load_speech()
        # the gazetteer's parents, for a group's sponsor covering its sub-bodies
        self.parents = {a.name: a.affiliation for a in load_gazetteer().actors if a.affiliation}
        self.backing = load_acts().backing_participles

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from kg.extract.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def process(self, document: SourceDocument) -> Any:
        """The processed spaCy Doc (every component's extensions set)."""
        return self.nlp(self.make_doc(document))

    def extract(self, document: SourceDocument) -> list[Statement]:
        return assemble(self.process(document), document, self.speech, self.version, self.parents)

    def extract_many(
        self, documents: Iterable[SourceDocument], batch_size: int = 32
    ) -> Iterator[tuple[SourceDocument, list[Statement]]]:
        iterator = iter(documents)
        while True:
            batch = list(islice(iterator, batch_size))
            if not batch:
                return
            docs = self.nlp.pipe((self.make_doc(d) for d in batch), batch_size=batch_size)
            for source, doc in zip(batch, docs, strict=True):
                yield source, assemble(doc, source, self.speech, self.version, self.parents)

    def make_doc(self, document: SourceDocument) -> Any:
        text = join_backers(document.text, self.backing, self.speech.irregular_reporting_forms)
        doc = self.nlp.make_doc(text)
        doc._.kg_source = document
        return doc
