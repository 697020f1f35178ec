"""Training the embedded model: scikit-learn fits, a calibrator on cross-validated rows.

Imported only when a model must be trained (nlu.embedded.train), never to serve a cached one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from threadpoolctl import threadpool_limits

from nlu.calibration import Calibrator, feature_rows, same_basis
from nlu.fitting import Vectorizers, fit_intents, fit_matcher
from nlu.intents import intent_examples
from nlu.model import LAW_INTENTS, Cues, NluModel, fits_of, message_signals
from nlu.training import FaqExample, TrainingData

FOLDS = 4
"""Cross-validation folds used to collect held-out rows for the calibrator."""

Prepare = Callable[[str], str]


def fit_base(
    intents: Mapping[str, Sequence[str]], faqs: Sequence[FaqExample], prepare: Prepare
) -> NluModel:
    """Return the model fitted on ``intents`` and ``faqs``, with no calibrator yet."""
    pairs = intent_examples(intents, faqs)
    texts = [prepare(text) for text, _ in pairs]
    answers = [prepare(faq.answer) for faq in faqs if faq.answer]
    vectorizers = Vectorizers.fit(texts + answers)
    classifier = fit_intents(vectorizers.transform(texts), [i for _, i in pairs])
    matcher = fit_matcher(faqs, vectorizers, prepare)
    return NluModel(vectorizers.featurizer, classifier, matcher, Calibrator(None))


def split_faqs(
    faqs: Sequence[FaqExample], fold: int
) -> tuple[list[FaqExample], list[tuple[str, str]]]:
    """Return the entries without the variants of ``fold`` and those held-out (text, id) pairs."""
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


def split_intents(
    intents: Mapping[str, Sequence[str]], fold: int
) -> tuple[dict[str, list[str]], list[str]]:
    """Return the intents without the examples of ``fold`` and the held-out non-legal ones."""
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
        faqs, held = split_faqs(data.faqs, fold)
        intents, negatives = split_intents(data.intents, fold)
        model = fit_base(intents, faqs, prepare)
        for text, truth in [*held, *((t, "") for t in negatives)]:
            prepared = prepare(text)
            features = model.featurizer.transform(prepared)
            row = model.intents.probabilities(features)
            candidates = model.matcher.candidates(features, prepared)
            signals = message_signals(model, prepared, row, Cues.read(text))
            found = feature_rows(candidates, signals, fits_of(model.matcher, candidates, signals))
            rows += found
            labels += [int(same(model.matcher.ids[c.index], truth)) for c in candidates]
    return rows, labels


def train(data: TrainingData, prepare: Prepare) -> NluModel:
    """Train the full model; the calibrator learns from cross-validated held-out questions."""
    prepare = functools.lru_cache(maxsize=None)(prepare)
    with threadpool_limits(limits=1):  # many BLAS threads on small problems are far slower
        model = fit_base(data.intents, data.faqs, prepare)
        if len(data.faqs) >= 2:
            rows, labels = _held_out_rows(data, prepare)
            model = replace(model, calibrator=Calibrator.fit(rows, labels))
    return model
