"""Schema steps of core (issue 2). Never edit a shipped step: add a new one."""

from __future__ import annotations

from sqlite_utils import Database


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


def m002_sessions(db: Database) -> None:
    """Conversation state per user, persisted as a named state plus JSON data."""
    db.table("sessions").create(
        {"urn": str, "state": str, "data": str, "options": str, "updated_at": str},
        pk="urn",
        not_null={"state", "data", "options", "updated_at"},
        defaults={"state": "", "data": "{}", "options": "[]"},
        foreign_keys=[("urn", "users", "urn")],
    )


def m003_stats(db: Database) -> None:
    """Anonymous question statistics: no user id, no text."""
    db.table("qa_stats").create(
        {"id": int, "day": str, "channel": str, "intent": str, "topic": str, "confidence": float},
        pk="id",
        not_null={"day", "channel", "intent"},
    )
    db.table("qa_stats").create_index(["day"])


def m004_audit(db: Database) -> None:
    """Audit log for officers' and admins' actions and messages."""
    db.table("audit").create(
        {"id": int, "at": str, "actor": str, "action": str, "detail": str},
        pk="id",
        not_null={"at", "actor", "action", "detail"},
    )
    db.table("audit").create_index(["actor"])


def m005_messages(db: Database) -> None:
    """Message text, kept only when allowed (officers always; citizens if configured)."""
    db.table("messages").create(
        {"id": int, "urn": str, "at": str, "direction": str, "text": str},
        pk="id",
        not_null={"urn", "at", "direction", "text"},
    )
    db.table("messages").create_index(["urn"])


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


STEPS = (
    m001_users,
    m002_sessions,
    m003_stats,
    m004_audit,
    m005_messages,
    m006_notifications,
)
