"""`kg train --component attribution`: the learned attribution model from data/corpus/.

1. Every corpus document goes through the rules' pipeline; each speech act the rules find
   (`doc._.kg_acts`) becomes one example with its candidate speakers
   (kg.extract.attribution_features). A candidate is right when a gold record of that
   speaker (canonical names compared by kg.names.match_key) has its evidence overlapping
   the act's sentence. An act no gold evidence overlaps is a "nobody" example when none
   of its candidates is a speaker of the document's gold, and is left out otherwise: a
   gold record quotes one sentence of its speaker, so the speaker's other acts are
   unlabelled, not wrong.
2. Cross-validation by event (the folds of kg.train, seed 7) gives out-of-fold
   probabilities; the threshold (and, for mode `override`, the margin) is the one with
   the best out-of-fold act-level F1 of the combined decision.
3. The final model is fitted on the whole corpus and written as JSON
   (kg.extract.attribution_model). Everything is seeded: the same corpus gives the same
   file.

scikit-learn is needed here only; inference reads the JSON with a dot product.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.corpus import Case
from kg.extract.attribution_features import NONE, Candidate, candidates
from kg.extract.attribution_model import AttributionModel, decide
from kg.extract.doc import Attribution
from kg.names import match_key

C = 0.3  # inverse regularisation: a small corpus wants a strong prior
MIN_FEATURE_COUNT = 2
MIN_WEIGHT = 0.005
THRESHOLDS = tuple(round(0.3 + step * 0.05, 2) for step in range(14))  # 0.3 .. 0.95
MARGINS = (0.1, 0.2, 0.3, 0.4, 0.5)


@dataclass
class ActExample:
    case: str
    event: str
    options: list[Candidate]
    labels: list[int]  # one per option: 1 the right speaker (or "nobody"), 0 not
    rules: list[Attribution]


# -- examples --------------------------------------------------------------------------
def examples(processed: Sequence[tuple[Case, Any]]) -> list[ActExample]:
    out = []
    for case, doc in processed:
        out += document_examples(case, doc)
    return out


def document_examples(case: Case, doc: Any) -> list[ActExample]:
    rules: tuple[Attribution, ...] = doc._.kg_rule_attributions
    spans = _evidence_spans(case.text, case.gold)
    speakers = {_key(record["speaker"]) for record in case.gold}
    by_act: dict[int, list[Attribution]] = {}
    for attribution in rules:
        by_act.setdefault(attribution.act, []).append(attribution)
    out = []
    for number, options in enumerate(candidates(doc, rules)):
        act = doc._.kg_acts[number]
        first, last = doc[act.sentence[0]], doc[act.sentence[1] - 1]
        covering = {key for key, (lo, hi) in spans
                    if lo < last.idx + len(last) and first.idx < hi}  # fmt: skip
        labels = _labels(options, covering, speakers)
        if labels is not None:
            out.append(ActExample(case.id, case.event_id, options, labels,
                                  by_act.get(number, [])))  # fmt: skip
    return out


def _labels(options: list[Candidate], covering: set[str], speakers: set[str]
            ) -> list[int] | None:  # fmt: skip
    if covering:
        return [int(o.name != NONE and _same(o, covering)) for o in options]
    if any(o.name != NONE and _same(o, speakers) for o in options):
        return None  # perhaps a gold speaker's other statement: unlabelled
    return [int(o.name == NONE) for o in options]


def _evidence_spans(text: str, gold: list[dict[str, Any]]) -> list[tuple[str, tuple[int, int]]]:
    """(speaker key, character span) of every occurrence of every gold evidence."""
    out = []
    for record in gold:
        evidence = record.get("evidence") or ""
        start = text.find(evidence) if evidence else -1
        while start >= 0:
            out.append((_key(record["speaker"]), (start, start + len(evidence))))
            start = text.find(evidence, start + 1)
    return out


def _same(option: Candidate, keys: set[str]) -> bool:
    """The same speaker: equal keys, or, for a person, a name of two words or more inside
    the other ("Javad Zarif" in "Mohammad Javad Zarif"); a body's name inside another's is
    another body ("United Nations" in "Iran's mission to the United Nations")."""
    key = _key(option.name)
    if key in keys:
        return True
    if option.speaker is None or option.speaker.type != "person":
        return False
    words = key.split()
    return any(_inside(words, other.split()) or _inside(other.split(), words) for other in keys)


def _inside(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return 2 <= n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _key(name: str) -> str:
    from kg.gazetteer import load_gazetteer

    return match_key(load_gazetteer().canonical(name) or name)


# -- fitting ---------------------------------------------------------------------------
def fit(train: Sequence[ActExample], seed: int, rule_features: bool = True) -> AttributionModel:
    """One logistic regression over every (act, candidate) pair's binary features."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows = [(_features(o, rule_features), y) for e in train
            for o, y in zip(e.options, e.labels, strict=True)]  # fmt: skip
    counts = Counter(f for features, _ in rows for f in features)
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    cells = [(r, index[f]) for r, (features, _) in enumerate(rows)
             for f in sorted(features) if f in index]  # fmt: skip
    matrix = csr_matrix(([1.0] * len(cells), ([c[0] for c in cells], [c[1] for c in cells])),
                        shape=(len(rows), len(vocabulary)))  # fmt: skip
    regression = LogisticRegression(C=C, solver="liblinear", random_state=seed, max_iter=1000)
    regression.fit(matrix, [y for _, y in rows])
    weights = {vocabulary[i]: float(w) for i, w in enumerate(regression.coef_[0])
               if abs(w) >= MIN_WEIGHT}  # fmt: skip
    return AttributionModel(float(regression.intercept_[0]), weights,
                            meta={"rule_features": rule_features})  # fmt: skip


