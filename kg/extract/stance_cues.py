"""The stance registry's cues (data/stances.yaml), validated and compiled on load.

A cue is a mapping:

    - id: hold-responsible            # unique across the registry
      cue: {lemma: [hold]}            # the cue token's attributes (lemma or lower required)
      require: [[{rel: ">>", lower: [responsible, accountable]}]]  # paths that must exist
      target: [{rel: ">", dep: [dobj, nsubjpass]}]   # path from the cue to the target
      targets: [[...], [...]]          # or several alternative paths
      resolve: owners                  # how the target token becomes names (RESOLVERS)
      when: [future]                   # conditions that must hold (CONDITIONS)
      unless: [negated, denied]        # conditions that must not hold
      confidence: 0.9                  # how often this cue is right (0-1)

Token attributes: lemma, lower, pos, dep, tag (a word or a list of words), and not_lower,
not_dep, not_lemma (lists). A path step is a token attribute mapping plus `rel`, in the
notation of spaCy's DependencyMatcher: ">" a child, "<" the head, ">>" a descendant, "<<"
an ancestor; or `subject`: the subject of the word the path has reached, or of the verb it
is coordinated with ("X bears responsibility ... and will face a response"). Without
`target` the cue token itself is the target. A bad cue fails with a `CueError` naming the
file, the stance and the cue.

The patterns run from their cue words: `CueIndex.matches(token)` looks the token's lemma
and lower-case form up and walks only the paths of the cues that start there, so a
document costs time in proportion to its cue words, not to its tokens times the patterns
(spaCy's DependencyMatcher ran a token matcher for every node of every pattern over every
token, and took as long as the parser).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESOLVERS = ("owners", "actors", "authors", "named_authors", "subject_or_authors", "phrase",
             "blamed")  # fmt: skip
CONDITIONS = (
    "negated", "denied", "future", "hypothetical", "condemned", "names_threat", "reason",
    "pronoun_target", "own_act", "conditional", "ceasing", "others_agent", "if_clause",
    "in_relcl", "in_condition", "others_subject", "own_harm", "others_owner", "aimed",
    "praised", "own_target", "others_stance", "sarcastic", "worried", "target_before_cue",
    "act_condemned",
)  # fmt: skip
_ATTRS = ("lemma", "lower", "pos", "dep", "tag")
_NEGATED_ATTRS = {"not_lower": "lower", "not_dep": "dep", "not_lemma": "lemma"}
_RELS = (">", "<", ">>", "<<")
_KEYS = {"id", "cue", "require", "target", "targets", "resolve", "when", "unless", "confidence",
         "note"}  # fmt: skip
_SUBJECT = ("nsubj", "nsubjpass")
DEFAULT_UNLESS = ("negated", "denied")


class CueError(ValueError):
    """A stance cue that does not follow the format; the message names file, stance, cue."""


@dataclass(frozen=True)
class Node:
    """Token attributes a node must have: (attribute, allowed or refused values)."""

    tests: tuple[tuple[str, frozenset[str], bool], ...]  # (attr, values, negated)

    def fits(self, token: Any) -> bool:
        for attr, values, negated in self.tests:
            value = _value(token, attr)
            if (value in values) == negated:
                return False
        return True

    def words(self) -> frozenset[str]:
        """The lemmas and lower-case forms the node is found by."""
        return frozenset(
            w for attr, values, negated in self.tests if attr in ("lemma", "lower") and not negated
            for w in values
        )  # fmt: skip


@dataclass(frozen=True)
class Step:
    rel: str  # ">", "<", ">>", "<<"
    node: Node
    borrow: bool = False  # the token this step leaves must lend its subject (a subjectless
    # coordinated or dependent verb: "X bears ... and will face", "X was made to regret")


@dataclass(frozen=True)
class Cue:
    id: str
    stance: str  # the record field it labels
    node: Node
    requires: tuple[tuple[Step, ...], ...]
    targets: tuple[tuple[Step, ...], ...]  # empty: the cue token is the target
    resolve: str
    when: tuple[str, ...]
    unless: tuple[str, ...]
    confidence: float

    def matches(self, token: Any) -> Iterator[tuple[Any, tuple[int, ...]]]:
        """(target token, the path's token indices) for each way the cue matches here."""
        if not self.node.fits(token):
            return
        if not all(any(True for _ in _walk(token, path, ())) for path in self.requires):
            return
        if not self.targets:
            yield token, (token.i,)
            return
        for path in self.targets:
            yield from _walk(token, path, (token.i,))


class CueIndex:
    """The cues by the words they start from."""

    def __init__(self, cues: tuple[Cue, ...]) -> None:
        self.by_word: dict[str, list[Cue]] = {}
        for cue in cues:
            for word in cue.node.words():
                self.by_word.setdefault(word, []).append(cue)

    def matches(self, token: Any) -> Iterator[tuple[Cue, Any, tuple[int, ...]]]:
        seen: set[str] = set()
        for word in (token.lemma_.lower(), token.lower_):
            for cue in self.by_word.get(word, ()):
                if cue.id in seen:
                    continue
                seen.add(cue.id)
                for target, trail in cue.matches(token):
                    yield cue, target, trail


def _value(token: Any, attr: str) -> str:
    if attr == "lemma":
        return token.lemma_.lower()
    if attr == "lower":
        return token.lower_
    if attr == "pos":
        return token.pos_
    if attr == "dep":
        return token.dep_
    return token.tag_


def _walk(
    token: Any, path: tuple[Step, ...], trail: tuple[int, ...]
) -> Iterator[tuple[Any, tuple[int, ...]]]:
    if not path:
        yield token, trail
        return
    step, rest = path[0], path[1:]
    if step.borrow and not _lends_subject(token):
        return
    for nxt in _related(token, step.rel):
        if step.node.fits(nxt):
            yield from _walk(nxt, rest, (*trail, nxt.i))


def _related(token: Any, rel: str) -> Iterator[Any]:
    if rel == ">":
        yield from token.children
    elif rel == "<":
        if token.head.i != token.i:
            yield token.head
    elif rel == ">>":
        yield from (t for t in token.subtree if t.i != token.i)
    else:  # "<<"
        yield from token.ancestors


def _lends_subject(token: Any) -> bool:
    return token.dep_ in ("conj", "xcomp") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children
    )


