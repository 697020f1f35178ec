"""FAQ matcher: nearest question variant, entry centroid, a per-entry classifier and BM25.

Built by nlu.fitting; it holds plain arrays only.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from nlu.lexical import Bm25
from nlu.normalize import words
from nlu.rolepair import Roles
from nlu.sparse import Columns, Row
from nlu.vectors import LinearModel

STOPWORDS_TEXT = (
    "thi la ma va cua cho voi o co khong nhung cac mot nhu vay a ah nhe oi ha toi em "
    "minh tui chi anh ban do nay kia day gi sao the nao ra lam duoc bi"
)
STOPWORDS = frozenset(STOPWORDS_TEXT.split())
"""Folded function words that say nothing about the topic (ignored by ``coverage``)."""

WEIGHTS = (0.25, 0.25, 0.5, 0.2)
"""Weights of (best variant similarity, centroid similarity, classifier probability, BM25)."""


@dataclass(frozen=True)
class Candidate:
    """One FAQ entry scored for a message, with the parts of its score."""

    index: int
    score: float
    variant: float
    centroid: float
    classifier: float
    lexical: float


@dataclass(frozen=True)
class FaqMatcher:
    """Scores every FAQ entry for a featurised message (the classifier reads words only)."""

    ids: tuple[str, ...]
    owners: np.ndarray
    """The entry of each question variant (a row of ``variants``)."""
    variants: Columns
    centroids: Columns
    classifier: LinearModel | None
    word_features: int
    domain: frozenset[str]
    bm25: Bm25 | None = None
    bases: Mapping[str, str] = field(default_factory=dict)
    """Each entry's basis, by id: the article it rests on ("" when unknown)."""
    roles: tuple[Roles, ...] = ()
    """Each entry's roles (who acts on whom), as most of its questions say."""
    asks: tuple[tuple[str, ...], ...] = ()
    """The kinds of question each entry serves."""

    @functools.cached_property
    def _starts(self) -> np.ndarray | None:
        """Where each entry's variants start (fitting keeps them in runs), computed once."""
        return owner_runs(self.owners)

    def components(self, features: Row, prepared: str) -> np.ndarray:
        """Return a (4, entries) array: variant, centroid, classifier and BM25 scores."""
        similarity = self.variants.dot(features)
        variant = _best_per_owner(similarity, self.owners, len(self.ids), self._starts)
        centroid = self.centroids.dot(features)
        return np.vstack([variant, centroid, self._classifier(features), self._lexical(prepared)])

    def candidates(self, features: Row, prepared: str, k: int = 5) -> list[Candidate]:
        """Return the ``k`` best entries for one message (features and text), best first."""
        if not self.ids:
            return []
        parts = self.components(features, prepared)
        variant, centroid, classifier, lexical = parts
        score = np.asarray(WEIGHTS) @ parts
        order = np.argsort(-score)[:k]
        return [
            Candidate(
                int(i),
                float(score[i]),
                float(variant[i]),
                float(centroid[i]),
                float(classifier[i]),
                float(lexical[i]),
            )
            for i in order
        ]

    def coverage(self, prepared: str) -> float:
        """Return the share of the message's content words that appear in FAQ questions."""
        content = [w for w in words(prepared) if w not in STOPWORDS and not w.isdigit()]
        if not content:
            return 0.0
        return sum(w in self.domain for w in content) / len(content)

    def _classifier(self, features: Row) -> np.ndarray:
        full = np.zeros(len(self.ids))
        if self.classifier is None:
            return full + 1.0
        words_only = features.head(self.word_features)
        full[self.classifier.classes] = self.classifier.row_probabilities(words_only)
        return full

    def _lexical(self, prepared: str) -> np.ndarray:
        """Return BM25 scores relative to the best entry (0 to 1)."""
        if self.bm25 is None:
            return np.zeros(len(self.ids))
        scores = np.asarray(self.bm25.scores(prepared.split()), dtype=float)
        best = scores.max() if len(scores) else 0.0
        return scores / best if best > 0 else scores


def owner_runs(owners: np.ndarray) -> np.ndarray | None:
    """Return where each owner's run of variants starts, or None when owners are not in runs."""
    if not len(owners) or np.any(owners[1:] < owners[:-1]):
        return None
    return np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])


def _best_per_owner(
    similarity: np.ndarray, owners: np.ndarray, count: int, starts: np.ndarray | None
) -> np.ndarray:
    """Return each owner's best similarity (0 for none); ``starts`` from ``owner_runs``."""
    best = np.zeros(count)
    if starts is None:  # not in runs (or none): the general, slower reduction
        np.maximum.at(best, owners, similarity)
        return best
    best[owners[starts]] = np.maximum(np.maximum.reduceat(similarity, starts), 0.0)
    return best
