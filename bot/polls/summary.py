"""Results ready to publish: labels in a locale and every count already suppressed.

Chat (/ketqua), the CLI, the .xlsx export and the dashboard all read this, so "< 5" is the same
everywhere. The dashboard (issue 16) calls ``recent_polls(app)`` and
``suppressed_results(app, poll_id, locale)``.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from sqlite_utils import Database

from bot.core.app import App
from bot.core.i18n import Strings
from bot.core.units import official_units
from bot.polls.records import Kind, Poll, text_for
from bot.polls.repository import Polls
from bot.polls.results import NOT_GIVEN, Breakdown, Category, Results, results
from bot.polls.suppression import THRESHOLD, Suppressed


@dataclass(frozen=True)
class Line:
    """One published row: a label, a shown count per column, and the row's shown total."""

    label: str
    cells: tuple[str, ...]
    total: str
    shares: tuple[str, ...] = ()
    """Shares of the total per column ("60%"), empty where a count or the total is hidden."""


@dataclass(frozen=True)
class Table:
    """One published breakdown: its title, the column labels, rows and the total row."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[Line, ...]
    total: Line


@dataclass(frozen=True)
class PollResults:
    """A poll's results as published: the question, the overall line and the breakdowns."""

    poll: Poll
    question: str
    overall: Line
    tables: tuple[Table, ...]
    locale: str
    median: str = ""
    """For a number poll answered by at least 5 people: the median and the mean, else ""."""
    mean: str = ""


def number_stats(values: list[str]) -> tuple[str, str]:
    """Return the median and mean of typed numbers, or ("", "") for fewer than 5 answers."""
    numbers = sorted(float(v) for v in values if _is_number(v))
    if len(numbers) < THRESHOLD:
        return "", ""
    return _short(statistics.median(numbers)), _short(statistics.fmean(numbers))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _short(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


def share(part: int | None, whole: int | None) -> str:
    """Return ``part`` as a rounded percentage of ``whole``, or "" when either is hidden."""
    if part is None or not whole:
        return ""
    return f"{round(100 * part / whole)}%"


def _line(label: str, table: Suppressed, row: int) -> Line:
    last = len(table.counts[row]) - 1
    cells = tuple(table.show(row, c) for c in range(last))
    total = table.visible(row, last)
    shares = tuple(share(table.visible(row, c), total) for c in range(last))
    return Line(label, cells, table.show(row, last), shares)


class Labels:
    """Names of options and categories in one locale."""

    def __init__(self, strings: Strings, locale: str) -> None:
        self.strings, self.locale = strings, locale

    def t(self, key: str, **values: object) -> str:
        """Return the UI string ``key``."""
        return self.strings.get(key, self.locale, **values)

    def columns(self, poll: Poll) -> tuple[str, ...]:
        """Return the column labels: the options, or "answers"."""
        if poll.kind != Kind.CHOICE:
            return (self.t("poll.results.answers"),)
        return tuple(text_for(option, self.locale) for option in poll.options)

    def category(self, dimensions: tuple[str, ...], category: Category) -> str:
        """Return a category's label, e.g. "Nữ", "18–24", "Hà Nội" or "Không cho biết"."""
        return " · ".join(self.value(d, v) for d, v in zip(dimensions, category, strict=True))

    def value(self, dimension: str, value: str) -> str:
        """Return one field value's label."""
        if value == NOT_GIVEN:
            return self.t("poll.not_given")
        if dimension == "province":
            unit = official_units().get(value)
            return unit.name if unit is not None else value
        return self.t(f"poll.{dimension}.{value}")


def _table(labels: Labels, poll: Poll, breakdown: Breakdown) -> Table:
    title = labels.t("poll.by." + "_".join(breakdown.dimensions))
    rows = tuple(
        _line(labels.category(breakdown.dimensions, c), breakdown.table, r)
        for r, c in enumerate(breakdown.categories)
    )
    total = _line(labels.t("poll.results.total"), breakdown.table, len(rows))
    return Table(title, labels.columns(poll), rows, total)


def publish(found: Results, strings: Strings, locale: str) -> PollResults:
    """Return results as they may be shown, labelled in ``locale``."""
    labels, poll = Labels(strings, locale), found.poll
    overall = _line(labels.t("poll.results.total"), found.overall, 0)
    tables = tuple(_table(labels, poll, b) for b in found.breakdowns)
    return PollResults(poll, text_for(poll.question, locale), overall, tables, locale)


def suppressed_results(app: App, poll_id: int, locale: str = "vi") -> PollResults | None:
    """Return a poll's live results with small cells suppressed (for the dashboard), or None."""
    poll = Polls(app.db).get(poll_id)
    if poll is None:
        return None
    return publish_poll(app.db, poll, app.strings, locale)


def recent_polls(app: App, limit: int = 50) -> list[Poll]:
    """Return the newest polls for the dashboard's list (counts: ``suppressed_results``)."""
    return Polls(app.db).recent(limit)


def publish_poll(db: Database, poll: Poll, strings: Strings, locale: str) -> PollResults:
    """Return a poll's live results as published (with median and mean for a number poll)."""
    found = publish(results(db, poll), strings, locale)
    if poll.kind != Kind.NUMBER:
        return found
    median, mean = number_stats(Polls(db).values(poll.id))
    return replace(found, median=median, mean=mean)
