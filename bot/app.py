"""The application's parts, built once and handed to every feature (constructor injection)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from bot.channels.base import Sender
from bot.config import Secrets, Settings
from bot.content import Content
from bot.dispatcher import Clock
from bot.outbox import Outbox
from bot.storage.store import SqliteStore


@dataclass(frozen=True)
class App:
    """Settings, storage, content and clock: what features need to do their work."""

    settings: Settings
    secrets: Secrets
    db: Database
    store: SqliteStore
    content: Content
    clock: Clock
    outbox: Outbox
    """Per-channel send lanes: replies before reminders before bulk, rate limits, 429 pauses."""
    senders: dict[str, Sender] = field(default_factory=dict)
    """Senders of the running channels by name (``telegram``, ``zalo``), filled by the server."""

    def now(self) -> datetime:
        """Return the current time from the injected clock."""
        return self.clock()
