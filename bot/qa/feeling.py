"""A message that only shows a feeling: tears in emoji, "em buồn quá", "sao tôi khổ thế này".

A frightened or sad person was told the message was "outside what I can help with". Such a
message gets the request to tell more (with the danger number) instead.
"""

from __future__ import annotations

import re

from nlu.normalize import fold

FEELINGS = re.compile(
    r"\b(kho|buon|chan|met moi|tuyet vong|co don|be tac|so qua|so lam|khoc|dau kho|tui than"
    r"|uat uc|ap luc|hic|huhu|hu hu)\b"
)
"""Folded words of sadness, despair or fear ("khổ", "buồn", "bế tắc", "tủi thân")."""
MAX_WORDS = 12
"""A longer message says more than a feeling."""


def shows_feeling(text: str) -> bool:
    """Return whether a short message shows only a feeling: no word at all, or words of one."""
    if not any(c.isalnum() for c in text):
        return bool(text.strip())  # "😢😢😢", "..."
    folded = fold(text)
    return len(folded.split()) <= MAX_WORDS and FEELINGS.search(folded) is not None
