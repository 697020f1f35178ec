"""Opening the SQLite database: WAL, foreign keys, migrations applied, one connection per thread."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from sqlite_utils import Database

from bot.storage.migrations import migrate


def connect(path: str | None) -> sqlite3.Connection:
    """Return a connection in autocommit mode with the bot's pragmas (``None``: in memory)."""
    conn = sqlite3.connect(path or ":memory:", check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    if path is not None:
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


class ThreadDatabase(Database):
    """A database file seen through one connection per thread.

    Turns run on worker threads while the event loop sends broadcasts: with their own
    connections, one thread's transaction never takes in another's statements (SQLite's WAL
    lets them read at once and write one at a time, waiting up to ``busy_timeout``).
    """

    def __init__(self, path: str) -> None:
        self._path = path
        self._local = threading.local()
        super().__init__(connect(path))

    @property
    def conn(self) -> sqlite3.Connection:
        """Return this thread's connection (opened on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = connect(self._path)
        return conn

    @conn.setter
    def conn(self, value: sqlite3.Connection) -> None:
        self._local.conn = value


def open_database(path: str | Path | None) -> Database:
    """Open (creating if needed) the database at ``path``, or in memory when ``None``."""
    if path is None:
        db = Database(connect(None))
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = ThreadDatabase(str(path))
        db.enable_wal()
    migrate(db)
    return db
