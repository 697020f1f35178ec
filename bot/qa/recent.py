"""The last two entries answered to each user: the subject of a follow-up (bot/qa/followup.py).

Only their ids are kept, in memory, for a few minutes: never the text of a message.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from bot.qa.memory import MAX_USERS, UserMemory

KEPT_FOR = timedelta(minutes=20)
"""How long the last answered entry counts as the subject of a follow-up."""


class Kept(NamedTuple):
    """What is kept of a user's last answer: its entry, the entry before it, and when."""

    entry: str
    before: str | None
    at: datetime

    def fresh(self, now: datetime) -> bool:
        """Return whether the answer is recent enough to be followed up."""
        return now - self.at <= KEPT_FOR

    def after(self, entry: str, now: datetime) -> Kept:
        """Return what is kept once ``entry`` is answered: this entry before it, if fresh."""
        if not self.fresh(now):
            return Kept(entry, None, now)
        return Kept(entry, self.before if self.entry == entry else self.entry, now)


class RecentEntries:
    """The last two entries answered to each user, for KEPT_FOR, in memory only."""

    def __init__(self, limit: int = MAX_USERS) -> None:
        self.memory: UserMemory[Kept] = UserMemory(limit)

    def remember(self, user: str, entry: str, now: datetime) -> None:
        """Keep ``entry`` as the subject of the user's next follow-up, and the one before it."""
        self.memory.change(
            user, lambda kept: kept.after(entry, now) if kept else Kept(entry, None, now)
        )

    def recall(self, user: str, now: datetime) -> str | None:
        """Return the entry last answered to ``user``, if recent."""
        kept = self._fresh(user, now)
        return kept.entry if kept else None

    def before(self, user: str, now: datetime) -> str | None:
        """Return the entry answered to ``user`` before the last, if the last is recent."""
        kept = self._fresh(user, now)
        return kept.before if kept else None

    def forget(self, user: str) -> None:
        """Forget the user's entries."""
        self.memory.forget(user)

    def _fresh(self, user: str, now: datetime) -> Kept | None:
        """Return what is kept of ``user``'s last answer, if recent."""
        kept = self.memory.get(user)
        return kept if kept is not None and kept.fresh(now) else None
