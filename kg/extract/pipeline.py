"""The extractor: one document's text -> statement records.

    from kg.extract import Extractor
    extractor = Extractor()
    records = extractor.extract(SourceDocument(doc_id="01", text=text))
    for source, records in extractor.extract_many(documents): ...

Stages over one parse (spaCy, loaded lazily and offline by kg.extract.parse): actor
tagging (kg.extract.actors: gazetteer first, NER second) -> attribution
(kg.extract.attribution: speech acts and their speakers) -> cue detection and target
resolution (kg.extract.cues, kg.extract.targets) -> record assembly (kg.extract.assemble:
sponsor, platform, dates, evidence). `extract_many` parses with `nlp.pipe` in batches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from kg.extract.actors import Mention, find_mentions, ner_mentions
from kg.extract.assemble import DocInfo, assemble, event_date, event_summary, sponsored_actors
from kg.extract.attribution import Attributor
from kg.extract.coref import DocContext, SpeechAct, paragraph_starts
from kg.extract.cues import label_act
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.parse import DIGEST_HEADER
from kg.extract.targets import Targets
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.model import SourceDocument, Statement

_NOT_ACTS = {"violation", "violations", "escalation", "operation", "operations"}
_CASUALTY = {"kill", "wound", "injure", "die", "dead", "death", "casualty", "hurt", "missing"}
VERSION = "kg-extract/0.6.0"
_CITY = re.compile(r"^\s*(?P<city>[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)(?:/[A-Za-z/ ]+)?(?:,|\s+\()")


class Extractor:
    """Rule-based statement extractor over a spaCy parse; see the module docstring."""

    version: str = VERSION

    def __init__(self, nlp: Any = None, gazetteer: Gazetteer | None = None,
                 lexicon: Lexicon | None = None) -> None:  # fmt: skip
        self._nlp = nlp
        self.gazetteer = gazetteer or load_gazetteer()
        self.lexicon = lexicon or load_lexicon()

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from kg.extract.parse import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    def extract(self, document: SourceDocument) -> list[Statement]:
        return self.from_parse(self.nlp(document.text), document)

    def extract_many(
        self, documents: Iterable[SourceDocument], batch_size: int = 32
    ) -> Iterator[tuple[SourceDocument, list[Statement]]]:
        iterator = iter(documents)
        while True:
            batch = list(islice(iterator, batch_size))
            if not batch:
                return
            parsed = self.nlp.pipe((d.text for d in batch), batch_size=batch_size)
            for source, doc in zip(batch, parsed, strict=True):
                yield source, self.from_parse(doc, source)

    def from_parse(self, doc: Any, source: SourceDocument) -> list[Statement]:
        """Records from an already parsed document (`doc.text` is `source.text`)."""
        text = doc.text
        lexicon = self.lexicon
        generic = frozenset(lexicon.anaphor_nouns) | lexicon.words["role_nouns"]
        mentions = ner_mentions(
            doc, find_mentions(text, self.gazetteer, lexicon), generic,
            lexicon.words["person_titles"],
        )  # fmt: skip
        ctx = self._context(text)
        attributor = Attributor(doc, mentions, lexicon, ctx, self.gazetteer)
        acts = _drop_headlines(doc, text, [a for a in attributor.find() if _has_content(doc, a)])
        targets = Targets(doc, attributor.res, lexicon)
        event, event_text = event_perpetrators(
            doc, attributor, acts, lexicon, _title_end(text, source.title), targets
        )
        labels = [
            label_act(doc, act, targets, lexicon, event, self._own_side(act), event_text)
            for act in acts
        ]
        kept = [n for n, act in enumerate(acts) if not _is_source(doc, act, labels[n])]
        acts, labels = [acts[n] for n in kept], [labels[n] for n in kept]
        info = DocInfo(
            sponsored=sponsored_actors(text, mentions, lexicon),
            event=event_summary(source, text),
            event_date=event_date(text, source.published),
            head_platform=_head_platform(text, lexicon),
            version=self.version,
        )
        return assemble(doc, source, acts, labels, lexicon, info)

    def _context(self, text: str) -> DocContext:
        country = government = None
        for line in text.splitlines()[:6]:
            match = _CITY.match(line)
            city = match.group("city").title() if match else None
            if city in self.lexicon.capitals:
                country = self.lexicon.capitals[city]
                government = self.lexicon.governments.get(country, f"Government of {country}")
                break
        return DocContext(paragraph_starts(text), country, government)

    def _own_side(self, act: SpeechAct) -> set[str]:
        """The speaker and the body it speaks for; not that body's own parent, since
        blaming one's own government counts (rule 6)."""
        own = {act.speaker.name}
        for name in (act.affiliation, act.speaker.affiliation):
            if name:
                actor = self.gazetteer.resolve(name)
                own.add(actor.name if actor else name)
        return own


def _title_end(text: str, title: str | None = None) -> int:
    """Where the document's head (headline, outlet and date lines) ends: the short lines
    without a final full stop before the first paragraph of prose (0 when none)."""
    end = 0
    for match in re.finditer(r"[^\n]*", text):
        line = match.group(0).strip()
        if not line:
            continue
        if len(line) >= 120 or line.endswith((".", ".]", ".\"", ":")) or (
            DIGEST_HEADER.match(match.group(0))
        ):  # fmt: skip
            break
        end = match.end()
    return end


