"""`kg_learned_attribution`: the trained attribution model over the rules' speakers.

Requires: `doc._.kg_rule_attributions` (the rules' `kg_attribution`), and what
`kg.extract.attribution_features` reads: the parse, `doc._.kg_acts`, `doc._.kg_mentions`,
`doc._.kg_layout`.
Assigns: `doc._.kg_attributions`, the attributions every later component reads: the
rules' own when no model is loaded, else the rules' refined by the model (mode `add`: a
speaker for acts the rules left without one; `override`: also a confident replacement; see
kg.extract.attribution_model).

The package's model (kg/models/attribution.json, mode override; docs/model-card.md) loads
by default; the environment variable KG_ATTRIBUTION_MODEL=PATH loads another file,
KG_ATTRIBUTION_MODEL=none keeps the rules' speakers. A missing file means the rules alone.
"""

from __future__ import annotations

from typing import Any

from kg.extract.attribution_model import AttributionModel, learned_attributions


class LearnedAttribution:
    def __init__(self, model: AttributionModel | None) -> None:
        self.model = model

    def __call__(self, doc: Any) -> Any:
        rules = tuple(doc._.kg_rule_attributions)
        if self.model is None:
            doc._.kg_attributions = rules
        else:
            doc._.kg_attributions = learned_attributions(doc, self.model, rules)
        return doc


def _register() -> None:
    from spacy.language import Language

    if "kg_learned_attribution" in Language.factories:
        return

    @Language.factory(
        "kg_learned_attribution",
        requires=["token.dep", "doc._.kg_acts", "doc._.kg_mentions", "doc._.kg_layout",
                  "doc._.kg_rule_attributions"],
        assigns=["doc._.kg_attributions"],
        default_config={"model_path": ""},
    )  # fmt: skip
    def make_learned_attribution(nlp: Any, name: str, model_path: str) -> LearnedAttribution:
        from kg.extract.attribution_model import load_model
        from kg.extract.components.learned import configured_model

        model = configured_model(model_path, "KG_ATTRIBUTION_MODEL", load_model)
        return LearnedAttribution(model)


_register()
