"""The sending pump of one channel: queued notices first, then bulk deliveries, within limits.

Each bulk message is claimed ('sending', committed) only once its token is available, sent,
then recorded. Replies to people who write in bypass the pump (they take the lane's tokens
first, see bot/outbox.py). Quiet hours stop bulk sending; the scheduler's next tick restarts it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.broadcasts.deliveries import Deliveries
from bot.broadcasts.quiet import QuietHours
from bot.broadcasts.records import Delivery
from bot.core.dispatcher import Clock
from bot.core.messages import Reply
from bot.core.outbox import Lane, Sleep, seconds
from bot.core.records import Notification
from bot.core.store import Store
from bot.core.transport import Blocked, RateLimited, Sender, SendError, TransientError

log = logging.getLogger(__name__)

BATCH = 200
NOTICE_POLL = timedelta(seconds=5)
BACKOFF_BASE = 30.0
BACKOFF_MAX = 1800.0


def backoff(attempts: int) -> timedelta:
    """Return the wait before retry number ``attempts`` after a transient error."""
    return timedelta(seconds=min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_MAX))


@dataclass
class PumpResult:
    """What one run of a pump did, and why it stopped (idle or quiet)."""

    sent: int = 0
    notices: int = 0
    rate_limited: int = 0
    reason: str = ""


@dataclass
class PumpParts:
    """What a pump needs besides its channel: storage, limits, time."""

    deliveries: Deliveries
    store: Store
    render: Callable[[Delivery], Reply]
    quiet: QuietHours
    clock: Clock
    sleep: Sleep
    max_attempts: int = 3
    concurrency: int = 1
    notice_retry: dict[int, datetime] = field(default_factory=dict)


class Pump:
    """Sends one channel's queued notices and bulk deliveries until idle or quiet hours."""

    def __init__(self, channel: str, sender: Sender, lane: Lane, parts: PumpParts) -> None:
        self.channel, self.sender, self.lane, self.parts = channel, sender, lane, parts
        self.result = PumpResult()
        self._buffer: deque[Delivery] = deque()
        self._tasks: set[asyncio.Task[None]] = set()
        self._next_notice_check: datetime | None = None

    async def run(self) -> PumpResult:
        """Send until nothing is due or quiet hours begin; return what was done."""
        try:
            while await self._step():
                pass
        except BaseException:
            for task in self._tasks:
                task.cancel()
            raise
        finally:
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
        return self.result

    async def _step(self) -> bool:
        now = self.parts.clock()
        if await self._notice(now):
            return True
        if self.parts.quiet.is_quiet(now):
            self.result.reason = "quiet"
            return False
        delivery = self._next(now)
        if delivery is None:
            if self._tasks:
                await asyncio.wait(self._tasks, return_when=asyncio.FIRST_COMPLETED)
                return True
            self.result.reason = "idle"
            return False
        wait = self.lane.wait_time(delivery.chat_id, seconds(now))
        if wait > 0:
            self._buffer.appendleft(delivery)
            await self.parts.sleep(wait)
            return True
        if self.parts.deliveries.claim(delivery.id, now):
            self.lane.take(delivery.chat_id, seconds(now))
            await self._launch(delivery)
        return True

    def _next(self, now: datetime) -> Delivery | None:
        if not self._buffer:
            self._buffer.extend(self.parts.deliveries.candidates(self.channel, now, BATCH))
        moment = seconds(now)
        limiter = self.lane.per_chat
        for index, delivery in enumerate(self._buffer):
            if limiter is None or limiter.wait_time(delivery.chat_id, moment) == 0:
                del self._buffer[index]
                return delivery
        return self._buffer.popleft() if self._buffer else None

    async def _launch(self, delivery: Delivery) -> None:
        if self.parts.concurrency <= 1:
            await self._deliver(delivery)
            return
        task = asyncio.create_task(self._deliver(delivery))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        if len(self._tasks) >= self.parts.concurrency:
            await asyncio.wait(self._tasks, return_when=asyncio.FIRST_COMPLETED)

    async def _deliver(self, delivery: Delivery) -> None:
        deliveries = self.parts.deliveries
        reply = self.parts.render(delivery)
        try:
            await self.sender.send(delivery.chat_id, reply)
        except Blocked as err:
            deliveries.mark_blocked(delivery.id, _short(err))
            self.parts.store.mark_stopped(delivery.urn)
        except RateLimited as err:
            self._rate_limited(err)
            deliveries.release(delivery.id, "429: " + _short(err))
        except TransientError as err:
            self._retry(delivery, err)
        except SendError as err:
            deliveries.mark_failed(delivery.id, _short(err))
        except Exception as err:
            log.exception("%s broadcast send failed unexpectedly", self.channel)
            self._retry(delivery, err)
        else:
            deliveries.mark_sent(delivery.id, self.parts.clock())
            self.result.sent += 1
            if reply.buttons:  # so "2" or an option's words answer it where buttons are numbered
                self.parts.store.offer_options(delivery.urn, reply.buttons, self.parts.clock())

    def _rate_limited(self, err: RateLimited) -> None:
        self.lane.pause(err.retry_after, seconds(self.parts.clock()))
        self.result.rate_limited += 1
        log.warning("%s answered 429: bulk sending paused %.1f s", self.channel, err.retry_after)

    def _retry(self, delivery: Delivery, err: Exception) -> None:
        attempts = delivery.attempts + 1
        if attempts >= self.parts.max_attempts:
            self.parts.deliveries.mark_failed(delivery.id, _short(err))
            return
        when = self.parts.clock() + backoff(attempts)
        self.parts.deliveries.retry_at(delivery.id, when, _short(err))

    async def _notice(self, now: datetime) -> bool:
        """Send one queued notification (reminders go before bulk); return whether one was due."""
        if self._next_notice_check is not None and now < self._next_notice_check:
            return False
        notice = self._pending_notice(now)
        if notice is None:
            self._next_notice_check = now + NOTICE_POLL
            return False
        chat = notice.urn.split(":", 1)[1]
        wait = self.lane.wait_time(chat, seconds(now))
        if wait > 0:
            await self.parts.sleep(wait)
            return True
        self.lane.take(chat, seconds(now))
        await self._send_notice(notice, chat)
        return True

    def _pending_notice(self, now: datetime) -> Notification | None:
        retry = self.parts.notice_retry
        for notice in self.parts.store.pending_notifications(limit=500):
            if notice.urn.split(":", 1)[0] == self.channel and retry.get(notice.id, now) <= now:
                return notice
        return None

    async def _send_notice(self, notice: Notification, chat: str) -> None:
        store, now = self.parts.store, self.parts.clock
        try:
            await self.sender.send(chat, Reply(notice.text))
        except Blocked as err:
            store.mark_stopped(notice.urn)
            store.finish_notification(notice.id, "failed", now(), _short(err))
        except RateLimited as err:
            self._rate_limited(err)
        except TransientError as err:
            last = notice.attempts + 1 >= self.parts.max_attempts
            store.finish_notification(notice.id, "failed" if last else "queued", now(), _short(err))
            self.parts.notice_retry[notice.id] = now() + backoff(notice.attempts + 1)
        except SendError as err:
            store.finish_notification(notice.id, "failed", now(), _short(err))
        except Exception as err:
            log.exception("%s notification send failed unexpectedly", self.channel)
            store.finish_notification(notice.id, "queued", now(), _short(err))
            self.parts.notice_retry[notice.id] = now() + backoff(notice.attempts + 1)
        else:
            store.finish_notification(notice.id, "sent", now())
            self.result.notices += 1


def _short(err: Exception) -> str:
    return (f"{type(err).__name__}: {err}")[:300]
