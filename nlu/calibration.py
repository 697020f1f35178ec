"""Calibrated FAQ confidence: a logistic model over match features, fitted on held-out questions."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from nlu.matcher import Candidate
from nlu.vectors import probabilities

FEATURES = (
    "score",
    "margin",
    "variant",
    "centroid",
    "classifier",
    "lexical",
    "coverage",
    "law",
    "out",
    "length",
)
"""What the calibrator sees about a candidate and the message."""


@dataclass(frozen=True)
class Signals:
    """Message-level signals: vocabulary coverage and intent probabilities."""

    coverage: float
    law: float
    out: float
    words: int


def feature_rows(candidates: Sequence[Candidate], signals: Signals) -> list[list[float]]:
    """Return one feature row per candidate (margin = score minus the best other score)."""
    rows = []
    for i, candidate in enumerate(candidates):
        others = [c.score for j, c in enumerate(candidates) if j != i]
        margin = candidate.score - (max(others) if others else 0.0)
        rows.append(
            [
                candidate.score,
                margin,
                candidate.variant,
                candidate.centroid,
                candidate.classifier,
                candidate.lexical,
                signals.coverage,
                signals.law,
                signals.out,
                math.log1p(signals.words),
            ]
        )
    return rows


@dataclass
class Calibrator:
    """Maps feature rows to the probability that the candidate is the right answer."""

    model: LogisticRegression | None

    @classmethod
    def fit(cls, rows: Sequence[Sequence[float]], labels: Sequence[int]) -> Calibrator:
        """Fit on held-out rows; with a single class there is nothing to learn (None)."""
        if len(set(labels)) < 2:
            return cls(None)
        model = LogisticRegression(C=1.0, max_iter=1000)
        model.fit(np.asarray(rows), np.asarray(labels))
        return cls(model)

    def confidences(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Return the calibrated confidence of each row."""
        if not rows:
            return []
        if self.model is None:
            return [max(0.0, min(1.0, row[0])) for row in rows]
        return [float(p) for p in probabilities(self.model, np.asarray(rows))[:, 1]]


def agreed(
    faq: Sequence[tuple[str, float]], bases: Mapping[str, str]
) -> tuple[tuple[str, float], ...]:
    """Raise the best match's confidence by the others that rest on the same article (noisy-OR).

    The answer is judged by the article it rests on, so two less certain matches that agree on
    it make that article more likely than either alone; the order of the matches is kept.
    """
    if not faq:
        return ()
    best, confidence = faq[0]
    basis = bases.get(best, "")
    doubt = 1.0 - confidence
    for other, p in faq[1:]:
        if basis and bases.get(other) == basis:
            doubt *= 1.0 - p
    return ((best, max(confidence, 1.0 - doubt)), *faq[1:])
