"""Build the running bot from settings: database, content, features, dispatcher."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bot.core.app import App
from bot.core.config import Secrets, Settings
from bot.core.configfile import settings_or_raise
from bot.core.dispatcher import Clock, Dispatcher, Policy
from bot.core.feature import LocalHelp
from bot.core.folders import db_file
from bot.core.messages import Incoming, Reply
from bot.core.outbox import Outbox
from bot.core.parts import Parts
from bot.core.problems import ContentError, errors
from bot.core.router import Router
from bot.qa.chat import Questions
from bot.qa.engine import QA
from bot.runtime.content import Content, load_content
from bot.runtime.features import FEATURES
from bot.storage.database import open_database
from bot.storage.store import SqliteStore

log = logging.getLogger(__name__)


def system_clock() -> datetime:
    """Return the current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


@dataclass
class Runtime:
    """The assembled bot: the app's parts, the router and the dispatcher."""

    app: App
    router: Router
    dispatcher: Dispatcher

    @property
    def settings(self) -> Settings:
        """Return the settings."""
        return self.app.settings

    @property
    def qa(self) -> QA:
        """Return the Q&A engine."""
        return self.app.parts.get(QA)

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message (the ``Handle`` every channel calls)."""
        return self.dispatcher.handle(incoming)


def _register(router: Router, app: App) -> Dispatcher:
    for feature in FEATURES:
        feature.register(router, app)
    policy = Policy(app.settings.default_locale, app.settings.privacy.store_citizen_text)
    local = app.parts.find(LocalHelp, LocalHelp()).lines
    dispatcher = Dispatcher(
        app.store, app.strings, router, app.parts.get(QA), app.clock, policy, local
    )
    dispatcher.fallback = app.parts.get(Questions).answer
    return dispatcher


def build_runtime(
    settings: Settings,
    secrets: Secrets | None = None,
    clock: Clock = system_clock,
    db: Database | None = None,
    content: Content | None = None,
) -> Runtime:
    """Assemble the bot; raise ContentError if any content is invalid."""
    if content is None:
        today = clock().astimezone(ZoneInfo(settings.timezone)).date()
        content, problems = load_content(settings, today)
        for warning in (p for p in problems if p.warning):
            log.warning("%s", warning)
        if errors(problems):
            raise ContentError(errors(problems))
    database = db if db is not None else open_database(db_file(settings))
    store = SqliteStore(database)
    outbox = Outbox.from_settings(settings, clock)
    parts = Parts(content.law, content.qa)
    app = App(
        settings,
        secrets or Secrets.from_env(),
        database,
        store,
        content.strings,
        content.directory,
        clock,
        outbox,
        parts=parts,
    )
    router = Router()
    return Runtime(app, router, _register(router, app))


def load_runtime(config: str | None = None, clock: Clock = system_clock) -> Runtime:
    """Load settings from the config file and assemble the bot."""
    return build_runtime(settings_or_raise(config), clock=clock)
