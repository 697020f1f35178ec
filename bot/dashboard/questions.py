"""What citizens ask, in aggregate only: the anonymous ``qa_stats`` rows (no text, no person)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database
from starlette.responses import Response

from bot.dashboard import svg
from bot.dashboard.pages import OVERSEERS, Context, Page

DAYS = 30
"""Days the page covers, up to today."""


@dataclass(frozen=True)
class Questions:
    """Counts of classified citizen messages over the last ``DAYS`` days."""

    first: date
    last: date
    daily: list[tuple[date, int]]
    topics: list[tuple[str, int]]
    total: int
    fallback: int
    emergencies: int

    @property
    def fallback_rate(self) -> float:
        """Return the share of messages the bot could not answer with confidence."""
        return self.fallback / self.total if self.total else 0.0


def _count(db: Database, sql: str, first: date, last: date) -> int:
    row = db.execute(sql, [first.isoformat(), last.isoformat()]).fetchone()
    return int(row[0]) if row else 0


WINDOW = "from qa_stats where day >= ? and day <= ?"


def build_questions(db: Database, today: date) -> Questions:
    """Return the aggregate of the last ``DAYS`` days (never a single message)."""
    first = today - timedelta(days=DAYS - 1)
    args = [first.isoformat(), today.isoformat()]
    per_day = dict(db.execute(f"select day, count(*) {WINDOW} group by day", args).fetchall())
    daily = [
        (first + timedelta(days=i), int(per_day.get((first + timedelta(days=i)).isoformat(), 0)))
        for i in range(DAYS)
    ]
    topics = db.execute(
        f"select coalesce(topic, ''), count(*) {WINDOW} group by 1 order by 2 desc, 1", args
    ).fetchall()
    total = _count(db, f"select count(*) {WINDOW}", first, today)
    fallback = _count(db, f"select count(*) {WINDOW} and intent = 'fallback'", first, today)
    emergencies = _count(db, f"select count(*) {WINDOW} and intent = 'emergency'", first, today)
    pairs = [(str(topic), int(count)) for topic, count in topics]
    return Questions(first, today, daily, pairs, total, fallback, emergencies)


def topic_name(ctx: Context, topic: str) -> str:
    """Return a topic's name in the viewer's language (its id when no name is written)."""
    key = f"dash.topic.{topic or 'none'}"
    return ctx.t(key) if ctx.board.app.strings.has(key) else topic


def _build(ctx: Context) -> Questions:
    return build_questions(ctx.board.app.db, ctx.board.rep.today(ctx.now))


def view(ctx: Context) -> Response:
    """Render the questions page: per day, by topic, fallback rate, emergencies."""
    q = _build(ctx)
    daily = [(d.strftime("%d/%m"), n) for d, n in q.daily]
    topics = [(topic_name(ctx, t), n) for t, n in q.topics]
    return ctx.render(
        "questions.html",
        q=q,
        daily=daily,
        topics=topics,
        trend=svg.columns(ctx.t("dash.q.chart_daily"), daily),
        by_topic=svg.bars(ctx.t("dash.q.chart_topics"), topics),
    )


def data(ctx: Context) -> dict[str, object]:
    """Return the aggregate counts (no message, no person)."""
    q = _build(ctx)
    return {
        "from": q.first.isoformat(),
        "to": q.last.isoformat(),
        "total": q.total,
        "fallback": q.fallback,
        "fallback_rate": round(q.fallback_rate, 4),
        "emergencies": q.emergencies,
        "daily": [{"day": d.isoformat(), "questions": n} for d, n in q.daily],
        "topics": [{"topic": t, "questions": n} for t, n in q.topics],
    }


PAGE = Page("questions", "dash.nav.questions", OVERSEERS, view, data)
