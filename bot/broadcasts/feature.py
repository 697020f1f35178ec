"""Campaign broadcasts: the Action Month calendar, sending within limits, /guitin and /tiendo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.broadcasts import subscription
from bot.broadcasts.campaigns import load_calendars
from bot.broadcasts.chat import FLOW, BroadcastChat
from bot.broadcasts.engine import Engine
from bot.broadcasts.month import MonthAnswer, asks_about_month
from bot.broadcasts.repository import DELIVERIES
from bot.core.app import App
from bot.core.feature import Feature
from bot.core.outbox import Outbox
from bot.core.problems import ContentError, Problem
from bot.core.records import Role
from bot.core.router import Router
from bot.storage.store import USER_TABLES

JOB_SECONDS = 30.0
"""How often the scheduler plans, starts and finishes broadcasts and restarts idle pumps."""
ROLES = (Role.ADMIN, Role.SUPERVISOR)


def check(directory: Path, today: date) -> list[Problem]:
    """Validate content/campaigns/*.yml (dates, audiences, lock-screen-safe first lines...)."""
    return load_calendars(directory)[1]


def outbox_of(app: App) -> Outbox:
    """Return the app's outbox (shared with the channels' reply senders)."""
    return app.outbox


def build_engine(app: App) -> Engine:
    """Load the calendars (ContentError on problems) and build the broadcast engine."""
    calendars, problems = load_calendars(app.content_dir)
    if problems:
        raise ContentError(problems)
    return Engine(app, calendars, outbox_of(app))


def register(router: Router, app: App) -> None:
    """Register opting in and out, /guitin, /tiendo, their flow, the job, questions on the month."""
    subscription.register(router, app)
    if DELIVERIES not in USER_TABLES:
        USER_TABLES.append(DELIVERIES)
    engine = build_engine(app)
    chat = BroadcastChat(app, engine)
    router.job("broadcasts", JOB_SECONDS, engine.tick)
    router.text(asks_about_month, MonthAnswer(engine.calendars).answer)
    router.command("guitin", chat.start, roles=ROLES, help_key="bc.help.compose")
    router.command("tiendo", chat.progress, roles=ROLES, help_key="bc.help.progress")
    router.state(FLOW, chat.step, roles=ROLES)
    router.button(FLOW, chat.button, roles=ROLES)


FEATURE = Feature("broadcasts", register, check)
"""Opt-in and opt-out, the Action Month calendar, sending within limits, /guitin and /tiendo."""
