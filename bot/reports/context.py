"""What the report features share: forms, units, stored reports, invites and local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from bot.core.app import App
from bot.core.problems import ContentError
from bot.core.records import Role, User
from bot.core.units import Units
from bot.reports.formfiles import load_forms
from bot.reports.forms import Form, Forms
from bot.reports.invites import Invites
from bot.reports.periods import Period
from bot.reports.store import ReportStore, StoredReport
from bot.storage.units import load_units

SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})


@dataclass(frozen=True)
class Reporting:
    """The report features' shared parts, built once at start-up."""

    app: App
    forms: Forms
    units: Units
    reports: ReportStore
    invites: Invites

    @classmethod
    def build(cls, app: App) -> Reporting:
        """Load the forms (raising ContentError) and the unit table."""
        forms, problems = load_forms(app.content_dir)
        if problems:
            raise ContentError(problems)
        return cls(app, forms, load_units(app.db), ReportStore(app.db), Invites(app.db))

    @cached_property
    def zone(self) -> ZoneInfo:
        """Return the time zone deadlines are counted in."""
        return ZoneInfo(self.app.settings.timezone)

    def today(self, now: datetime) -> date:
        """Return the local date of ``now``."""
        return now.astimezone(self.zone).date()

    def on_time(self, report: StoredReport, period: Period) -> bool:
        """Return whether a report was first sent by its due date (local time)."""
        return self.today(report.submitted_at) <= period.due

    def previous_values(self, form: Form, period: Period, unit: str) -> dict[str, int] | None:
        """Return the unit's values for the same kind of period a year before, if reported."""
        before = form.period(period.kind, period.year - 1)
        found = self.reports.get(form.id, before.id, unit) if before else None
        return found.values if found else None

    def reporting_unit(self, user: User, code: str | None) -> str:
        """Return the commune ``user`` may report for, or raise LookupError with a string key."""
        if code is None or code == user.unit:
            if user.role == Role.OFFICER and user.unit:
                return user.unit
            raise LookupError("rep.err.need_unit")
        unit = self.units.get(code)
        if unit is None or unit.level != "commune":
            raise LookupError("rep.err.no_commune")
        if user.role == Role.ADMIN:
            return code
        if user.role == Role.SUPERVISOR and user.unit and self.units.contains(user.unit, code):
            return code
        raise LookupError("rep.err.other_unit")

    def forms_for_today(self, today: date) -> list[Form]:
        """Return the forms, the one whose running period began most recently first."""

        def latest_start(form: Form) -> date:
            running = [p.start for p in form.periods(today) if p.start <= today <= p.end]
            return max(running, default=date.min)

        return sorted(self.forms.items, key=lambda f: (latest_start(f), f.id), reverse=True)
