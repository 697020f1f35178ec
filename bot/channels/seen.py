"""Remembering recently seen update keys, to drop what a platform delivers twice."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)


class Seen(Generic[Key]):
    """Remembers the last ``limit`` keys (Telegram update ids, Zalo event keys)."""

    def __init__(self, limit: int = 10_000) -> None:
        self._keys: OrderedDict[Key, None] = OrderedDict()
        self._limit = limit

    def first_time(self, key: Key) -> bool:
        """Record ``key``; return False if it was already seen."""
        if key in self._keys:
            return False
        self._keys[key] = None
        if len(self._keys) > self._limit:
            self._keys.popitem(last=False)
        return True
