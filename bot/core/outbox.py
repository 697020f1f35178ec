"""Per-channel sending limits: a token bucket, a per-chat limit, 429 pauses, replies first.

Each channel has one ``Lane``. Bulk senders (the broadcast pump) wait for a token; replies to
people who write in never wait: they take a token at once, even into debt, so bulk slows down
instead (replies always go before bulk). A 429 ``retry_after`` pauses the lane's bulk sending.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.config import Settings
from bot.core.dispatcher import Clock
from bot.core.messages import Reply
from bot.core.transport import RateLimited, Sender

Sleep = Callable[[float], Awaitable[None]]
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


@dataclass
class Lane:
    """One channel's limits and counters, shared by its bulk pump and its reply sender."""

    channel: str
    bucket: TokenBucket
    per_chat: ChatLimiter | None = None
    paused_until: float = 0.0
    rate_limited: int = 0
    replies: int = 0

    @property
    def rate(self) -> float:
        """Return the allowed messages per second."""
        return self.bucket.rate

    def wait_time(self, chat: str, now: float) -> float:
        """Return the seconds a bulk message to ``chat`` must wait (pause, bucket, chat limit)."""
        chat_wait = self.per_chat.wait_time(chat, now) if self.per_chat else 0.0
        wait = max(self.pause_left(now), self.bucket.wait_time(now), chat_wait)
        return 0.0 if wait < EPSILON else wait

    def take(self, chat: str, now: float) -> None:
        """Use the capacity for one message to ``chat``."""
        self.bucket.take(now)
        if self.per_chat is not None:
            self.per_chat.note(chat, now)

    def pause(self, retry_after: float, now: float) -> None:
        """Stop bulk sending for ``retry_after`` seconds (the platform answered 429)."""
        self.rate_limited += 1
        self.paused_until = max(self.paused_until, now + max(retry_after, 0.0))

    def pause_left(self, now: float) -> float:
        """Return the seconds left in a 429 pause."""
        left = self.paused_until - now
        return 0.0 if left < EPSILON else left


class ReplySender:
    """Wraps a channel's sender for replies: never waits, but uses the lane's capacity first."""

    def __init__(self, inner: Sender, lane: Lane, clock: Clock) -> None:
        self.channel = inner.channel
        self.inner = inner
        self.lane = lane
        self.clock = clock

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Send a reply at once; a 429 pauses the lane's bulk sending, then is re-raised."""
        now = seconds(self.clock())
        self.lane.take(chat_id, now)
        self.lane.replies += 1
        try:
            await self.inner.send(chat_id, reply)
        except RateLimited as err:
            self.lane.pause(err.retry_after, seconds(self.clock()))
            raise


class Outbox:
    """The lanes of every channel, built from settings."""

    def __init__(self, lanes: dict[str, Lane], clock: Clock) -> None:
        self.lanes = lanes
        self.clock = clock

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock) -> Outbox:
        """Telegram: ``broadcasts.telegram_rate`` and ``telegram_per_chat``; Zalo: ``send_rate``."""
        b = settings.broadcasts
        telegram = Lane("telegram", bucket(b.telegram_rate), ChatLimiter(b.telegram_per_chat))
        zalo = Lane("zalo", bucket(settings.zalo.send_rate))
        return cls({"telegram": telegram, "zalo": zalo}, clock)

    def lane(self, channel: str) -> Lane:
        """Return the lane of ``channel`` (a default 1 message/s lane for unknown channels)."""
        if channel not in self.lanes:
            self.lanes[channel] = Lane(channel, bucket(1.0))
        return self.lanes[channel]

    def replies(self, inner: Sender) -> ReplySender:
        """Return a sender for replies on ``inner``'s channel that goes before bulk."""
        return ReplySender(inner, self.lane(inner.channel), self.clock)

    def on_quota(self, channel: str, retry_after: float) -> Callable[[str], None]:
        """Return a callback pausing ``channel``'s bulk sending (e.g. Zalo "Quota exceeded")."""

        def pause(message: str) -> None:
            self.lane(channel).pause(retry_after, seconds(self.clock()))

        return pause
