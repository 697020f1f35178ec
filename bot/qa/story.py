"""A story told in pieces: the messages not understood just before, read with the next one.

"chồng tôi nghiện cờ bạc", "anh ấy bán hết đồ trong nhà", "còn bắt tôi đi vay tiền": each piece
alone reads as nothing sure ("tell me more"); read together they are economic violence. Unlike
the rest of what the Q&A keeps, this is the text itself: so it is kept in memory only, at most
PIECES messages for KEPT_FOR, forgotten as soon as an answer is given, on ``/xoa`` and on
restart, and never written anywhere.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from bot.qa.memory import MAX_USERS, UserMemory

KEPT_FOR = timedelta(minutes=10)
"""How long a piece waits for the rest of its story, by default (``privacy.story_minutes``)."""
PIECES = 3
"""The pieces kept: the last ones told."""
MAX_CHARS = 600
"""A piece longer than this is a story of its own, not a piece."""


class _Pieces(NamedTuple):
    texts: tuple[str, ...]
    at: datetime


class Story:
    """The pieces of a story each user told last, for KEPT_FOR, in memory only."""

    def __init__(self, kept_for: timedelta = KEPT_FOR, limit: int = MAX_USERS) -> None:
        self.kept_for = kept_for
        self.memory: UserMemory[_Pieces] = UserMemory(limit)

    def add(self, user: str, text: str, now: datetime) -> None:
        """Keep ``text`` as the latest piece of the user's story (nothing when kept for no time)."""
        if len(text) > MAX_CHARS or not self.kept_for:
            self.forget(user)
        else:
            self.memory.change(
                user, lambda kept: _Pieces((*self._fresh(kept, now), text)[-PIECES:], now)
            )

    def told(self, user: str, now: datetime) -> tuple[str, ...]:
        """Return the pieces the user told lately, oldest first."""
        return self._fresh(self.memory.get(user), now)

    def forget(self, user: str) -> None:
        """Forget the user's pieces."""
        self.memory.forget(user)

    def _fresh(self, kept: _Pieces | None, now: datetime) -> tuple[str, ...]:
        """Return the pieces kept, if recent."""
        return kept.texts if kept is not None and now - kept.at <= self.kept_for else ()


def joined(pieces: tuple[str, ...], text: str, before: str | None = None) -> str:
    """Return the story read as one message: the question answered before, the pieces, ``text``."""
    parts = (before, *pieces) if before else pieces
    return " ".join((*(_ended(part) for part in parts), text.strip()))


def _ended(sentence: str) -> str:
    """Return ``sentence`` with a stop at its end, if it has none."""
    sentence = sentence.strip()
    return sentence if sentence[-1:] in (".", "?", "!", "…") else f"{sentence}."
