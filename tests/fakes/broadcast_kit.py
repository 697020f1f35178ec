"""Test kit for broadcasts: an App on an in-memory DB, a fake clock and sleep, a fake Sender."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.broadcasts.engine import Engine
from bot.broadcasts.records import Audience, Status
from bot.core.app import App
from bot.core.config import BroadcastSettings, Secrets, Settings
from bot.core.i18n import load_strings
from bot.core.messages import Reply
from bot.core.outbox import Outbox
from bot.core.records import Role, User
from bot.storage.database import open_database
from bot.storage.store import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội


class FakeClock:
    """A clock the fake sleep moves forward."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)
        await asyncio.sleep(0)


Hook = Callable[[str, Reply], None]


@dataclass
class FakeSender:
    """Records what it sends (time, chat, text); ``hook`` may raise or change the world first."""

    channel: str
    clock: FakeClock
    sent: list[tuple[datetime, str, str]] = field(default_factory=list)
    hook: Hook | None = None

    async def send(self, chat_id: str, reply: Reply) -> None:
        if self.hook is not None:
            self.hook(chat_id, reply)
        self.sent.append((self.clock(), chat_id, reply.text))

    def chats(self) -> list[str]:
        return [chat for _, chat, _ in self.sent]


def make_app(clock: FakeClock, **broadcasts: object) -> App:
    """Return an App with the real strings, default settings (overridable) and an empty DB."""
    strings, problems = load_strings(ROOT / "content" / "strings")
    assert not problems, problems
    settings = Settings(broadcasts=BroadcastSettings(**broadcasts))  # type: ignore[arg-type]
    db = open_database(None)
    outbox = Outbox.from_settings(settings, clock)
    return App(settings, Secrets(), db, SqliteStore(db), strings, ROOT / "content", clock, outbox)


def make_engine(app: App, clock: FakeClock, concurrency: int = 1) -> Engine:
    """Return an engine with no calendar, sleeping on the fake clock."""
    return Engine(app, [], Outbox.from_settings(app.settings, clock), clock.sleep, concurrency)


def add_users(app: App, count: int, channel: str = "telegram", **fields: object) -> list[str]:
    """Save ``count`` subscribed users; return their URNs."""
    urns = []
    for number in range(1, count + 1):
        urn = f"{channel}:{number}"
        user = User(urn, subscribed=True, first_seen=NOW, last_seen=NOW, **fields)  # type: ignore[arg-type]
        app.store.save_user(user)
        urns.append(urn)
    return urns


def start_broadcast(
    engine: Engine, now: datetime, text: str = "Tin thử\nNội dung", audience: Audience | None = None
) -> int:
    """Create a broadcast due now and start it; return its id."""
    ident = engine.broadcasts.create(
        {"vi": text}, audience or Audience(), "admin:1", now, status=Status.SCHEDULED, send_at=now
    )
    assert ident is not None
    engine.activate(now)
    return ident


ADMIN = User("telegram:900", role=Role.ADMIN, first_seen=NOW, last_seen=NOW)
