"""Report forms as data (content/reports/*.yml): fields, periods and validation rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.reports.periods import Period, PeriodKind, Schedule, parse_period
from nlu.normalize import fold

CODE = r"^[a-z][a-z0-9_]{1,30}$"
Part = Literal["nu", "nam"]
PARTS: tuple[Part, ...] = ("nu", "nam")
"""Sex parts of a ``by_sex`` field: female (nữ), male (nam); slot codes end ``_nu``/``_nam``."""


class Spec(BaseModel):
    """Base of form models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Spec):
    """A text in Vietnamese and (optionally) English."""

    vi: str = Field(min_length=1)
    en: str = ""

    def get(self, locale: str) -> str:
        """Return the text in ``locale`` (Vietnamese when there is no English)."""
        return self.en if locale == "en" and self.en else self.vi


class FieldSpec(Spec):
    """One number on a form: a count of events, people, items or cases."""

    code: str = Field(pattern=CODE)
    label: Text
    short: Text | None = None
    unit: Text
    words: tuple[str, ...] = ()
    """Phrases that name this field in a one-line report (diacritics optional)."""
    of: str | None = None
    """The activity this count belongs to (people *of* sessions): resolves a bare "người"."""
    min: int = Field(0, ge=0)
    max: int = Field(100_000, gt=0)
    required: bool = False
    by_sex: bool = False
    counts_only: bool = False
    """Domestic-violence numbers: the question reminds the officer never to write names."""

    def short_label(self, locale: str) -> str:
        """Return the short label (for buttons), or the label."""
        return (self.short or self.label).get(locale)


class RuleSpec(Spec):
    """A validation rule: ``sum`` (parts add up to the total), ``at_most``, ``growth``."""

    check: Literal["sum", "at_most", "growth"]
    total: str | None = None
    parts: tuple[str, ...] = ()
    field: str | None = None
    limit: str | None = None
    factor: float | None = Field(None, gt=1)


class ScheduleSpec(Spec):
    """Which periods a form is reported for, and when each is due and locked."""

    kind: PeriodKind
    due_after_end: int = Field(ge=0, le=366)
    lock_after_due: int = Field(ge=0, le=366)


@dataclass(frozen=True)
class Slot:
    """One number to collect: a field, or the female/male part of a field with ``by_sex``."""

    code: str
    field: FieldSpec
    part: Part | None = None

    @property
    def max(self) -> int:
        """Return the largest accepted value."""
        return self.field.max

    @property
    def min(self) -> int:
        """Return the smallest accepted value (parts may be 0)."""
        return self.field.min if self.part is None else 0


class Form(Spec):
    """A report form officers fill in for their commune."""

    id: str = Field(pattern=r"^[a-z][a-z0-9]{1,7}$")
    title: Text
    short: Text
    sends_to: Text
    aliases: tuple[str, ...] = Field(min_length=1)
    context_words: tuple[str, ...] = ()
    """Words for "the count of the activity just named" ("250 người" after "3 buổi")."""
    sources: tuple[str, ...] = ()
    schedules: tuple[ScheduleSpec, ...] = Field(min_length=1)
    fields: tuple[FieldSpec, ...] = Field(min_length=1)
    rules: tuple[RuleSpec, ...] = ()

    @cached_property
    def slots(self) -> tuple[Slot, ...]:
        """Return every number to collect, parts right after their field."""
        slots: list[Slot] = []
        for spec in self.fields:
            slots.append(Slot(spec.code, spec))
            if spec.by_sex:
                slots += [Slot(f"{spec.code}_{part}", spec, part) for part in PARTS]
        return tuple(slots)

    def slot(self, code: str) -> Slot | None:
        """Return the slot with this code, or None."""
        return next((s for s in self.slots if s.code == code), None)

    def kinds(self) -> tuple[PeriodKind, ...]:
        """Return the period kinds this form is reported for."""
        return tuple(s.kind for s in self.schedules)

    def period(self, kind: PeriodKind, year: int) -> Period | None:
        """Return this form's period of ``kind`` in ``year``, or None if it has none."""
        spec = next((s for s in self.schedules if s.kind == kind), None)
        if spec is None:
            return None
        return Schedule(spec.kind, spec.due_after_end, spec.lock_after_due).period(year)

    def period_by_id(self, text: str) -> Period | None:
        """Return the period named by ``text`` (id or words) if this form has it."""
        parsed = parse_period(text)
        return self.period(*parsed) if parsed else None

    def periods(self, today: date) -> list[Period]:
        """Return last year's and this year's periods: latest start first, then nearest due."""
        found = [
            self.period(kind, year)
            for year in (today.year - 1, today.year)
            for kind in self.kinds()
        ]
        return sorted((p for p in found if p), key=lambda p: (-p.start.toordinal(), p.due))

    def open_periods(self, today: date) -> list[Period]:
        """Return the periods a report may be sent for on ``today``."""
        return [p for p in self.periods(today) if p.open(today)]

    def folded_aliases(self) -> list[str]:
        """Return the aliases without diacritics, longest first."""
        return sorted({fold(a) for a in self.aliases}, key=len, reverse=True)


@dataclass(frozen=True)
class Forms:
    """Every form, by id, in file order."""

    items: tuple[Form, ...]

    def get(self, ident: str) -> Form | None:
        """Return the form with this id, or None."""
        return next((f for f in self.items if f.id == ident), None)

    def with_kind(self, kind: PeriodKind) -> list[Form]:
        """Return the forms reported for periods of ``kind``."""
        return [f for f in self.items if kind in f.kinds()]
