"""Schema steps of broadcasts (issue 8). Never edit a shipped step: add a new one."""

from __future__ import annotations

from sqlite_utils import Database


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


STEPS = (
    m301_broadcasts,
    m302_broadcast_deliveries,
)
