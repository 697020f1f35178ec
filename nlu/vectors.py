"""Sparse text features and linear models at inference: plain arrays, no scikit-learn.

nlu.fitting fits scikit-learn's TfidfVectorizer and LogisticRegression and keeps only what
inference reads (vocabulary, idf, coefficients); texts are analysed here exactly as the
vectorizers analyse them, and the numbers are the same as theirs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from nlu.sparse import Row, weighted_sum

CHAR_WEIGHT = 0.5
"""Weight of character n-grams (robustness to typos) against whole words."""

CHAR_SIZES = (2, 5)
"""Smallest and largest character n-gram, inside word boundaries (sklearn's ``char_wb``)."""

WORD_PATTERN = r"(?u)\b\w+\b"
_WORD = re.compile(WORD_PATTERN)
_SPACES = re.compile(r"\s\s+")


WORD_SIZES = (1, 2)
"""Smallest and largest word n-gram (sklearn's ``ngram_range`` for words)."""


def word_tokens(text: str) -> list[str]:
    """Return the word tokens of ``text`` (sklearn's word analyzer with WORD_PATTERN)."""
    return _WORD.findall(text.lower())


def word_grams(text: str) -> list[str]:
    """Return the word n-grams of ``text`` (sklearn's word analyzer with WORD_SIZES)."""
    tokens = word_tokens(text)
    grams = list(tokens)
    for n in range(2, WORD_SIZES[1] + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def char_words(text: str) -> list[str]:
    """Return the words whose character n-grams ``char_ngrams`` reads, in order."""
    return _SPACES.sub(" ", text.lower()).split()


def word_ngrams(word: str) -> list[str]:
    """Return the space-padded character n-grams of one word (sklearn's ``char_wb``)."""
    smallest, largest = CHAR_SIZES
    padded = f" {word} "
    grams: list[str] = []
    for n in range(smallest, largest + 1):
        last = max(len(padded) - n, 0)
        grams += [padded[i : i + n] for i in range(last + 1)]
        if last == 0:  # a short word is counted once
            break
    return grams


def char_ngrams(text: str) -> list[str]:
    """Return the space-padded character n-grams of each word (sklearn's ``char_wb``)."""
    return [gram for word in char_words(text) for gram in word_ngrams(word)]


CACHED_WORDS = 100_000
"""Words whose feature columns a vectorizer remembers (forgotten all at once past this)."""


@dataclass(frozen=True)
class Tfidf:
    """One fitted vectorizer (sublinear tf, idf, L2 norm) whose columns start at ``offset``."""

    chars: bool
    vocabulary: Mapping[str, int]
    idf: np.ndarray
    offset: int
    weight: float
    known: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    """The columns of each word's n-grams, by word (character n-grams only; not pickled)."""

    def __getstate__(self) -> dict[str, object]:
        """Pickle without the words remembered."""
        return {**self.__dict__, "known": {}}

    def columns(self, text: str) -> list[int]:
        """Return the column of each of the text's features found in the vocabulary, in order."""
        vocabulary = self.vocabulary
        if not self.chars:
            return [vocabulary[t] for t in word_grams(text) if t in vocabulary]
        found: list[int] = []
        for word in char_words(text):
            columns = self.known.get(word)
            if columns is None:
                columns = [vocabulary[g] for g in word_ngrams(word) if g in vocabulary]
                if len(self.known) >= CACHED_WORDS:
                    self.known.clear()
                self.known[word] = columns
            found += columns
        return found

    def entries(self, text: str) -> tuple[list[int], np.ndarray]:
        """Return the columns and weighted, L2-normalised tf-idf values of ``text``."""
        counts = Counter(self.columns(text))
        columns = list(counts)
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))
        values = tf * self.idf[columns] if columns else tf
        norm = float(np.sqrt((values**2).sum()))
        scaled = values * (self.weight / norm) if norm > 0 else values
        return [self.offset + i for i in columns], scaled


@dataclass(frozen=True)
class Featurizer:
    """TF-IDF over words and character 2-5-grams of prepared (folded) text."""

    word: Tfidf
    char: Tfidf

    @property
    def size(self) -> int:
        """Return the number of columns (word features first)."""
        return len(self.word.vocabulary) + len(self.char.vocabulary)

    def transform(self, text: str) -> Row:
        """Return the L2-normalised row combining the word and character features of ``text``."""
        word_columns, word_values = self.word.entries(text)
        char_columns, char_values = self.char.entries(text)
        data = np.concatenate([word_values, char_values])
        norm = np.sqrt((data**2).sum())
        if norm > 0:
            data /= norm
        order = np.argsort(word_columns + char_columns, kind="stable")
        indices = np.asarray(word_columns + char_columns, dtype=np.int32)[order]
        return Row(indices, data[order])


@dataclass(frozen=True)
class LinearModel:
    """A fitted logistic regression: weights by feature (features x classes) and intercepts."""

    weights: np.ndarray
    intercept: np.ndarray
    classes: np.ndarray

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Return one row of class probabilities per dense feature row (``predict_proba``)."""
        return _softmax(np.asarray(features @ self.weights) + self.intercept)

    def row_probabilities(self, row: Row) -> np.ndarray:
        """Return the class probabilities of one sparse row."""
        scores = weighted_sum(self.weights, row) + self.intercept
        probabilities: np.ndarray = _softmax(scores[None, :])[0]
        return probabilities


def _softmax(scores: np.ndarray) -> np.ndarray:
    """Return scikit-learn's probabilities for decision scores (logistic when binary)."""
    if scores.shape[1] == 1:
        positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
        return np.column_stack([1.0 - positive, positive])
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
    return result
