"""Polls and the law quiz as a feature: content check, chat routes, the scheduling job."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.app import App
from bot.core.config import Settings
from bot.core.feature import Feature
from bot.core.problems import ContentError, Problem
from bot.core.router import Router
from bot.law.library import LawLibrary, load_law
from bot.polls.chat import PollChat
from bot.polls.definitions import load_polls
from bot.polls.delivery import store, sync
from bot.polls.profile import ProfileChat
from bot.polls.quiz import QuizChat
from bot.polls.quizfiles import load_quizzes
from bot.polls.records import Poll, Quiz
from bot.polls.repository import USER_OWNED, Profiles
from bot.storage.store import USER_TABLES

JOB_SECONDS = 30.0
POLLS_DIR, QUIZZES_DIR = "polls", "quizzes"


def check(directory: Path, today: date) -> list[Problem]:
    """Validate content/polls/*.yml and content/quizzes/*.yml (citations against content/law)."""
    zone = ZoneInfo(Settings().timezone)
    law, _ = load_law(directory / "law")  # the law's own problems are reported by its loader
    problems = load_polls(directory / POLLS_DIR, zone)[1]
    return problems + load_quizzes(directory / QUIZZES_DIR, law, today)[1]


def load(app: App) -> tuple[list[Poll], list[Quiz]]:
    """Load the polls and quizzes (ContentError on any problem)."""
    directory, today = app.content_dir, app.now().date()
    polls, problems = load_polls(directory / POLLS_DIR, ZoneInfo(app.settings.timezone))
    quizzes, quiz_problems = load_quizzes(directory / QUIZZES_DIR, app.parts.get(LawLibrary), today)
    if problems or quiz_problems:
        raise ContentError(problems + quiz_problems)
    return polls, quizzes


def register(router: Router, app: App) -> None:
    """Register /khaosat, /ketqua, /hoso, /dovui, their buttons and flows, and the polls job."""
    for table in USER_OWNED:
        if table not in USER_TABLES:
            USER_TABLES.append(table)
    polls, quizzes = load(app)
    profile = ProfileChat(Profiles(app.db))
    PollChat(app, profile).register(router)
    profile.register(router)
    QuizChat(app, quizzes).register(router)
    store(app, polls, app.now())  # visible in chat at once; the job schedules the broadcasts

    async def job(now: datetime) -> None:
        sync(app, polls, now)

    router.job("polls", JOB_SECONDS, job)


FEATURE = Feature("polls", register, check)
"""Polls to subscribers, results with small groups protected, the optional profile, the law quiz."""
