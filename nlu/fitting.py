"""Fitting the model with scikit-learn and scipy; only the plain arrays inference reads are kept.

Imported by the training path only (nlu.trainer, Calibrator.fit): serving a cached model
imports neither scikit-learn nor scipy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize as l2_normalize

from nlu.focus import is_story
from nlu.intents import IntentClassifier
from nlu.lexical import Bm25
from nlu.matcher import STOPWORDS, FaqMatcher
from nlu.normalize import words
from nlu.rolefit import entry_roles
from nlu.rolepair import NONE
from nlu.sparse import Columns, Row
from nlu.training import FaqExample
from nlu.vectors import (
    CHAR_SIZES,
    CHAR_WEIGHT,
    WORD_PATTERN,
    WORD_SIZES,
    Featurizer,
    LinearModel,
    Tfidf,
    word_grams,
)

NGRAM_MIN_TEXTS = 3
"""Texts a word pair must occur in to become a feature (single words need one).

Word pairs carry Vietnamese compounds ("bạo lực", "gia đình") and order ("chồng đánh", "đánh vợ");
the rare ones only add weight to the model: with every pair it is four times as large.
"""

ANSWER_WEIGHT = 1.0
"""Weight of the answer text in an entry's centroid, relative to all its questions."""


@dataclass(frozen=True)
class Vectorizers:
    """The fitted scikit-learn vectorizers, for whole training sets, and their plain form."""

    word: TfidfVectorizer
    char: TfidfVectorizer
    featurizer: Featurizer

    @classmethod
    def fit(cls, texts: Sequence[str]) -> Vectorizers:
        """Fit both vectorizers on prepared texts."""
        word = TfidfVectorizer(
            analyzer="word",
            ngram_range=WORD_SIZES,
            sublinear_tf=True,
            token_pattern=WORD_PATTERN,
            vocabulary=_word_vocabulary(texts),
        )
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_SIZES, sublinear_tf=True)
        word.fit(texts)
        char.fit(texts)
        size = len(word.vocabulary_)
        plain = Featurizer(
            Tfidf(False, dict(word.vocabulary_), np.asarray(word.idf_), 0, 1.0),
            Tfidf(True, dict(char.vocabulary_), np.asarray(char.idf_), size, CHAR_WEIGHT),
        )
        return cls(word, char, plain)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return L2-normalised rows combining word and character features."""
        if len(texts) == 1:
            return as_matrix(self.featurizer.transform(texts[0]), self.featurizer.size)
        if not texts:
            return sp.csr_matrix((0, self.featurizer.size))
        stacked = sp.hstack([self.word.transform(texts), CHAR_WEIGHT * self.char.transform(texts)])
        return l2_normalize(stacked.tocsr())


def _word_vocabulary(texts: Sequence[str]) -> list[str]:
    """Return every word and the word n-grams seen in enough texts (as sklearn analyses them)."""
    texts_with = Counter(gram for text in texts for gram in set(word_grams(text)))
    return sorted(g for g, count in texts_with.items() if " " not in g or count >= NGRAM_MIN_TEXTS)


def as_matrix(row: Row, size: int) -> sp.csr_matrix:
    """Return one sparse row as a 1 x ``size`` scipy matrix."""
    return sp.csr_matrix((row.values, row.indices, [0, len(row.indices)]), shape=(1, size))


def linear(model: LogisticRegression) -> LinearModel:
    """Return the arrays of a fitted logistic regression that its probabilities need."""
    weights = np.ascontiguousarray(np.asarray(model.coef_, dtype=float).T)
    return LinearModel(weights, np.asarray(model.intercept_), np.asarray(model.classes_))


def logistic(pairs: Sequence[tuple[Sequence[float], int]]) -> LinearModel | None:
    """Return a logistic model of the labels, or None with a single class (nothing to learn)."""
    if len({y for _, y in pairs}) < 2:
        return None
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(np.asarray([r for r, _ in pairs]), np.asarray([y for _, y in pairs]))
    return linear(model)


def columns(matrix: sp.spmatrix) -> Columns:
    """Return a scipy sparse matrix stored by column, as plain arrays."""
    by_column = sp.csc_matrix(matrix)
    by_column.sort_indices()
    return Columns.build(by_column.indptr, by_column.indices, by_column.data, by_column.shape[0])


def fit_intents(features: sp.csr_matrix, intents: Sequence[str]) -> IntentClassifier:
    """Train the intent classifier on featurised texts and their intents (classes balanced)."""
    model = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
    model.fit(features, list(intents))
    return IntentClassifier(linear(model), tuple(str(label) for label in model.classes_))


def fit_matcher(
    faqs: Sequence[FaqExample], vectorizers: Vectorizers, prepare: Callable[[str], str]
) -> FaqMatcher:
    """Build the matcher from FAQ entries (questions, and answers for the centroids)."""
    size = vectorizers.featurizer.size
    if not faqs:
        empty = columns(sp.csr_matrix((0, size)))
        return FaqMatcher((), np.zeros(0, dtype=np.int32), empty, empty, None, 0, frozenset())
    texts = [prepare(q) for faq in faqs for q in _questions(faq)]
    owners = np.array([i for i, faq in enumerate(faqs) for _ in _questions(faq)], dtype=np.int32)
    variants = vectorizers.transform(texts)
    answer_texts = [prepare(faq.answer) for faq in faqs]
    centroids = _centroids(variants, owners, vectorizers.transform(answer_texts), len(faqs))
    classifier = None
    if len(faqs) > 1:
        model = LogisticRegression(C=20.0, max_iter=1000, solver="newton-cg")
        samples = l2_normalize(vectorizers.word.transform(texts + answer_texts))
        model.fit(samples, np.concatenate([owners, np.arange(len(faqs))]))
        classifier = linear(model)
    questions = [t for t in texts if not is_story(t)]
    domain = frozenset(w for text in questions for w in words(text)) - STOPWORDS
    lexical = Bm25.build(
        [" ".join([*(prepare(q) for q in _questions(f)), prepare(f.answer)]).split() for f in faqs]
    )
    return FaqMatcher(
        tuple(f.id for f in faqs),
        owners,
        columns(variants),
        columns(centroids),
        classifier,
        len(vectorizers.word.vocabulary_),
        domain,
        lexical,
        {f.id: f.basis for f in faqs},
        tuple(NONE if f.either_way else entry_roles(f.topic, f.questions) for f in faqs),
        tuple(f.asks for f in faqs),
    )


def _questions(faq: FaqExample) -> tuple[str, ...]:
    """Return every question variant of an entry: Vietnamese, then English."""
    return faq.questions + faq.questions_en


def _centroids(
    variants: sp.csr_matrix, owners: np.ndarray, answers: sp.csr_matrix, count: int
) -> sp.csr_matrix:
    membership = sp.csr_matrix(
        (np.ones(len(owners)), (owners, np.arange(len(owners)))), shape=(count, len(owners))
    )
    summed = l2_normalize(membership @ variants) + ANSWER_WEIGHT * answers
    return l2_normalize(sp.csr_matrix(summed))
