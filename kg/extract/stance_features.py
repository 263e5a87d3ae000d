"""Candidate (speaker, target) pairs of a processed Doc and the features the learned
stance model reads; shared by training (kg.train) and inference (`kg_learned_stances`),
so both see exactly the same features.

A candidate is an actor named in what an attributed act said (or the author of the act
the document narrates, for "this crime" and "our response"), paired with the act's
speaker. Its features are the union over every act of that speaker that names it: the
words of what was said, the parse path from the mention up to the reporting cue, the
mention's head and neighbours, the act's kind and attribution chain, and what the rules
already found for the pair (their stances and cue ids), so the model can learn where the
rules are right and add what they miss.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from kg.extract.doc import Attribution, Claim, Mention, SpeechAct, own_side, path_up

# Feature prefixes that carry the rules' output; the model without them is "model alone".
RULE_PREFIXES = ("rule:", "cue:")
_MAX_PATH = 6
_NEAR = 5  # tokens either side of a mention that count as "near" it


@dataclass
class Candidate:
    speaker: str
    target: str
    attribution: int  # the first act naming the target: where a learned claim points
    tokens: tuple[int, int]  # token span from the mention to the act's cue
    features: set[str] = field(default_factory=set)
    rule_stances: set[str] = field(default_factory=set)
    # (attribution, first token, end token) of each mention of the target
    mentions: set[tuple[int, int, int]] = field(default_factory=set)


def candidates(doc: Any, parents: dict[str, str] | None = None) -> list[Candidate]:
    """Every (speaker, target) pair of the Doc, with its features; never the speaker's
    own side (itself and what it speaks for, up `parents`: kg.extract.places.
    actor_parents by default)."""
    if parents is None:
        from kg.extract.places import actor_parents

        parents = actor_parents()
    pairs: dict[tuple[str, str], Candidate] = {}
    acts: tuple[SpeechAct, ...] = doc._.kg_acts
    claims = _claims_by_pair(doc._.kg_claims, doc._.kg_attributions)
    authors = {m.name for m in doc._.kg_event.authors} if doc._.kg_event else set()
    for number, attribution in enumerate(doc._.kg_attributions):
        act = acts[attribution.act]
        own = own_side(attribution.speaker, parents)
        context = _act_features(doc, act, attribution)
        for token, mention in _mentions_in(doc, act):
            if mention.name in own:
                continue
            candidate = _candidate(pairs, attribution, mention.name, number, token, act)
            candidate.features |= context | _mention_features(doc, token, mention, act)
            end = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            candidate.mentions.add((number, token.i, end.end if end is not None else token.i + 1))
            if mention.name in authors:
                candidate.features.add("target:event-author")
        for name in authors - own:
            candidate = _candidate(pairs, attribution, name, number, doc[act.cue], act)
            candidate.features |= {f"ctx|{f}" for f in context} | {"target:event-author"}
    for (speaker, target), (number, span, stances) in claims.items():
        candidate = pairs.get((speaker, target))
        if candidate is None:  # a target the rules resolved from a phrase (rule 14)
            candidate = pairs[(speaker, target)] = Candidate(speaker, target, number, span)
            candidate.features |= {"target:phrase"}
        candidate.rule_stances |= {stance for stance, _ in stances}
        candidate.features |= {f"rule:{s}" for s, _ in stances}
        candidate.features |= {f"cue:{cue}" for _, cue in stances}
    return list(pairs.values())


def _candidate(pairs: dict[tuple[str, str], Candidate], attribution: Attribution, target: str,
               number: int, token: Any, act: SpeechAct) -> Candidate:  # fmt: skip
    key = (attribution.speaker.name, target)
    if key not in pairs:
        span = (min(token.i, act.cue), max(token.i, act.cue) + 1)
        pairs[key] = Candidate(attribution.speaker.name, target, number, span)
    return pairs[key]


_PairClaims = tuple[int, tuple[int, int], set[tuple[str, str]]]


def _claims_by_pair(claims: Iterable[Claim], attributions: tuple[Attribution, ...]
                    ) -> dict[tuple[str, str], _PairClaims]:  # fmt: skip
    """(speaker, target) -> (first attribution, its span, {(stance, cue id)})."""
    out: dict[tuple[str, str], _PairClaims] = {}
    for claim in claims:
        speaker = attributions[claim.attribution].speaker.name
        entry = out.setdefault((speaker, claim.target), (claim.attribution, claim.tokens, set()))
        entry[2].add((claim.stance, claim.cue))
    return out


def _mentions_in(doc: Any, act: SpeechAct) -> Iterator[tuple[Any, Mention]]:
    """Each mention in what the act said, once (at its first token)."""
    seen: set[int] = set()
    for index in sorted(act.content | {act.cue}):
        mention = doc._.kg_mentions.by_token.get(index)
        if mention is not None and mention.start not in seen:
            seen.add(mention.start)
            yield doc[index], mention


def _act_features(doc: Any, act: SpeechAct, attribution: Attribution) -> set[str]:
    words = [doc[i] for i in sorted(act.content) if not doc[i].is_punct]
    lemmas = [t.lemma_.lower() for t in words]
    out = {f"w:{lemma}" for lemma in lemmas}
    out |= {f"b:{a}_{b}" for a, b in pairwise(lemmas)}
    out |= {
        f"act:{act.kind}",
        f"verb:{doc[act.cue].lemma_.lower()}",
        f"chain:{attribution.chain[0]}",
        f"speaker:{attribution.speaker.type}",
    }
    if any(t.dep_ == "neg" for t in words):
        out.add("has:neg")
    lexicon = stance_lexicon()
    out |= {f"lex:{s}" for t in words for s in _stances_of(t, lexicon)}
    return out


@lru_cache(maxsize=1)
def stance_lexicon() -> dict[str, frozenset[str]]:
    """word (lemma or lower-case form) -> the stances whose cues are found by it."""
    from kg.extract.stance_cues import compile_cues
    from kg.stances import load_stances

    out: dict[str, set[str]] = {}
    for cue in compile_cues(load_stances()):
        for word in cue.node.words():
            out.setdefault(word.lower(), set()).add(cue.stance)
    return {word: frozenset(stances) for word, stances in out.items()}


def _stances_of(token: Any, lexicon: dict[str, frozenset[str]]) -> frozenset[str]:
    return lexicon.get(token.lemma_.lower()) or lexicon.get(token.lower_) or frozenset()


def _mention_features(doc: Any, token: Any, mention: Mention, act: SpeechAct) -> set[str]:
    head = token.head
    out = {
        f"type:{mention.type}",
        f"kind:{mention.kind}",
        f"dep:{token.dep_}",
        f"head:{head.lemma_.lower()}",
        f"dep_head:{token.dep_}_{head.lemma_.lower()}",
        f"head2:{head.head.lemma_.lower()}",
    }
    for offset in (-2, -1, 1, 2):
        index = token.i + offset
        if act.sentence[0] <= index < act.sentence[1]:
            out.add(f"n{offset}:{doc[index].lemma_.lower()}")
    steps = path_up(token, doc[act.cue])[:_MAX_PATH]
    out |= {f"p:{t.dep_}_{t.head.lemma_.lower()}" for t in steps}
    out.add("path:" + ">".join(t.dep_ for t in steps))
    out |= {f"via:{t.dep_}" for t in steps}  # "through a relative clause", "an object"
    # the stance registry's cue words, wherever they are: on the way up to the reporting
    # cue, or near the mention (the rules need the whole pattern; the model takes hints)
    lexicon = stance_lexicon()
    out |= {f"lexpath:{s}" for t in steps for s in _stances_of(t.head, lexicon)}
    near = range(max(act.sentence[0], token.i - _NEAR), min(act.sentence[1], token.i + _NEAR))
    out |= {f"lexnear:{s}" for i in near for s in _stances_of(doc[i], lexicon)}
    if any(t.i == act.cue for t in token.ancestors):
        out.add("under-cue")
    return out
