"""Questions about who answers ("bạn là người thật hay máy"): a plain "I am a chatbot" first.

A frightened person may be asking whether a human reads them; the menu alone did not say.
"""

from __future__ import annotations

import re

from bot.core.messages import Reply
from bot.core.router import folded_words
from bot.core.turn import Outcome, Turn

MAX_WORDS = 10
"""A longer message that mentions a lawyer or a robot is a question of its own."""
ASKED = re.compile(
    r"\b(nguoi that|nguoi hay may|la may( a| ha| phai khong)?$|robot|may tu dong|tra loi tu dong"
    r"|ai dang (tra loi|nhan tin|chat|doc)|(?<!co )(ban|bot|ad) la ai|(?<!co )(ban|bot) la gi"
    r"|(?<!co )(ban|bot) (co )?phai (la )?(luat su|nguoi|may|bot|chatbot)"
    r"|(are|r) (you|u) (a )?(human|real|bot|robot|person|lawyer|machine)|who are you)\b"
)
"""Asking whether a person, a lawyer or a machine answers (folded); not "cơ bản là gì" (basic)."""
_asked = folded_words(ASKED)


def asks_who_answers(text: str) -> bool:
    """Return whether a short message asks who or what the bot is."""
    return len(text.split()) <= MAX_WORDS and _asked(text)


def about(turn: Turn, menu: Reply) -> Outcome:
    """Say the bot is an automatic assistant, who to call for a person, then the menu."""
    return turn.end(Reply(turn.t("core.about")), menu)
