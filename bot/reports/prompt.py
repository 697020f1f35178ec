"""What the bot shows at each step of the report flow (see bot/reports/chat.mmd)."""

from __future__ import annotations

from enum import StrEnum

from bot.core.messages import Button, Reply
from bot.core.turn import Outcome, Turn
from bot.reports.context import Reporting
from bot.reports.draft import Draft, Mode, final_values
from bot.reports.forms import Form
from bot.reports.periods import Period
from bot.reports.rules import growth_issues, rule_issues
from bot.reports.store import display_ref
from bot.reports.view import (
    day,
    heading,
    issue_text,
    number,
    period_label,
    question,
    report_name,
    value_lines,
)
from nlu.normalize import fold

MAX_CHOICES = 6
"""Fields suggested for a number the one-line parser could not place."""


class Step(StrEnum):
    """States of the report flow, persisted in the session as ``rep:<step>``."""

    FORM = "rep:form"
    PERIOD = "rep:period"
    FIELD = "rep:field"
    UNKNOWN = "rep:unknown"
    CONFIRM = "rep:confirm"
    EDIT = "rep:edit"
    PICK = "rep:pick"


def lookup(rep: Reporting, draft: Draft) -> tuple[Form, Period]:
    """Return the draft's form and period (raise LookupError if either is gone)."""
    form = rep.forms.get(draft.form)
    period = form.period_by_id(draft.period) if form else None
    if form is None or period is None:
        raise LookupError("rep.err.stale")
    return form, period


def cancel_button(turn: Turn) -> Button:
    """Return the button that abandons the flow."""
    return turn.button("rep.btn.cancel", "rep:cancel")


def forms_prompt(rep: Reporting, turn: Turn, draft: Draft, *notes: Reply) -> Outcome:
    """Offer the forms, with the due date of each open period ("hạn nộp báo cáo là khi nào")."""
    today = rep.today(turn.now)
    forms = rep.forms_for_today(today)
    buttons = [Button(f.short.get(turn.locale), f"rep:f:{f.id}") for f in forms]
    dues = [
        turn.t("rep.due_line", period=report_name(turn.t, turn.locale, f, p), due=day(p.due))
        for f in forms
        for p in f.open_periods(today)
    ]
    text = "\n".join([turn.t("rep.choose_form"), *dues])
    reply = Reply(text, (*buttons, cancel_button(turn)))
    return turn.goto(Step.FORM, draft.to_data(), *notes, reply)


def periods_prompt(turn: Turn, draft: Draft, periods: list[Period]) -> Outcome:
    """Offer the open periods of the chosen form."""
    buttons = [Button(period_label(turn, p), f"rep:p:{p.id}") for p in periods]
    reply = Reply(turn.t("rep.choose_period"), (*buttons, cancel_button(turn)))
    return turn.goto(Step.PERIOD, draft.to_data(), reply)


def field_prompt(rep: Reporting, turn: Turn, draft: Draft, *notes: Reply) -> Outcome:
    """Ask for the value of ``draft.current``."""
    form, _ = lookup(rep, draft)
    slot = form.slot(draft.current)
    if slot is None:
        raise LookupError("rep.err.stale")
    buttons = [turn.button("rep.btn.zero", "rep:zero")]
    total = draft.values.get(slot.field.code, 0)
    rest = total - draft.values.get(f"{slot.field.code}_nu", 0)
    if slot.part == "nam" and 0 < rest <= total:
        buttons.insert(0, turn.button("rep.btn.rest", f"rep:v:{rest}", value=number(rest)))
    if not (slot.field.required and slot.part is None and slot.code not in draft.values):
        buttons.append(turn.button("rep.btn.skip", "rep:skip"))
    if draft.guided:
        buttons.append(turn.button("rep.btn.done", "rep:done"))
    buttons += [turn.button("rep.btn.back", "rep:back"), cancel_button(turn)]
    reply = Reply(question(turn, form, draft, slot), tuple(buttons))
    return turn.goto(Step.FIELD, draft.to_data(), *notes, reply)