def compile_cues(stances: Any, path: str | Path = "data/stances.yaml") -> tuple[Cue, ...]:
    """Every cue of every stance, validated and compiled."""
    out: list[Cue] = []
    seen: set[str] = set()
    for stance in stances:
        for number, raw in enumerate(stance.cues, 1):
            where = f"{path}: stance '{stance.id}', cue {raw.get('id', number)!r}"
            cue = _compile(raw, stance.field, where)
            if cue.id in seen:
                raise CueError(f"{where}: id {cue.id!r} is used twice")
            seen.add(cue.id)
            out.append(cue)
    return tuple(out)


def _compile(raw: Any, field: str, where: str) -> Cue:
    if not isinstance(raw, dict):
        raise CueError(f"{where}: expected a mapping")
    unknown = set(raw) - _KEYS
    if unknown:
        raise CueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if not isinstance(raw.get("id"), str) or not raw.get("cue"):
        raise CueError(f"{where}: 'id' and 'cue' are required")
    node = _node(raw["cue"], where)
    if not node.words():
        raise CueError(f"{where}: the cue needs 'lemma' or 'lower' words to be found by")
    requires = tuple(tuple(_steps(path, where)) for path in raw.get("require") or [])
    paths = raw.get("targets") or ([raw["target"]] if raw.get("target") else [])
    targets = tuple(expanded for path in paths for expanded in _expand(path, where))
    resolve = raw.get("resolve", "owners")
    if resolve not in RESOLVERS:
        raise CueError(f"{where}: resolve {resolve!r} is not one of {RESOLVERS}")
    when, unless = _conditions(raw, "when", where), _conditions(raw, "unless", where)
    confidence = raw.get("confidence", 0.8)
    if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise CueError(f"{where}: confidence must be a number in (0, 1]")
    return Cue(raw["id"], field, node, requires, targets, resolve, when,
               unless if "unless" in raw else DEFAULT_UNLESS, float(confidence))  # fmt: skip


def _conditions(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or any(v not in CONDITIONS for v in value):
        raise CueError(f"{where}: '{key}' must be a list of {CONDITIONS}")
    return tuple(value)


def _expand(steps: Any, where: str) -> list[tuple[Step, ...]]:
    """A path with `subject` steps as its concrete alternatives: the word's own subject,
    or the subject of the verb it is coordinated with or depends on, one or two verbs up."""
    if not isinstance(steps, list) or not steps:
        raise CueError(f"{where}: a path must be a non-empty list of steps")
    out: list[list[Step]] = [[]]
    for step in steps:
        if isinstance(step, dict) and step.get("rel") == "subject":
            extra = {k: v for k, v in step.items() if k != "rel"}
            own = Step(">", _node({"dep": list(_SUBJECT), **extra}, where))
            up = Step("<", Node(()), borrow=True)
            # up to two verbs up a chain of controlled verbs: "America would have to
            # prepare to pay" (pay <- prepare <- have, whose subject is America)
            out = ([[*path, own] for path in out] + [[*path, up, own] for path in out]
                   + [[*path, up, up, own] for path in out])  # fmt: skip
        else:
            out = [[*path, *_steps([step], where)] for path in out]
    return [tuple(path) for path in out]


def _steps(steps: Any, where: str) -> list[Step]:
    if not isinstance(steps, list) or not steps:
        raise CueError(f"{where}: a path must be a non-empty list of steps")
    out = []
    for number, step in enumerate(steps, 1):
        if not isinstance(step, dict) or step.get("rel") not in _RELS:
            raise CueError(f"{where}: step {number} needs 'rel', one of {_RELS} or subject")
        out.append(Step(step["rel"], _node({k: v for k, v in step.items() if k != "rel"}, where)))
    return out


def _node(raw: Any, where: str) -> Node:
    if not isinstance(raw, dict):
        raise CueError(f"{where}: token attributes must be a mapping")
    tests = []
    for key, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v for v in values):
            raise CueError(f"{where}: {key!r} must be a word or a list of words")
        attr = _NEGATED_ATTRS.get(key, key)
        if attr not in _ATTRS:
            raise CueError(f"{where}: unknown token attribute {key!r}")
        if attr in ("lemma", "lower"):
            values = [v.lower() for v in values]
        tests.append((attr, frozenset(values), key in _NEGATED_ATTRS))
    return Node(tuple(tests))
