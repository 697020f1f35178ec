"""The closing question of a long message: people tell their story first and ask at the end."""

from __future__ import annotations

import re

from nlu.normalize import fold

STORY_WORDS = 40
"""Messages longer than this are stories: read twice (whole, and by their closing sentences)."""

CLOSING_SENTENCES = 2
SENTENCE_END = re.compile(r"(?<=[.?!…])\s+")
COURTESY = re.compile(
    r"^\W*((xin|rat|em|toi|minh) )?(chan thanh )?(cam on|mong|rat mong|kinh mong)\b.{0,60}"
    r"\b(giai dap|tu van|huong dan|giup|tra loi|cam on|loi khuyen)"
    r"( (em|toi|minh|chau|a|voi|nhe|nha|luat su))*\W*$"
    r"|^\W*((xin|em|toi|minh) )?(chan thanh )?cam on\b[^?]{0,40}$"
)
"""A closing sentence that only asks for advice or says thanks ("Mong luật sư tư vấn giúp em.")."""

Matches = tuple[tuple[str, float], ...]


def is_story(text: str) -> bool:
    """Return whether ``text`` is long enough to be a story rather than a question."""
    return len(text.split()) > STORY_WORDS


def closing(text: str) -> str | None:
    """Return the last sentences of a long message, or None when it is short."""
    if not is_story(text):
        return None
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s.strip()]
    while sentences and COURTESY.search(fold(sentences[-1])):
        sentences.pop()
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
