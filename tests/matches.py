"""Answering a message as if the matcher had found given matches (for the Q&A's fallbacks)."""

from __future__ import annotations

from bot.qa.engine import QA, Answer
from nlu.parse import Parse


def told(qa: QA, text: str, matches: tuple[tuple[str, float], ...], locale: str = "vi") -> Answer:
    """Answer ``text`` as if the matcher had found ``matches``."""
    return qa.answer_parse(Parse(text, "ask_law", 0.9, False, matches), locale)
