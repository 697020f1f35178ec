"""FAQ matcher: nearest question variant, entry centroid, a per-entry classifier and BM25."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize as l2_normalize

from nlu.focus import is_story
from nlu.normalize import words
from nlu.roles import Roles, signature
from nlu.training import FaqExample
from nlu.vectors import Featurizer, probabilities

STOPWORDS_TEXT = (
    "thi la ma va cua cho voi o co khong nhung cac mot nhu vay a ah nhe oi ha toi em "
    "minh tui chi anh ban do nay kia day gi sao the nao ra lam duoc bi"
)
STOPWORDS = frozenset(STOPWORDS_TEXT.split())
"""Folded function words that say nothing about the topic (ignored by ``coverage``)."""

WEIGHTS = (0.25, 0.25, 0.5, 0.2)
"""Weights of (best variant similarity, centroid similarity, classifier probability, BM25)."""

ANSWER_WEIGHT = 1.0
"""Weight of the answer text in an entry's centroid, relative to all its questions."""


@dataclass(frozen=True)
class Candidate:
    """One FAQ entry scored for a message, with the parts of its score."""

    index: int
    score: float
    variant: float
    centroid: float
    classifier: float
    lexical: float


@dataclass
class FaqMatcher:
    """Scores every FAQ entry for a featurised message (the classifier reads words only)."""

    ids: tuple[str, ...]
    owners: np.ndarray
    variants: sp.csr_matrix
    centroids: sp.csr_matrix
    classifier: LogisticRegression | None
    word_features: int
    domain: frozenset[str]
    bm25: bm25s.BM25 | None = None
    bases: Mapping[str, str] = field(default_factory=dict)
    """Each entry's basis, by id: the article it rests on ("" when unknown)."""
    roles: tuple[Roles, ...] = ()
    """Each entry's roles (who acts on whom), as most of its questions say."""
    asks: tuple[tuple[str, ...], ...] = ()
    """The kinds of question each entry serves."""

    @classmethod
    def fit(
        cls,
        faqs: Sequence[FaqExample],
        featurizer: Featurizer,
        prepare: Callable[[str], str],
    ) -> FaqMatcher:
        """Build the matcher from FAQ entries (questions, and answers for the centroids)."""
        if not faqs:
            empty = sp.csr_matrix((0, featurizer.size))
            return cls((), np.zeros(0, dtype=np.int32), empty, empty, None, 0, frozenset())
        texts = [prepare(q) for faq in faqs for q in _questions(faq)]
        owners = np.array(
            [i for i, faq in enumerate(faqs) for _ in _questions(faq)], dtype=np.int32
        )
        variants = featurizer.transform(texts)
        answer_texts = [prepare(faq.answer) for faq in faqs]
        answers = featurizer.transform(answer_texts)
        centroids = _centroids(variants, owners, answers, len(faqs))
        classifier = None
        if len(faqs) > 1:
            classifier = LogisticRegression(C=20.0, max_iter=1000, solver="newton-cg")
            samples = l2_normalize(featurizer.word.transform(texts + answer_texts))
            classifier.fit(samples, np.concatenate([owners, np.arange(len(faqs))]))
        questions = [t for t in texts if not is_story(t)]
        domain = frozenset(w for text in questions for w in words(text)) - STOPWORDS
        word_features = len(featurizer.word.vocabulary_)
        ids = tuple(f.id for f in faqs)
        index = _bm25_index(
            [[*(prepare(q) for q in _questions(f)), prepare(f.answer)] for f in faqs]
        )
        bases = {f.id: f.basis for f in faqs}
        roles = tuple(signature(f.questions) for f in faqs)
        asks = tuple(f.asks for f in faqs)
        return cls(
            ids,
            owners,
            variants,
            centroids,
            classifier,
            word_features,
            domain,
            index,
            bases,
            roles,
            asks,
        )

    def components(self, features: sp.csr_matrix, prepared: str) -> np.ndarray:
        """Return a (4, entries) array: variant, centroid, classifier and BM25 scores."""
        query = features.toarray().ravel()  # sparse matrix @ dense vector is the fast path
        variant = _best_per_owner(self.variants @ query, self.owners, len(self.ids))
        centroid = self.centroids @ query
        return np.vstack([variant, centroid, self._classifier(features), self._lexical(prepared)])

    def candidates(self, features: sp.csr_matrix, prepared: str, k: int = 5) -> list[Candidate]:
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

    def _classifier(self, features: sp.csr_matrix) -> np.ndarray:
        full = np.zeros(len(self.ids))
        if self.classifier is None:
            return full + 1.0
        words_only = l2_normalize(features[:, : self.word_features])
        full[self.classifier.classes_] = probabilities(self.classifier, words_only)[0]
        return full

    def _lexical(self, prepared: str) -> np.ndarray:
        """Return BM25 scores relative to the best entry (0 to 1)."""
        tokens = prepared.split()
        if self.bm25 is None or not tokens:  # bm25s fails on an empty query
            return np.zeros(len(self.ids))
        scores = np.asarray(self.bm25.get_scores(tokens), dtype=float)
        best = scores.max() if len(scores) else 0.0
        return scores / best if best > 0 else scores


def _questions(faq: FaqExample) -> tuple[str, ...]:
    """Return every question variant of an entry: Vietnamese, then English."""
    return faq.questions + faq.questions_en


def _bm25_index(entries: Sequence[Sequence[str]]) -> bm25s.BM25 | None:
    """Return a BM25 index with one document per entry (its questions and answer)."""
    if not entries:
        return None
    index = bm25s.BM25()
    index.index([" ".join(texts).split() for texts in entries], show_progress=False)
    return index


def _best_per_owner(similarity: np.ndarray, owners: np.ndarray, count: int) -> np.ndarray:
    best = np.zeros(count)
    np.maximum.at(best, owners, similarity)
    return best


def _centroids(
    variants: sp.csr_matrix, owners: np.ndarray, answers: sp.csr_matrix, count: int
) -> sp.csr_matrix:
    membership = sp.csr_matrix(
        (np.ones(len(owners)), (owners, np.arange(len(owners)))), shape=(count, len(owners))
    )
    summed = l2_normalize(membership @ variants) + ANSWER_WEIGHT * answers
    return l2_normalize(sp.csr_matrix(summed))
