"""Roll-ups: a form's period summed over the communes of a province, or provinces of the nation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from bot.core.units import NATIONAL, Unit
from bot.reports.context import Reporting
from bot.reports.forms import Form
from bot.reports.periods import Period
from bot.reports.store import StoredReport


class Status(StrEnum):
    """Where a commune stands for one form and period."""

    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"


@dataclass(frozen=True)
class Row:
    """One unit's line: a commune (with its report) or a province (summing its communes)."""

    unit: Unit
    values: dict[str, int]
    communes: int
    reported: int
    on_time: int
    status: Status | None = None
    report: StoredReport | None = None


@dataclass(frozen=True)
class Rollup:
    """Totals and statuses of one form and period over a scope (nation, province or commune)."""

    form: Form
    period: Period
    scope: Unit
    rows: list[Row]
    """The scope's children: provinces (national scope) or communes."""
    communes: list[Row] = field(default_factory=list)
    """Every commune in scope, by province then code."""

    @cached_property
    def totals(self) -> dict[str, int]:
        """Return each slot's sum over the scope (computed once: a roll-up never changes)."""
        return add_values(row.values for row in self.communes)

    @property
    def reported(self) -> int:
        """Return how many communes reported."""
        return sum(row.reported for row in self.communes)

    @property
    def on_time(self) -> int:
        """Return how many communes reported by the due date."""
        return sum(row.on_time for row in self.communes)

    def with_status(self, status: Status) -> list[Row]:
        """Return the communes with ``status``."""
        return [row for row in self.communes if row.status == status]


def add_values(items: Iterable[dict[str, int]]) -> dict[str, int]:
    """Return the per-slot sums of several value sets."""
    totals: dict[str, int] = {}
    for values in items:
        for code, value in values.items():
            totals[code] = totals.get(code, 0) + value
    return totals


def _commune_row(rep: Reporting, unit: Unit, report: StoredReport | None, period: Period) -> Row:
    if report is None:
        return Row(unit, {}, 1, 0, 0, Status.MISSING)
    on_time = rep.on_time(report, period)
    status = Status.ON_TIME if on_time else Status.LATE
    return Row(unit, dict(report.values), 1, 1, int(on_time), status, report)


def _province_row(unit: Unit, communes: list[Row]) -> Row:
    values = add_values(row.values for row in communes)
    reported = sum(row.reported for row in communes)
    return Row(unit, values, len(communes), reported, sum(row.on_time for row in communes))


def build_rollup(rep: Reporting, form: Form, period: Period, scope: str) -> Rollup:
    """Sum the stored reports of ``form`` and ``period`` over the unit ``scope``."""
    unit = rep.units.get(scope)
    if unit is None:
        raise LookupError("rep.err.no_unit")
    reports = {r.unit: r for r in rep.reports.for_period(form.id, period.id)}
    provinces = rep.units.provinces() if scope == NATIONAL else [rep.units.province_of(scope)]
    rows, communes = [], []
    for province in (p for p in provinces if p is not None):
        members = rep.units.communes(province.code)
        if unit.level == "commune":
            members = [unit]
        lines = [_commune_row(rep, c, reports.get(c.code), period) for c in members]
        communes += lines
        rows += [_province_row(province, lines)] if scope == NATIONAL else lines
    return Rollup(form, period, unit, rows, communes)