def _features(option: Candidate, rule_features: bool) -> set[str]:
    if rule_features:
        return option.features
    return {f for f in option.features if "rules:" not in f and not f.startswith("none|rules")}


def strip_rules(example: ActExample) -> ActExample:
    """The same act as the model alone sees it: no feature of the rules' choice."""
    options = [Candidate(o.act, o.name, o.speaker, _features(o, False), o.by_rules)
               for o in example.options]  # fmt: skip
    return ActExample(example.case, example.event, options, example.labels, example.rules)


def out_of_fold(items: Sequence[ActExample], folds: list[set[str]], seed: int
                ) -> list[tuple[ActExample, AttributionModel]]:  # fmt: skip
    """Each example with the model fitted without its event."""
    out = []
    for held in folds:
        model = fit([e for e in items if e.event not in held], seed)
        out += [(e, model) for e in items if e.event in held]
    return out


@dataclass
class ActScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def act_scores(oof: Sequence[tuple[ActExample, AttributionModel]], mode: str,
               threshold: float, margin: float) -> ActScores:  # fmt: skip
    """Act-level figures of a decision rule (mode "rules": the rules' own speakers): a
    speaker given is right when it is a right candidate; a right speaker not given is
    missed ("nobody" is no speaker)."""
    scores = ActScores()
    for example, model in oof:
        decided = example.rules
        if mode != "rules":
            chosen = AttributionModel(model.bias, model.weights, threshold, margin, mode)
            decided = decide(chosen, example.options, example.rules)
        given = {a.speaker.name for a in decided}
        right = {o.name for o, y in zip(example.options, example.labels, strict=True)
                 if y and o.name != NONE}  # fmt: skip
        scores.tp += len(given & right)
        scores.fp += len(given - right)
        scores.fn += len(right - given)
    return scores


def choose(oof: Sequence[tuple[ActExample, AttributionModel]], mode: str
           ) -> tuple[float, float, float]:  # fmt: skip
    """The (threshold, margin) with the best out-of-fold act F1, and that F1; ties go to
    the higher threshold and margin (fewer changes to the rules)."""
    margins = MARGINS if mode == "override" else (0.3,)
    scored = [(act_scores(oof, mode, t, m).f1(), t, m) for t in THRESHOLDS for m in margins]
    best = max(scored)
    return best[1], best[2], best[0]


