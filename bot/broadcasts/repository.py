"""Broadcast rows: create, look up, move through the lifecycle, start and finish."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from bot.broadcasts.records import (
    Audience,
    Broadcast,
    DeliveryStatus,
    Progress,
    Status,
    broadcast_from_row,
    buttons_to_json,
    check_transition,
)
from bot.core.messages import Button
from bot.core.records import User

TABLE = "broadcasts"
DELIVERIES = "broadcast_deliveries"


def stamp(moment: datetime) -> str:
    """Return a fixed-width UTC ISO timestamp, so stored times compare as strings."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class Broadcasts:
    """The ``broadcasts`` table and the status lifecycle of its rows."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self,
        texts: Mapping[str, str],
        audience: Audience,
        created_by: str,
        now: datetime,
        *,
        status: Status = Status.DRAFT,
        send_at: datetime | None = None,
        key: str | None = None,
        image: str | None = None,
        note: str = "",
        buttons: Mapping[str, Sequence[Button]] | None = None,
    ) -> int | None:
        """Insert a broadcast; return its id, or None when ``key`` exists already."""
        row = {
            "key": key,
            "texts": json.dumps(dict(texts), ensure_ascii=False, sort_keys=True),
            "image": image or "",
            "audience": audience.to_json(),
            "status": str(status),
            "send_at": stamp(send_at) if send_at else "",
            "created_by": created_by,
            "created_at": stamp(now),
            "note": note,
            "buttons": buttons_to_json(buttons or {}),
        }
        columns = ", ".join(row)
        values = ", ".join(f":{name}" for name in row)
        sql = f"insert or ignore into {TABLE} ({columns}) values ({values})"
        cursor = self.db.execute(sql, row)
        return int(cursor.lastrowid) if cursor.rowcount == 1 and cursor.lastrowid else None

    def get(self, ident: int) -> Broadcast | None:
        """Return the broadcast with this id, or None."""
        try:
            return broadcast_from_row(self.db.table(TABLE).get(ident))
        except NotFoundError:
            return None

    def recent(self, limit: int = 20, statuses: Iterable[Status] = ()) -> list[Broadcast]:
        """Return the newest broadcasts, optionally only in ``statuses``."""
        wanted = [str(s) for s in statuses]
        where = f"status in ({', '.join('?' * len(wanted))})" if wanted else None
        rows = self.db.table(TABLE).rows_where(where, wanted, order_by="id desc", limit=limit)
        return [broadcast_from_row(row) for row in rows]

    def keys(self, prefix: str) -> set[str]:
        """Return the keys starting with ``prefix`` (calendar entries already planned)."""
        rows = self.db.execute(f"select key from {TABLE} where key like ?", [prefix + "%"])
        return {str(key) for (key,) in rows.fetchall()}

    def set_status(
        self, ident: int, wanted: Status, now: datetime, send_at: datetime | None = None
    ) -> Broadcast:
        """Move a broadcast to ``wanted`` (LifecycleError if not allowed); return it."""
        with self.db.atomic():
            current = self.get(ident)
            if current is None:
                raise KeyError(ident)
            check_transition(current.status, wanted)
            self._write_status(ident, wanted, now, send_at)
            if wanted == Status.CANCELLED:
                self._cancel_queued(ident)
        updated = self.get(ident)
        assert updated is not None
        return updated

    def _write_status(
        self, ident: int, wanted: Status, now: datetime, send_at: datetime | None
    ) -> None:
        changes: dict[str, str] = {"status": str(wanted)}
        if send_at is not None:
            changes["send_at"] = stamp(send_at)
        if wanted in (Status.DONE, Status.FAILED, Status.CANCELLED):
            changes["finished_at"] = stamp(now)
        self.db.table(TABLE).update(ident, changes)

    def _cancel_queued(self, ident: int) -> None:
        self.db.execute(
            f"update {DELIVERIES} set status = ? where broadcast_id = ? and status = ?",
            [str(DeliveryStatus.CANCELLED), ident, str(DeliveryStatus.QUEUED)],
        )

    def due(self, now: datetime) -> list[Broadcast]:
        """Return scheduled broadcasts whose send time has come, oldest first."""
        rows = self.db.table(TABLE).rows_where(
            "status = ? and send_at <= ?", [str(Status.SCHEDULED), stamp(now)], order_by="send_at"
        )
        return [broadcast_from_row(row) for row in rows]

    def start(self, broadcast: Broadcast, recipients: Sequence[User], now: datetime) -> int:
        """Create one delivery per recipient and mark the broadcast sending, in one transaction."""
        rows = [
            {"broadcast_id": broadcast.id, "urn": u.urn, "channel": u.channel} for u in recipients
        ]
        with self.db.atomic():
            check_transition(self.get_status(broadcast.id), Status.SENDING)
            self.db.table(DELIVERIES).insert_all(rows, ignore=True, batch_size=500)
            changes = {"status": str(Status.SENDING), "started_at": stamp(now)}
            self.db.table(TABLE).update(broadcast.id, changes)
        return len(rows)

    def get_status(self, ident: int) -> Status:
        """Return the current status of a broadcast."""
        row = self.db.execute(f"select status from {TABLE} where id = ?", [ident]).fetchone()
        if row is None:
            raise KeyError(ident)
        return Status(row[0])

    def progress(self, ident: int) -> Progress:
        """Return the delivery counts of a broadcast by status."""
        rows = self.db.execute(
            f"select status, count(*) from {DELIVERIES} where broadcast_id = ? group by status",
            [ident],
        ).fetchall()
        return Progress({str(status): int(count) for status, count in rows})

    def finish_completed(self, now: datetime) -> list[int]:
        """Close sending broadcasts with nothing left to send (done, or failed if none sent)."""
        finished = []
        for broadcast in self.recent(limit=1000, statuses=[Status.SENDING]):
            progress = self.progress(broadcast.id)
            if progress.remaining:
                continue
            failed = progress.sent == 0 and progress.failed > 0
            self.set_status(broadcast.id, Status.FAILED if failed else Status.DONE, now)
            finished.append(broadcast.id)
        return finished

    def add_recovered(self, counts: Mapping[int, int]) -> None:
        """Add to each broadcast's count of deliveries resent after a restart."""
        for ident, count in counts.items():
            self.db.execute(
                f"update {TABLE} set recovered = recovered + ? where id = ?", [count, ident]
            )
