"""Per-channel sending limits: a token bucket, a per-chat limit, 429 pauses, replies first.

Each channel has one ``Lane``. Bulk senders (the broadcast pump) wait for a token; replies to
people who write in do not wait for tokens: they take one at once, even into debt, so bulk slows
down instead, and bulk yields while any reply waits. Where the platform has a hard limit
(Telegram: 30 messages in any second) replies and bulk together stay under it, replies queued
with emergency answers first. A 429 ``retry_after`` pauses the whole lane; a reply is sent again
after it, until delivered or ``REPLY_MAX_AGE`` old.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.config import Settings
from bot.core.dispatcher import Clock
from bot.core.messages import Reply
from bot.core.sendwindow import REPLY, UNTIL_FREED, URGENT, SendQueue, SlidingWindow
from bot.core.transport import RateLimited, Sender

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
REPLY_MAX_AGE = 600.0
"""Seconds after which a reply still refused with 429 is given up (the person has moved on)."""
TELEGRAM_WINDOW = 30
"""Telegram's hard limit: messages in any one second, all chats together."""
YIELD = 0.01
"""Seconds bulk sending waits, each time it looks, while replies queue for the lane."""
EPSILON = 1e-6
"""Waits shorter than this (float rounding, clock resolution) count as no wait."""
BURST_SECONDS = 0.1
"""A bucket holds this many seconds of tokens (at least one), so a late wake-up is made up
for at once instead of lost; small enough to stay far below a platform's own burst."""


def seconds(moment: datetime) -> float:
    """Return a moment as seconds since the epoch (the lanes' time scale)."""
    return moment.timestamp()


@dataclass
class TokenBucket:
    """``rate`` tokens per second, holding at most ``burst``; may go into debt for replies."""

    rate: float
    burst: float = 1.0
    tokens: float = field(init=False)
    updated: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst

    def _refill(self, now: float) -> None:
        if self.updated is not None and now > self.updated:
            self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        if self.updated is None or now > self.updated:
            self.updated = now

    def wait_time(self, now: float) -> float:
        """Return the seconds until one token is available (0 if it is now)."""
        self._refill(now)
        wait = (1 - self.tokens) / self.rate
        return 0.0 if wait < EPSILON else wait

    def take(self, now: float) -> None:
        """Use one token (the caller waited for it, or is a reply that must not wait)."""
        self._refill(now)
        self.tokens -= 1


def bucket(rate: float) -> TokenBucket:
    """Return a bucket of ``rate`` tokens/s holding ``BURST_SECONDS`` of them (at least one)."""
    return TokenBucket(rate, max(1.0, rate * BURST_SECONDS))


@dataclass
class ChatLimiter:
    """At most ``rate`` messages per second to any one chat."""

    rate: float
    last: dict[str, float] = field(default_factory=dict)

    def wait_time(self, chat: str, now: float) -> float:
        """Return the seconds until ``chat`` may get another message."""
        previous = self.last.get(chat)
        wait = 0.0 if previous is None else previous + 1 / self.rate - now
        return 0.0 if wait < EPSILON else wait

    def note(self, chat: str, now: float) -> None:
        """Record a message to ``chat``; forget chats idle for long enough."""
        self.last[chat] = now
        if len(self.last) > 10_000:
            horizon = now - 1 / self.rate
            self.last = {c: t for c, t in self.last.items() if t > horizon}


def telegram_lane(rate: float = 25.0, per_chat: float = 1.0) -> Lane:
    """Return a Telegram lane: bulk at ``rate``/s and ``per_chat``/s, all under 30 in any second."""
    window = SlidingWindow(TELEGRAM_WINDOW)
    return Lane("telegram", bucket(rate), ChatLimiter(per_chat), window=window)


