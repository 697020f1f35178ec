"""The closing question of a long message: people tell their story first and ask at the end."""

from __future__ import annotations

import re

LONG_MESSAGE_WORDS = 40
"""Messages longer than this are read twice: whole, and by their closing sentences."""

CLOSING_SENTENCES = 2
SENTENCE_END = re.compile(r"(?<=[.?!…])\s+")

Matches = tuple[tuple[str, float], ...]


def closing(text: str) -> str | None:
    """Return the last sentences of a long message, or None when it is short."""
    if len(text.split()) <= LONG_MESSAGE_WORDS:
        return None
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s.strip()]
    if len(sentences) <= CLOSING_SENTENCES:
        return None
    return " ".join(sentences[-CLOSING_SENTENCES:])


def lead_with_closing(whole: Matches, ending: Matches) -> Matches:
    """Put the closing question's best match first if the whole message found it, less sure."""
    if not whole or not ending:
        return whole
    best, confidence = ending[0]
    found = dict(whole)
    if best == whole[0][0] or best not in found or confidence <= whole[0][1]:
        return whole
    return ((best, confidence), *((i, p) for i, p in whole if i != best))
