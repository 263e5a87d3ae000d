"""The stance registry's cues (data/stances.yaml), compiled to spaCy DependencyMatcher
patterns and validated on load.

A cue is a mapping:

    - id: hold-responsible            # unique across the registry
      cue: {lemma: [hold]}            # the cue token's attributes
      require: [[{rel: ">>", lower: [responsible, accountable]}]]  # paths that must exist
      target: [{rel: ">", dep: [dobj, nsubjpass]}]   # path from the cue to the target
      targets: [[...], [...]]          # or several alternative paths
      resolve: owners                  # how the target token becomes names (RESOLVERS)
      when: [future]                   # conditions that must hold (CONDITIONS)
      unless: [negated, denied]        # conditions that must not hold
      confidence: 0.9                  # how often this cue is right (0-1)

Token attributes: lemma, lower, pos, dep, tag (a word or a list of words), and not_lower,
not_dep, not_lemma (lists). A path step is a token attribute mapping plus `rel`, a
DependencyMatcher operator (">" child, "<" head, ">>" descendant, "<<" ancestor, "$+"
right sibling, ...), or `subject`: the subject of the word the path has reached, or of
the verb it is coordinated with ("X bears responsibility ... and will face a response").
Without `target` the cue token itself is the target. A bad cue fails with a `CueError`
naming the file, the stance and the cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESOLVERS = ("owners", "actors", "authors", "named_authors", "subject_or_authors", "phrase",
             "blamed")  # fmt: skip
CONDITIONS = (
    "negated", "denied", "future", "hypothetical", "condemned", "names_threat", "reason",
    "pronoun_target", "own_act", "conditional", "ceasing", "others_agent", "if_clause",
    "in_relcl", "in_condition", "others_subject", "own_harm",
)  # fmt: skip
_ATTRS = {"lemma": "LEMMA", "lower": "LOWER", "pos": "POS", "dep": "DEP", "tag": "TAG"}
_NEGATED_ATTRS = {"not_lower": "LOWER", "not_dep": "DEP", "not_lemma": "LEMMA"}
_RELS = (">", "<", ">>", "<<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--", ">+", ">-",
         "<+", "<-", ">++", ">--", "<++", "<--")  # fmt: skip
_KEYS = {"id", "cue", "require", "target", "targets", "resolve", "when", "unless", "confidence",
         "note"}  # fmt: skip
_SUBJECT = ("nsubj", "nsubjpass")
DEFAULT_UNLESS = ("negated", "denied")


class CueError(ValueError):
    """A stance cue that does not follow the format; the message names file, stance, cue."""


@dataclass(frozen=True)
class Cue:
    id: str
    stance: str  # the record field it labels
    # DependencyMatcher patterns (the cue node first), each with the index of its target
    # node in a match's token ids and the nodes whose subject the path borrowed (each must
    # be a coordinated or dependent verb without a subject of its own)
    patterns: tuple[tuple[tuple[dict[str, Any], ...], int, tuple[int, ...]], ...]
    resolve: str
    when: tuple[str, ...]
    unless: tuple[str, ...]
    confidence: float


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
    base = [{"RIGHT_ID": "cue", "RIGHT_ATTRS": _attrs(raw["cue"], where)}]
    for number, path in enumerate(raw.get("require") or []):
        _path(base, path, f"r{number}_", where)
    paths = raw.get("targets") or ([raw["target"]] if raw.get("target") else [None])
    patterns = []
    for path in paths:
        for steps in _expand(path, where) if path is not None else [None]:
            pattern = list(base)
            borrowed: list[int] = []
            if steps is not None:
                for number, step in enumerate(steps):
                    if step.get("borrow"):  # the node before this step lends its subject
                        borrowed.append(len(base) + number - 1 if number else 0)
                _path(pattern, [{k: v for k, v in step.items() if k != "borrow"}
                                for step in steps], "t", where)  # fmt: skip
            _check_with_spacy(pattern, where)
            target = len(pattern) - 1 if steps is not None else 0
            patterns.append((tuple(pattern), target, tuple(borrowed)))
    resolve = raw.get("resolve", "owners")
    if resolve not in RESOLVERS:
        raise CueError(f"{where}: resolve {resolve!r} is not one of {RESOLVERS}")
    when, unless = _conditions(raw, "when", where), _conditions(raw, "unless", where)
    confidence = raw.get("confidence", 0.8)
    if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise CueError(f"{where}: confidence must be a number in (0, 1]")
    return Cue(raw["id"], field, tuple(patterns), resolve, when,
               unless if "unless" in raw else DEFAULT_UNLESS, float(confidence))  # fmt: skip


def _conditions(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or any(v not in CONDITIONS for v in value):
        raise CueError(f"{where}: '{key}' must be a list of {CONDITIONS}")
    return tuple(value)


def _expand(steps: Any, where: str) -> list[list[dict[str, Any]]]:
    """A path with `subject` steps as its concrete alternatives: the word's own subject,
    or the subject of the verb it is coordinated with or depends on."""
    if not isinstance(steps, list) or not steps:
        raise CueError(f"{where}: a path must be a non-empty list of steps")
    out: list[list[dict[str, Any]]] = [[]]
    for step in steps:
        if isinstance(step, dict) and step.get("rel") == "subject":
            extra = {k: v for k, v in step.items() if k != "rel"}
            own = {"rel": ">", "dep": list(_SUBJECT), **extra}
            shared = [{"rel": "<", "borrow": True}, own]
            out = [[*path, own] for path in out] + [path + shared for path in out]
        else:
            out = [[*path, step] for path in out]
    return out


def _path(pattern: list[dict[str, Any]], steps: Any, prefix: str, where: str) -> None:
    if not isinstance(steps, list) or not steps:
        raise CueError(f"{where}: a path must be a non-empty list of steps")
    left = "cue"
    for number, step in enumerate(steps):
        if not isinstance(step, dict) or step.get("rel") not in _RELS:
            raise CueError(f"{where}: step {number + 1} needs 'rel', one of {_RELS}")
        right = f"{prefix}{len(pattern)}"
        attrs = {k: v for k, v in step.items() if k != "rel"}
        pattern.append({"LEFT_ID": left, "REL_OP": step["rel"], "RIGHT_ID": right,
                        "RIGHT_ATTRS": _attrs(attrs, where)})  # fmt: skip
        left = right


def _attrs(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise CueError(f"{where}: token attributes must be a mapping")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v for v in values):
            raise CueError(f"{where}: {key!r} must be a word or a list of words")
        if key in _ATTRS:
            words = [v.lower() for v in values] if key in ("lemma", "lower") else values
            out[_ATTRS[key]] = {"IN": words}
        elif key in _NEGATED_ATTRS:
            out[_NEGATED_ATTRS[key]] = {"NOT_IN": values}
        else:
            raise CueError(f"{where}: unknown token attribute {key!r}")
    return out


def _check_with_spacy(pattern: list[dict[str, Any]], where: str) -> None:
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab

    try:
        DependencyMatcher(Vocab(), validate=True).add("check", [pattern])
    except ValueError as error:
        raise CueError(f"{where}: {error}") from error


def load_registry() -> Any:
    """The stance registry's entries (id, field, cues). Until kg.stances lands, read here."""
    from types import SimpleNamespace

    from kg.files import read_yaml
    from kg.paths import data_path

    data = read_yaml(data_path("stances.yaml"), CueError, "stance registry")
    return [SimpleNamespace(id=s["id"], field=s["field"], cues=tuple(s.get("cues") or ()))
            for s in data["stances"]]  # fmt: skip