def _suggestions(form: Form, words: str) -> list[str]:
    said = set(fold(words).split())
    scored = []
    for spec in form.fields:
        known = set(fold(" ".join([spec.label.vi, *spec.words])).split())
        scored.append((len(said & known), spec.code))
    hits = [code for score, code in sorted(scored, key=lambda s: -s[0]) if score]
    return hits[:MAX_CHOICES] or [spec.code for spec in form.fields]


def unknown_prompt(rep: Reporting, turn: Turn, draft: Draft, *notes: Reply) -> Outcome:
    """Ask which field a number from the one-line report belongs to."""
    form, _ = lookup(rep, draft)
    value, words = draft.pending[0]
    codes = _suggestions(form, words)
    buttons = [
        Button(s.field.short_label(turn.locale), f"rep:u:{s.code}")
        for c in codes
        if (s := form.slot(c)) is not None
    ]
    buttons += [turn.button("rep.btn.ignore", "rep:u:-"), cancel_button(turn)]
    text = turn.t("rep.ask.unknown", words=words, value=number(value))
    return turn.goto(Step.UNKNOWN, draft.to_data(), *notes, Reply(text, tuple(buttons)))


def edit_prompt(rep: Reporting, turn: Turn, draft: Draft) -> Outcome:
    """Offer every field to change, with its current value."""
    form, _ = lookup(rep, draft)
    buttons = []
    for slot in (s for s in form.slots if s.part is None):
        value = draft.values.get(slot.code)
        shown = f" ({number(value)})" if value is not None else ""
        buttons.append(Button(slot.field.short_label(turn.locale) + shown, f"rep:e:{slot.code}"))
    buttons += [turn.button("rep.btn.summary", "rep:sum"), cancel_button(turn)]
    return turn.goto(Step.EDIT, draft.to_data(), Reply(turn.t("rep.choose_field"), tuple(buttons)))


def _summary_text(rep: Reporting, turn: Turn, draft: Draft, form: Form, period: Period) -> str:
    base = draft.base if draft.mode == Mode.AMEND else None
    lines = [heading(turn, form, period, rep.units, draft.unit)]
    if draft.mode == Mode.LINE and draft.ref:
        lines.append(turn.t("rep.summary.existing", ref=display_ref(draft.ref)))
    lines += value_lines(turn, form, draft.values, base) or [turn.t("rep.summary.empty")]
    return "\n".join(lines)


def _save_buttons(turn: Turn, draft: Draft, warned: bool) -> list[Button]:
    if draft.mode == Mode.LINE and draft.ref:
        return [
            turn.button("rep.btn.add", "rep:add"),
            turn.button("rep.btn.replace", "rep:replace"),
        ]
    if draft.mode == Mode.AMEND and draft.values == draft.base:
        return []
    return [turn.button("rep.btn.save_anyway" if warned else "rep.btn.save", "rep:save")]


def confirm_prompt(rep: Reporting, turn: Turn, draft: Draft, *notes: Reply) -> Outcome:
    """Show the summary, its problems and warnings, and ask before saving."""
    form, period = lookup(rep, draft)
    final = final_values(form, draft, adding=True)
    issues = rule_issues(form, final)
    warnings = growth_issues(form, final, rep.previous_values(form, period, draft.unit))
    text = [_summary_text(rep, turn, draft, form, period)]
    text += [turn.t("rep.summary.issue", text=issue_text(turn, form, i)) for i in issues]
    text += [turn.t("rep.summary.warning", text=issue_text(turn, form, i)) for i in warnings]
    can_save = bool(draft.values) and not issues
    buttons = _save_buttons(turn, draft, bool(warnings)) if can_save else []
    ask = "rep.summary.ask" if buttons else "rep.summary.fix"
    text.append(turn.t(ask, to=form.sends_to.get(turn.locale)))
    buttons += [turn.button("rep.btn.edit", "rep:edit"), cancel_button(turn)]
    reply = Reply("\n".join(text), tuple(buttons))
    return turn.goto(Step.CONFIRM, draft.to_data(), *notes, reply)
