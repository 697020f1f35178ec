"""The SQLite implementation of the store interface (``bot.core.store.Store``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from functools import cache
from typing import Any

from sqlite_utils import Database

from bot.core.messages import Button
from bot.core.records import Notification, Role, Session, Stat, User


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def _user_row(user: User) -> dict[str, Any]:
    return {
        "urn": user.urn,
        "channel": user.channel,
        "locale": user.locale,
        "role": str(user.role),
        "unit": user.unit,
        "place": user.place,
        "subscribed": int(user.subscribed),
        "stopped": int(user.stopped),
        "first_seen": _iso(user.first_seen),
        "last_seen": _iso(user.last_seen),
    }


_USER_COLUMNS = (
    "urn",
    "channel",
    "locale",
    "role",
    "unit",
    "place",
    "subscribed",
    "stopped",
    "first_seen",
    "last_seen",
)


@cache
def _upsert(table: str, columns: tuple[str, ...]) -> str:
    """Return an insert-or-update by ``urn`` (plain SQL: the hot path of every message)."""
    names = ", ".join(columns)
    values = ", ".join(f":{c}" for c in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "urn")
    return (
        f"insert into {table} ({names}) values ({values}) on conflict (urn) do update set {updates}"
    )


def _user(row: dict[str, Any]) -> User:
    return User(
        urn=row["urn"],
        locale=row["locale"],
        role=Role(row["role"]),
        unit=row["unit"],
        place=row["place"],
        subscribed=bool(row["subscribed"]),
        stopped=bool(row["stopped"]),
        first_seen=datetime.fromisoformat(row["first_seen"]) if row["first_seen"] else None,
        last_seen=datetime.fromisoformat(row["last_seen"]) if row["last_seen"] else None,
    )


class SqliteStore:
    """Store on a sqlite-utils Database (file-backed, or in memory for tests)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_user(self, urn: str) -> User | None:
        """Return the user with this URN, or None."""
        row = next(self.db.query("select * from users where urn = ?", [urn]), None)
        return _user(row) if row is not None else None

    def save_user(self, user: User) -> None:
        """Insert or update a user."""
        self.db.execute(_upsert("users", _USER_COLUMNS), _user_row(user))

    def users(self, *, role: Role | None = None, subscribed: bool | None = None) -> list[User]:
        """Return users, optionally filtered by role and subscription."""
        where: list[str] = ["1 = 1"]
        args: list[str | int] = []
        if role is not None:
            where.append("role = ?")
            args.append(str(role))
        if subscribed is not None:
            where.append("subscribed = ?")
            args.append(int(subscribed))
        rows = self.db.table("users").rows_where(" and ".join(where), args, order_by="urn")
        return [_user(row) for row in rows]

    def mark_stopped(self, urn: str) -> None:
        """Mark a user as unreachable (blocked the bot); broadcasts skip them."""
        self.db.execute("update users set stopped = 1 where urn = ?", [urn])

    def load_session(self, urn: str) -> Session:
        """Return the user's session (empty when none is stored)."""
        row = next(self.db.query("select * from sessions where urn = ?", [urn]), None)
        if row is None:
            return Session(urn)
        options = tuple((str(label), str(payload)) for label, payload in json.loads(row["options"]))
        return Session(urn, row["state"], json.loads(row["data"]), options)

    def save_session(self, session: Session, now: datetime) -> None:
        """Persist a session."""
        row = {
            "urn": session.urn,
            "state": session.state,
            "data": json.dumps(session.data, ensure_ascii=False),
            "options": json.dumps(list(session.options), ensure_ascii=False),
            "updated_at": now.isoformat(),
        }
        self.db.execute(_upsert("sessions", tuple(row)), row)

    def offer_options(self, urn: str, buttons: Sequence[Button], now: datetime) -> None:
        """Remember the buttons of a message sent outside a turn (a broadcast) as the options."""
        options = tuple((b.label, b.payload) for b in buttons)
        self.save_session(replace(self.load_session(urn), options=options), now)

    def record_stat(self, stat: Stat) -> None:
        """Record an anonymous question statistic."""
        self.db.execute(
            "insert into qa_stats (day, channel, intent, topic, confidence) values (?, ?, ?, ?, ?)",
            [stat.day, stat.channel, stat.intent, stat.topic, round(stat.confidence, 3)],
        )

    def audit(self, actor: str, action: str, detail: dict[str, Any], now: datetime) -> None:
        """Append to the audit log."""
        self.db.table("audit").insert(
            {
                "at": now.isoformat(),
                "actor": actor,
                "action": action,
                "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
            }
        )

    def log_message(self, urn: str, direction: str, text: str, now: datetime) -> None:
        """Keep a message's text (only called when policy allows)."""
        self.db.execute(
            "insert into messages (urn, at, direction, text) values (?, ?, ?, ?)",
            [urn, now.isoformat(), direction, text],
        )

    def delete_user_data(self, urn: str) -> None:
        """Delete everything stored about the user, in one transaction."""
        with self.db.atomic():
            for table in USER_TABLES:
                if self.db.table(table).exists():
                    self.db.execute(f"delete from [{table}] where urn = ?", [urn])
            self.db.execute("delete from sessions where urn = ?", [urn])
            self.db.execute("delete from users where urn = ?", [urn])

    def notify(self, urn: str, text: str, key: str, now: datetime) -> bool:
        """Queue a direct message once per ``key``; return False if that key was queued before."""
        row = {"key": key, "urn": urn, "text": text, "created_at": now.isoformat()}
        cursor = self.db.execute(
            "insert or ignore into notifications (key, urn, text, created_at) values "
            "(:key, :urn, :text, :created_at)",
            row,
        )
        return cursor.rowcount == 1

    def pending_notifications(self, limit: int = 100) -> list[Notification]:
        """Return queued notifications, oldest first."""
        rows = self.db.table("notifications").rows_where(
            "status = 'queued'", order_by="id", limit=limit
        )
        return [Notification(r["id"], r["key"], r["urn"], r["text"], r["attempts"]) for r in rows]

    def finish_notification(self, ident: int, status: str, now: datetime, error: str = "") -> None:
        """Record a notification's outcome: ``sent``, ``queued`` (retry) or ``failed``."""
        self.db.execute(
            "update notifications set status = ?, attempts = attempts + 1, last_error = ?, "
            "sent_at = ? where id = ?",
            [status, error, now.isoformat() if status == "sent" else None, ident],
        )


USER_TABLES: list[str] = ["messages", "notifications"]
"""Tables with a ``urn`` column whose rows belong to a user; features append theirs."""
