"""The trained embedded model: features, intent classifier, FAQ matcher and calibrator.

It holds plain arrays only (nlu.trainer fits it), so loading a cached model imports no
scikit-learn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlu.asks import asks, fit
from nlu.calibration import Calibrator, Fit, Signals, agreed, feature_rows, scoped
from nlu.intents import IntentClassifier
from nlu.matcher import Candidate, FaqMatcher
from nlu.normalize import words
from nlu.rolefit import conflicting, relation
from nlu.rolepair import NONE, Roles
from nlu.roles import roles
from nlu.vectors import Featurizer

LAW_INTENTS = ("ask_law", "find_services", "emergency")

REVERSED_ROLES = 0.25
"""Confidence kept by an entry whose roles are the message's reversed ("vợ đánh chồng")."""

CONFLICTING_ROLES = 0.75
"""Confidence kept by an entry written for another pair (a wife beaten, an entry for a child)."""

UNSERVED = 0.8
"""Confidence kept by an entry that serves no sanction when one is asked ("… có bị đi tù không"
answered by an entry that only says what the act is)."""


@dataclass(frozen=True)
class Cues:
    """What the raw message says beyond its words: who acts on whom, what kind of answer."""

    roles: Roles = NONE
    asks: frozenset[str] = frozenset()

    @classmethod
    def read(cls, text: str) -> Cues:
        """Return the cues of a raw (or teencode-expanded) message."""
        return cls(roles(text), asks(text))


@dataclass(frozen=True)
class Prediction:
    """What the model says about one prepared message."""

    intents: tuple[tuple[str, float], ...]
    faq: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class NluModel:
    """Everything trained, ready to predict from prepared (normalised, expanded, folded) text."""

    featurizer: Featurizer
    intents: IntentClassifier
    matcher: FaqMatcher
    calibrator: Calibrator

    def predict(self, prepared: str, cues: Cues | None = None) -> Prediction:
        """Return the intent ranking and up to five calibrated FAQ matches."""
        features = self.featurizer.transform(prepared)
        row = self.intents.probabilities(features)
        candidates = self.matcher.candidates(features, prepared)
        signals = message_signals(self, prepared, row, cues or Cues())
        fits = fits_of(self.matcher, candidates, signals)
        confidences = self.calibrator.confidences(feature_rows(candidates, signals, fits))
        entries = [self.matcher.roles[c.index] if self.matcher.roles else NONE for c in candidates]
        confidences = [
            p * kept_share(f, signals.roles, entry)
            for p, f, entry in zip(confidences, fits, entries, strict=True)
        ]
        ranked = sorted(
            ((self.matcher.ids[c.index], p) for c, p in zip(candidates, confidences, strict=True)),
            key=lambda pair: -pair[1],
        )
        faq = scoped(agreed(ranked, self.matcher.bases), signals.out)
        return Prediction(tuple(self.intents.ranking(row)), faq)


def kept_share(fit: Fit, message: Roles, entry: Roles) -> float:
    """Return the share of its confidence an entry keeps for how its roles and kinds fit."""
    kinds = UNSERVED if fit.asks < 0 else 1.0
    if fit.roles < 0:
        return REVERSED_ROLES * kinds
    return (CONFLICTING_ROLES if conflicting(message, entry) else 1.0) * kinds


def message_signals(model: NluModel, prepared: str, row: np.ndarray, cues: Cues) -> Signals:
    """Return what the calibrator reads about the message itself."""
    return Signals(
        coverage=model.matcher.coverage(prepared),
        law=model.intents.probability(row, *LAW_INTENTS),
        out=model.intents.probability(row, "out_of_scope"),
        words=len(words(prepared)),
        roles=cues.roles,
        asks=cues.asks,
    )


def fits_of(matcher: FaqMatcher, candidates: Sequence[Candidate], signals: Signals) -> list[Fit]:
    """Return how each candidate's roles and kinds fit the message's."""
    if not matcher.roles:
        return [Fit() for _ in candidates]
    return [
        Fit(
            float(relation(signals.roles, matcher.roles[c.index])),
            fit(signals.asks, matcher.asks[c.index]),
        )
        for c in candidates
    ]
