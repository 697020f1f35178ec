"""What the Q&A keeps per user between messages: bounded, in memory only, lost on restart."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_USERS = 10_000
"""Users remembered at once; the least recently changed are forgotten first."""


class UserMemory(Generic[T]):
    """One value per user; past ``limit`` users, the least recently changed are forgotten."""

    def __init__(self, limit: int = MAX_USERS) -> None:
        self.limit = limit
        self.values: OrderedDict[str, T] = OrderedDict()
        self.lock = threading.Lock()

    def change(self, user: str, new: Callable[[T | None], T]) -> None:
        """Keep ``new(old)`` for ``user``, where ``old`` is what was kept (None if nothing)."""
        with self.lock:
            self.values[user] = new(self.values.pop(user, None))
            while len(self.values) > self.limit:
                self.values.popitem(last=False)

    def get(self, user: str) -> T | None:
        """Return what is kept for ``user``."""
        return self.values.get(user)

    def take(self, user: str) -> T | None:
        """Return and forget what is kept for ``user``."""
        with self.lock:
            return self.values.pop(user, None)

    def forget(self, user: str) -> None:
        """Forget what is kept for ``user`` (``/xoa``)."""
        self.take(user)