def _drop_headlines(doc: Any, text: str, acts: list[SpeechAct]) -> list[SpeechAct]:
    """A headline summarises the body: its acts count only for a speaker the body quotes,
    and come after the body's (whose sentence is the better evidence)."""
    end = _title_end(text)
    body = [a for a in acts if doc[a.sentence[0]].idx >= end]
    names = {a.speaker.name for a in body}
    return body + [a for a in acts if doc[a.sentence[0]].idx < end and a.speaker.name in names]


def _is_source(doc: Any, act: SpeechAct, labels: dict[str, list[str]]) -> bool:
    """ "Three soldiers were killed in the attack, the Pentagon said": a trailing
    attribution of a figure, with no stance, is a source, not a statement (rule 16)."""
    verb = doc[act.verb]
    if any(labels.values()) or verb.lemma_.lower() not in ("say", "report", "confirm"):
        return False
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i]
    for clause in clauses:
        words = list(clause.subtree)
        figure = any(t.like_num and t.ent_type_ != "DATE" for t in words)
        casualties = any(t.lemma_.lower() in _CASUALTY for t in words)
        first_person = any(t.lower_ in ("we", "our", "us") for t in words)
        if figure and casualties and not first_person:
            return True
    return False


def _has_content(doc: Any, act: SpeechAct) -> bool:
    words = [doc[i] for i in act.content if doc[i].is_alpha and i != act.verb]
    return len(words) >= 2


def _head_platform(text: str, lexicon: Lexicon) -> str | None:
    head = "\n".join(text.splitlines()[:3])
    for platform, regex in lexicon.platforms:
        if regex.search(head):
            return platform
    return None


def event_perpetrators(
    doc: Any,
    attributor: Attributor,
    acts: list[SpeechAct],
    lexicon: Lexicon,
    title_end: int = 0,
    targets: Targets | None = None,
) -> tuple[list[Mention], str]:
    """Who the document says carried out its harmful event: the first actor that is the
    subject of a harmful verb ("Israel carried out strikes", "an attack that the Houthis
    claimed"), narrated or claimed by a speaker; failing that, the named author of a
    harmful act in the lead sentence ("was killed in an Israeli air strike"). Hedged,
    hypothetical or unclaimed events give none."""
    found = _event_by_verb(doc, attributor, acts, lexicon, title_end)
    if found[0] or targets is None:
        return found
    return _event_by_noun(doc, lexicon, title_end, targets)


def _event_by_noun(
    doc: Any, lexicon: Lexicon, title_end: int, targets: Targets
) -> tuple[list[Mention], str]:
    acts = (lexicon.words["harm_nouns"] | lexicon.words["aggression_nouns"]) - _NOT_ACTS
    hypothetical = lexicon.words["hypothetical_determiners"]
    for sent in doc.sents:
        if sent.start_char < title_end or not sent.text.strip():
            continue
        for token in sent:
            if token.lower_ not in acts or token.pos_ != "NOUN":
                continue
            if any(c.lower_ in hypothetical for c in token.children):
                continue
            actors, _ = targets.perpetrators(token)
            actors = [m for m in actors if m.type not in ("person", "other")]
            if actors:
                return actors, sent.text
        return [], ""  # the lead sentence only
    return [], ""


def _event_by_verb(
    doc: Any, attributor: Attributor, acts: list[SpeechAct], lexicon: Lexicon, title_end: int
) -> tuple[list[Mention], str]:
    res = attributor.res
    harm_verbs = lexicon.words["harm_verbs"]
    impact, weapons = lexicon.words["impact_verbs"], lexicon.words["weapon_nouns"]
    for sent in doc.sents:
        if sent.start_char < title_end:
            continue
        for token in sent:
            if token.pos_ != "VERB":
                continue
            lemma = token.lemma_.lower()
            # "Iranian missiles slammed into two bases": an impact verb needs a weapon subject
            weapon = any(c.dep_ == "nsubj" and c.lower_ in weapons for c in token.children)
            if lemma not in harm_verbs and not (lemma in impact and weapon):
                continue
            if any(c.dep_ == "neg" or c.tag_ == "MD" for c in token.children):
                continue  # not done, or not yet ("Israel could strike anywhere")
            for child in token.children:
                if child.dep_ != "nsubj":
                    continue
                if child.pos_ == "PRON" and child.lower_ in ("they", "we", "it"):
                    owner = next((a for a in acts if token.i in a.content), None)
                    if owner is not None and owner.speaker.type != "person":
                        return [owner.speaker], sent.text
                    continue
                found = []
                skip = ("prep", "relcl", "acl", "appos", "agent")
                for t in child.subtree:
                    if t.dep_ in skip or any(
                        a.dep_ in skip for a in t.ancestors if child.is_ancestor(a)
                    ):  # fmt: skip
                        continue
                    mention = res.mention_at(t)
                    if mention is not None and mention.type not in ("person", "other"):
                        found += [] if mention in found else [mention]
                named = attributor.self_named(child) if not found else None
                if named is not None:  # "a group calling itself X claimed the attack"
                    found = [named]
                if found:
                    hedges = lexicon.words["hedges"]
                    if any(  # "Israel allegedly struck", "suspected Israeli jets struck";
                        t.lower_ in hedges  # not "in retaliation for a suspected strike"
                        for t in sent
                        if t.i < token.i or t.head.i == token.i
                    ):
                        return [], ""
                    return found, sent.text
    return [], ""