@dataclass
class Lane:
    """One channel's limits and counters, shared by its bulk pump and its reply sender."""

    channel: str
    bucket: TokenBucket
    per_chat: ChatLimiter | None = None
    window: SlidingWindow | None = None
    """The platform's hard limit, shared by replies and bulk."""
    paused_until: float = 0.0
    rate_limited: int = 0
    replies: int = 0
    queue: SendQueue | None = None
    """Where replies wait for the window or a 429 pause; set by ``Outbox``."""

    @property
    def rate(self) -> float:
        """Return the allowed messages per second."""
        return self.bucket.rate

    def wait_time(self, chat: str, now: float) -> float:
        """Return the seconds a bulk message to ``chat`` must wait (pause, bucket, chat limit)."""
        chat_wait = self.per_chat.wait_time(chat, now) if self.per_chat else 0.0
        wait = max(self.reply_wait(now), self.bucket.wait_time(now), chat_wait)
        if self.queue is not None and self.queue.waiting:
            wait = max(wait, YIELD)
        if wait == UNTIL_FREED:  # only sends in flight fill the window: look again soon
            wait = YIELD
        return 0.0 if wait < EPSILON else wait

    def reply_wait(self, now: float) -> float:
        """Return the seconds until any message may go: the 429 pause and the hard limit."""
        window = self.window.wait_time(now) if self.window is not None else 0.0
        wait = max(self.pause_left(now), window)
        return 0.0 if wait < EPSILON else wait

    def take(self, chat: str, now: float) -> None:
        """Use the capacity for one message to ``chat``."""
        self.bucket.take(now)
        if self.per_chat is not None:
            self.per_chat.note(chat, now)
        if self.window is not None:
            self.window.start(now)

    def done(self, now: float) -> None:
        """Record that the message taken last has been sent or refused (frees the window)."""
        if self.window is not None:
            self.window.finish(now)
        if self.queue is not None:
            self.queue.freed()

    def pause(self, retry_after: float, now: float) -> None:
        """Stop bulk sending for ``retry_after`` seconds (the platform answered 429)."""
        self.rate_limited += 1
        self.paused_until = max(self.paused_until, now + max(retry_after, 0.0))

    def pause_left(self, now: float) -> float:
        """Return the seconds left in a 429 pause."""
        left = self.paused_until - now
        return 0.0 if left < EPSILON else left


class ReplySender:
    """Wraps a channel's sender for replies: they go before bulk, emergency answers first.

    A reply waits only for the platform's hard limit and a 429 pause. After a 429 it is sent
    again once ``retry_after`` has passed, until delivered or ``REPLY_MAX_AGE`` seconds old
    (then ``RateLimited`` is raised).
    """

    def __init__(self, inner: Sender, lane: Lane, clock: Clock, sleep: Sleep) -> None:
        self.channel = inner.channel
        self.inner = inner
        self.lane = lane
        self.clock = clock
        if lane.queue is None:
            lane.queue = SendQueue(lane.reply_wait, lambda: seconds(clock()), sleep)
        self.queue = lane.queue

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Send one reply, waiting its turn and waiting out 429s; raise when too old."""
        born = seconds(self.clock())
        while True:
            await self.queue.turn(URGENT if reply.emergency else REPLY)
            now = seconds(self.clock())
            self.lane.take(chat_id, now)
            self.lane.replies += 1
            try:
                await self.inner.send(chat_id, reply)
                return
            except RateLimited as err:
                now = seconds(self.clock())
                self.lane.pause(err.retry_after, now)
                if now + err.retry_after - born > REPLY_MAX_AGE:
                    raise
                log.info(
                    "%s reply to %s waits %.1f s (429)", self.channel, chat_id, err.retry_after
                )
            finally:
                self.lane.done(seconds(self.clock()))


class Outbox:
    """The lanes of every channel, built from settings."""

    def __init__(self, lanes: dict[str, Lane], clock: Clock, sleep: Sleep = asyncio.sleep) -> None:
        self.lanes = lanes
        self.clock = clock
        self.sleep = sleep

    @classmethod
    def from_settings(
        cls, settings: Settings, clock: Clock, sleep: Sleep = asyncio.sleep
    ) -> Outbox:
        """Telegram: ``broadcasts.telegram_rate`` and ``telegram_per_chat``; Zalo: ``send_rate``."""
        b = settings.broadcasts
        telegram = telegram_lane(b.telegram_rate, b.telegram_per_chat)
        zalo = Lane("zalo", bucket(settings.zalo.send_rate))
        return cls({"telegram": telegram, "zalo": zalo}, clock, sleep)

    def lane(self, channel: str) -> Lane:
        """Return the lane of ``channel`` (a default 1 message/s lane for unknown channels)."""
        if channel not in self.lanes:
            self.lanes[channel] = Lane(channel, bucket(1.0))
        return self.lanes[channel]

    def replies(self, inner: Sender) -> ReplySender:
        """Return a sender for replies on ``inner``'s channel that goes before bulk."""
        return ReplySender(inner, self.lane(inner.channel), self.clock, self.sleep)

    def on_quota(self, channel: str, retry_after: float) -> Callable[[str], None]:
        """Return a callback pausing ``channel``'s bulk sending (e.g. Zalo "Quota exceeded")."""

        def pause(message: str) -> None:
            self.lane(channel).pause(retry_after, seconds(self.clock()))

        return pause
