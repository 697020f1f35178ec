"""The application's parts, built once and handed to every feature (constructor injection)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from bot.core.config import Secrets, Settings
from bot.core.dispatcher import Clock
from bot.core.i18n import Strings
from bot.core.outbox import Outbox
from bot.core.parts import Parts
from bot.core.store import Store
from bot.core.transport import Sender


@dataclass(frozen=True)
class App:
    """Settings, storage, strings and clock: what features need to do their work."""

    settings: Settings
    secrets: Secrets
    db: Database
    store: Store
    strings: Strings
    content_dir: Path
    """The content folder (YAML) the job packages load their own content from."""
    clock: Clock
    outbox: Outbox
    """Per-channel send lanes: replies before reminders before bulk, rate limits, 429 pauses."""
    senders: dict[str, Sender] = field(default_factory=dict)
    """Senders of the running channels by name (``telegram``, ``zalo``), filled by the server."""
    parts: Parts = field(default_factory=Parts)
    """What job packages built and share (the law library, the Q&A engine), found by type."""

    def now(self) -> datetime:
        """Return the current time from the injected clock."""
        return self.clock()
