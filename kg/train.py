"""`kg train`: the learned stance model from the annotated corpus (data/corpus/).

1. Every corpus document goes through the rules' pipeline; each (speaker, target) pair
   it yields (kg.extract.stance_features) becomes one example per stance, labelled from
   the gold record of the same speaker: positive when the gold lists the target under
   that stance, left out when it lists it as ambiguous, negative otherwise. Pairs whose
   speaker has no gold record teach nothing about stances and are left out.
2. Cross-validation by event (no event on both sides of a split) gives out-of-fold
   probabilities; each stance's threshold is the one that maximises its F1 there (never
   below `MIN_THRESHOLD`), and the figures for rules alone, the model alone and the two
   combined are reported from the same folds.
3. The final model is fitted on the whole corpus and written as JSON (kg.extract.
   stance_model). Everything is seeded: the same corpus gives the same file.

scikit-learn is needed here only; inference reads the JSON with a dot product.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.corpus import Case, Corpus
from kg.extract.stance_features import RULE_PREFIXES, Candidate, candidates
from kg.extract.stance_model import LabelModel, StanceModel, learned_claims
from kg.model import SourceDocument, Statement, label_fields
from kg.names import match_key

MIN_THRESHOLD = 0.3
MIN_FEATURE_COUNT = 2
BETA = 0.3
MIN_WEIGHT = 0.01
C = 0.3  # inverse regularisation strength: a small corpus wants a strong prior


@dataclass
class Example:
    case: str
    event: str
    candidate: Candidate
    labels: dict[str, int | None]  # 1, 0, or None (ambiguous in gold: not used)


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, gold: int | None) -> None:
        if gold is None:
            return
        self.tp += predicted and gold == 1
        self.fp += predicted and gold == 0
        self.fn += (not predicted) and gold == 1

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    """Pair-level figures per stance from the cross-validation folds."""

    systems: dict[str, dict[str, Scores]] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    examples: int = 0
    folds: int = 0

    def lines(self) -> list[str]:
        out = [f"cross-validation by event: {self.folds} folds, {self.examples} pairs",
               "| stance | " + " | ".join(f"{s} P/R/F1" for s in self.systems) + " |",
               "| --- |" + " ---: |" * len(self.systems)]  # fmt: skip
        for label in label_fields():
            cells = ["{:.2f}/{:.2f}/{:.2f}".format(*self.systems[s][label].prf())
                     for s in self.systems]  # fmt: skip
            out.append(f"| {label} | " + " | ".join(cells) + " |")
        return out


# -- examples --------------------------------------------------------------------------
def process_corpus(corpus: Corpus, extractor: Any, progress: Callable[[int], None] | None = None
                   ) -> list[tuple[Case, Any]]:  # fmt: skip
    """Each case with its processed Doc (the rules' pipeline), in case-id order."""
    cases = sorted(corpus.cases, key=lambda c: c.id)
    sources = [_source(case) for case in cases]
    docs = extractor.nlp.pipe((extractor.make_doc(s) for s in sources), batch_size=16)
    out = []
    for case, doc in zip(cases, docs, strict=True):
        out.append((case, doc))
        if progress:
            progress(1)
    return out


def _source(case: Case) -> SourceDocument:
    return SourceDocument(case.id, case.text, title=case.title, published=case.published)


def examples(processed: Sequence[tuple[Case, Any]]) -> list[Example]:
    out = []
    for case, doc in processed:
        gold = {record["speaker"]: record for record in case.gold}
        for candidate in candidates(doc):
            record = gold.get(candidate.speaker)
            if record is not None:
                out.append(Example(case.id, case.event_id, candidate, _labels(record, candidate)))
    return out


def _labels(record: dict[str, Any], candidate: Candidate) -> dict[str, int | None]:
    key = match_key(candidate.target)
    ambiguous = record.get("ambiguous") or {}
    out: dict[str, int | None] = {}
    for label in label_fields():
        if key in {match_key(t) for t in ambiguous.get(label, [])}:
            out[label] = None
        else:
            out[label] = int(key in {match_key(t) for t in record[label]})
    return out


# -- fitting ---------------------------------------------------------------------------
def _features(example: Example, rule_features: bool) -> set[str]:
    features = example.candidate.features
    if rule_features:
        return features
    return {f for f in features if not f.startswith(RULE_PREFIXES)}


def fit(train: Sequence[Example], seed: int, rule_features: bool,
        thresholds: dict[str, float] | None = None, mode: str = "add",
        trust: dict[str, float] | None = None) -> StanceModel:  # fmt: skip
    """One logistic regression per stance over the examples' binary features."""
    from collections import Counter

    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for e in train for f in _features(e, rule_features))
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    labels: dict[str, LabelModel] = {}
    for label in label_fields():
        rows = [e for e in train if e.labels[label] is not None]
        y = [e.labels[label] for e in rows]
        if len(set(y)) < 2:  # nothing to learn: never fires
            labels[label] = LabelModel(-30.0, 1.0, {})
            continue
        cells = [(r, index[f]) for r, e in enumerate(rows)
                 for f in _features(e, rule_features) if f in index]  # fmt: skip
        matrix = csr_matrix(([1.0] * len(cells), ([c[0] for c in cells], [c[1] for c in cells])),
                            shape=(len(rows), len(vocabulary)))  # fmt: skip
        regression = LogisticRegression(C=C, solver="liblinear", random_state=seed,
                                        max_iter=1000)  # fmt: skip
        regression.fit(matrix, y)
        # weights this small move no probability by more than a rounding error: dropped,
        # to keep the shipped file small
        weights = {vocabulary[i]: float(w) for i, w in enumerate(regression.coef_[0])
                   if abs(w) >= MIN_WEIGHT}  # fmt: skip
        threshold = (thresholds or {}).get(label, MIN_THRESHOLD)
        labels[label] = LabelModel(float(regression.intercept_[0]), threshold, weights,
                                   (trust or {}).get(label, LabelModel.trust))  # fmt: skip
    return StanceModel(labels, mode=mode, rule_features=rule_features)


