"""BM25 scores from a bm25s index kept as plain arrays (bm25s is imported only to build one)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nlu.sparse import gather


@dataclass(frozen=True)
class Bm25:
    """A BM25 index: each token's precomputed score in the documents that contain it."""

    vocabulary: Mapping[str, int]
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    documents: int

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]]) -> Bm25 | None:
        """Index tokenised documents with bm25s (Lucene's BM25); None when there are none."""
        if not documents:
            return None
        import bm25s  # building only: serving reads the arrays

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import
        index = bm25s.BM25()
        index.index([list(tokens) for tokens in documents], show_progress=False)
        scores = index.scores
        return cls(
            dict(index.vocab_dict),
            np.asarray(scores["indptr"]),
            np.asarray(scores["indices"]),
            np.asarray(scores["data"]),
            int(scores["num_docs"]),
        )

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """Return every document's score for ``tokens`` (as bm25s ``get_scores``, within an ulp)."""
        ids = np.array([self.vocabulary[t] for t in tokens if t in self.vocabulary], dtype=int)
        scores = np.zeros(self.documents, dtype=self.data.dtype)
        if len(ids):
            documents, values = gather(self.indptr, ids, self.indices, self.data)
            summed = np.bincount(documents, weights=values, minlength=self.documents)
            scores = summed.astype(self.data.dtype)  # bincount: far faster than np.add.at
        return scores
