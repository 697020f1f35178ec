"""Schema steps of reports (issue 7). Never edit a shipped step: add a new one."""

from __future__ import annotations

from sqlite_utils import Database

from bot.core.units import official_units
from bot.storage.units import save_units


def m201_units(db: Database) -> None:
    """Administrative units as data, filled once from vietnam-provinces (reorganise = new step)."""
    db.table("units").create(
        {"code": str, "name": str, "level": str, "parent": str, "kind": str},
        pk="code",
        not_null={"name", "level", "kind"},
    )
    db.table("units").create_index(["parent"])
    save_units(db, official_units())


def m202_invites(db: Database) -> None:
    """Invite codes (stored hashed) and attempts to redeem them (by hashed user, for throttling)."""
    db.table("invites").create(
        {
            "id": int,
            "code_hash": str,
            "unit": str,
            "role": str,
            "uses_left": int,
            "expires_at": str,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        not_null={"code_hash", "unit", "role", "uses_left", "expires_at", "created_by"},
    )
    db.table("invites").create_index(["code_hash"], unique=True)
    db.table("invite_attempts").create(
        {"id": int, "subject": str, "at": str, "ok": int}, pk="id", not_null={"subject", "at"}
    )
    db.table("invite_attempts").create_index(["subject", "at"])


def m203_reports(db: Database) -> None:
    """Officer reports: one current row per form, period and unit, plus every version."""
    db.table("reports").create(
        {
            "id": int,
            "ref": str,
            "form": str,
            "period": str,
            "unit": str,
            "version": int,
            "data": str,
            "submitted_by": str,
            "submitted_at": str,
            "updated_by": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"ref", "form", "period", "unit", "version", "data", "submitted_at"},
    )
    db.table("reports").create_index(["ref"], unique=True)
    db.table("reports").create_index(["form", "period", "unit"], unique=True)
    db.table("report_versions").create(
        {
            "id": int,
            "report_id": int,
            "version": int,
            "data": str,
            "action": str,
            "actor": str,
            "at": str,
        },
        pk="id",
        not_null={"report_id", "version", "data", "action", "actor", "at"},
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.table("report_versions").create_index(["report_id", "version"], unique=True)


def m204_invite_attempt_origins(db: Database) -> None:
    """Where each invite-code attempt came from (hashed), for per-address and global throttles."""
    db.table("invite_attempts").add_column("origin", str, not_null_default="")
    db.table("invite_attempts").create_index(["origin", "at"])
    db.table("invite_attempts").create_index(["at"])


STEPS = (
    m201_units,
    m202_invites,
    m203_reports,
    m204_invite_attempt_origins,
)
