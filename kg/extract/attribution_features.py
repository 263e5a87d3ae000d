"""Candidate speakers of each speech act and the features the learned attribution model
reads; shared by training (kg.train_attribution) and inference (`kg_learned_attribution`),
so both see exactly the same candidates and features.

For every act of `doc._.kg_acts` the candidates are: the actors named (`doc._.kg_mentions`)
in the act's paragraph and the one before it, the rules' own speakers of the act, the
speakers the rules gave the paragraph's other acts and the previous act (a digest entry's
header, a quoted block's issuer arrive this way), and "none" (`NONE`: the act is nobody's
statement: a source, an analyst, a narrated action).

Features describe where a candidate stands towards the act in the parse and the layout
(the cue's subject or agent, "according to X", "X's spokesman", distances, headline,
quotation), what kind of mention it is, and what the rules chose and by which step. No
feature names a word of the text: the model must not learn names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.extract.components.subjects import speaker_of
from kg.extract.doc import Attribution, Mention, Speaker, SpeechAct

NONE = ""  # the "nobody" candidate's name
_QUOTES = ('"', "\u201c", "\u201d")
_TYPES = ("person", "militia", "state", "organization", "media")


@dataclass
class Candidate:
    """One possible speaker of one act: its speaker (None for "nobody") and features."""

    act: int  # index into doc._.kg_acts
    name: str  # canonical name, NONE for nobody
    speaker: Speaker | None
    features: set[str] = field(default_factory=set)
    by_rules: bool = False  # the rules attributed the act to this speaker
    starts: set[int] = field(default_factory=set)  # where the text names it (characters)


@dataclass
class _Context:
    """What every act of one document shares: rules' speakers per act, mention counts."""

    doc: Any
    acts: tuple[SpeechAct, ...]
    rules: dict[int, list[Attribution]]
    counts: dict[str, int]
    head_end: int


def candidates(doc: Any, rules: tuple[Attribution, ...]) -> list[list[Candidate]]:
    """Per act of the Doc (in order), its candidate speakers with their features;
    `rules` are the rules' attributions (`doc._.kg_rule_attributions`)."""
    by_act: dict[int, list[Attribution]] = {}
    for attribution in rules:
        by_act.setdefault(attribution.act, []).append(attribution)
    counts: dict[str, int] = {}
    for mention in doc._.kg_mentions.items:
        counts[mention.name] = counts.get(mention.name, 0) + 1
    context = _Context(doc, doc._.kg_acts, by_act, counts, doc._.kg_layout.head_end)
    return [_act_candidates(context, number) for number in range(len(context.acts))]


def _act_candidates(context: _Context, number: int) -> list[Candidate]:
    act = context.acts[number]
    found: dict[str, Candidate] = {}
    for token, mention in _mentions_near(context.doc, act):
        candidate = _get(found, number, mention.name, speaker_of(mention))
        candidate.features |= _mention_features(context, act, token, mention)
        candidate.starts.add(mention.start)
    for step, attributions in _rule_speakers(context, number):
        for attribution in attributions:
            candidate = _get(found, number, attribution.speaker.name, attribution.speaker)
            candidate.features |= {f"rules:{step}", f"rules:{step}|act:{act.kind}"}
            if step == "chosen":
                candidate.by_rules = True
                candidate.speaker = attribution.speaker  # the rules' surface and type
                candidate.features |= {f"rules:chosen|step:{s}" for s in attribution.chain[:2]}
    out = [_nobody(context, number)] + [found[name] for name in sorted(found)]
    for candidate in out:
        candidate.features |= _shared(context, act, candidate)
    return out


def _get(found: dict[str, Candidate], number: int, name: str, speaker: Speaker) -> Candidate:
    if name not in found:
        found[name] = Candidate(number, name, speaker)
    return found[name]


def _mentions_near(doc: Any, act: SpeechAct) -> Iterator[tuple[Any, Mention]]:
    """Each actor mention (at its first token) of the act's paragraph and the one before,
    up to the act's sentence end; demonyms and places-as-capitals are not speakers."""
    paragraphs = doc._.kg_layout.paragraphs
    start = paragraphs[max(0, act.paragraph - 1)].start
    end = doc[act.sentence[1] - 1].idx + len(doc[act.sentence[1] - 1])
    seen: set[int] = set()
    for mention in doc._.kg_mentions.items:
        if not start <= mention.start < end or mention.start in seen:
            continue
        if mention.kind == "adj" or mention.type == "other":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        seen.add(mention.start)
        yield span.root, mention


def _mention_features(context: _Context, act: SpeechAct, token: Any, mention: Mention
                      ) -> set[str]:  # fmt: skip
    """Where this mention stands towards the act: its role at the cue, its distance, its
    kind. A candidate named several times keeps the features of every mention."""
    doc, cue = context.doc, context.doc[act.cue]
    same_sentence = act.sentence[0] <= token.i < act.sentence[1]
    out = {f"kind:{mention.kind}", f"known:{mention.known}"}
    if same_sentence:
        out.add("same-sentence")
        out |= _role(doc, act, token, cue)
        out.add("before-cue" if token.i < act.cue else "after-cue")
        out.add(f"tokdist:{_bucket(abs(token.i - act.cue), (2, 5, 10, 20))}")
        if _quoted(doc, act, token):
            out.add("in-quotes")
    else:
        sentences = _sentence_distance(doc, token, act)
        out.add(f"sentdist:{_bucket(sentences, (1, 2, 3, 5))}")
    paragraph = doc._.kg_layout.at(mention.start)
    out.add("same-paragraph" if paragraph.index == act.paragraph else "previous-paragraph")
    if paragraph.kind in ("head", "heading"):
        out.add(f"in:{paragraph.kind}")
    if mention.start < context.head_end:
        out.add("in:doc-head")
    return out


