"""`kg_learned_stances`: the trained stance model over the rules' output.

Requires: `doc._.kg_claims` (and what `kg.extract.stance_features` reads: the parse,
`doc._.kg_mentions`, `doc._.kg_acts`, `doc._.kg_attributions`, `doc._.kg_event`).
Assigns: `doc._.kg_learned_claims`, the claims records are assembled from: the rules'
claims plus what the model adds (mode `add`), or the model's own (mode `replace`); see
kg.extract.stance_model. Without a model file (none shipped, or the environment variable
KG_STANCE_MODEL=none) it hands on the rules' claims unchanged; KG_STANCE_MODEL=PATH loads
another model file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from kg.extract.stance_model import StanceModel, learned_claims


class LearnedStances:
    def __init__(self, model: StanceModel | None) -> None:
        self.model = model

    def __call__(self, doc: Any) -> Any:
        if self.model is None:
            doc._.kg_learned_claims = tuple(doc._.kg_claims)
        else:
            doc._.kg_learned_claims = learned_claims(doc, self.model)
        return doc


def configured_model(model_path: str, variable: str, load: Callable[[str | None], Any]) -> Any:
    """The model a learned component runs with: its config's `model_path`, else the
    environment `variable` (another model file, or "none" for the rules alone), else the
    shipped one (`load(None)`, None when there is none)."""
    chosen = model_path or os.environ.get(variable, "")
    if chosen.lower() == "none":
        return None
    return load(chosen or None)


def _register() -> None:
    from spacy.language import Language

    if "kg_learned_stances" in Language.factories:
        return

    @Language.factory(
        "kg_learned_stances",
        requires=["token.dep", "token.lemma", "doc._.kg_mentions", "doc._.kg_attributions",
                  "doc._.kg_event", "doc._.kg_claims"],
        assigns=["doc._.kg_learned_claims"],
        default_config={"model_path": ""},
    )  # fmt: skip
    def make_learned_stances(nlp: Any, name: str, model_path: str) -> LearnedStances:
        from kg.extract.stance_model import load_model

        return LearnedStances(configured_model(model_path, "KG_STANCE_MODEL", load_model))


_register()
