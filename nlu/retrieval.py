"""Article retrieval: when no FAQ entry is sure, find the law clauses a question most likely needs.

BM25 over every clause of the law content (folded, synonym-expanded like questions), scored per
article by its best clause. BM25 alone names a cited article for only 30 % of held-out FAQ
variants (10 % of those that fall back), whatever its score, so it is trusted only when it agrees
with the matcher (``agreeing``): one of its two best articles is the article the best FAQ match
rests on. bench/articles.py measures that rule on held-out FAQ variants; the bot also requires a
best-match confidence of at least 0.30 (bot/qa/related.py), where agreement is right about four
times in five.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from nlu.lexical import Bm25
from nlu.normalize import words

MIN_WORDS = 3
"""Questions with fewer content words are too short to retrieve articles for."""


@dataclass(frozen=True)
class Passage:
    """One clause (or a whole article without clauses) of a document."""

    document: str
    article: int
    clause: int | None
    text: str
    title: str = ""
    """The article's title, searched with the text."""


@dataclass(frozen=True)
class Found:
    """An article found for a question, with the clause that matched best and its score."""

    passage: Passage
    score: float


@dataclass
class ArticleIndex:
    """BM25 over passages, read through the same preparation as questions."""

    passages: tuple[Passage, ...]
    index: Bm25 | None
    prepare: Callable[[str], str]

    @classmethod
    def build(cls, passages: Sequence[Passage], prepare: Callable[[str], str]) -> ArticleIndex:
        """Index ``passages`` (their text prepared like questions)."""
        index = Bm25.build([prepare(f"{p.title} {p.text}").split() for p in passages])
        return cls(tuple(passages), index, prepare)

    def search(
        self, question: str, limit: int = 2, documents: Collection[str] | None = None
    ) -> list[Found]:
        """Return up to ``limit`` articles, best first (one passage each), however weak.

        ``documents``, when given, restricts the search to those documents' articles.
        """
        scores = self._scores(question)
        if scores is None:
            return []
        found: list[Found] = []
        seen: set[tuple[str, int]] = set()
        for i in np.argsort(-scores):
            passage = self.passages[int(i)]
            key = (passage.document, passage.article)
            if key in seen or (documents is not None and passage.document not in documents):
                continue
            seen.add(key)
            found.append(Found(passage, float(scores[i])))
            if len(found) == limit:
                break
        return found

    def best_clause(
        self, question: str, document: str, article: int, clause: int | None = None
    ) -> Found | None:
        """Return the clause of one article that matches ``question`` best (None if too short).

        ``clause``, when given, is the only clause considered.
        """
        scores = self._scores(question)
        if scores is None:
            return None
        inside = [
            i
            for i, p in enumerate(self.passages)
            if p.document == document and p.article == article and clause in (None, p.clause)
        ]
        if not inside:
            return None
        best = max(inside, key=lambda i: scores[i])
        return Found(self.passages[best], float(scores[best]))

    def _scores(self, question: str) -> np.ndarray | None:
        """Return each passage's BM25 score for ``question``, or None when it is too short."""
        tokens = self.prepare(question).split()
        if self.index is None or len(words(" ".join(tokens))) < MIN_WORDS:
            return None
        return np.asarray(self.index.scores(tokens), dtype=float)

    def agreeing(
        self, question: str, basis: tuple[str, int], near: Collection[tuple[str, int]] = ()
    ) -> list[Found]:
        """Return the two best articles when one is ``basis``, the other only if it is ``near``.

        ``basis`` is the (document, article) the best FAQ match rests on; ``near`` the articles
        the next matches cite. The articles keep retrieval's order: when both are named, the
        one whose clause matches the question best comes first (right more often on held-out FAQ
        variants and the tuning sets than the basis first).
        """
        found = self.search(question, 2)
        keys = [(f.passage.document, f.passage.article) for f in found]
        if basis not in keys:
            return []
        return [f for f, key in zip(found, keys, strict=True) if key == basis or key in near]
