"""The database schema, changed only through named sqlite-utils migrations.

Each feature owns one section below; steps run in file order and are recorded in
``_sqlite_migrations``. Never edit a step that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("binhdang")


# --- core (issue 2) ---------------------------------------------------------------------------


@MIGRATIONS()
def m001_users(db: Database) -> None:
    """People the bot knows, by URN; citizens keep only what the bot needs."""
    db.table("users").create(
        {
            "urn": str,
            "channel": str,
            "locale": str,
            "role": str,
            "unit": str,
            "place": str,
            "subscribed": int,
            "stopped": int,
            "first_seen": str,
            "last_seen": str,
        },
        pk="urn",
        not_null={"channel", "locale", "role", "subscribed", "stopped", "first_seen", "last_seen"},
        defaults={"role": "citizen", "subscribed": 0, "stopped": 0, "locale": "vi"},
    )


@MIGRATIONS()
def m002_sessions(db: Database) -> None:
    """Conversation state per user, persisted as a named state plus JSON data."""
    db.table("sessions").create(
        {"urn": str, "state": str, "data": str, "options": str, "updated_at": str},
        pk="urn",
        not_null={"state", "data", "options", "updated_at"},
        defaults={"state": "", "data": "{}", "options": "[]"},
        foreign_keys=[("urn", "users", "urn")],
    )


@MIGRATIONS()
def m003_stats(db: Database) -> None:
    """Anonymous question statistics: no user id, no text."""
    db.table("qa_stats").create(
        {"id": int, "day": str, "channel": str, "intent": str, "topic": str, "confidence": float},
        pk="id",
        not_null={"day", "channel", "intent"},
    )
    db.table("qa_stats").create_index(["day"])


@MIGRATIONS()
def m004_audit(db: Database) -> None:
    """Audit log for officers' and admins' actions and messages."""
    db.table("audit").create(
        {"id": int, "at": str, "actor": str, "action": str, "detail": str},
        pk="id",
        not_null={"at", "actor", "action", "detail"},
    )
    db.table("audit").create_index(["actor"])


@MIGRATIONS()
def m005_messages(db: Database) -> None:
    """Message text, kept only when allowed (officers always; citizens if configured)."""
    db.table("messages").create(
        {"id": int, "urn": str, "at": str, "direction": str, "text": str},
        pk="id",
        not_null={"urn", "at", "direction", "text"},
    )
    db.table("messages").create_index(["urn"])


@MIGRATIONS()
def m006_notifications(db: Database) -> None:
    """Direct messages queued for sending (reminders, notices), unique by key: never twice."""
    db.table("notifications").create(
        {
            "id": int,
            "key": str,
            "urn": str,
            "text": str,
            "created_at": str,
            "status": str,
            "attempts": int,
            "last_error": str,
            "sent_at": str,
        },
        pk="id",
        not_null={"key", "urn", "text", "created_at", "status", "attempts"},
        defaults={"status": "queued", "attempts": 0},
    )
    db.table("notifications").create_index(["key"], unique=True)
    db.table("notifications").create_index(["status"])


# --- services (issue 4) -----------------------------------------------------------------------


@MIGRATIONS()
def m101_service_proposals(db: Database) -> None:
    """Officers' proposed changes to support-service entries, waiting for provincial approval."""
    db.table("service_proposals").create(
        {
            "id": int,
            "entry_id": str,
            "unit": str,
            "action": str,
            "changes": str,
            "proposer": str,
            "proposed_at": str,
            "status": str,
            "reviewer": str,
            "reviewed_at": str,
        },
        pk="id",
        not_null={"entry_id", "unit", "action", "changes", "proposer", "proposed_at", "status"},
        defaults={"status": "pending", "changes": "{}"},
    )
    db.table("service_proposals").create_index(["status"])


@MIGRATIONS()
def m102_service_overrides(db: Database) -> None:
    """Approved entries replacing (or adding to) the shipped YAML directory, by entry id."""
    db.table("service_overrides").create(
        {
            "entry_id": str,
            "unit": str,
            "data": str,
            "last_verified": str,
            "proposal_id": int,
            "changed_by": str,
            "changed_at": str,
        },
        pk="entry_id",
        not_null={"unit", "data", "last_verified", "changed_by", "changed_at"},
    )


# --- reports (issue 7) ------------------------------------------------------------------------


@MIGRATIONS()
def m201_units(db: Database) -> None:
    """Administrative units as data, filled once from vietnam-provinces (reorganise = new step)."""
    from bot.core.units import official_units
    from bot.storage.units import save_units

    db.table("units").create(
        {"code": str, "name": str, "level": str, "parent": str, "kind": str},
        pk="code",
        not_null={"name", "level", "kind"},
    )
    db.table("units").create_index(["parent"])
    save_units(db, official_units())


@MIGRATIONS()
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


@MIGRATIONS()
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


# --- broadcasts (issue 8) ---------------------------------------------------------------------


@MIGRATIONS()
def m301_broadcasts(db: Database) -> None:
    """Broadcasts with a status lifecycle; ``key`` makes a calendar entry spawn one row only."""
    db.table("broadcasts").create(
        {
            "id": int,
            "key": str,
            "texts": str,
            "image": str,
            "audience": str,
            "status": str,
            "send_at": str,
            "created_by": str,
            "created_at": str,
            "started_at": str,
            "finished_at": str,
            "note": str,
            "recovered": int,
        },
        pk="id",
        not_null={"texts", "audience", "status", "created_by", "created_at", "recovered"},
        defaults={"audience": "{}", "recovered": 0, "note": ""},
    )
    db.table("broadcasts").create_index(["key"], unique=True)
    db.table("broadcasts").create_index(["status", "send_at"])


@MIGRATIONS()
def m302_broadcast_deliveries(db: Database) -> None:
    """One row per broadcast and recipient: claimed ('sending') before a send, 'sent' after."""
    db.table("broadcast_deliveries").create(
        {
            "id": int,
            "broadcast_id": int,
            "urn": str,
            "channel": str,
            "status": str,
            "attempts": int,
            "last_error": str,
            "next_at": str,
            "claimed_at": str,
            "sent_at": str,
        },
        pk="id",
        not_null={"broadcast_id", "urn", "channel", "status", "attempts"},
        defaults={"status": "queued", "attempts": 0, "last_error": "", "next_at": ""},
        foreign_keys=[("broadcast_id", "broadcasts", "id")],
    )
    db.table("broadcast_deliveries").create_index(["broadcast_id", "urn"], unique=True)
    db.table("broadcast_deliveries").create_index(["status", "channel"])
    db.table("broadcast_deliveries").create_index(["broadcast_id", "status"])


# --- channels (issues 5, 6) -------------------------------------------------------------------


def migrate(db: Database) -> list[str]:
    """Apply pending migrations; return the names applied."""
    pending = [m.name for m in MIGRATIONS.pending(db)]
    MIGRATIONS.apply(db)
    return pending
