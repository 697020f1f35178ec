"""Build the running bot from settings: database, content, features, dispatcher."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bot.app import App
from bot.config import Secrets, Settings, settings_or_raise
from bot.content import Content, load_content
from bot.dashboard import chat as dashboard
from bot.dispatcher import Clock, Dispatcher, Policy
from bot.features import broadcasts, core, questions, reports, services, subscription
from bot.messages import Incoming, Reply
from bot.outbox import Outbox
from bot.problems import ContentError, errors
from bot.qa import QA
from bot.router import Router
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
        return self.app.content.qa

    @property
    def content(self) -> Content:
        """Return the loaded content."""
        return self.app.content

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message (the ``Handle`` every channel calls)."""
        return self.dispatcher.handle(incoming)


FEATURES = (core, subscription, services, reports, broadcasts, dashboard)
"""Feature modules, each with ``register(router, app)``; those with content also ``check``."""


def _register(router: Router, app: App) -> Dispatcher:
    policy = Policy(app.settings.default_locale, app.settings.privacy.store_citizen_text)
    local = services.local_help(app)
    answers = questions.Questions(app, local)
    for feature in FEATURES:
        feature.register(router, app)
    questions.register(router, app, answers)
    dispatcher = Dispatcher(
        app.store, app.content.strings, router, app.content.qa, app.clock, policy, local
    )
    dispatcher.fallback = answers.answer
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
    database = db if db is not None else open_database(settings.storage.db_path)
    store = SqliteStore(database)
    outbox = Outbox.from_settings(settings, clock)
    app = App(settings, secrets or Secrets.from_env(), database, store, content, clock, outbox)
    router = Router()
    return Runtime(app, router, _register(router, app))


def load_runtime(config: str | None = None, clock: Clock = system_clock) -> Runtime:
    """Load settings from the config file and assemble the bot."""
    return build_runtime(settings_or_raise(config), clock=clock)
