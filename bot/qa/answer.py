"""The bot's answer to one citizen's question, with what was understood."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.messages import Reply
from bot.law.citation import Citation


@dataclass(frozen=True)
class Answer:
    """The bot's answer to one question, with what was understood."""

    question: str
    intent: str
    confidence: float
    fallback: bool
    emergency: bool
    citations: tuple[Citation, ...]
    replies: tuple[Reply, ...]
    faq_id: str | None = None
    topic: str | None = None
    tentative: bool = False
    """The answer names articles that may be relevant (article retrieval), not a FAQ answer."""
    suggested: tuple[Citation, ...] = ()
    """The first citation of each question offered as a button ("not sure" or related)."""

    @property
    def text(self) -> str:
        """Return the replies' texts joined by blank lines."""
        return "\n\n".join(reply.text for reply in self.replies)