def folds_by_event(events: Sequence[str], k: int, seed: int) -> list[set[str]]:
    """k groups of events of about equal size (`events` has one entry per document),
    seeded."""
    import random
    from collections import Counter

    sizes = Counter(events)
    events = sorted(sizes)
    random.Random(seed).shuffle(events)
    groups: list[set[str]] = [set() for _ in range(k)]
    totals = [0] * k
    for event in sorted(events, key=lambda ev: -sizes[ev]):  # largest first, to the lightest
        lightest = totals.index(min(totals))
        groups[lightest].add(event)
        totals[lightest] += sizes[event]
    return groups


def cross_validate(items: Sequence[Example], folds: list[set[str]], seed: int,
                   rule_features: bool) -> list[tuple[Example, dict[str, float]]]:  # fmt: skip
    """Out-of-fold probabilities for every example."""
    out = []
    for held in folds:
        model = fit([e for e in items if e.event not in held], seed, rule_features)
        for example in (e for e in items if e.event in held):
            out.append((example, model.probabilities(example.candidate)))
    return out


def best_thresholds(oof: Sequence[tuple[Example, dict[str, float]]], mode: str
                    ) -> dict[str, float]:  # fmt: skip
    """Per stance, the threshold with the best out-of-fold F-beta (BETA < 1 weighs
    precision more: a wrong edge misleads a researcher more than a missing one)."""
    out = {}
    for label in label_fields():
        grid = [MIN_THRESHOLD + step / 40 for step in range(int((1 - MIN_THRESHOLD) * 40) + 1)]
        scored = [(_f_beta(_decisions(oof, label, t, mode)), -t, t) for t in grid]
        out[label] = max(scored)[2]
    return out


def _f_beta(scores: Scores) -> float:
    p, r, _ = scores.prf()
    b2 = BETA * BETA
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def _decisions(oof: Sequence[tuple[Example, dict[str, float]]], label: str, threshold: float,
               mode: str) -> Scores:  # fmt: skip
    scores = Scores()
    for example, probabilities in oof:
        by_model = probabilities[label] >= threshold
        by_rules = label in example.candidate.rule_stances
        scores.add(by_model or by_rules if mode == "add" else by_model, example.labels[label])
    return scores


@dataclass(frozen=True)
class Thresholds:
    """Per model variant (mode "replace": the model alone; "add": with the rules) and
    stance: the probability a claim needs, and how often the variant's own claims were
    right out of fold (a learned claim's confidence is at most that)."""

    cut: dict[str, dict[str, float]]
    trust: dict[str, dict[str, float]]


def report(items: Sequence[Example], folds: list[set[str]], seed: int
           ) -> tuple[Report, Thresholds]:  # fmt: skip
    """Rules alone, the model alone (no rule features) and combined, on the same folds;
    and the thresholds each model variant would ship with."""
    oof = {"replace": cross_validate(items, folds, seed, rule_features=False),
           "add": cross_validate(items, folds, seed, rule_features=True)}  # fmt: skip
    cut = {mode: best_thresholds(predictions, mode) for mode, predictions in oof.items()}
    trust = {
        mode: {label: _own_precision(predictions, label, cut[mode][label], mode)
               for label in label_fields()}
        for mode, predictions in oof.items()
    }  # fmt: skip
    result = Report(examples=len(items), folds=len(folds))
    result.systems["rules"] = {label: _rules_decisions(oof["add"], label)
                               for label in label_fields()}  # fmt: skip
    for system, mode in (("model alone", "replace"), ("rules + model", "add")):
        result.systems[system] = {label: _decisions(oof[mode], label, cut[mode][label], mode)
                                  for label in label_fields()}  # fmt: skip
    result.thresholds = cut["add"]
    return result, Thresholds(cut, trust)


def _rules_decisions(oof: Sequence[tuple[Example, dict[str, float]]], label: str) -> Scores:
    scores = Scores()
    for example, _ in oof:
        scores.add(label in example.candidate.rule_stances, example.labels[label])
    return scores


