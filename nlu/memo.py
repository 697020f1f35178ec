"""A bounded memo of recent parses, so a question many people send is understood once.

The model is fixed once loaded, so a parse depends on the text alone. Keys are digests, and the
kept parses drop their text: the memo holds no message text, only what the model concluded.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

from nlu.parse import Parse

MEMO_SIZE = 2048
"""Parses kept (each a few hundred bytes); the least recently used one goes first."""


def digest(text: str) -> bytes:
    """Return the key of ``text`` (a 16-byte BLAKE2b digest)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class ParseMemo:
    """Least-recently-used parses by text digest, safe to share between worker threads."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self._kept: OrderedDict[bytes, Parse] = OrderedDict()
        self._lock = threading.Lock()

    def parse(self, text: str, understand: Callable[[str], Parse]) -> Parse:
        """Return the parse of ``text``, from the memo or from ``understand``."""
        if self.size <= 0:
            return understand(text)
        key = digest(text)
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
        if kept is not None:
            return replace(kept, text=text)
        parse = understand(text)
        self._keep(key, replace(parse, text=""))
        return parse

    def _keep(self, key: bytes, parse: Parse) -> None:
        """Remember ``parse`` under ``key``, forgetting the oldest beyond the size."""
        with self._lock:
            self._kept[key] = parse
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        """Return how many parses are kept."""
        return len(self._kept)
