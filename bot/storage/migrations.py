"""The database schema, changed only through named sqlite-utils migrations.

Each job's steps live in ``bot/storage/steps/<job>.py``; they run in the order of ``JOBS`` and
are recorded by name in ``_sqlite_migrations``. Never edit a step that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from bot.storage.steps import broadcasts, core, dashboard, polls, reports, services

JOBS = (
    core,
    services,
    reports,
    broadcasts,
    dashboard,
    polls,
)
"""Jobs in the order their steps were first added (a new job goes last)."""
MIGRATIONS = Migrations("binhdang")
for job in JOBS:
    for step in job.STEPS:
        MIGRATIONS()(step)


def migrate(db: Database) -> list[str]:
    """Apply pending migrations; return the names applied."""
    pending = [m.name for m in MIGRATIONS.pending(db)]
    MIGRATIONS.apply(db)
    return pending
