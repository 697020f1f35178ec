"""Contract tests: every Store implementation behaves the same."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.records import Role, Session, Stat, User
from bot.storage.database import open_database
from bot.storage.migrations import MIGRATIONS
from bot.storage.store import SqliteStore

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqliteStore]:
    db = open_database(None if request.param == "memory" else tmp_path / "bot.db")
    yield SqliteStore(db)
    db.close()


def test_user_round_trip(store: SqliteStore) -> None:
    user = User("zalo:abc", locale="en", role=Role.OFFICER, unit="00004", first_seen=NOW)
    store.save_user(user)
    assert store.get_user("zalo:abc") == user
    assert store.get_user("zalo:missing") is None


def test_users_filtered_by_role_and_subscription(store: SqliteStore) -> None:
    store.save_user(User("web:a", subscribed=True))
    store.save_user(User("web:b", role=Role.ADMIN))
    assert [u.urn for u in store.users(subscribed=True)] == ["web:a"]
    assert [u.urn for u in store.users(role=Role.ADMIN)] == ["web:b"]


def test_mark_stopped(store: SqliteStore) -> None:
    store.save_user(User("telegram:1", subscribed=True))
    store.mark_stopped("telegram:1")
    user = store.get_user("telegram:1")
    assert user is not None
    assert user.stopped


def test_session_round_trip_keeps_unicode_and_options(store: SqliteStore) -> None:
    store.save_user(User("web:s"))
    session = Session("web:s", "report:field", {"ghi chú": "Hà Giang"}, (("Bỏ qua", "rep:skip"),))
    store.save_session(session, NOW)
    assert store.load_session("web:s") == session
    assert store.load_session("web:none") == Session("web:none")


def test_delete_user_data_removes_everything(store: SqliteStore) -> None:
    store.save_user(User("web:d"))
    store.save_session(Session("web:d", "x"), NOW)
    store.log_message("web:d", "in", "xin chào", NOW)
    store.delete_user_data("web:d")
    assert store.get_user("web:d") is None
    assert store.load_session("web:d") == Session("web:d")
    assert store.db["messages"].count == 0


def test_stats_have_no_user_and_no_text(store: SqliteStore) -> None:
    store.record_stat(Stat("2026-11-23", "web", "ask_law", "dv_reporting", 0.91234))
    row = next(iter(store.db["qa_stats"].rows))
    assert set(row) == {"id", "day", "channel", "intent", "topic", "confidence"}
    assert row["confidence"] == 0.912


def test_audit_is_appended(store: SqliteStore) -> None:
    store.audit("telegram:9", "invite.used", {"unit": "00004"}, NOW)
    assert store.db["audit"].count == 1


def test_database_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.db")
    assert db.journal_mode == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    db.close()


def test_migrations_apply_once_and_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    open_database(path).close()
    db = open_database(path)
    assert MIGRATIONS.pending(db) == []
    names = [m.name for m in MIGRATIONS.applied(db)]
    assert names[:2] == ["m001_users", "m002_sessions"]
    db.close()
