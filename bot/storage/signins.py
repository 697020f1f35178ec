"""The dashboard's tables: one-time sign-in links and browser sessions (issue 16).

A migration set of its own (``binhdang-dashboard``), applied by ``migrate`` after the main
one, because ``migrations.py`` is at its size limit; the same rules hold: named steps,
recorded in ``_sqlite_migrations``, never edited once shipped.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

SIGNINS = Migrations("binhdang-dashboard")


@SIGNINS()
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
