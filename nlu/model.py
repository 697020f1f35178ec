"""The trained embedded model: features, intent classifier, FAQ matcher and calibrator."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from threadpoolctl import threadpool_limits

from nlu.asks import asks, fit
from nlu.calibration import Calibrator, Fit, Signals, agreed, feature_rows, same_basis, scoped
from nlu.intents import IntentClassifier, intent_examples
from nlu.matcher import Candidate, FaqMatcher
from nlu.normalize import words
from nlu.roles import NONE, Roles, relation, roles
from nlu.training import FaqExample, TrainingData
from nlu.vectors import Featurizer

FOLDS = 4
"""Cross-validation folds used to collect held-out rows for the calibrator."""

LAW_INTENTS = ("ask_law", "find_services", "emergency")
Prepare = Callable[[str], str]

REVERSED_ROLES = 0.25
"""Confidence kept by an entry whose roles are the message's reversed ("vợ đánh chồng")."""


@dataclass(frozen=True)
class Cues:
    """What the raw message says beyond its words: who acts on whom, what kind of answer."""

    roles: Roles = NONE
    asks: frozenset[str] = frozenset()

    @classmethod
    def read(cls, text: str) -> Cues:
        """Return the cues of a raw (or teencode-expanded) message."""
        return cls(roles(text), asks(text))


@dataclass(frozen=True)
class Prediction:
    """What the model says about one prepared message."""

    intents: tuple[tuple[str, float], ...]
    faq: tuple[tuple[str, float], ...]


@dataclass
class NluModel:
    """Everything trained, ready to predict from prepared (normalised, expanded, folded) text."""

    featurizer: Featurizer
    intents: IntentClassifier
    matcher: FaqMatcher
    calibrator: Calibrator

    def predict(self, prepared: str, cues: Cues | None = None) -> Prediction:
        """Return the intent ranking and up to five calibrated FAQ matches."""
        features = self.featurizer.transform([prepared])
        row = self.intents.probabilities(features)[0]
        candidates = self.matcher.candidates(features, prepared)
        signals = _signals(self, prepared, row, cues or Cues())
        fits = _fits(self.matcher, candidates, signals)
        confidences = self.calibrator.confidences(feature_rows(candidates, signals, fits))
        confidences = [
            p * REVERSED_ROLES if f.roles < 0 else p for p, f in zip(confidences, fits, strict=True)
        ]
        ranked = sorted(
            ((self.matcher.ids[c.index], p) for c, p in zip(candidates, confidences, strict=True)),
            key=lambda pair: -pair[1],
        )
        faq = scoped(agreed(ranked, self.matcher.bases), signals.out)
        return Prediction(tuple(self.intents.ranking(row)), faq)


def _signals(model: NluModel, prepared: str, row: np.ndarray, cues: Cues) -> Signals:
    return Signals(
        coverage=model.matcher.coverage(prepared),
        law=model.intents.probability(row, *LAW_INTENTS),
        out=model.intents.probability(row, "out_of_scope"),
        words=len(words(prepared)),
        roles=cues.roles,
        asks=cues.asks,
    )


def _fits(matcher: FaqMatcher, candidates: Sequence[Candidate], signals: Signals) -> list[Fit]:
    """Return how each candidate's roles and kinds fit the message's."""
    if not matcher.roles:
        return [Fit() for _ in candidates]
    return [
        Fit(
            float(relation(signals.roles, matcher.roles[c.index])),
            fit(signals.asks, matcher.asks[c.index]),
        )
        for c in candidates
    ]


def _fit_base(
    intents: Mapping[str, Sequence[str]], faqs: Sequence[FaqExample], prepare: Prepare
) -> NluModel:
    pairs = intent_examples(intents, faqs)
    texts = [prepare(text) for text, _ in pairs]
    answers = [prepare(faq.answer) for faq in faqs if faq.answer]
    featurizer = Featurizer.fit(texts + answers)
    classifier = IntentClassifier.fit(featurizer.transform(texts), [i for _, i in pairs])
    matcher = FaqMatcher.fit(faqs, featurizer, prepare)
    return NluModel(featurizer, classifier, matcher, Calibrator(None))


def _split_faqs(
    faqs: Sequence[FaqExample], fold: int
) -> tuple[list[FaqExample], list[tuple[str, str]]]:
    kept, held = [], []
    for faq in faqs:
        out = [q for i, q in enumerate(faq.questions) if i % FOLDS == fold]
        keep = tuple(q for i, q in enumerate(faq.questions) if i % FOLDS != fold)
        out_en = [q for i, q in enumerate(faq.questions_en) if i % FOLDS == fold]
        keep_en = tuple(q for i, q in enumerate(faq.questions_en) if i % FOLDS != fold)
        kept.append(
            replace(
                faq,
                questions=keep or faq.questions,
                questions_en=keep_en or faq.questions_en,
            )
        )
        held += [(q, faq.id) for q in out] if keep else []
        held += [(q, faq.id) for q in out_en] if keep_en else []
    return kept, held


def _split_intents(
    intents: Mapping[str, Sequence[str]], fold: int
) -> tuple[dict[str, list[str]], list[str]]:
    kept = {
        name: [t for i, t in enumerate(texts) if i % FOLDS != fold]
        for name, texts in intents.items()
    }
    held = [
        t
        for name, texts in intents.items()
        if name not in LAW_INTENTS
        for i, t in enumerate(texts)
        if i % FOLDS == fold
    ]
    return kept, held


def _same_answer(faqs: Sequence[FaqExample]) -> Callable[[str, str], bool]:
    """Return a test: does entry ``a`` answer a question of entry ``b`` on the same basis."""
    bases = {faq.id: faq.basis for faq in faqs}

    def same(a: str, b: str) -> bool:
        return a == b or same_basis(bases, a, b)

    return same


def _held_out_rows(data: TrainingData, prepare: Prepare) -> tuple[list[list[float]], list[int]]:
    same = _same_answer(data.faqs)
    rows: list[list[float]] = []
    labels: list[int] = []
    for fold in range(FOLDS):
        faqs, held = _split_faqs(data.faqs, fold)
        intents, negatives = _split_intents(data.intents, fold)
        model = _fit_base(intents, faqs, prepare)
        for text, truth in [*held, *((t, "") for t in negatives)]:
            prepared = prepare(text)
            features = model.featurizer.transform([prepared])
            row = model.intents.probabilities(features)[0]
            candidates = model.matcher.candidates(features, prepared)
            signals = _signals(model, prepared, row, Cues.read(text))
            found = feature_rows(candidates, signals, _fits(model.matcher, candidates, signals))
            rows += found
            labels += [int(same(model.matcher.ids[c.index], truth)) for c in candidates]
    return rows, labels


def train(data: TrainingData, prepare: Prepare) -> NluModel:
    """Train the full model; the calibrator learns from cross-validated held-out questions."""
    prepare = functools.lru_cache(maxsize=None)(prepare)
    with threadpool_limits(limits=1):  # many BLAS threads on small problems are far slower
        model = _fit_base(data.intents, data.faqs, prepare)
        if len(data.faqs) >= 2:
            rows, labels = _held_out_rows(data, prepare)
            model.calibrator = Calibrator.fit(rows, labels)
    return model
