"""Delivery rows: claim before sending (committed), record the outcome after, recover after a crash.

The crash-safety argument: a row is set to 'sending' in its own committed statement right before
the send and to 'sent' right after it. After a kill, only rows still 'sending' may have reached the
user without being recorded; ``recover`` puts them back in the queue, so they may arrive twice.
Their number is at most the sends in flight at the kill (the pump's concurrency).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlite_utils import Database

from bot.broadcasts.records import Delivery, DeliveryStatus, Status
from bot.broadcasts.repository import DELIVERIES, TABLE, stamp

S = DeliveryStatus

_CANDIDATES = f"""
select d.id, d.broadcast_id, d.urn, d.attempts, coalesce(u.locale, 'vi')
from {DELIVERIES} d
join {TABLE} b on b.id = d.broadcast_id
left join users u on u.urn = d.urn
where d.channel = :channel and d.status = 'queued' and d.next_at <= :now
  and b.status = 'sending'
order by b.send_at, d.broadcast_id, d.id
limit :limit
"""

_REACHABLE = (
    "exists (select 1 from users u where u.urn = {t}.urn and u.subscribed = 1 and u.stopped = 0)"
)

_CLAIM = f"""
update {DELIVERIES} set status = 'sending', attempts = attempts + 1, claimed_at = :now
where id = :id and status = 'queued'
  and exists (select 1 from {TABLE} b where b.id = broadcast_id and b.status = 'sending')
  and {_REACHABLE.format(t=DELIVERIES)}
"""

_SKIP = f"""
update {DELIVERIES} set status = 'skipped', last_error = 'unsubscribed or stopped'
where id = :id and status = 'queued' and not {_REACHABLE.format(t=DELIVERIES)}
"""


class Deliveries:
    """The ``broadcast_deliveries`` table, as the sending pump uses it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def candidates(self, channel: str, now: datetime, limit: int = 200) -> list[Delivery]:
        """Return queued deliveries of sending broadcasts on ``channel``, due by ``now``."""
        params = {"channel": channel, "now": stamp(now), "limit": limit}
        rows = self.db.execute(_CANDIDATES, params).fetchall()
        return [Delivery(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def claim(self, ident: int, now: datetime) -> bool:
        """Mark a delivery 'sending' (committed) if it may go; skip it if the user opted out."""
        if self.db.execute(_CLAIM, {"id": ident, "now": stamp(now)}).rowcount == 1:
            return True
        self.db.execute(_SKIP, {"id": ident})
        return False

    def mark_sent(self, ident: int, now: datetime) -> None:
        """Record a delivery as sent."""
        self._finish(ident, S.SENT, "", sent_at=stamp(now))

    def mark_blocked(self, ident: int, error: str) -> None:
        """Record that the user blocked the bot (or can no longer be messaged)."""
        self._finish(ident, S.BLOCKED, error)

    def mark_failed(self, ident: int, error: str) -> None:
        """Record a permanent failure."""
        self._finish(ident, S.FAILED, error)

    def retry_at(self, ident: int, when: datetime, error: str) -> None:
        """Put a delivery back in the queue, not before ``when`` (transient error)."""
        self.db.execute(
            f"update {DELIVERIES} set status = 'queued', next_at = ?, last_error = ? "
            "where id = ? and status = 'sending'",
            [stamp(when), error, ident],
        )

    def release(self, ident: int, error: str) -> None:
        """Put a delivery back in the queue without using up an attempt (429: not delivered)."""
        self.db.execute(
            f"update {DELIVERIES} set status = 'queued', attempts = max(attempts - 1, 0), "
            "last_error = ? where id = ? and status = 'sending'",
            [error, ident],
        )

    def _finish(self, ident: int, status: DeliveryStatus, error: str, sent_at: str = "") -> None:
        self.db.execute(
            f"update {DELIVERIES} set status = ?, last_error = ?, sent_at = ? where id = ?",
            [str(status), error, sent_at or None, ident],
        )

    def in_flight(self) -> int:
        """Return the number of deliveries claimed but not yet recorded."""
        sql = f"select count(*) from {DELIVERIES} where status = 'sending'"
        return int(self.db.execute(sql).fetchone()[0])

    def recover(self) -> Counter[int]:
        """Requeue deliveries left 'sending' by a crash; return how many per broadcast.

        Call only when no pump runs (at start-up): each requeued row may be a duplicate.
        """
        rows = self.db.execute(
            f"select broadcast_id, count(*) from {DELIVERIES} where status = 'sending' "
            "group by broadcast_id"
        ).fetchall()
        self.db.execute(f"update {DELIVERIES} set status = 'queued' where status = 'sending'")
        return Counter({int(ident): int(count) for ident, count in rows})

    def sent_between(self, ident: int, channel: str, since: datetime, now: datetime) -> int:
        """Return how many deliveries of a broadcast on ``channel`` were sent in a time window."""
        row = self.db.execute(
            f"select count(*) from {DELIVERIES} where broadcast_id = ? and channel = ? "
            "and status = 'sent' and sent_at > ? and sent_at <= ?",
            [ident, channel, stamp(since), stamp(now)],
        ).fetchone()
        return int(row[0])

    def remaining_by_channel(self, ident: int) -> dict[str, int]:
        """Return the deliveries still to send per channel."""
        rows = self.db.execute(
            f"select channel, count(*) from {DELIVERIES} where broadcast_id = ? "
            "and status in ('queued', 'sending') group by channel",
            [ident],
        ).fetchall()
        return {str(channel): int(count) for channel, count in rows}

    def waiting(self, channel: str) -> bool:
        """Return whether any delivery of a sending broadcast on ``channel`` is still queued."""
        row = self.db.execute(
            f"select 1 from {DELIVERIES} d join {TABLE} b on b.id = d.broadcast_id "
            "where d.channel = ? and d.status = 'queued' and b.status = ? limit 1",
            [channel, str(Status.SENDING)],
        ).fetchone()
        return row is not None
