"""Build the running bot from settings: database, content, features, dispatcher."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bot.core.app import App
from bot.core.config import Secrets, Settings
from bot.core.configfile import settings_or_raise
from bot.core.dispatcher import Clock, Dispatcher, Policy
from bot.core.feature import LocalHelp
from bot.core.folders import cache_dir, db_file
from bot.core.messages import Incoming, Reply
from bot.core.outbox import Outbox
from bot.core.parts import Parts
from bot.core.problems import ContentError, errors
from bot.core.router import Router
from bot.core.workers import DEFAULT_WORKERS, Workers
from bot.core.yamlfile import parse_cache
from bot.qa.chat import Questions
from bot.qa.engine import QA
from bot.runtime.content import Content, load_content
from bot.runtime.features import FEATURES
from bot.runtime.preflight import open_or_raise, webhook_problems
from bot.storage.database import ThreadDatabase
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
    workers: Workers = field(default_factory=Workers)
    """Threads the turns run on, so the event loop stays free (per-chat order kept)."""

    @property
    def settings(self) -> Settings:
        """Return the settings."""
        return self.app.settings

    @property
    def qa(self) -> QA:
        """Return the Q&A engine."""
        return self.app.parts.get(QA)

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message on a worker thread (the ``Handle`` every channel calls)."""
        return await self.workers.run(incoming.user, partial(self.dispatcher.handle, incoming))


def _register(router: Router, app: App) -> Dispatcher:
    for feature in FEATURES:
        feature.register(router, app)
    policy = Policy(app.settings.default_locale, app.settings.privacy.store_citizen_text)
    local = app.parts.find(LocalHelp, LocalHelp()).lines
    dispatcher = Dispatcher(
        app.store, app.strings, router, app.parts.get(QA), app.clock, policy, local
    )
    questions = app.parts.get(Questions)
    dispatcher.fallback = questions.answer
    dispatcher.on_forget.append(questions.recent.forget)
    dispatcher.on_forget.append(questions.people.forget)
    dispatcher.on_forget.append(questions.story.forget)
    dispatcher.on_emergency.append(questions.after_emergency)
    dispatcher.emergency_context = questions.in_danger
    return dispatcher


def build_runtime(
    settings: Settings,
    secrets: Secrets | None = None,
    clock: Clock = system_clock,
    db: Database | None = None,
    content: Content | None = None,
) -> Runtime:
    """Assemble the bot; raise ContentError if any content is invalid."""
    with parse_cache(cache_dir(settings)):  # report forms and other files features read
        return _build(settings, secrets, clock, db, content)


def _build(
    settings: Settings,
    secrets: Secrets | None,
    clock: Clock,
    db: Database | None,
    content: Content | None,
) -> Runtime:
    if content is None:
        today = clock().astimezone(ZoneInfo(settings.timezone)).date()
        content, problems = load_content(settings, today)
        for warning in (p for p in problems if p.warning):
            log.warning("%s", warning)
        if errors(problems):
            raise ContentError(errors(problems))
    database = db if db is not None else open_or_raise(db_file(settings))
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
    shared = not isinstance(database, ThreadDatabase)  # one connection: one thread at a time
    workers = Workers(1 if shared else DEFAULT_WORKERS)
    return Runtime(app, router, _register(router, app), workers)


def load_runtime(config: str | None = None, clock: Clock = system_clock) -> Runtime:
    """Load settings from the config file and assemble the bot."""
    settings, secrets = settings_or_raise(config), Secrets.from_env()
    problems = webhook_problems(settings, secrets, config)
    if problems:
        raise ContentError(problems)
    return build_runtime(settings, secrets, clock=clock)
