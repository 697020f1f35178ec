"""Background work shared by the messaging channels: answering tasks, chat order, stopping polls."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Coroutine
from typing import Any, Generic, TypeVar

ChatId = TypeVar("ChatId", int, str)


class ChatWork(Generic[ChatId]):
    """Runs each incoming update as a task; a chat's messages are answered in order."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[ChatId, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` in the background, keeping a reference until it finishes."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def lock(self, chat_id: ChatId) -> asyncio.Lock:
        """Return the chat's lock (freed when no longer used)."""
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = self._locks[chat_id] = asyncio.Lock()
        return lock

    async def wait_idle(self) -> None:
        """Wait until every spawned task has finished."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def cancel(task: asyncio.Task[None] | None) -> bool:
    """Cancel ``task`` (a polling loop), wait until it has ended; return whether there was one."""
    if task is None:
        return False
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return True
