"""Reporting periods: the Action Month (15/11–15/12), the first half-year and the year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from nlu.normalize import fold


class PeriodKind(StrEnum):
    """The kinds of period a form is reported for (each recurs once a year)."""

    ACTION_MONTH = "action_month"
    HALF_YEAR = "half_year"
    YEAR = "year"


PREFIX = {PeriodKind.ACTION_MONTH: "thd", PeriodKind.HALF_YEAR: "6t", PeriodKind.YEAR: "nam"}
_PATTERNS = (
    (PeriodKind.ACTION_MONTH, re.compile(r"^(?:thd|thang hanh dong)(?:\s*-?\s*(\d{4}))?$")),
    (PeriodKind.HALF_YEAR, re.compile(r"^(?:6t|h1|6 thang(?: dau nam)?)(?:\s*-?\s*(\d{4}))?$")),
    (PeriodKind.YEAR, re.compile(r"^(?:nam|ca nam)?\s*-?\s*(\d{4})$")),
)


def bounds(kind: PeriodKind, year: int) -> tuple[date, date]:
    """Return the first and last day a period of ``kind`` covers in ``year``."""
    if kind == PeriodKind.ACTION_MONTH:
        return date(year, 11, 15), date(year, 12, 15)
    if kind == PeriodKind.HALF_YEAR:
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 1, 1), date(year, 12, 31)


def period_id(kind: PeriodKind, year: int) -> str:
    """Return the short id of a period (``thd-2026``, ``6t-2026``, ``nam-2026``)."""
    return f"{PREFIX[kind]}-{year}"


def parse_period(text: str, today: date | None = None) -> tuple[PeriodKind, int] | None:
    """Read a period id or its words (``thd-2026``, ``tháng hành động 2026``, ``2026``).

    Without a year (``thd``, ``tháng hành động``) it is the latest such period begun by ``today``.
    """
    folded = fold(text).strip()
    for kind, pattern in _PATTERNS:
        match = pattern.match(folded)
        if match and match.group(1):
            return kind, int(match.group(1))
        if match and today is not None:
            return kind, latest_year(kind, today)
    return None


def latest_year(kind: PeriodKind, today: date) -> int:
    """Return the year of the latest period of ``kind`` that has begun by ``today``."""
    return today.year if bounds(kind, today.year)[0] <= today else today.year - 1


@dataclass(frozen=True)
class Period:
    """One period of one form, with the dates that govern it."""

    kind: PeriodKind
    year: int
    start: date
    end: date
    due: date
    lock: date

    @property
    def id(self) -> str:
        """Return the period's short id."""
        return period_id(self.kind, self.year)

    def started(self, today: date) -> bool:
        """Return whether reports for this period may be sent (it has begun)."""
        return self.start <= today

    def locked(self, today: date) -> bool:
        """Return whether the period is closed: no new report, no amendment after the lock date."""
        return today > self.lock

    def open(self, today: date) -> bool:
        """Return whether reports may be sent or amended on ``today``."""
        return self.started(today) and not self.locked(today)


@dataclass(frozen=True)
class Schedule:
    """How a form's periods of one kind are due: days after the end, then days until locked."""

    kind: PeriodKind
    due_after_end: int
    lock_after_due: int

    def period(self, year: int) -> Period:
        """Return this schedule's period in ``year``."""
        start, end = bounds(self.kind, year)
        due = end + timedelta(days=self.due_after_end)
        return Period(self.kind, year, start, end, due, due + timedelta(days=self.lock_after_due))
