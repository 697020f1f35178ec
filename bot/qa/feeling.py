"""A message that only shows a feeling or a hurt: tears in emoji, "em buồn quá", "mặt em còn sưng".

A frightened or sad person was told the message was "outside what I can help with". Such a
message gets the request to tell more (with the danger number) instead; a hurt, where to be seen.
"""

from __future__ import annotations

import re

from nlu.normalize import fold

FEELINGS = re.compile(
    r"\b(kho|buon|chan|met moi|tuyet vong|co don|be tac|so qua|so lam|khoc|dau kho|tui than"
    r"|uat uc|ap luc|hic|huhu|hu hu|rat so|so hai|lo so|hoang loan|lo lang)\b"
)
"""Folded words of sadness, despair or fear ("khổ", "buồn", "bế tắc", "tủi thân")."""
MAX_WORDS = 12
"""A longer message says more than a feeling."""


FILLER = frozenset(
    {"em", "toi", "minh", "tui", "chau", "con", "chi", "anh", "co", "ban", "qua", "lam", "that"}
    | {"rat", "a", "oi", "roi", "dang", "su", "va"}
)
"""Folded words that say nothing beside a feeling: the speaker, "quá", "lắm", "thật sự"."""


def only_feeling(text: str) -> bool:
    """Return whether a message shows a feeling and names nothing else ("em sợ lắm", "chán quá")."""
    folded = fold(text)
    if FEELINGS.search(folded) is None:
        return False
    return all(word in FILLER for word in re.findall(r"\w+", FEELINGS.sub(" ", folded)))


def shows_feeling(text: str) -> bool:
    """Return whether a short message shows only a feeling: no word at all, or words of one."""
    if not any(c.isalnum() for c in text):
        return bool(text.strip())  # "😢😢😢", "..."
    folded = fold(text)
    return len(folded.split()) <= MAX_WORDS and FEELINGS.search(folded) is not None


HURT = re.compile(
    r"\b(sưng|bầm|tím bầm|chảy máu|gãy|bị thương|vết thương|rách|ngất|choáng|đau quá|đau lắm"
    r"|chay mau|bi thuong|vet thuong|bam tim|gay tay|gay chan|gay xuong|dau qua|dau lam)\b"
)
"""Words of a body hurt, with diacritics where folding makes them others ("sưng", not "súng")."""


def shows_hurt(text: str) -> bool:
    """Return whether a short message tells of a hurt ("giờ mặt em vẫn còn sưng")."""
    lowered = text.lower()
    return len(lowered.split()) <= MAX_WORDS and HURT.search(lowered) is not None


def felt(text: str) -> str | None:
    """Return the string key of the reply to a message that only tells a hurt or a feeling."""
    if shows_hurt(text):
        return "qa.hurt"
    return "qa.tell_more" if shows_feeling(text) else None
