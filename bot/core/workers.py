"""Turns run off the event loop: a bounded pool of worker threads, each chat's turns in order.

The core is synchronous (NLU, SQLite). Run on the event loop, one slow turn would hold up every
HTTP request, webhook and health probe; here the loop only waits for the result.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
DEFAULT_WORKERS = 2
"""Threads answering messages; with the GIL more would not answer faster, only queue inside."""


class Workers:
    """A bounded thread pool; calls under the same key (a chat) run one at a time, in order."""

    def __init__(self, size: int = DEFAULT_WORKERS) -> None:
        self._pool = ThreadPoolExecutor(max_workers=size, thread_name_prefix="binhdang-turn")
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def run(self, key: str, work: Callable[[], T]) -> T:
        """Run ``work`` on a worker thread after every earlier call for ``key``; return it."""
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        async with lock:
            return await asyncio.get_running_loop().run_in_executor(self._pool, work)

    def close(self) -> None:
        """Stop the threads once the work already given to them is done."""
        self._pool.shutdown(wait=True)
