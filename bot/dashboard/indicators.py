"""The indicators' figures: the export's numbers, by sex and by period (never recomputed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.dashboard.cache import RollupCache
from bot.reports.export import Text, slot_header
from bot.reports.forms import PARTS, Form, Slot
from bot.reports.periods import Period
from bot.reports.rollup import Rollup


@dataclass(frozen=True)
class SexSplit:
    """A field counted by sex: its label and the female and male totals."""

    label: str
    female: int
    male: int


@dataclass(frozen=True)
class PeriodTotals:
    """One period of the form with its totals over the same unit."""

    period: Period
    totals: dict[str, int]


@dataclass(frozen=True)
class Indicators:
    """Every slot of a form over one unit and period, plus the splits charts need."""

    rollup: Rollup
    headers: list[str]
    """Column titles exactly as the spreadsheet writes them."""
    by_sex: list[SexSplit]
    by_period: list[PeriodTotals]

    @property
    def slots(self) -> tuple[Slot, ...]:
        """Return the form's slots in export order."""
        return self.rollup.form.slots

    def totals(self) -> list[int]:
        """Return each slot's total, as the spreadsheet's total row."""
        totals = self.rollup.totals
        return [totals.get(slot.code, 0) for slot in self.slots]


def sex_splits(form: Form, totals: dict[str, int], locale: str) -> list[SexSplit]:
    """Return the female/male totals of each field counted by sex."""
    nu, nam = PARTS
    return [
        SexSplit(
            spec.short_label(locale),
            totals.get(f"{spec.code}_{nu}", 0),
            totals.get(f"{spec.code}_{nam}", 0),
        )
        for spec in form.fields
        if spec.by_sex
    ]


def period_totals(cache: RollupCache, rollup: Rollup, today: date) -> list[PeriodTotals]:
    """Return the totals of every period of the form that has begun, oldest first."""
    form, scope = rollup.form, rollup.scope.code
    periods = sorted((p for p in form.periods(today) if p.started(today)), key=lambda p: p.start)
    return [PeriodTotals(p, cache.rollup(form, p, scope).totals) for p in periods]


def build_indicators(
    cache: RollupCache, rollup: Rollup, text: Text, locale: str, today: date
) -> Indicators:
    """Return the indicators of a roll-up (the same one ``/xuat`` would export)."""
    form = rollup.form
    headers = [slot_header(text, slot, locale) for slot in form.slots]
    by_sex = sex_splits(form, rollup.totals, locale)
    by_period = period_totals(cache, rollup, today)
    return Indicators(rollup, headers, by_sex, by_period)
