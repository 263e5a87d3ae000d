"""Record assembly: speech acts of one document -> `Statement` records.

Contract: `assemble(doc, source, acts, labels, info)` groups a document's speech acts by
canonical speaker (one record per speaker, rule 2), unions their labels, and fills the
record: speaker type, affiliation, sponsor (only from the text's own cue for the speaker or
its group, rule 5), platform (first medium named in the speaker's sentences, rule 10),
statement date (a date attached to the reporting verb, "yesterday" under a dated dateline,
a digest header's date; rule 12), event and event date, evidence (an exact substring of the
text, under ~25 words, with offsets) and a confidence. Pure function over plain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.extract.actors import Mention
from kg.extract.coref import SpeechAct
from kg.extract.dates import find_dates, header_date, resolve, yesterday
from kg.extract.lexicon import Lexicon
from kg.extract.parse import DATELINE
from kg.model import LABEL_FIELDS, SourceDocument, Statement

MAX_EVIDENCE_WORDS = 25
_SPEECH_NOUNS = {"statement", "statements", "post", "speech", "communique", "message", "video",
                 "tweet", "interview", "address", "remarks", "announcement"}  # fmt: skip
_CONFIDENCE = {"subject": 0.85, "role": 0.8, "passive": 0.8, "statement_by": 0.75,
               "header": 0.75, "anaphor": 0.7}  # fmt: skip
_STOP_CLAUSE = {"ccomp", "relcl", "advcl", "conj", "xcomp", "pcomp", "nsubj", "nsubjpass", "dobj"}


@dataclass(frozen=True)
class DocInfo:
    sponsored: frozenset[str]
    event: str
    event_date: str | None
    head_platform: str | None  # a medium the document's header names for all its posts
    version: str


def sponsored_actors(text: str, mentions: list[Mention], lexicon: Lexicon) -> frozenset[str]:
    """Actors the text itself calls Iran-backed (or a clear paraphrase)."""
    names = [m for m in mentions if m.kind != "adj"]
    out: set[str] = set()
    for regex in lexicon.regexes["sponsor_cues"]:
        for cue in regex.finditer(text):
            before = [m for m in names if m.end <= cue.start()]
            after = [m for m in names if m.start >= cue.end()]
            if before:
                gap = text[before[-1].end : cue.start()]
                if re.fullmatch(r"\s*,?\s*(?:(?:an?|the|which|who)\s+)?(?:(?:is|are|was|were)\s+)?",
                                gap):  # fmt: skip
                    out.add(before[-1].name)
                    continue
            tail = text[cue.end() : cue.end() + 30]
            if re.match(r"\s+(?:group|militia|faction|movement|organi[sz]ation|party)\b", tail):
                militias = [  # "the Houthi attacks ... the Iran-backed movement" counts too;
                    m for m in mentions if m.end <= cue.start()  # a ship NER took for an
                    and (m.type == "militia" or (m.type == "organization" and m.known))  # org
                ]  # fmt: skip
                if militias:  # "the Iran-backed group": the group named before
                    out.add(militias[-1].name)
                continue
            if after:
                gap = text[cue.end() : after[0].start]
                if len(gap.split()) <= 3 and not re.search(r"[,.;:()]", gap) and not re.search(
                    r"\b(?:factions|groups|militias|and)\b", gap):  # fmt: skip
                    out.add(after[0].name)
                    continue
            anaphor = re.search(
                r"\b[Tt]he\s+(?:\w+\s+)?(?:group|militia|movement|faction|organi[sz]ation|party)"
                r"\s*,\s*(?:which|who)\s+(?:is|are|was|were)\s*$",
                text[: cue.start()],
            )
            if anaphor:
                militias = [m for m in names if m.end <= anaphor.start()
                            and m.type in ("militia", "organization")]  # fmt: skip
                if militias:
                    out.add(militias[-1].name)
    for regex in lexicon.regexes["sponsor_backs"]:
        for cue in regex.finditer(text):
            after = [m for m in names if m.start >= cue.end()]
            if after and after[0].start - cue.end() <= 5:
                out.add(after[0].name)
    return frozenset(out)


def _platform(text: str, lexicon: Lexicon) -> str | None:
    for platform, regex in lexicon.platforms:
        if regex.search(text):
            return platform
    return None


def _statement_date(doc: Any, act: SpeechAct, source: SourceDocument) -> str | None:
    if act.header_date:
        return header_date(act.header_date, source.published)
    verb = doc[act.verb]
    sent = doc[act.sentence[0] : act.sentence[1]]
    dateline = _DATELINE.match(sent.text)
    for start, end, month, day, year in find_dates(sent.text):
        if dateline and start < dateline.end():
            continue  # the dateline dates the report, not the statement
        span = doc.char_span(sent.start_char + start, sent.start_char + end,
                             alignment_mode="expand")  # fmt: skip
        if span is None or not _attached(span.root, verb):
            continue
        return resolve(month, day, year, source.published)
    for token in verb.subtree:
        if token.lower_ == "yesterday" and _attached(token, verb):
            return yesterday(source.published)
        if token.lower_ == "today" and _attached(token, verb) and source.published:
            return source.published[:10]
    return None


def _attached(token: Any, verb: Any) -> bool:
    """The date modifies the reporting verb (or its "in a statement" phrase), not the
    reported clause."""
    current = token
    for _ in range(30):
        if current.i == verb.i:
            return True
        speech = current.lower_ in _SPEECH_NOUNS  # "a statement ... on 29 December"
        if current.dep_ in _STOP_CLAUSE and current.head.i != current.i and not speech:
            return False
        if current.head.i == current.i:
            break
        current = current.head
    return verb.is_ancestor(token) is False and token.is_ancestor(verb)


def _evidence(doc: Any, act: SpeechAct, full_text: str) -> tuple[str, int, int]:
    sent = doc[act.sentence[0] : act.sentence[1]]
    words = list(re.finditer(r"\S+", sent.text))
    while len(words) > 1 and re.fullmatch(r"\[\d+\]", words[0].group(0)):
        words = words[1:]  # the previous sentence's footnote marker: "[3] U.S. Secretary ..."
    base = sent.start_char
    if len(words) <= MAX_EVIDENCE_WORDS:
        first, last = words[0], words[-1]
    else:
        quote_first = min(act.content, default=act.verb) < act.sentence[0] + 3 or (
            doc[act.sentence[0]].is_quote
        )  # '"We will respond," X said': the quote is the evidence
        anchor = base if quote_first else min(act.surface_start, doc[act.verb].idx)
        anchor -= base
        index = next((n for n, w in enumerate(words) if w.end() > anchor), 0)
        index = min(index, len(words) - MAX_EVIDENCE_WORDS)
        first, last = words[index], words[index + MAX_EVIDENCE_WORDS - 1]
    start, end = base + first.start(), base + last.end()
    text = full_text[start:end].rstrip(",;:")
    return text, start, start + len(text)


def _own_part(doc: Any, act: SpeechAct, acts: list[SpeechAct]) -> str:
    """The text a platform is looked for in: the act's sentence, or, when another speaker
    has a verb of its own there ("X told reporters ..., and the bureau said ..."), only
    the act's own words (joint speakers of one verb share the whole sentence)."""
    shared = any(
        other.sentence == act.sentence and other.verb != act.verb
        and other.speaker.name != act.speaker.name for other in acts
    )  # fmt: skip
    if not shared:
        return doc[act.sentence[0] : act.sentence[1]].text
    words = act.content | {act.verb}
    first = doc.char_span(act.surface_start, act.surface_start + 1, alignment_mode="expand")
    start = min(words | ({first.start} if first is not None else set()))
    return doc[start : max(words) + 1].text


