"""Is a message a question of its own? Flows that wait for a number or a name ask this."""

from __future__ import annotations

import re

from nlu.normalize import fold

QUESTION = re.compile(
    r"\?|\b(gi|sao|nao|bao nhieu|bao lau|o dau|the nao|ra sao|lam sao|duoc khong|co phai|"
    r"phai khong|hay khong|chua a|khong a|ko a)\b|(?<!khong co )(?<!ko co )\bai\b"
)
"""Words that make a message a question (folded); not "không có ai" (nobody: zero)."""


def asks_a_question(text: str) -> bool:
    """Return whether ``text`` holds a question mark or a question word ("bao lâu", "làm sao")."""
    return QUESTION.search(fold(text)) is not None


THANKS = re.compile(
    r"^\W*((ok|oke|da|vang|uh|um|thoi|em|toi|minh|chau|tui)\W+)*"
    r"(cam on|cam ta|thanks?|tks|thank you)\b"
)
"""A message that opens with thanks ("cảm ơn nhé", "dạ em cảm ơn ạ"), folded."""


def says_thanks(text: str) -> bool:
    """Return whether ``text`` thanks the bot: a flow waiting for an answer ends there."""
    return THANKS.search(fold(text)) is not None
