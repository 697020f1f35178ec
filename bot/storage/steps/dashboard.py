"""Schema steps of the dashboard (issue 16): one-time sign-in links and sessions, stored hashed."""

from __future__ import annotations

from sqlite_utils import Database


def m401_dashboard(db: Database) -> None:
    """One-time sign-in links and browser sessions of the supervisor dashboard (stored hashed)."""
    db.table("dashboard_links").create(
        {
            "token_hash": str,
            "urn": str,
            "role": str,
            "unit": str,
            "created_at": str,
            "expires_at": str,
            "used_at": str,
        },
        pk="token_hash",
        not_null={"urn", "role", "created_at", "expires_at"},
    )
    db.table("dashboard_links").create_index(["urn"])
    db.table("dashboard_sessions").create(
        {
            "id_hash": str,
            "urn": str,
            "role": str,
            "unit": str,
            "locale": str,
            "csrf": str,
            "created_at": str,
            "seen_at": str,
        },
        pk="id_hash",
        not_null={"urn", "role", "locale", "csrf", "created_at", "seen_at"},
    )
    db.table("dashboard_sessions").create_index(["urn"])


STEPS = (m401_dashboard,)
