"""The learned attribution model: one logistic regression over (act, candidate speaker)
pairs (kg.extract.attribution_features), stored as plain JSON (feature -> weight) and
applied with a dot product, so inference needs neither scikit-learn nor pickles and is
deterministic. Written by `kg train --component attribution` (kg.train_attribution); read
by the `kg_learned_attribution` component.

Per act, every candidate gets a probability; the best one wins when it reaches the
threshold. Modes say what the winner may change:
* `add`: an act the rules left without a speaker gets the winner (never "nobody");
* `override`: also replaces the rules' single speaker, or drops it when "nobody" wins,
  when the winner beats the rules' choice by `margin`;
* `alone`: the model decides every act (the rules' choice is only a feature).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.extract.attribution_features import NONE, Candidate, candidates
from kg.extract.doc import Attribution, Speaker
from kg.files import atomic_writer

MODES = ("add", "override", "alone")
# The attribution chain of a speaker the model gave over the rules' (mode add, override):
# kg.extract.assemble keeps its record only when it carries a claim. Mode alone marks
# every speaker it gives ("learned", "alone"): there is no rules' speaker to fall back on.
MODEL_STEP = "learned"
ALONE_STEP = "alone"
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "attribution.json"


class ModelFileError(ValueError):
    """A file that is not a kg attribution model (the message names the file and why)."""


@dataclass(frozen=True)
class AttributionModel:
    bias: float
    weights: dict[str, float]
    threshold: float = 0.5
    margin: float = 0.3
    mode: str = "add"
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"attribution model mode {self.mode!r} is not one of {MODES}")
        if not (0.0 <= self.threshold <= 1.0 and 0.0 <= self.margin <= 1.0):
            raise ValueError("threshold and margin must lie in [0, 1]")

    def probability(self, features: Iterable[str]) -> float:
        # summed in a fixed order: a set's order changes with the process's string hash
        # seed, and float addition is not associative (a tie at the threshold would flip)
        score = self.bias + sum(self.weights.get(f, 0.0) for f in sorted(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def decide(model: AttributionModel, options: list[Candidate],
           rules: list[Attribution]) -> list[Attribution]:  # fmt: skip
    """The attributions of one act after the model, given its candidates and the rules'
    attributions of it."""
    scored = sorted(((model.probability(c.features), c.name, c) for c in options),
                    key=lambda s: (-s[0], s[1]))  # fmt: skip
    p, _, best = scored[0]
    confident = p >= model.threshold
    if model.mode == "alone":
        return [_learned(best, ALONE_STEP)] if confident and best.name != NONE else []
    if not rules:
        return [_learned(best)] if confident and best.name != NONE else []
    if model.mode == "add" or len(rules) > 1 or not confident:
        return list(rules)
    speaker = rules[0].speaker
    chosen = next((s for s, _, c in scored if c.name == speaker.name), 0.0)
    if best.name == speaker.name or p - chosen < model.margin or _part_of(best, speaker):
        return list(rules)
    return [] if best.name == NONE else [_learned(best)]


def _part_of(candidate: Candidate, speaker: Speaker) -> bool:
    """A person or a sub-body speaks for itself, not for the body it belongs to (contract
    rules 4 and 17), and an actor named inside the speaker's own phrase ("Qatar's mission
    to the United Nations") is part of its name: neither replaces the speaker."""
    end = speaker.surface_start + len(speaker.surface)
    inside = any(speaker.surface_start <= start < end for start in candidate.starts)
    return candidate.name == speaker.affiliation or inside


def _learned(candidate: Candidate, *steps: str) -> Attribution:
    assert candidate.speaker is not None
    return Attribution(candidate.act, candidate.speaker, (MODEL_STEP, *steps))


def learned_attributions(doc: Any, model: AttributionModel,
                         rules: tuple[Attribution, ...]) -> tuple[Attribution, ...]:  # fmt: skip
    """The Doc's attributions after the model, act by act in text order."""
    by_act: dict[int, list[Attribution]] = {}
    for attribution in rules:
        by_act.setdefault(attribution.act, []).append(attribution)
    out: list[Attribution] = []
    for number, options in enumerate(candidates(doc, rules)):
        out += decide(model, options, by_act.get(number, []))
    return tuple(out)


def load_model(path: str | Path | None = None) -> AttributionModel | None:
    """The model at `path` (default: the package's model file), None if absent; a file
    that is not a valid model raises ModelFileError naming it."""
    path = Path(path) if path else DEFAULT_MODEL
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("kind") != "kg-attribution-model":
            raise ValueError("'kind' is not 'kg-attribution-model'")
        weights = data["weights"]
        if not isinstance(weights, dict):
            raise ValueError("'weights' must be an object {feature: weight}")
        return AttributionModel(
            float(data["bias"]), {str(k): float(v) for k, v in weights.items()},
            float(data["threshold"]), float(data["margin"]), str(data["mode"]),
            dict(data.get("meta", {})),
        )  # fmt: skip
    except (KeyError, TypeError, ValueError) as error:
        raise ModelFileError(f"{path}: not a kg attribution model ({error})") from error


def save_model(model: AttributionModel, path: str | Path) -> None:
    data = {
        "kind": "kg-attribution-model",
        "mode": model.mode,
        "threshold": round(model.threshold, 4),
        "margin": round(model.margin, 4),
        "bias": round(model.bias, 6),
        "meta": model.meta,
        "weights": {k: round(v, 4) for k, v in sorted(model.weights.items())},
    }
    with atomic_writer(path) as out:
        json.dump(data, out, separators=(",", ":"))
        out.write("\n")
