"""The closing question of a long message: people tell their story first and ask at the end."""

from __future__ import annotations

import re

STORY_WORDS = 40
"""Messages longer than this are stories: read twice (whole, and by their closing sentences)."""

CLOSING_SENTENCES = 2
SENTENCE_END = re.compile(r"(?<=[.?!…])\s+")

Matches = tuple[tuple[str, float], ...]


def is_story(text: str) -> bool:
    """Return whether ``text`` is long enough to be a story rather than a question."""
    return len(text.split()) > STORY_WORDS


def closing(text: str) -> str | None:
    """Return the last sentences of a long message, or None when it is short."""
    if not is_story(text):
        return None
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s.strip()]
    if len(sentences) <= CLOSING_SENTENCES:
        return None
    return " ".join(sentences[-CLOSING_SENTENCES:])


def lead_with_closing(whole: Matches, ending: Matches) -> Matches:
    """Lead with the closing question's best match, with its confidence, if the whole found it."""
    if not whole or not ending:
        return whole
    best, confidence = ending[0]
    if best not in dict(whole) or confidence <= whole[0][1]:
        return whole
    return ((best, confidence), *((i, p) for i, p in whole if i != best))
