"""Invite codes binding a user to a unit and role: random, hashed at rest, expiring, throttled."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from bot.core.records import Role
from bot.core.units import Level, Units

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Code letters without look-alikes (0/O, 1/I/L): 31^8 ≈ 8.5·10^11 codes of 8 characters."""
CODE_LENGTH = 8
MAX_FAILURES = 5
"""Wrong codes a user may try within ``FAILURE_WINDOW`` before being told to wait."""
FAILURE_WINDOW = timedelta(minutes=15)
MAX_ORIGIN_FAILURES = 20
"""Wrong codes from one address (several ids, e.g. web visitors) within ``FAILURE_WINDOW``."""
MAX_GLOBAL_FAILURES = 200
"""Wrong codes from everyone together within ``FAILURE_WINDOW`` (31^8 codes stay out of reach)."""
ROLE_LEVEL: dict[Role, Level] = {
    Role.OFFICER: "commune",
    Role.SUPERVISOR: "province",
    Role.ADMIN: "national",
}


@dataclass(frozen=True)
class Invite:
    """A stored invite: which unit and role it grants, how often, until when."""

    id: int
    unit: str
    role: Role
    uses_left: int
    expires_at: datetime


@dataclass(frozen=True)
class Refusal:
    """Why a code was not accepted: a UI string key and its values."""

    key: str
    minutes: int = 0


def normalize_code(text: str) -> str:
    """Return the code as typed without spaces, dashes or case (``k7p2-xm9q`` -> ``K7P2XM9Q``)."""
    return "".join(c for c in text.upper() if c.isalnum())


def display_code(code: str) -> str:
    """Return the code in two groups for reading aloud (``K7P2-XM9Q``)."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pairing_problem(units: Units, unit: str, role: Role) -> str | None:
    """Return a UI string key when ``role`` cannot belong to ``unit`` (officer: a commune ...)."""
    found = units.get(unit)
    if found is None:
        return "rep.reg.no_unit"
    if role not in ROLE_LEVEL or ROLE_LEVEL[role] != found.level:
        return "rep.reg.wrong_level"
    return None


def may_invite(units: Units, inviter_role: Role, inviter_unit: str | None, unit: str) -> bool:
    """Return whether a supervisor/admin may invite for ``unit`` (only below themselves)."""
    target = units.get(unit)
    if target is None or inviter_unit is None:
        return False
    if inviter_role == Role.ADMIN:
        return target.level in ("province", "commune")
    if inviter_role == Role.SUPERVISOR:
        return target.level == "commune" and units.contains(inviter_unit, unit)
    return False


class Invites:
    """Creates and redeems invite codes in the ``invites`` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(
        self, unit: str, role: Role, created_by: str, now: datetime, uses: int = 1, days: int = 7
    ) -> tuple[str, Invite]:
        """Store a new invite; return the code (shown once, kept only hashed) and the invite."""
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        expires = now + timedelta(days=days)
        row = {
            "code_hash": _hash(code),
            "unit": unit,
            "role": str(role),
            "uses_left": uses,
            "expires_at": expires.isoformat(),
            "created_by": created_by,
            "created_at": now.isoformat(),
        }
        ident = self.db.table("invites").insert(row).last_pk
        return code, Invite(int(str(ident)), unit, role, uses, expires)

    def redeem(
        self, urn: str, typed: str, now: datetime, origin: str | None = None
    ) -> Invite | Refusal:
        """Use one of the code's uses for ``urn``; failures count towards the throttles."""
        wait = self.wait_minutes(urn, now, origin)
        if wait:
            return Refusal("rep.reg.throttled", wait)
        digest = _hash(normalize_code(typed))
        rows = list(self.db.table("invites").rows_where("code_hash = ?", [digest]))
        refusal = self._refusal(rows[0] if rows else None, now)
        self._attempt(urn, origin, now, ok=refusal is None)
        if refusal is not None:
            return refusal
        row = rows[0]
        self.db.execute("update invites set uses_left = uses_left - 1 where id = ?", [row["id"]])
        expires = datetime.fromisoformat(row["expires_at"])
        return Invite(row["id"], row["unit"], Role(row["role"]), row["uses_left"] - 1, expires)

    def wait_minutes(self, urn: str, now: datetime, origin: str | None = None) -> int:
        """Return the minutes to wait before another code may be tried (0: may try now).

        Wrong codes are counted per user, per address (``origin``) and for everyone together.
        """
        waits = [self._wait(" and subject = ?", [_hash(urn)], MAX_FAILURES, now)]
        if origin:
            waits.append(self._wait(" and origin = ?", [_hash(origin)], MAX_ORIGIN_FAILURES, now))
        waits.append(self._wait("", [], MAX_GLOBAL_FAILURES, now))
        return max(waits)

    def _wait(self, where: str, values: list[str], limit: int, now: datetime) -> int:
        since = _utc(now - FAILURE_WINDOW)
        rows = self.db.execute(
            f"select at from invite_attempts where ok = 0 and at > ?{where} order by at",
            [since, *values],
        ).fetchall()
        if len(rows) < limit:
            return 0
        oldest = datetime.fromisoformat(rows[-limit][0])
        remaining = oldest + FAILURE_WINDOW - now
        return max(1, -(-int(remaining.total_seconds()) // 60))

    def _refusal(self, row: dict[str, object] | None, now: datetime) -> Refusal | None:
        if row is None:
            return Refusal("rep.reg.bad_code")
        if datetime.fromisoformat(str(row["expires_at"])) <= now:
            return Refusal("rep.reg.expired")
        if int(str(row["uses_left"])) <= 0:
            return Refusal("rep.reg.used_up")
        return None

    def _attempt(self, urn: str, origin: str | None, now: datetime, ok: bool) -> None:
        where = _hash(origin) if origin else ""
        row = {"subject": _hash(urn), "origin": where, "at": _utc(now), "ok": int(ok)}
        self.db.table("invite_attempts").insert(row)
