"""Live counts of a poll's answers: by option, and by profile fields for those who gave them.

Every table goes through bot/polls/suppression.py before anyone sees it; this module only counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from bot.polls.records import AGE_BANDS, DIMENSIONS, SEXES, Kind, Poll
from bot.polls.repository import ANSWERS, PROFILES
from bot.polls.suppression import Suppressed, suppress, suppress_line

NOT_GIVEN = ""
"""The category of people who did not give a field (or gave no consent); always a row."""
FIXED = {"sex": SEXES, "age_band": AGE_BANDS}

Category = tuple[str, ...]


@dataclass(frozen=True)
class Breakdown:
    """Counts by category (rows) and option (columns), suppressed, with margins."""

    dimensions: tuple[str, ...]
    categories: tuple[Category, ...]
    table: Suppressed


@dataclass(frozen=True)
class Results:
    """A poll's suppressed results: by option overall, then one breakdown per profile field."""

    poll: Poll
    overall: Suppressed
    """One row: the count of each option, then the number of people who answered."""
    breakdowns: tuple[Breakdown, ...]

    @property
    def columns(self) -> int:
        """Return the number of count columns (options, or 1 for number and text polls)."""
        return len(self.overall.counts[0]) - 1


def columns_of(poll: Poll) -> int:
    """Return the number of count columns of a poll."""
    return len(poll.options) if poll.kind == Kind.CHOICE else 1


def tally(db: Database, poll: Poll, dimensions: Sequence[str]) -> dict[Category, list[int]]:
    """Count answers per category of ``dimensions`` (consented profiles only) and column."""
    assert all(d in DIMENSIONS for d in dimensions)
    fields = ", ".join(f"coalesce(p.{d}, '')" for d in dimensions) or "''"
    sql = (
        f"select coalesce(a.option, 1), {fields}, count(*) from {ANSWERS} a "
        f"left join {PROFILES} p on p.urn = a.urn and p.consented_at is not null "
        f"where a.poll_id = ? group by {', '.join(str(i + 1) for i in range(len(dimensions) + 1))}"
    )
    width = columns_of(poll)
    counts: dict[Category, list[int]] = {}
    for option, *category, count in db.execute(sql, [poll.id]).fetchall():
        key = tuple(str(c) for c in category) if dimensions else ()
        if 1 <= option <= width:
            counts.setdefault(key, [0] * width)[option - 1] += int(count)
    return counts


def overall(db: Database, poll: Poll) -> Suppressed:
    """Return the counts by option and the number of answers, suppressed on their own."""
    row = tally(db, poll, ()).get((), [0] * columns_of(poll))
    counts = (*row, sum(row))
    return Suppressed((counts,), frozenset((0, c) for c in suppress_line(counts)))


def breakdown(db: Database, poll: Poll, dimensions: Sequence[str]) -> Breakdown:
    """Return the suppressed table of ``dimensions`` × options.

    Its margin row is the overall line (everyone answered in some row, "not given" included),
    so it is suppressed exactly as ``overall`` is.
    """
    counts = tally(db, poll, dimensions)
    categories = _categories(dimensions, counts)
    width = columns_of(poll)
    cells = [counts.get(category, [0] * width) for category in categories]
    return Breakdown(tuple(dimensions), categories, suppress(cells))


def _categories(
    dimensions: Sequence[str], counts: dict[Category, list[int]]
) -> tuple[Category, ...]:
    if len(dimensions) == 1 and dimensions[0] in FIXED:
        return (*((value,) for value in FIXED[dimensions[0]]), (NOT_GIVEN,))
    found = sorted(c for c in counts if NOT_GIVEN not in c)
    missing = sorted(c for c in counts if NOT_GIVEN in c and c != (NOT_GIVEN,) * len(c))
    return (*found, *missing, (NOT_GIVEN,) * len(dimensions))


def results(db: Database, poll: Poll) -> Results:
    """Return a poll's live, suppressed results: overall and by sex, age band and province."""
    return Results(poll, overall(db, poll), tuple(breakdown(db, poll, (d,)) for d in DIMENSIONS))
