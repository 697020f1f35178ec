"""How reports read in chat: labels, amounts, questions, summaries and problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from bot.core.turn import Turn
from bot.core.units import Units
from bot.reports.draft import Draft
from bot.reports.forms import Form, Slot
from bot.reports.periods import Period
from bot.reports.rules import Issue
from nlu.normalize import fold


def day(moment: date) -> str:
    """Return a date as Vietnamese officers write it (``25/12/2026``)."""
    return moment.strftime("%d/%m/%Y")


def number(value: int) -> str:
    """Return a count with Vietnamese thousands separators (``1.200``)."""
    return f"{value:,}".replace(",", ".")


def unit_name(units: Units, code: str) -> str:
    """Return a unit's name with its province (``Phường Hoàn Kiếm, Thành phố Hà Nội``)."""
    unit = units.get(code)
    if unit is None:
        return code
    province = units.province_of(code)
    if unit.level != "commune" or province is None:
        return unit.name
    return f"{unit.name}, {province.name}"


def period_label(turn: Turn, period: Period) -> str:
    """Return a period's name (``Tháng hành động 2026``)."""
    return turn.t(f"rep.period.{period.kind}", year=period.year)


def report_name(text: Callable[..., str], locale: str, form: Form, period: Period) -> str:
    """Return "form — period", or just the period when it already names the form."""
    label = text(f"rep.period.{period.kind}", year=period.year)
    short = form.short.get(locale)
    return label if fold(label).startswith(fold(short)) else f"{short} — {label}"


def slot_label(turn: Turn, slot: Slot, short: bool = False) -> str:
    """Return a slot's label; parts read ``Học viên — nữ``."""
    spec = slot.field
    base = spec.short_label(turn.locale) if short else spec.label.get(turn.locale)
    return base if slot.part is None else turn.t(f"rep.part.{slot.part}.label", label=base)


def amount(turn: Turn, slot: Slot, value: int) -> str:
    """Return a value with its unit (``250 người``)."""
    return f"{number(value)} {slot.field.unit.get(turn.locale)}"


def _split(turn: Turn, form: Form, code: str, values: Mapping[str, int]) -> str:
    parts = [(p, values.get(f"{code}_{p}")) for p in ("nu", "nam")]
    shown = [turn.t(f"rep.part.{p}.short", value=number(v)) for p, v in parts if v is not None]
    return f" ({', '.join(shown)})" if shown else ""


def field_line(
    turn: Turn, form: Form, slot: Slot, values: Mapping[str, int], base: Mapping[str, int]
) -> str | None:
    """Return one summary line for a field (with its sex split and any change), or None."""
    now, before = values.get(slot.code), base.get(slot.code)
    if now is None and before is None:
        return None
    label = slot_label(turn, slot, short=True)
    shown = amount(turn, slot, now) if now is not None else turn.t("rep.summary.cleared")
    if base and before != now:
        old = number(before) if before is not None else "—"
        shown = f"{old} → {shown}"
    return f"• {label}: {shown}{_split(turn, form, slot.code, values)}"


def value_lines(
    turn: Turn, form: Form, values: Mapping[str, int], base: Mapping[str, int] | None = None
) -> list[str]:
    """Return the summary lines of every field that has a value."""
    lines = []
    for slot in form.slots:
        if slot.part is None:
            line = field_line(turn, form, slot, values, base or {})
            lines += [line] if line else []
    return lines


def heading(turn: Turn, form: Form, period: Period, units: Units, unit: str) -> str:
    """Return the title line of a report (form, period, unit)."""
    named = report_name(turn.t, turn.locale, form, period)
    return turn.t("rep.summary.heading", report=named, unit=unit_name(units, unit))


def issue_text(turn: Turn, form: Form, issue: Issue) -> str:
    """Return a problem in words, naming the fields by their labels."""
    labels = [slot_label(turn, s) for c in issue.slots if (s := form.slot(c)) is not None]
    values = {k: number(v) for k, v in issue.numbers.items()}
    first = labels[0] if labels else ""
    other = labels[1] if len(labels) > 1 else ""
    return turn.t(issue.key, label=first, other=other, **values)


def question(turn: Turn, form: Form, draft: Draft, slot: Slot) -> str:
    """Return the question for one slot, with progress, current value and reminders."""
    if slot.part is None:
        codes = [s.code for s in form.slots if s.part is None]
        text = turn.t(
            "rep.ask.field",
            n=codes.index(slot.code) + 1,
            total=len(codes),
            label=slot.field.label.get(turn.locale),
            unit=slot.field.unit.get(turn.locale),
        )
    else:
        total = draft.values.get(slot.field.code, 0)
        text = turn.t(
            f"rep.ask.{slot.part}", total=number(total), unit=slot.field.unit.get(turn.locale)
        )
    if slot.code in draft.values:
        text += "\n" + turn.t("rep.ask.current", value=number(draft.values[slot.code]))
    if slot.field.counts_only:
        text += "\n" + turn.t("rep.ask.counts_only")
    return text + "\n" + turn.t("rep.ask.hint")
