"""Opening the SQLite database: WAL, foreign keys, migrations applied."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from bot.storage.migrations import migrate


def open_database(path: str | Path | None) -> Database:
    """Open (creating if needed) the database at ``path``, or in memory when ``None``."""
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    if path is not None:
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA busy_timeout = 5000")
    migrate(db)
    return db