def train(items: Sequence[ActExample], folds: list[set[str]], seed: int, mode: str
          ) -> AttributionModel:  # fmt: skip
    """The model fitted on every example, with the threshold and margin chosen by
    cross-validation by event on the same examples."""
    use = [strip_rules(e) for e in items] if mode == "alone" else list(items)
    oof = out_of_fold(use, folds, seed)
    threshold, margin, f1 = choose(oof, mode)
    rules = act_scores(oof, "rules", 1.0, 1.0).f1()
    model = fit(use, seed, mode != "alone")
    meta = {
        "seed": seed,
        "folds": len(folds),
        "C": C,
        "acts": len(use),
        "pairs": sum(len(e.options) for e in use),
        "cv_act_f1": round(f1, 4),
        "cv_rules_act_f1": round(rules, 4),
        "events": len({e.event for e in use}),
        "documents": len({e.case for e in use}),
    }
    return AttributionModel(model.bias, model.weights, threshold, margin, mode, meta)


# -- record-level cross-validation -----------------------------------------------------
DOWNSTREAM = ("kg_events", "kg_stances", "kg_dates")


def reattribute(doc: Any, nlp: Any, model: AttributionModel | None) -> Any:
    """The Doc with its attributions decided again (None: the rules') and every component
    that reads them run again on the same parse; claims are the rules' (the shipped stance
    model saw the whole corpus, so it would leak into corpus cross-validation)."""
    from kg.extract.attribution_model import learned_attributions

    rules = tuple(doc._.kg_rule_attributions)
    doc._.kg_attributions = rules if model is None else learned_attributions(doc, model, rules)
    for name in DOWNSTREAM:
        doc = nlp.get_pipe(name)(doc)
    doc._.kg_learned_claims = tuple(doc._.kg_claims)
    return doc


def nested_models(items: Sequence[ActExample], folds: list[set[str]], seed: int, mode: str
                  ) -> list[AttributionModel]:  # fmt: skip
    """Per outer fold, a model fitted without its events whose threshold and margin come
    from an inner cross-validation on the other folds only (nested)."""
    out = []
    for k, held in enumerate(folds):
        rest = [e for e in items if e.event not in held]
        inner = [fold for j, fold in enumerate(folds) if j != k]
        out.append(train(rest, inner, seed, mode))
    return out


# -- kg train --component attribution -----------------------------------------------------
@dataclass
class Outcome:
    model: AttributionModel
    path: Path
    documents: int
    problems: list[str]  # cases left out, and why

    def lines(self) -> list[str]:
        meta = self.model.meta
        return [f"cross-validation by event: {meta['folds']} folds, {meta['acts']} acts, "
                f"{meta['pairs']} (act, candidate) pairs",
                f"mode {self.model.mode}: threshold {self.model.threshold:.2f}, margin "
                f"{self.model.margin:.2f}, out-of-fold act F1 {meta['cv_act_f1']:.3f} "
                f"(rules alone {meta['cv_rules_act_f1']:.3f})"]  # fmt: skip


def run(corpus_root: Path | None, out: Path | None, seed: int = 7, folds: int = 5,
        mode: str = "override", progress: Callable[[int], None] | None = None
        ) -> Outcome:  # fmt: skip
    """Prepare the corpus (kg.train.prepare: the same documents, checks and folds as the
    stance model), fit, write the model (default: the package's own model file)."""
    from kg.extract.attribution_model import DEFAULT_MODEL, MODES, load_model, save_model
    from kg.train import prepare

    if mode not in MODES:
        raise ValueError(f"attribution model mode {mode!r} is not one of {MODES}")
    prepared = prepare(corpus_root, folds, seed, progress)
    items = examples(prepared.processed)
    model = train(items, prepared.folds, seed, mode)
    path = Path(out or DEFAULT_MODEL)
    save_model(model, path)
    written = load_model(path)  # rounded as stored: what the extractor will apply
    assert written is not None
    return Outcome(written, path, len(prepared.processed), prepared.problems)
