"""Dialogue intent classifier: logistic regression over the shared TF-IDF features."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from nlu.training import FaqExample
from nlu.vectors import probabilities


def intent_examples(
    intents: Mapping[str, Sequence[str]], faqs: Sequence[FaqExample]
) -> list[tuple[str, str]]:
    """Return (text, intent) pairs; every FAQ question is an ask_law example."""
    pairs = [(text, name) for name, texts in intents.items() for text in texts]
    pairs += [
        (question, "ask_law") for faq in faqs for question in faq.questions + faq.questions_en
    ]
    return pairs


@dataclass
class IntentClassifier:
    """Predicts a distribution over intents for featurised texts."""

    model: LogisticRegression
    labels: tuple[str, ...]

    @classmethod
    def fit(cls, features: sp.csr_matrix, intents: Sequence[str]) -> IntentClassifier:
        """Train on featurised texts and their intents (classes balanced)."""
        model = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
        model.fit(features, list(intents))
        return cls(model, tuple(str(label) for label in model.classes_))

    def probabilities(self, features: sp.csr_matrix) -> np.ndarray:
        """Return one row of intent probabilities per text (columns follow ``labels``)."""
        return probabilities(self.model, features)

    def ranking(self, row: np.ndarray) -> list[tuple[str, float]]:
        """Return ``(intent, probability)`` pairs for one probability row, best first."""
        order = np.argsort(-row)
        return [(self.labels[i], float(row[i])) for i in order]

    def probability(self, row: np.ndarray, *names: str) -> float:
        """Return the summed probability of ``names`` in one probability row."""
        return float(sum(row[self.labels.index(n)] for n in names if n in self.labels))
