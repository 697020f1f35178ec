"""Calibrated FAQ confidence: a logistic model over match features, fitted on held-out questions."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nlu.focus import STORY_WORDS
from nlu.matcher import Candidate
from nlu.rolepair import NONE, Roles
from nlu.vectors import LinearModel

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
    "roles",
    "asks",
)
"""What the calibrator sees about a candidate and the message."""


@dataclass(frozen=True)
class Signals:
    """Message-level signals: vocabulary coverage and intent probabilities."""

    coverage: float
    law: float
    out: float
    words: int
    roles: Roles = NONE
    """Who acts on whom in the message (nlu.roles)."""
    asks: frozenset[str] = frozenset()
    """The kinds of answer the message asks for (nlu.asks)."""


@dataclass(frozen=True)
class Fit:
    """How one candidate entry fits the message: roles (-1 reversed … 1) and kinds asked."""

    roles: float = 0.0
    asks: float = 0.0


def feature_rows(
    candidates: Sequence[Candidate], signals: Signals, fits: Sequence[Fit] | None = None
) -> list[list[float]]:
    """Return one feature row per candidate (margin = score minus the best other score)."""
    rows = []
    fits = fits if fits is not None else [Fit()] * len(candidates)
    for i, (candidate, fit) in enumerate(zip(candidates, fits, strict=True)):
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
                fit.roles,
                fit.asks,
            ]
        )
    return rows


MIN_STORY_ROWS = 200
"""Fewer held-out story rows than this are not enough to calibrate stories apart."""

_LENGTH = FEATURES.index("length")


def is_story_row(row: Sequence[float]) -> bool:
    """Return whether a feature row comes from a story (a long message): calibrated apart."""
    return row[_LENGTH] > math.log1p(STORY_WORDS)


@dataclass(frozen=True)
class Calibrator:
    """Maps feature rows to the probability that the candidate is the right answer."""

    model: LinearModel | None
    story: LinearModel | None = None
    """The model for stories, when there were enough held-out stories to fit it."""

    @classmethod
    def fit(cls, rows: Sequence[Sequence[float]], labels: Sequence[int]) -> Calibrator:
        """Fit on held-out rows, stories apart when there are enough of them."""
        from nlu.fitting import logistic  # training only: serving needs no scikit-learn

        pairs = list(zip(rows, labels, strict=True))
        stories = [(r, y) for r, y in pairs if is_story_row(r)]
        story = logistic(stories) if len(stories) >= MIN_STORY_ROWS else None
        kept = [(r, y) for r, y in pairs if story is None or not is_story_row(r)]
        return cls(logistic(kept), story)

    def confidences(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Return the calibrated confidence of each row (one product per model)."""
        found = [0.0] * len(rows)
        for model, story in ((self.model, False), (self.story, True)):
            chosen = [i for i, row in enumerate(rows) if self._is_story(row) == story]
            if not chosen:
                continue
            for i, confidence in zip(chosen, _confidences(model, rows, chosen), strict=True):
                found[i] = confidence
        return found

    def _is_story(self, row: Sequence[float]) -> bool:
        """Return whether ``row`` is read by the story model (when there is one)."""
        return self.story is not None and is_story_row(row)


def _confidences(
    model: LinearModel | None, rows: Sequence[Sequence[float]], chosen: list[int]
) -> list[float]:
    """Return the confidences of the ``chosen`` rows by ``model`` (its score, clipped, if none)."""
    if model is None:
        return [max(0.0, min(1.0, rows[i][0])) for i in chosen]
    probabilities = model.probabilities(np.asarray([rows[i] for i in chosen]))[:, 1]
    return [float(p) for p in probabilities]


def agreed(
    faq: Sequence[tuple[str, float]], bases: Mapping[str, str]
) -> tuple[tuple[str, float], ...]:
    """Raise the best match's confidence by the others that rest on the same article (noisy-OR).

    The answer is judged by the article it rests on, so two less certain matches that agree on
    it make that article more likely than either alone; the order of the matches is kept.
    """
    if not faq:
        return ()
    best = faq[0][0]
    return raised(faq, lambda other: same_basis(bases, best, other))


def raised(
    faq: Sequence[tuple[str, float]], agrees: Callable[[str], bool]
) -> tuple[tuple[str, float], ...]:
    """Raise the best match's confidence by the others ``agrees`` accepts (noisy-OR)."""
    if not faq:
        return ()
    best, confidence = faq[0]
    doubt = 1.0 - confidence
    for other, p in faq[1:]:
        if agrees(other):
            doubt *= 1.0 - p
    return ((best, max(confidence, 1.0 - doubt)), *faq[1:])


def same_basis(bases: Mapping[str, str], a: str, b: str) -> bool:
    """Return whether entries ``a`` and ``b`` rest on the same (known) article."""
    return bool(bases.get(a)) and bases.get(a) == bases.get(b)


SURE_OUT_OF_SCOPE = 0.9
"""Out-of-scope probability above which matches fade (held-out FAQ questions stay below it)."""


def scoped(faq: Sequence[tuple[str, float]], out: float) -> tuple[tuple[str, float], ...]:
    """Fade the match confidences when the intent model is sure the message is out of scope.

    "giá cà phê" folds to words of "gia đình" and "phê bình"; the matcher alone cannot tell.
    """
    scale = min(1.0, max(0.0, 1.0 - out) / (1.0 - SURE_OUT_OF_SCOPE))
    return tuple((i, p * scale) for i, p in faq)
