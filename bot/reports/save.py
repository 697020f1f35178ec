"""Saving a confirmed report (all or nothing, audited, with a receipt) and starting amendments."""

from __future__ import annotations

from bot.core.messages import Button, Reply
from bot.core.turn import Outcome, Turn
from bot.reports.context import Reporting
from bot.reports.draft import Draft, Mode, final_values
from bot.reports.forms import Form
from bot.reports.periods import Period
from bot.reports.prompt import Step, cancel_button, confirm_prompt, lookup
from bot.reports.rules import rule_issues
from bot.reports.store import Action, StoredReport, display_ref
from bot.reports.view import day, issue_text, report_name, unit_name


def _changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(
        code for code in before.keys() | after.keys() if before.get(code) != after.get(code)
    )


def _receipt(rep: Reporting, turn: Turn, saved: StoredReport, form: Form, period: Period) -> Reply:
    local = saved.updated_at.astimezone(rep.zone)
    key = "rep.saved" if saved.version == 1 else "rep.saved_version"
    text = turn.t(
        key,
        report=report_name(turn.t, turn.locale, form, period),
        unit=unit_name(rep.units, saved.unit),
        ref=display_ref(saved.ref),
        version=saved.version,
        time=local.strftime("%H:%M %d/%m/%Y"),
        lock=day(period.lock),
        to=form.sends_to.get(turn.locale),
    )
    if rep.today(turn.now) > period.due and saved.version == 1:
        text += "\n" + turn.t("rep.saved_late", due=day(period.due))
    return Reply(text)


def _refusal(rep: Reporting, turn: Turn, draft: Draft, period: Period) -> Outcome | None:
    if period.locked(rep.today(turn.now)):
        return turn.end(turn.say("rep.err.locked", lock=day(period.lock)))
    try:
        rep.reporting_unit(turn.user, draft.unit)
    except LookupError as err:
        return turn.end(turn.say(str(err.args[0])))
    existing = rep.reports.get(draft.form, draft.period, draft.unit)
    current, values = (existing.ref, existing.values) if existing else ("", {})
    if current == draft.ref and values == draft.base:
        return None
    if draft.mode == Mode.LINE:
        draft.ref, draft.base = current, dict(values)
        return confirm_prompt(rep, turn, draft, turn.say("rep.err.changed_line"))
    return turn.end(turn.say("rep.err.changed"))


def save(rep: Reporting, turn: Turn, draft: Draft, adding: bool = False) -> Outcome:
    """Save the confirmed draft as a new report or a new version; nothing is saved on error."""
    form, period = lookup(rep, draft)
    refused = _refusal(rep, turn, draft, period)
    if refused is not None:
        return refused
    values = final_values(form, draft, adding)
    issues = rule_issues(form, values)
    if issues or not values or (draft.mode == Mode.AMEND and values == draft.base):
        notes = [turn.say("rep.summary.issue", text=issue_text(turn, form, i)) for i in issues]
        return confirm_prompt(rep, turn, draft, *notes)
    before = dict(draft.base)
    with rep.app.db.atomic():
        key = (form.id, period.id, draft.unit)
        saved, action = rep.reports.save(key, values, turn.user.urn, turn.now, adding)
        detail = {
            "ref": saved.ref,
            "form": form.id,
            "period": period.id,
            "unit": draft.unit,
            "version": saved.version,
            "changed": _changed(before, values),
        }
        rep.app.store.audit(turn.user.urn, f"report.{action}", detail, turn.now)
    return turn.end(_receipt(rep, turn, saved, form, period))


def amend(rep: Reporting, turn: Turn, ref: str) -> Outcome:
    """Open a saved report for amendment, if the user's unit owns it and it is not locked."""
    report = rep.reports.by_ref(ref)
    if report is None:
        return turn.end(turn.say("rep.err.no_report"))
    try:
        rep.reporting_unit(turn.user, report.unit)
    except LookupError:
        return turn.end(turn.say("rep.err.other_unit"))
    form = rep.forms.get(report.form)
    period = form.period_by_id(report.period) if form else None
    if form is None or period is None:
        return turn.end(turn.say("rep.err.no_report"))
    if period.locked(rep.today(turn.now)):
        return turn.end(turn.say("rep.err.locked", lock=day(period.lock)))
    values = dict(report.values)
    draft = Draft(
        report.unit, form.id, period.id, Mode.AMEND, values, ref=report.ref, base=dict(values)
    )
    return confirm_prompt(rep, turn, draft)


def amend_choice(rep: Reporting, turn: Turn, unit: str) -> Outcome:
    """``/sua``: open the unit's only amendable report, or offer the choice."""
    today = rep.today(turn.now)
    open_reports = []
    for report in rep.reports.for_unit(unit):
        form = rep.forms.get(report.form)
        period = form.period_by_id(report.period) if form else None
        if form is not None and period is not None and not period.locked(today):
            open_reports.append((report, form, period))
    if not open_reports:
        return turn.end(turn.say("rep.amend.none"))
    if len(open_reports) == 1:
        return amend(rep, turn, open_reports[0][0].ref)
    buttons = [
        Button(
            f"{report_name(turn.t, turn.locale, f, p)} ({display_ref(r.ref)})",
            f"rep:r:{r.ref}",
        )
        for r, f, p in open_reports
    ]
    reply = Reply(turn.t("rep.amend.choose"), (*buttons, cancel_button(turn)))
    return turn.goto(Step.PICK, Draft(unit).to_data(), reply)


__all__ = ["Action", "amend", "amend_choice", "save"]
