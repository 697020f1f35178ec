"""Dialogue intent classifier: logistic regression over the shared TF-IDF features."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from nlu.sparse import Row
from nlu.training import FaqExample
from nlu.vectors import LinearModel


def intent_examples(
    intents: Mapping[str, Sequence[str]], faqs: Sequence[FaqExample]
) -> list[tuple[str, str]]:
    """Return (text, intent) pairs; every FAQ question is an ask_law example."""
    pairs = [(text, name) for name, texts in intents.items() for text in texts]
    pairs += [
        (question, "ask_law") for faq in faqs for question in faq.questions + faq.questions_en
    ]
    return pairs


@dataclass(frozen=True)
class IntentClassifier:
    """Predicts a distribution over intents for a featurised text (fitted by nlu.fitting)."""

    model: LinearModel
    labels: tuple[str, ...]

    def probabilities(self, features: Row) -> np.ndarray:
        """Return the intent probabilities of one text (in the order of ``labels``)."""
        return self.model.row_probabilities(features)

    def ranking(self, row: np.ndarray) -> list[tuple[str, float]]:
        """Return ``(intent, probability)`` pairs for one probability row, best first."""
        order = np.argsort(-row)
        return [(self.labels[i], float(row[i])) for i in order]

    def probability(self, row: np.ndarray, *names: str) -> float:
        """Return the summed probability of ``names`` in one probability row."""
        return float(sum(row[self.labels.index(n)] for n in names if n in self.labels))
