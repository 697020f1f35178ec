"""Sparse text features shared by the intent classifier and the FAQ matcher."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize as l2_normalize

CHAR_WEIGHT = 0.5
"""Weight of character n-grams (robustness to typos) against whole words."""


@dataclass
class _Fast:
    """One fitted vectorizer's analyzer, vocabulary and idf, for single-message transforms."""

    analyze: Callable[[str], list[str]]
    vocabulary: Mapping[str, int]
    idf: np.ndarray
    offset: int
    weight: float

    def entries(self, text: str) -> tuple[list[int], np.ndarray]:
        """Return the columns and weighted, L2-normalised tf-idf values of ``text``."""
        counts = Counter(t for t in self.analyze(text) if t in self.vocabulary)
        columns = [self.vocabulary[t] for t in counts]
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))
        values = tf * self.idf[columns] if columns else tf
        norm = float(np.sqrt((values**2).sum()))
        scaled = values * (self.weight / norm) if norm > 0 else values
        return [self.offset + i for i in columns], scaled


@dataclass
class Featurizer:
    """TF-IDF over words and character 2-5-grams of prepared (folded) text."""

    word: TfidfVectorizer
    char: TfidfVectorizer
    _fast: tuple[_Fast, _Fast] | None = field(default=None, repr=False)

    @classmethod
    def fit(cls, texts: Sequence[str]) -> Featurizer:
        """Fit both vectorizers on prepared texts."""
        word = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 1), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
        )
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        word.fit(texts)
        char.fit(texts)
        return cls(word, char)

    @property
    def size(self) -> int:
        """Return the number of columns (word features first)."""
        return len(self.word.vocabulary_) + len(self.char.vocabulary_)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return L2-normalised rows combining word and character features."""
        if len(texts) == 1:
            return self.transform_one(texts[0])
        if not texts:
            return sp.csr_matrix((0, self.size))
        stacked = sp.hstack([self.word.transform(texts), CHAR_WEIGHT * self.char.transform(texts)])
        return l2_normalize(stacked.tocsr())

    def transform_one(self, text: str) -> sp.csr_matrix:
        """Return the row of one text, as ``transform`` would, without sklearn's per-call cost."""
        columns: list[int] = []
        parts: list[np.ndarray] = []
        for part in self._parts():
            found_columns, found_values = part.entries(text)
            columns += found_columns
            parts.append(found_values)
        data = np.concatenate(parts)
        norm = np.sqrt((data**2).sum())
        if norm > 0:
            data /= norm
        order = np.argsort(columns, kind="stable")
        indices = np.asarray(columns, dtype=np.int32)[order]
        return sp.csr_matrix((data[order], indices, [0, len(indices)]), shape=(1, self.size))

    def _parts(self) -> tuple[_Fast, _Fast]:
        if self._fast is None:
            word_size = len(self.word.vocabulary_)
            self._fast = (
                _Fast(self.word.build_analyzer(), self.word.vocabulary_, self.word.idf_, 0, 1.0),
                _Fast(
                    self.char.build_analyzer(),
                    self.char.vocabulary_,
                    self.char.idf_,
                    word_size,
                    CHAR_WEIGHT,
                ),
            )
        return self._fast

    def __getstate__(self) -> dict[str, object]:
        """Pickle without the cached analyzers (they are rebuilt on first use)."""
        return {"word": self.word, "char": self.char, "_fast": None}


def probabilities(model: LogisticRegression, features: sp.csr_matrix | np.ndarray) -> np.ndarray:
    """Return ``model.predict_proba(features)`` of a fitted model, without sklearn's call cost."""
    scores = np.asarray(features @ model.coef_.T) + model.intercept_
    if scores.shape[1] == 1:
        positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
        return np.column_stack([1.0 - positive, positive])
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
    return result
