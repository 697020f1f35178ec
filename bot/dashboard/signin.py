"""One-time sign-in links and browser sessions: random tokens, kept only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from bot.core.records import STAFF, Role, User

LINK_TTL = timedelta(minutes=10)
"""How long a sign-in link may be opened (once)."""
IDLE = timedelta(hours=8)
"""A session unused for this long is over."""
KEEP_LINKS = timedelta(days=1)
"""Used or expired links are kept this long (so a late click says "used", not "unknown")."""
LINKS, SESSIONS = "dashboard_links", "dashboard_sessions"


@dataclass(frozen=True)
class Viewer:
    """The signed-in staff member a request acts for: who, which role, which unit."""

    urn: str
    role: Role
    unit: str | None
    locale: str
    csrf: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class SignIns:
    """Issues and redeems sign-in links; opens, checks and ends sessions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def issue(self, user: User, now: datetime) -> str:
        """Store a link token for a staff user (valid ``LINK_TTL``, once); return the token."""
        if not user.is_staff:
            raise PermissionError(user.urn)
        self.purge(now)
        token = secrets.token_urlsafe(32)
        row = {
            "token_hash": _hash(token),
            "urn": user.urn,
            "role": str(user.role),
            "unit": user.unit,
            "created_at": _stamp(now),
            "expires_at": _stamp(now + LINK_TTL),
        }
        self.db.table(LINKS).insert(row)
        return token

    def purge(self, now: datetime) -> None:
        """Forget links expired for a day and sessions idle for longer than ``IDLE``."""
        self.db.execute(f"delete from {LINKS} where expires_at < ?", [_stamp(now - KEEP_LINKS)])
        self.db.execute(f"delete from {SESSIONS} where seen_at < ?", [_stamp(now - IDLE)])

    def link_owner(self, token: str) -> str | None:
        """Return the URN a link token was issued to (used or not), or None."""
        row = self.db.execute(
            f"select urn from {LINKS} where token_hash = ?", [_hash(token)]
        ).fetchone()
        return str(row[0]) if row else None

    def session_owner(self, ident: str) -> str | None:
        """Return the URN a session id belongs to, or None."""
        row = self.db.execute(
            f"select urn from {SESSIONS} where id_hash = ?", [_hash(ident)]
        ).fetchone()
        return str(row[0]) if row else None

    def redeem(self, token: str, user: User | None, now: datetime) -> str | None:
        """Use a link once; return a new session id, or None (unknown, used, expired, changed)."""
        digest = _hash(token)
        with self.db.atomic():
            cursor = self.db.execute(
                f"update {LINKS} set used_at = ? where token_hash = ? and used_at is null "
                "and expires_at > ?",
                [_stamp(now), digest, _stamp(now)],
            )
            if cursor.rowcount != 1:
                return None
            row = self.db.table(LINKS).get(digest)
            if not _still(row, user):
                return None
            return self._open(row, user, now)

    def _open(self, row: dict[str, Any], user: User | None, now: datetime) -> str:
        ident = secrets.token_urlsafe(32)
        session = {
            "id_hash": _hash(ident),
            "urn": row["urn"],
            "role": row["role"],
            "unit": row["unit"],
            "locale": user.locale if user else "vi",
            "csrf": secrets.token_urlsafe(24),
            "created_at": _stamp(now),
            "seen_at": _stamp(now),
        }
        self.db.table(SESSIONS).insert(session)
        return ident

    def viewer(self, ident: str, user: User | None, now: datetime) -> Viewer | None:
        """Return who a session id belongs to, refreshing its idle clock; None when over."""
        rows = list(self.db.table(SESSIONS).rows_where("id_hash = ?", [_hash(ident)]))
        if not rows:
            return None
        row = rows[0]
        idle = now - datetime.fromisoformat(row["seen_at"])
        if idle > IDLE or not _still(row, user):
            self.end(ident)
            return None
        self.db.execute(
            f"update {SESSIONS} set seen_at = ? where id_hash = ?", [_stamp(now), row["id_hash"]]
        )
        return Viewer(row["urn"], Role(row["role"]), row["unit"], row["locale"], row["csrf"])

    def set_locale(self, ident: str, locale: str) -> None:
        """Remember the page language of a session."""
        self.db.execute(
            f"update {SESSIONS} set locale = ? where id_hash = ?", [locale, _hash(ident)]
        )

    def end(self, ident: str) -> None:
        """End a session (sign-out)."""
        self.db.execute(f"delete from {SESSIONS} where id_hash = ?", [_hash(ident)])


def _still(row: dict[str, Any], user: User | None) -> bool:
    """Return whether the user still has the role and unit the link or session was made for."""
    return (
        user is not None
        and user.role in STAFF
        and str(user.role) == row["role"]
        and user.unit == row["unit"]
    )
