"""What understanding a message produces, and the protocol every NLU engine follows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

INTENTS = (
    "greeting",
    "help",
    "emergency",
    "ask_law",
    "find_services",
    "subscribe",
    "unsubscribe",
    "report",
    "delete_data",
    "thanks",
    "out_of_scope",
)
"""Every dialogue intent an engine may return."""


@dataclass(frozen=True)
class ArticleRef:
    """A direct reference to an article (and clause) of a document, by official number."""

    document: str
    article: int
    clause: int | None = None


@dataclass(frozen=True)
class Parse:
    """The understanding of one message.

    ``faq`` holds up to five ``(faq_id, calibrated confidence)`` pairs, best first.
    """

    text: str
    intent: str
    confidence: float
    emergency: bool
    faq: tuple[tuple[str, float], ...] = ()
    article: ArticleRef | None = None
    asks: frozenset[str] = frozenset()
    """The kinds of answer asked for (nlu.asks): "fine", "prison", "report", ..."""
    document: str | None = None
    """A document asked about as a whole ("nghị định 125/2021 về gì"), by official number."""

    @property
    def faq_confidence(self) -> float:
        """Return the confidence of the best FAQ match (0 when there is none)."""
        return self.faq[0][1] if self.faq else 0.0

    @property
    def faq_id(self) -> str | None:
        """Return the id of the best FAQ match, if any."""
        return self.faq[0][0] if self.faq else None


class Engine(Protocol):
    """Anything that turns a message into a Parse."""

    def parse(self, text: str) -> Parse:
        """Understand ``text``."""
        ...
