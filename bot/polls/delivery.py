"""Delivering polls and quizzes through the broadcast pipeline (no sender of its own).

A poll becomes one broadcast row, scheduled at its opening time with its options as buttons; the
broadcast engine then applies the audience, quiet hours, rate limits, opt-out and crash safety.
The broadcast key ``poll:<key>`` makes this happen once per poll, however often the job runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.broadcasts.records import Audience, Status
from bot.broadcasts.repository import Broadcasts
from bot.core.app import App
from bot.core.i18n import LOCALES
from bot.core.messages import Button
from bot.polls.records import Poll, Quiz, text_for
from bot.polls.repository import Polls
from bot.polls.view import broadcast_text, poll_buttons

ACTOR = "polls"


def schedule(app: App, poll: Poll, now: datetime) -> int | None:
    """Create the broadcast that delivers ``poll`` at its opening time; return its id."""
    strings, zone = app.strings, app.settings.timezone
    texts = {loc: broadcast_text(poll, strings, loc, zone) for loc in LOCALES}
    buttons = {loc: poll_buttons(poll, strings, loc) for loc in LOCALES}
    ident = Broadcasts(app.db).create(
        texts,
        poll.audience,
        ACTOR,
        now,
        status=Status.SCHEDULED,
        send_at=max(poll.opens_at, now),
        key=f"poll:{poll.key}",
        buttons=buttons,
    )
    if ident is not None:
        Polls(app.db).set_broadcast(poll.id, ident)
    return ident


def store(app: App, content: Sequence[Poll], now: datetime) -> None:
    """Store new content polls and update changed ones (answers are kept)."""
    polls = Polls(app.db)
    for poll in content:
        if polls.add(poll, now) is None:
            polls.update_texts(poll)


def sync(app: App, content: Sequence[Poll], now: datetime) -> list[int]:
    """Store the content polls, then schedule the broadcast of every unsent poll still open."""
    store(app, content, now)
    polls = Polls(app.db)
    return [
        ident
        for poll in polls.unsent()
        if not poll.has_closed(now) and (ident := schedule(app, poll, now)) is not None
    ]


def schedule_quiz(
    app: App, quiz: Quiz, audience: Audience, send_at: datetime, now: datetime, actor: str
) -> int | None:
    """Create a broadcast inviting subscribers to ``quiz`` (a "Bắt đầu" button); return its id."""
    strings = app.strings
    texts = {
        loc: "\n".join(
            (
                strings.get("poll.quiz.bc", loc),
                text_for(quiz.title, loc),
                text_for(quiz.intro, loc),
            )
        )
        for loc in LOCALES
    }
    buttons = {
        loc: (Button(strings.get("poll.quiz.start", loc), f"quiz:start:{quiz.key}"),)
        for loc in LOCALES
    }
    return Broadcasts(app.db).create(
        texts, audience, actor, now, status=Status.SCHEDULED, send_at=send_at, buttons=buttons
    )