def _own_precision(oof: Sequence[tuple[Example, dict[str, float]]], label: str,
                   threshold: float, mode: str) -> float:  # fmt: skip
    """Out of fold, how often the model's own claims were right (in mode add, those the
    rules did not make)."""
    scores = Scores()
    for example, probabilities in oof:
        if mode == "add" and label in example.candidate.rule_stances:
            continue
        scores.add(probabilities[label] >= threshold, example.labels[label])
    # smoothed (one right and one wrong claim added): a stance with few claims out of
    # fold gets no perfect score
    return (scores.tp + 1) / (scores.tp + scores.fp + 2)


def _fit_mode(items: Sequence[Example], seed: int, mode: str, thresholds: Thresholds
              ) -> StanceModel:  # fmt: skip
    """A model of one variant with that variant's thresholds (mode add reads the rules'
    findings as features, mode replace does not)."""
    return fit(items, seed, mode == "add", thresholds.cut[mode], mode, thresholds.trust[mode])


def train(items: Sequence[Example], folds: list[set[str]], seed: int, mode: str = "add",
          thresholds: Thresholds | None = None) -> tuple[StanceModel, Report | None]:  # fmt: skip
    """The shipped model (fitted on every example) and the cross-validation report (None
    when the thresholds are given: they come from a report already made)."""
    result = None
    if thresholds is None:
        result, thresholds = report(items, folds, seed)
    model = _fit_mode(items, seed, mode, thresholds)
    meta = {"seed": seed, "folds": len(folds), "examples": len(items), "C": C,
            "min_feature_count": MIN_FEATURE_COUNT,
            "events": len({e.event for e in items}),
            "documents": len({e.case for e in items})}  # fmt: skip
    return StanceModel(model.labels, model.mode, model.rule_features, meta), result


def oof_records(processed: Sequence[tuple[Case, Any]], items: Sequence[Example],
                folds: list[set[str]], seed: int, mode: str, extractor: Any,
                thresholds: Thresholds) -> list[Statement]:  # fmt: skip
    """Records of every corpus document from a model that never saw its event: what the
    shared scorer compares with the corpus gold (record-level cross-validation). Mode
    "rules" gives the rules' own records."""
    from kg.extract.assemble import assemble

    out: list[Statement] = []
    for held in folds:
        model = None
        if mode != "rules":
            model = _fit_mode([e for e in items if e.event not in held], seed, mode, thresholds)
        for case, doc in processed:
            if case.event_id not in held:
                continue
            doc._.kg_learned_claims = (
                learned_claims(doc, model) if model else tuple(doc._.kg_claims)
            )
            out += assemble(doc, _source(case), extractor.speech, extractor.version,
                            extractor.parents)  # fmt: skip
    return out


class TrainingError(Exception):
    """The corpus cannot be trained on (problems in its gold, or too little of it)."""


@dataclass
class Outcome:
    model: StanceModel
    report: Report
    path: Path
    documents: int
    problems: list[str]  # cases left out, and why


@dataclass
class Prepared:
    """The corpus run through the rules once, with its examples and folds by event."""

    extractor: Any
    processed: list[tuple[Case, Any]]
    items: list[Example]
    folds: list[set[str]]
    problems: list[str]  # cases left out, and why


def prepare(corpus_root: Path | None, folds: int = 5, seed: int = 7,
            progress: Callable[[int], None] | None = None) -> Prepared:  # fmt: skip
    """Load and check the corpus, run the rules over it, build the examples and the
    folds. A case with a problem in its gold is left out (listed in `problems`); no usable
    case at all, or fewer events than folds, is an error."""
    from kg.corpus import load_corpus
    from kg.extract import Extractor

    corpus = load_corpus(corpus_root)
    if not corpus.cases:
        raise TrainingError(f"no usable case in the corpus at {corpus_root or 'data/corpus'} "
                            f"({len(corpus.problems)} problem(s))")  # fmt: skip
    events = {case.event_id for case in corpus.cases}
    if len(events) < folds:
        raise TrainingError(f"{len(events)} event(s) in the corpus: cross-validation by event "
                            f"needs at least --folds ({folds})")  # fmt: skip
    extractor = Extractor()
    # the rules' speakers: the stance model and the attribution model are both trained
    # on them, so neither depends on the other's file
    extractor.nlp.get_pipe("kg_learned_attribution").model = None
    processed = process_corpus(corpus, extractor, progress)
    split = folds_by_event([case.event_id for case, _ in processed], folds, seed)
    return Prepared(extractor, processed, examples(processed), split, corpus.problems)


def run(corpus_root: Path | None, out: Path | None, seed: int = 7, folds: int = 5,
        mode: str = "add", progress: Callable[[int], None] | None = None) -> Outcome:  # fmt: skip
    """Prepare the corpus, cross-validate, fit, write the model (default: the package's
    own model file)."""
    from kg.extract.stance_model import DEFAULT_MODEL, save_model

    prepared = prepare(corpus_root, folds, seed, progress)
    model, result = train(prepared.items, prepared.folds, seed, mode)
    assert result is not None  # made here: no thresholds were given
    path = out or DEFAULT_MODEL
    save_model(model, path)
    return Outcome(model, result, Path(path), len(prepared.processed), prepared.problems)
