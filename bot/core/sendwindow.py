"""A platform's hard send limit (N messages in any one-second window) and the queue for it.

Telegram answers 429 to the 31st message within any one second. ``SlidingWindow`` counts the
sends in flight and those finished in the last second, so nothing goes out that the platform
would refuse, however long a request takes to arrive.
``SendQueue`` lets waiting senders through one at a time, urgent ones (emergency answers) first,
then replies, while a 429 pause lasts nobody goes. Time comes from an injected clock and sleep.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Seconds = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
URGENT, REPLY = 0, 1
"""Priorities in a ``SendQueue``: lower goes first."""
UNTIL_FREED = math.inf
"""The wait when only sends still in flight fill the window: until one of them ends."""


@dataclass
class SlidingWindow:
    """At most ``limit`` sends in any ``period`` seconds (no burst on top of the rate).

    A send holds its place from ``start`` until ``period`` after ``finish``: the platform
    received it somewhere in between, so its own count never exceeds ours.
    """

    limit: int
    period: float = 1.0
    finished: deque[float] = field(default_factory=deque)
    in_flight: int = 0

    def wait_time(self, now: float) -> float:
        """Return the seconds until one more send fits in the window (0 if it does now)."""
        while self.finished and self.finished[0] <= now - self.period:
            self.finished.popleft()
        if len(self.finished) + self.in_flight < self.limit:
            return 0.0
        return self.finished[0] + self.period - now if self.finished else UNTIL_FREED

    def start(self, now: float) -> None:
        """Record that one send begins at ``now``."""
        self.in_flight += 1

    def finish(self, now: float) -> None:
        """Record that a send begun earlier ended (delivered or refused) at ``now``."""
        self.in_flight = max(0, self.in_flight - 1)
        self.finished.append(now)


class SendQueue:
    """Senders wait their turn here: by priority, then in arrival order, never past a limit.

    ``wait_time(now)`` is what must pass before anyone may send (the window, a 429 pause); the
    turn is granted by a short-lived task that sleeps with the injected ``sleep``.
    """

    def __init__(self, wait_time: Callable[[float], float], clock: Seconds, sleep: Sleep) -> None:
        self._wait_time, self._clock, self._sleep = wait_time, clock, sleep
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._granter: asyncio.Task[None] | None = None
        self._freed = asyncio.Event()

    @property
    def waiting(self) -> int:
        """Return how many senders wait for their turn (bulk sending yields to them)."""
        return len(self._waiting)

    async def turn(self, priority: int = REPLY) -> None:
        """Return when the caller may send one message (at once if nobody waits and it fits)."""
        if not self._waiting and self._wait_time(self._clock()) <= 0:
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (priority, next(self._order), future))
        if self._granter is None or self._granter.done():
            self._granter = asyncio.create_task(self._grant())
        await future

    def freed(self) -> None:
        """Note that a send has ended (a waiter blocked by sends in flight may go on)."""
        self._freed.set()

    async def _grant(self) -> None:
        while self._waiting:
            wait = self._wait_time(self._clock())
            if wait == UNTIL_FREED:
                self._freed.clear()
                await self._freed.wait()
                continue
            if wait > 0:
                await self._sleep(wait)
                continue
            _, _, future = heapq.heappop(self._waiting)
            if not future.done():  # a cancelled waiter gives its turn away
                future.set_result(None)
                await asyncio.sleep(0)  # it takes its capacity before the next turn is given
