"""The learned stance model: per stance, a logistic regression over the features of
kg.extract.stance_features, stored as plain JSON (feature -> weight) inside the package
and applied with a dot product, so inference needs neither scikit-learn nor pickles and is
deterministic. Written by `kg train` (kg.train); read by the `kg_learned_stances`
component.

Modes:
* `add`: the rules' claims stay; the model adds a (speaker, stance, target) the rules
  missed when its probability reaches the stance's threshold;
* `replace`: the model alone decides every pair's stances (it still reads the rules'
  output as features unless it was trained without them).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.extract.doc import Claim
from kg.extract.stance_features import RULE_PREFIXES, Candidate, candidates
from kg.files import atomic_writer

MODES = ("add", "replace")
# A learned claim never lifts a record into the >= 0.8 confidence bin by itself: that bin
# is for records found by the rules' surest paths (more than 0.9 precise on the dev parts).
MAX_CONFIDENCE = 0.75
MODEL_CUE = "learned"
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "stances.json"


@dataclass(frozen=True)
class LabelModel:
    bias: float
    threshold: float
    weights: dict[str, float]
    # how often the claims it makes were right out of fold: a claim's confidence is at
    # most this (a probability alone overstates a model trained on a small corpus)
    trust: float = 0.6

    def probability(self, features: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True)
class StanceModel:
    labels: dict[str, LabelModel]
    mode: str = "add"
    rule_features: bool = True
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"stance model mode {self.mode!r} is not one of {MODES}")

    def probabilities(self, candidate: Candidate) -> dict[str, float]:
        features = candidate.features
        if not self.rule_features:
            features = {f for f in features if not f.startswith(RULE_PREFIXES)}
        return {label: model.probability(features) for label, model in self.labels.items()}


def learned_claims(doc: Any, model: StanceModel) -> tuple[Claim, ...]:
    """The Doc's claims after the model: in `add` mode the rules' claims plus the pairs
    the model adds, in `replace` mode the model's alone."""
    rules = tuple(doc._.kg_claims)
    kept = list(rules) if model.mode == "add" else []
    for candidate in candidates(doc):
        for label, p in model.probabilities(candidate).items():
            if model.mode == "add" and (
                label in candidate.rule_stances
                or _inside_rule_claim(candidate, label, rules)
                or _condemnation_only(label, candidate)
                or (label in _friendly() and _in_description(doc, candidate))
            ):
                continue
            if p >= model.labels[label].threshold:
                confidence = round(min(p, model.labels[label].trust, MAX_CONFIDENCE), 3)
                kept.append(Claim(candidate.attribution, label, candidate.target, MODEL_CUE,
                                  candidate.tokens, confidence))  # fmt: skip
    return tuple(kept)


def _condemnation_only(label: str, candidate: Candidate) -> bool:
    """Blame the model would add beside a condemnation the rules found: condemning the
    target's act condemns it (contract rule 8); blame needs words that hold the target
    responsible (rule 6), which are the rules' own cues. The corpus's writers pair the two
    where the dev parts' annotators do not; this is most of the model's false blame."""
    return label == "blames" and "condemns" in candidate.rule_stances


@lru_cache(maxsize=1)
def _friendly() -> frozenset[str]:
    """The registry's friendly stances (praise, condolences): a relative clause that
    carries one describes someone else's (a hostile one, "the enemy, which committed the
    massacre", still names whom the speaker blames)."""
    from kg.stances import load_stances

    return frozenset(stance.field for stance in load_stances() if stance.sign > 0)


def _in_description(doc: Any, candidate: Candidate) -> bool:
    """Every mention of the target lies in a relative clause inside what was said ("Raisi,
    who always stood with Gaza"): the clause describes someone else's stance, not the
    speaker's (the rules' `in_relcl` condition, applied to what the model adds)."""
    acts, attributions = doc._.kg_acts, doc._.kg_attributions
    return bool(candidate.mentions) and all(
        any(a.dep_ == "relcl" and a.i in acts[attributions[number].act].content
            for a in doc[start].ancestors)
        for number, start, _ in candidate.mentions
    )  # fmt: skip


def _inside_rule_claim(candidate: Candidate, label: str, rules: tuple[Claim, ...]) -> bool:
    """Every mention of the target lies inside a phrase the rules already resolved for the
    same stance and act ("the Israeli military operation" -> Israel, "the Yemeni people"):
    the same target again, under the name of one of its words."""
    spans = [(c.attribution, c.tokens) for c in rules if c.stance == label]
    return bool(candidate.mentions) and all(
        any(a == att and lo <= start and end <= hi for att, (lo, hi) in spans)
        for a, start, end in candidate.mentions
    )


def load_model(path: str | Path | None = None) -> StanceModel | None:
    """The model at `path` (default: the one shipped in the package), None if absent."""
    path = Path(path) if path else DEFAULT_MODEL
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        labels = {
            name: LabelModel(float(entry["bias"]), float(entry["threshold"]),
                             {str(k): float(v) for k, v in entry["weights"].items()},
                             float(entry.get("trust", LabelModel.trust)))
            for name, entry in data["labels"].items()
        }  # fmt: skip
        return StanceModel(labels, data.get("mode", "add"), bool(data.get("rule_features", True)),
                           data.get("meta", {}))  # fmt: skip
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: not a kg stance model ({error})") from error


def save_model(model: StanceModel, path: str | Path) -> None:
    data = {
        "mode": model.mode,
        "rule_features": model.rule_features,
        "meta": model.meta,
        "labels": {
            name: {"bias": round(m.bias, 6), "threshold": round(m.threshold, 4),
                   "trust": round(m.trust, 4),
                   "weights": {k: round(v, 4) for k, v in sorted(m.weights.items())}}
            for name, m in model.labels.items()
        },
    }  # fmt: skip
    with atomic_writer(path) as out:
        json.dump(data, out, separators=(",", ":"))
        out.write("\n")
