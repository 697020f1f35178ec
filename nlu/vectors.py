"""Sparse text features shared by the intent classifier and the FAQ matcher."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

CHAR_WEIGHT = 0.5
"""Weight of character n-grams (robustness to typos) against whole words."""


@dataclass
class Featurizer:
    """TF-IDF over words and character 2-5-grams of prepared (folded) text."""

    word: TfidfVectorizer
    char: TfidfVectorizer

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

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return L2-normalised rows combining word and character features."""
        stacked = sp.hstack([self.word.transform(texts), CHAR_WEIGHT * self.char.transform(texts)])
        return l2_normalize(stacked.tocsr())