def _role(doc: Any, act: SpeechAct, token: Any, cue: Any) -> set[str]:
    """The mention's syntactic role towards the cue: subject, agent, "according to X",
    possessor of the subject ("X's spokesman"), apposition, inside what was said."""
    out = set()
    if token.i in act.subjects:
        out.add("role:subject")
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.i == cue.i:
        out.add(f"role:{token.dep_}")
    if token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.i == cue.i:
        out.add("role:agent")
    to = token.head
    if token.dep_ == "pobj" and to.lower_ == "to" and doc[max(0, to.i - 1)].lower_ == "according":
        out.add("role:according-to")  # a source, not a speaker (rule 16)
    subject = doc[act.subject] if act.subject is not None else None
    if subject is not None and token.i != subject.i and subject.is_ancestor(token):
        out.add("role:in-subject")
        if token.dep_ == "poss" or any(c.dep_ == "case" for c in token.children):
            out.add("role:possessor")
        if token.dep_ == "appos":
            out.add("role:appos")
    if token.i in act.content:
        out.add("role:in-content")
    root = doc[act.sentence[0]].sent.root
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.i == root.i:
        out.add("role:sentence-subject")
    if token.pos_ == "PROPN" and not any(
        doc[i].pos_ == "PROPN" for i in range(act.sentence[0], token.i)
    ):  # fmt: skip
        out.add("role:first-name")
    out.add(f"dep:{token.dep_}")
    return out


def _quoted(doc: Any, act: SpeechAct, token: Any) -> bool:
    """Whether an odd number of quotation marks of the sentence come before the token."""
    marks = sum(1 for i in range(act.sentence[0], token.i) if doc[i].text in _QUOTES)
    return marks % 2 == 1


def _sentence_distance(doc: Any, token: Any, act: SpeechAct) -> int:
    distance, sent = 0, doc[act.sentence[0]].sent
    while sent.start > token.i and distance < 9:
        distance += 1
        sent = doc[sent.start - 1].sent
    return distance


def _rule_speakers(context: _Context, number: int) -> Iterator[tuple[str, list[Attribution]]]:
    """The rules' speakers around the act: its own, the previous act's, and those of the
    other acts of its paragraph (an entry header, a block issuer)."""
    act = context.acts[number]
    yield "chosen", context.rules.get(number, [])
    cue = context.doc[act.cue]
    for other, outer in enumerate(context.acts):
        if other != number and context.doc[outer.cue].is_ancestor(cue):
            # "Ryder said Washington held Iran responsible": the outer speaker's words
            yield "outer", context.rules.get(other, [])
    if number > 0:
        yield "previous-act", context.rules.get(number - 1, [])
    for other, attributions in context.rules.items():
        if other != number and context.acts[other].paragraph == act.paragraph:
            yield "paragraph", attributions


def _nobody(context: _Context, number: int) -> Candidate:
    act = context.acts[number]
    chosen = context.rules.get(number, [])
    first = chosen[0].chain[0] if chosen else "none"
    cue = context.doc[act.cue]
    nested = any(context.doc[other.cue].is_ancestor(cue) for other in context.acts)
    features = {"none", f"none|act:{act.kind}", f"none|rules:{first}",
                f"none|rules-has:{bool(chosen)}", f"none|nested:{nested}"}  # fmt: skip
    return Candidate(number, NONE, None, features, by_rules=not chosen)


def _shared(context: _Context, act: SpeechAct, candidate: Candidate) -> set[str]:
    """Features every candidate gets: the act's kind, and for a speaker its type and how
    often the document names it; crossed with the act kind where the kind changes what a
    feature means (a block's speaker is never in its sentence)."""
    if candidate.speaker is None:
        return set()
    kind = candidate.speaker.type if candidate.speaker.type in _TYPES else "other"
    count = _bucket(context.counts.get(candidate.name, 0), (1, 2, 4))
    base = {f"type:{kind}", f"mentions:{count}"}
    roles = {f for f in candidate.features
             if "|" not in f and f.startswith(("role:", "same-", "rules:"))}  # fmt: skip
    crossed = {f"{f}|act:{act.kind}" for f in roles | base}
    # how the rules found their speaker changes what a rival means: a pronoun the rules
    # resolved may belong to the person this sentence names instead
    chosen = context.rules.get(candidate.act, [])
    step = chosen[0].chain[0] if chosen else "none"
    crossed |= {f"{f}|step:{step}" for f in roles | {f"type:{kind}"} if not f.startswith("rules:")}
    return base | crossed | {"speaker"}


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"
