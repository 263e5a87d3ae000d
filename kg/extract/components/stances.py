"""`kg_stances`: what each attributed speech act says about whom, from the registry's cues.

Requires: the parse, `doc._.kg_mentions`, `doc._.kg_acts`, `doc._.kg_attributions`,
`doc._.kg_event`. Assigns: `doc._.kg_claims`, one `Claim` per (attribution, stance,
target) with the cue that found it.

The registry's cues (data/stances.yaml, compiled by kg.extract.stance_cues) run as one
DependencyMatcher over the document. A match counts for an act when its cue token lies in
what the act says (or is the act's own verb: "X condemned Y"), its target too, and its
conditions hold; its target token then becomes names by the cue's resolver. The speaker,
the body it speaks for and (for threats) its own state are never its targets. Nothing is
labelled inside a denial ("rejected claims that Iran was behind it") or under a negation
(rule 13); a threat needs the future, a condition or an imperative (rule 7).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kg.extract.components.targets import TargetFinder
from kg.extract.doc import Attribution, Claim, Mention, SpeechAct
from kg.extract.stance_cues import Cue
from kg.extract.wordlists import Acts

_MODALS = {"will", "would", "shall", "must", "'ll", "wo", "going", "should", "can", "could"}
_UNANSWERED = {"unpunished", "unanswered", "unavenged"}
_THREAT_WORDS = {"response", "retaliation", "revenge", "punishment", "retribution", "price",
                 "target", "targets", "consequences", "vengeance", "answer", "blow", "blows",
                 "strike", "strikes", "war", "attack", "attacks", "safe", "fire", "burn",
                 "wrath", "pay", "regret", "crush", "hell"}  # fmt: skip


class StanceFinder:
    def __init__(self, cues: tuple[Cue, ...], acts: Acts, vocab: Any) -> None:
        from spacy.matcher import DependencyMatcher

        self.cues = {cue.id: cue for cue in cues}
        self.words = acts
        self.matcher = DependencyMatcher(vocab)
        for cue in cues:
            self.matcher.add(cue.id, [list(cue.pattern)])

    def __call__(self, doc: Any) -> Any:
        doc._.kg_claims = tuple(_Claims(self, doc).find())
        return doc


class _Claims:
    def __init__(self, finder: StanceFinder, doc: Any) -> None:
        self.finder, self.doc, self.words = finder, doc, finder.words
        self.targets = TargetFinder(doc, finder.words)
        self.acts: tuple[SpeechAct, ...] = doc._.kg_acts
        self.event = doc._.kg_event
        self.matches: dict[int, list[tuple[Cue, list[int]]]] = defaultdict(list)
        strings = doc.vocab.strings
        for match_id, tokens in finder.matcher(doc):
            cue = finder.cues[strings[match_id]]
            self.matches[tokens[0]].append((cue, tokens))

    def find(self) -> list[Claim]:
        out: list[Claim] = []
        later: list[tuple[int, Attribution, Cue, list[int]]] = []
        for number, attribution in enumerate(self.doc._.kg_attributions):
            act = self.acts[attribution.act]
            scope = act.content | {act.cue}
            own = _own_side(attribution)
            for index in sorted(scope):
                for cue, tokens in self.matches.get(index, ()):
                    if not all(t in scope for t in tokens[1:]):
                        continue
                    if cue.resolve == "blamed":
                        later.append((number, attribution, cue, tokens))
                        continue
                    out += self._claims(number, attribution, act, cue, tokens, own)
        for number, attribution, cue, tokens in later:
            act = self.acts[attribution.act]
            out += self._claims(number, attribution, act, cue, tokens, _own_side(attribution),
                                out)  # fmt: skip
        return _unique(out)

    def _claims(self, number: int, attribution: Attribution, act: SpeechAct, cue: Cue,
                tokens: list[int], own: set[str], found: list[Claim] | None = None,
                ) -> list[Claim]:  # fmt: skip
        doc = self.doc
        cue_token, target = doc[tokens[0]], doc[tokens[cue.target_node]]
        if any(self._holds(c, cue_token, target, act) for c in cue.unless):
            return []
        if not all(self._holds(c, cue_token, target, act) for c in cue.when):
            return []
        names = self._resolve(cue, target, attribution, found or [])
        threat = cue.stance == "threatens_or_vows_revenge_against"
        span = (min(tokens), max(tokens) + 1)
        out = []
        for name in names:
            if name in own or (threat and name in _own_states(attribution, own)):
                continue
            out.append(Claim(number, cue.stance, name, cue.id, span, cue.confidence))
        return out

    # -- resolvers ---------------------------------------------------------------------
    def _resolve(self, cue: Cue, target: Any, attribution: Attribution,
                 found: list[Claim]) -> list[str]:  # fmt: skip
        targets = self.targets
        mode = cue.resolve
        if mode == "blamed":
            return [c.target for c in found if c.attribution in self._same_voice(attribution)
                    and c.stance in ("blames", "condemns")]  # fmt: skip
        if mode == "phrase":
            return [_name(p) for p in map(targets.phrase, [target, *target.conjuncts]) if p]
        if target.pos_ == "PRON" and target.lower_ in ("it", "this", "them", "that"):
            return self._pronoun(target, mode)
        if mode == "owners":
            return _names(targets.owners(target))
        if mode == "actors":
            return _names(targets.actors(target))
        if mode == "frame":  # "described the coalition's strike as a blatant assassination"
            framed = [c for c in target.head.head.children if c.dep_ == "dobj"]
            return self._authors(framed[0]) if framed else []
        if mode == "subject_or_authors":
            if target.lower_ in self.words.harm_nouns:
                return self._authors(target)
            return _names(targets.owners(target))
        return self._authors(target)

    def _authors(self, noun: Any) -> list[str]:
        """The authors of the act `noun` names; a definite act with none ("the attack",
        "this crime") is the act the document narrates."""
        names: list[str] = []
        for item in [noun, *noun.conjuncts]:
            actors, named = self.targets.authors(item)
            if actors or named:
                names += _names(actors)
                continue
            if item.lower_ not in self.words.harm_nouns:
                names += _names(self.targets.owners(item))
            elif _definite(item):
                names += _names(self.event.authors)
        return names

    def _pronoun(self, pronoun: Any, mode: str) -> list[str]:
        """ "condemned it": the act "it" refers to, and its authors; "them": an actor."""
        if mode in ("authors", "subject_or_authors", "frame"):
            act = self.targets.act_before(pronoun)
            if act is not None:
                names = self._authors(act)
                return names or _names(self.event.authors)
            return _names(self.event.authors) if pronoun.lower_ in ("it", "this") else []
        return _names(self.targets.antecedents(pronoun))

    def _same_voice(self, attribution: Attribution) -> set[int]:
        """Attributions of the same speaker in the same paragraph or block."""
        act = self.acts[attribution.act]
        layout = self.doc._.kg_layout
        paragraphs = {act.paragraph, layout.paragraphs[act.paragraph].opener}
        return {
            n for n, other in enumerate(self.doc._.kg_attributions)
            if other.speaker.name == attribution.speaker.name
            and (self.acts[other.act].paragraph in paragraphs
                 or layout.paragraphs[self.acts[other.act].paragraph].opener in paragraphs)
        }  # fmt: skip

    # -- conditions --------------------------------------------------------------------
    def _holds(self, condition: str, cue: Any, target: Any, act: SpeechAct) -> bool:
        words = self.words
        if condition == "negated":
            return _negated(cue) or (cue.pos_ == "NOUN" and _negated(cue.head))
        if condition == "denied":
            return any(a.lemma_.lower() in words.deny_verbs for a in cue.ancestors
                       if a.i in act.content or a.i == act.cue) or any(
                a.lemma_.lower() in words.non_factual_verbs for a in cue.ancestors
                if a.i in act.content)  # fmt: skip
        if condition == "future":
            return self._future(cue)
        if condition == "conditional":
            return any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
                       for c in cue.children)  # fmt: skip
        if condition == "hypothetical":
            return any(c.lower_ in words.hypothetical_determiners for c in target.children
                       if c.i < target.i)  # fmt: skip
        if condition == "condemned":
            return any(a.lemma_.lower() in ("condemn", "denounce", "decry", "deplore", "slam",
                       "blast", "censure") for a in target.ancestors)  # fmt: skip
        if condition == "names_threat":
            return any(t.lower_ in _THREAT_WORDS or t.lemma_ in _THREAT_WORDS
                       for t in cue.subtree)  # fmt: skip
        if condition == "reason":
            return cue.lower_ in words.reason_nouns and not self._future(cue)
        if condition == "pronoun_target":
            return target.pos_ == "PRON"
        if condition == "ceasing":  # "would stop bombing Yemen" threatens no one
            verb = cue
            for _ in range(3):
                if verb.lemma_.lower() in words.cessation_verbs:
                    return not any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)
                if verb.dep_ not in ("xcomp", "conj", "pcomp") or verb.head.i == verb.i:
                    return False
                verb = verb.head
            return False
        if condition == "others_agent":  # "Lebanon would be attacked by Israel"
            return any(c.dep_ == "agent" for c in cue.children)
        if condition == "if_clause":
            clause = target.head
            return clause.dep_ == "advcl" and any(
                c.lower_ in ("if", "unless", "should") for c in clause.children
            )
        if condition == "in_relcl":  # "a man who stood by Gaza": his stance, not theirs
            return any(
                a.dep_ in ("relcl", "acl")
                for a in [cue, *cue.ancestors]
                if a.i in act.content and a.i != act.cue
            )
        if condition == "own_act":  # "we carried out", "our operation": the speaker's deed
            return any(t.lower_ in ("we", "our", "us") for t in cue.subtree if t.i < cue.i)
        return False

    def _future(self, token: Any) -> bool:
        """A modal, a future or a condition governs the token ("will pay", "would be
        met", "is coming", "ready to", "threatened to strike", "Let X know that ...")."""
        markers = self.words.future_markers
        verb = token
        for _ in range(5):
            children = {c.lower_ for c in verb.children}
            if children & _MODALS or children & markers or verb.lower_ in markers:
                return True
            if (
                verb.lemma_.lower()
                in ("reserve", "vow", "pledge", "threaten", "promise", "swear", "let", "warn")
                and verb.i != token.i
            ):
                return True
            if verb.tag_ == "VB" and verb.dep_ == "ROOT":  # an imperative
                return True
            if any(c.lower_ in _UNANSWERED for c in verb.children):
                return True
            if verb.head.i == verb.i:
                return False
            verb = verb.head
        return False


def _negated(token: Any) -> bool:
    children = list(token.children)
    return any(c.dep_ == "neg" for c in children) and not any(
        c.lower_ in _UNANSWERED or c.lower_ == "safe" for c in children
    )


def _definite(noun: Any) -> bool:
    return any(c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children)


def _own_side(attribution: Attribution) -> set[str]:
    speaker = attribution.speaker
    return {speaker.name, *([speaker.affiliation] if speaker.affiliation else [])}


def _own_states(attribution: Attribution, own: set[str]) -> set[str]:
    """A state's bodies never threaten that state ("Iraqi bases would be targeted", said
    by the Iraqi government, is a fear)."""
    speaker = attribution.speaker
    return own | ({speaker.affiliation} if speaker.type == "state" and speaker.affiliation
                  else set())  # fmt: skip


def _name(item: str | Mention) -> str:
    return item if isinstance(item, str) else item.name


def _names(mentions: Any) -> list[str]:
    return [m.name for m in mentions if m.type != "other" or m.kind == "name"]


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[int, str, str]] = set()
    out = []
    for claim in claims:
        key = (claim.attribution, claim.stance, claim.target)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def _register() -> None:
    from spacy.language import Language

    if "kg_stances" in Language.factories:
        return

    @Language.factory(
        "kg_stances",
        requires=["token.dep", "token.lemma", "doc._.kg_mentions", "doc._.kg_attributions",
                  "doc._.kg_event"],
        assigns=["doc._.kg_claims"],
    )  # fmt: skip
    def make_stance_finder(nlp: Any, name: str) -> StanceFinder:
        from kg.extract.stance_cues import compile_cues, load_registry
        from kg.extract.wordlists import load_acts

        return StanceFinder(compile_cues(load_registry()), load_acts(), nlp.vocab)


_register()
