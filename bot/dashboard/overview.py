"""The overview's figures: who has reported for a period, by deadline, by unit and by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.dashboard.cache import RollupCache
from bot.reports.context import Reporting
from bot.reports.forms import Form
from bot.reports.periods import Period
from bot.reports.reminders import remind_officers
from bot.reports.rollup import Rollup, Row, Status

Choice = tuple[Form, Period]
MAX_DAYS = 120
"""Days the daily trend covers at most (a half-year period is shown from its last 120 days)."""


def choices(rep: Reporting, today: date) -> list[Choice]:
    """Return every form's periods that have begun, the latest start first."""
    found = [(f, p) for f in rep.forms.items for p in f.periods(today) if p.started(today)]
    return sorted(found, key=lambda c: (-c[1].start.toordinal(), c[1].due, c[0].id))


def pick(rep: Reporting, today: date, form: str | None, period: str | None) -> Choice:
    """Return the asked form and period, else the running one that began last; LookupError."""
    options = choices(rep, today)
    if not options:
        raise LookupError("dash.err.no_period")
    if form is None and period is None:
        running = [c for c in options if c[1].start <= today <= c[1].end]
        return (running or options)[0]
    for choice in options:
        if choice[0].id == form and choice[1].id == period:
            return choice
    raise LookupError("dash.err.no_period")


def share(row: Row) -> float:
    """Return the part of a unit's communes that have reported (0 to 1)."""
    return row.reported / row.communes if row.communes else 0.0


@dataclass(frozen=True)
class Overview:
    """One period over one unit: progress, units worst first, the daily trend, who is behind."""

    rollup: Rollup
    today: date
    daily: list[tuple[date, int]]
    """First submissions per local day, from the period's start."""

    @property
    def expected(self) -> int:
        """Return how many communes should report."""
        return len(self.rollup.communes)

    @property
    def missing(self) -> list[Row]:
        """Return the communes that have not reported."""
        return self.rollup.with_status(Status.MISSING)

    @property
    def late(self) -> list[Row]:
        """Return the communes that reported after the due date."""
        return self.rollup.with_status(Status.LATE)

    @property
    def overdue(self) -> bool:
        """Return whether the due date has passed."""
        return self.today > self.rollup.period.due

    def worst_first(self) -> list[Row]:
        """Return the scope's units (provinces or communes), lowest completeness first."""
        return sorted(self.rollup.rows, key=lambda r: (share(r), r.unit.code))


def daily_counts(rep: Reporting, rollup: Rollup, today: date) -> list[tuple[date, int]]:
    """Return how many communes first reported on each day of the period up to today."""
    period = rollup.period
    last = min(today, period.lock)
    first = max(period.start, last - timedelta(days=MAX_DAYS - 1))
    counts: dict[date, int] = {}
    for row in rollup.communes:
        if row.report is not None:
            sent = rep.today(row.report.submitted_at)
            counts[sent] = counts.get(sent, 0) + 1
    span = range((last - first).days + 1)
    return [(first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in span]


def build_overview(cache: RollupCache, choice: Choice, scope: str, now: datetime) -> Overview:
    """Return the overview of ``choice`` over the unit ``scope`` (from kept roll-ups)."""
    form, period = choice
    rollup = cache.rollup(form, period, scope)
    today = cache.rep.today(now)
    key = ("daily", form.id, period.id, scope, today)
    signature = cache.signature(form, period)
    daily = cache.memo(key, signature, lambda: daily_counts(cache.rep, rollup, today))
    return Overview(rollup, today, daily)


def remind(rep: Reporting, overview: Overview, now: datetime) -> int:
    """Queue today's reminder to the officers of the scope's silent communes; return how many."""
    silent = {row.unit.code for row in overview.missing}
    done = {code for code in rep.units.by_code if code not in silent}
    rollup = overview.rollup
    tag = f":dash:{rep.today(now).isoformat()}"
    return remind_officers(rep, rollup.form, rollup.period, now, done, tag)
