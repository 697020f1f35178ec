"""Training data for the NLU engines: intents, FAQ questions, teencode, emergency, aliases."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class FaqExample:
    """What the matcher needs from one FAQ entry."""

    id: str
    topic: str
    questions: tuple[str, ...]
    answer: str = ""
    basis: str = ""
    """The article the answer rests on ("13/2022/QH15:19"): entries sharing it answer alike."""
    questions_en: tuple[str, ...] = ()
    """English variants of the question."""
    asks: tuple[str, ...] = ()
    """The kinds of question the answer serves ("definition", "fine", "prison", ...)."""
    either_way: bool = False
    """The answer holds whoever acts on whom: the entry has no roles."""


TRAINED_FROM = frozenset({"intents", "faqs", "teencode", "synonyms"})
"""The fields the model and the article index are built from (teencode and synonyms prepare the
text); the others (emergency patterns, document names, ``requires:``, ``subject:``) only configure
serving, so editing them does not retrain the model."""


@dataclass(frozen=True)
class TrainingData:
    """Everything an engine is trained or configured from; ``digest`` keys the model cache."""

    intents: Mapping[str, tuple[str, ...]]
    faqs: tuple[FaqExample, ...] = ()
    teencode: Mapping[str, Any] = field(default_factory=dict)
    emergency: Mapping[str, Any] = field(default_factory=dict)
    documents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: Mapping[str, Any] = field(default_factory=dict)
    requires: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Patterns by intent: the intent model's answer stands only when one of them matches."""
    subject: tuple[str, ...] = ()
    """Patterns of the words of the bot's subject (the likely answer needs one)."""

    def digest(self) -> str:
        """Return a stable hash of what the model is trained from (TRAINED_FROM)."""
        trained = {name: value for name, value in asdict(self).items() if name in TRAINED_FROM}
        payload = json.dumps(trained, ensure_ascii=False, sort_keys=True, default=list)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class NluContent:
    """The parts of TrainingData that live in content/nlu."""

    intents: Mapping[str, tuple[str, ...]]
    teencode: Mapping[str, Any]
    emergency: Mapping[str, Any]
    synonyms: Mapping[str, Any] = field(default_factory=dict)
    requires: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    subject: tuple[str, ...] = ()

    def training(
        self, faqs: tuple[FaqExample, ...], documents: Mapping[str, tuple[str, ...]]
    ) -> TrainingData:
        """Combine with FAQ entries and document aliases into TrainingData."""
        return TrainingData(
            self.intents,
            faqs,
            self.teencode,
            self.emergency,
            documents,
            self.synonyms,
            self.requires,
            self.subject,
        )