def assemble(doc: Any, source: SourceDocument, acts: list[SpeechAct],
             labels: list[dict[str, list[str]]], lexicon: Lexicon,
             info: DocInfo) -> list[Statement]:  # fmt: skip
    full_text = doc.text
    groups: dict[str, list[int]] = {}
    for number, act in enumerate(acts):
        groups.setdefault(act.speaker.name, []).append(number)
    records = []
    for name, numbers in groups.items():
        first = acts[numbers[0]]
        merged: dict[str, list[str]] = {field: [] for field in LABEL_FIELDS}
        for number in numbers:
            for field in LABEL_FIELDS:
                for target in labels[number][field]:
                    if target not in merged[field] and target != name:
                        merged[field].append(target)
        platform = statement_date = None
        for number in numbers:
            act = acts[number]
            sentence = _own_part(doc, act, acts)
            platform = platform or _platform(sentence, lexicon)
            if act.header_note:
                platform = platform or _platform(act.header_note, lexicon)
            if act.how == "header" or act.header_date:
                platform = platform or info.head_platform
            statement_date = statement_date or _statement_date(doc, act, source)
        affiliation = next((acts[n].affiliation for n in numbers if acts[n].affiliation), None)
        sponsor = "Iran" if (name in info.sponsored or affiliation in info.sponsored) else None
        evidence, start, end = _evidence(doc, first, full_text)
        speaker_type = first.speaker.type
        if speaker_type == "other":
            speaker_type = "organization"
        confidence = _CONFIDENCE.get(first.how, 0.6) - (0.0 if first.speaker.known else 0.15)
        records.append(Statement(
            doc_id=source.doc_id, speaker=name, speaker_surface=first.surface,
            speaker_type=speaker_type, evidence=evidence, speaker_affiliation=affiliation,
            sponsor=sponsor, event=info.event, event_date=info.event_date,
            platform=platform, statement_date=statement_date, evidence_start=start,
            evidence_end=end, confidence=round(confidence, 2), extractor=info.version,
            extra={"doc_url": source.url, "doc_title": source.title,
                   "doc_published": source.published},
            **{field: tuple(merged[field]) for field in LABEL_FIELDS},
        ))  # fmt: skip
    return records


def event_summary(source: SourceDocument, text: str) -> str:
    if source.title:
        return source.title.strip()[:200]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return " ".join(first.split()[:15])


_DATELINE = DATELINE


def event_date(text: str, published: str | None) -> str | None:
    """The first date the body gives (datelines and header lines skipped)."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        body = stripped
        dateline = _DATELINE.match(stripped)
        if dateline:
            body = stripped[dateline.end() :]
        elif len(stripped) < 70 and not stripped.endswith("."):
            continue
        hits = find_dates(body)
        relative = re.search(r"\b(yesterday|today)\b", body) if published else None
        if relative and (not hits or relative.start() < hits[0][0]):
            # "killed yesterday" under a dated dateline (rule 12)
            return yesterday(published) if relative.group(1) == "yesterday" else published[:10]
        for _, _, month, day, year in hits:
            return resolve(month, day, year, published)
    return None
