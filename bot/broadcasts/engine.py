"""The broadcast engine: the scheduler's tick (plan, start, finish) and one pump per channel."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.broadcasts.audience import recipients
from bot.broadcasts.campaigns import Calendar
from bot.broadcasts.deliveries import Deliveries
from bot.broadcasts.planner import plan
from bot.broadcasts.pump import Pump, PumpParts, PumpResult
from bot.broadcasts.quiet import QuietHours, estimate_finish
from bot.broadcasts.records import PUSH_CHANNELS, Broadcast, Delivery
from bot.broadcasts.repository import Broadcasts
from bot.core.app import App
from bot.core.messages import Reply
from bot.core.outbox import Outbox, Sleep
from bot.core.transport import Sender

log = logging.getLogger(__name__)

RATE_WINDOW = timedelta(minutes=5)
DEFAULT_CONCURRENCY = 4
"""Sends in flight per channel; also the most duplicates a kill -9 can cause per channel."""


class Renderer:
    """Builds the message a recipient gets: the text in their locale and the stop footer."""

    def __init__(self, broadcasts: Broadcasts, app: App) -> None:
        self.broadcasts, self.app = broadcasts, app
        self._cache: dict[int, Broadcast] = {}

    def __call__(self, delivery: Delivery) -> Reply:
        """Return the reply for one delivery (broadcast texts do not change once sending)."""
        broadcast = self._cache.get(delivery.broadcast_id)
        if broadcast is None:
            broadcast = self.broadcasts.get(delivery.broadcast_id)
            assert broadcast is not None
            self._cache[delivery.broadcast_id] = broadcast
        return render(self.app, broadcast, delivery.locale)


def render(app: App, broadcast: Broadcast, locale: str) -> Reply:
    """Return a broadcast as a recipient in ``locale`` sees it."""
    footer = app.strings.get("bc.footer", locale)
    text = f"{broadcast.text_for(locale)}\n\n{footer}"
    return Reply(text, broadcast.buttons_for(locale), image=broadcast.image)


class Engine:
    """Plans calendar entries, starts due broadcasts, and runs a pump per running channel."""

    def __init__(
        self,
        app: App,
        calendars: Sequence[Calendar],
        outbox: Outbox,
        sleep: Sleep = asyncio.sleep,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        self.app, self.calendars, self.outbox = app, list(calendars), outbox
        self.broadcasts = Broadcasts(app.db)
        self.deliveries = Deliveries(app.db)
        self.quiet = QuietHours.from_settings(app.settings)
        self.sleep, self.concurrency = sleep, concurrency
        self._tasks: dict[str, asyncio.Task[PumpResult]] = {}
        self._recovered = False
        self._notice_retry: dict[int, datetime] = {}

    async def tick(self, now: datetime) -> None:
        """The scheduler job: plan due entries, start due broadcasts, finish, keep pumps running."""
        plan(self.calendars, self.broadcasts, self.quiet, now)
        self.activate(now)
        self.broadcasts.finish_completed(now)
        self.recover()
        for channel, sender in self.app.senders.items():
            self._ensure_pump(channel, sender, now)

    def activate(self, now: datetime) -> list[int]:
        """Create the deliveries of every due scheduled broadcast and mark it sending."""
        started = []
        for broadcast in self.broadcasts.due(now):
            users = self.app.store.users(subscribed=True)
            count = self.broadcasts.start(broadcast, recipients(broadcast.audience, users), now)
            log.info("broadcast %s started: %s recipients", broadcast.id, count)
            started.append(broadcast.id)
        return started

    def recover(self) -> int:
        """Once per process, before any pump: requeue deliveries a crash left 'sending'."""
        if self._recovered:
            return 0
        self._recovered = True
        counts = self.deliveries.recover()
        self.broadcasts.add_recovered(counts)
        if counts:
            log.warning("requeued %s deliveries left in flight by a crash", sum(counts.values()))
        return sum(counts.values())

    def pump(self, channel: str, sender: Sender) -> Pump:
        """Return a pump for ``channel`` sending with ``sender``."""
        parts = PumpParts(
            self.deliveries,
            self.app.store,
            Renderer(self.broadcasts, self.app),
            self.quiet,
            self.app.clock,
            self.sleep,
            self.app.settings.broadcasts.max_attempts,
            self.concurrency,
            self._notice_retry,
        )
        return Pump(channel, sender, self.outbox.lane(channel), parts)

    def _ensure_pump(self, channel: str, sender: Sender, now: datetime) -> None:
        task = self._tasks.get(channel)
        if channel not in PUSH_CHANNELS or (task is not None and not task.done()):
            return
        if self.quiet.is_quiet(now) and not self.app.store.pending_notifications(limit=1):
            return
        self._tasks[channel] = asyncio.create_task(self._run(channel, sender))

    async def _run(self, channel: str, sender: Sender) -> PumpResult:
        result = await self.pump(channel, sender).run()
        self.broadcasts.finish_completed(self.app.clock())
        if result.sent or result.notices:
            log.info(
                "%s pump: %s sent, %s notices (%s)",
                channel,
                result.sent,
                result.notices,
                result.reason,
            )
        return result

    async def run_until_idle(self) -> dict[str, PumpResult]:
        """Recover, then run every channel's pump to the end (CLI and bench)."""
        self.recover()
        channels = [c for c in self.app.senders if c in PUSH_CHANNELS]
        results = await asyncio.gather(*(self._run(c, self.app.senders[c]) for c in channels))
        return dict(zip(channels, results, strict=True))

    async def join(self) -> dict[str, PumpResult]:
        """Wait for the pumps the last tick started; return their results."""
        tasks = dict(self._tasks)
        results = await asyncio.gather(*tasks.values())
        return dict(zip(tasks, results, strict=True))

    async def stop(self) -> None:
        """Cancel running pumps (their in-flight rows stay 'sending' and are resent on restart)."""
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()

    def estimated_finish(self, broadcast: Broadcast, now: datetime) -> datetime | None:
        """Return when the broadcast should finish, from each channel's rate and quiet hours."""
        finishes = []
        for channel, left in self.deliveries.remaining_by_channel(broadcast.id).items():
            rate = self._rate(broadcast, channel, now)
            finishes.append(estimate_finish(now, left, rate, self.quiet))
        return max(finishes) if finishes else None

    def _rate(self, broadcast: Broadcast, channel: str, now: datetime) -> float:
        """Return the recent sending rate (messages/s), at most the allowed one."""
        allowed = self.outbox.lane(channel).rate
        since = max(now - RATE_WINDOW, broadcast.started_at or now)
        window = (now - since).total_seconds()
        recent = self.deliveries.sent_between(broadcast.id, channel, since, now)
        observed = recent / window if window > 0 else 0.0
        return min(allowed, observed) if observed > 0 else allowed
