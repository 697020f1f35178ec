"""The guided report flow: form, period, one question per field, edits (see reports.mmd)."""

from __future__ import annotations

from bot.core.messages import Reply
from bot.core.turn import Outcome, Turn
from bot.reports.context import Reporting
from bot.reports.draft import Draft, Mode, next_slot, parts_of, set_value
from bot.reports.forms import Form, Slot
from bot.reports.line import line_continue
from bot.reports.numbers import DIGITS, NumberProblem, parse_count, sex_split
from bot.reports.prompt import (
    confirm_prompt,
    field_prompt,
    forms_prompt,
    lookup,
    periods_prompt,
)
from bot.reports.rules import Issue, rule_issues, value_issue
from bot.reports.store import display_ref
from bot.reports.view import day, issue_text
from nlu.normalize import fold

ZERO_WORDS = {"khong", "ko", "k", "khong co", "none", "no"}
WORDS = {
    "xong": "rep:done",
    "tom tat": "rep:done",
    "xem tom tat": "rep:done",
    "bo qua": "rep:skip",
    "quay lai": "rep:back",
    "lui": "rep:back",
}
"""Typed words for the field buttons (digits are always values there, never option numbers)."""


def begin(rep: Reporting, turn: Turn, unit_code: str | None) -> Outcome:
    """Start ``/baocao [commune]``: check the unit, then offer the forms."""
    try:
        unit = rep.reporting_unit(turn.user, unit_code)
    except LookupError as err:
        return turn.end(turn.say(str(err.args[0])))
    draft = Draft(unit=unit, guided=True)
    return offer_forms(rep, turn, draft)


def offer_forms(rep: Reporting, turn: Turn, draft: Draft, *notes: Reply) -> Outcome:
    """Offer the forms, or go on with the only one."""
    forms = rep.forms_for_today(rep.today(turn.now))
    if len(forms) == 1:
        return pick_form(rep, turn, draft, forms[0].id)
    return forms_prompt(rep, turn, draft, *notes)


def pick_form(rep: Reporting, turn: Turn, draft: Draft, ident: str) -> Outcome:
    """Take the chosen form; offer its open periods (or go on with the only one)."""
    form = rep.forms.get(ident)
    if form is None:
        return turn.reply(turn.say("rep.err.stale"))
    draft.form = form.id
    periods = form.open_periods(rep.today(turn.now))
    if not periods:
        return turn.end(turn.say("rep.err.no_open_period", form=form.short.get(turn.locale)))
    if len(periods) == 1:
        return pick_period(rep, turn, draft, periods[0].id)
    return periods_prompt(turn, draft, periods)


def pick_period(rep: Reporting, turn: Turn, draft: Draft, ident: str) -> Outcome:
    """Take the chosen period if it is open; then ask the fields (or go on with one line)."""
    form = rep.forms.get(draft.form)
    period = form.period_by_id(ident) if form else None
    today = rep.today(turn.now)
    if form is None or period is None:
        return turn.reply(turn.say("rep.err.bad_period"))
    if period.locked(today):
        return turn.end(turn.say("rep.err.locked", lock=day(period.lock)))
    if not period.started(today):
        return turn.end(turn.say("rep.err.not_started", start=day(period.start)))
    draft.period = period.id
    if draft.mode == Mode.LINE and draft.text.strip():
        return line_continue(rep, turn, draft)
    draft.mode, draft.guided = Mode.NEW, True
    existing = rep.reports.get(form.id, period.id, draft.unit)
    if existing is not None:
        amend = turn.button("rep.btn.amend", f"rep:r:{existing.ref}")
        return turn.end(turn.say("rep.already", amend, ref=display_ref(existing.ref)))
    return ask_next(rep, turn, draft)


def ask_next(rep: Reporting, turn: Turn, draft: Draft, *notes: Reply) -> Outcome:
    """Ask the next field, or show the summary when none is left."""
    form, _ = lookup(rep, draft)
    code = next_slot(form, draft)
    if code is None:
        return confirm_prompt(rep, turn, draft, *notes)
    draft.current = code
    return field_prompt(rep, turn, draft, *notes)


def _again(rep: Reporting, turn: Turn, draft: Draft, key: str, **values: object) -> Outcome:
    return field_prompt(rep, turn, draft, turn.say(key, **values))


def answer(rep: Reporting, turn: Turn, draft: Draft, value: int | None) -> Outcome:
    """Take a value (None: skip) for the current field, check it, and move on."""
    form, _ = lookup(rep, draft)
    slot = form.slot(draft.current)
    if slot is None:
        return turn.reply(turn.say("rep.err.stale"))
    if value is None:
        if slot.field.required and slot.part is None and slot.code not in draft.values:
            return _again(rep, turn, draft, "rep.err.required")
        draft.asked.append(slot.code)
        return ask_next(rep, turn, draft)
    issue = _apply(form, draft, slot, value)
    if issue is not None:
        return _again(rep, turn, draft, "rep.err.value", text=issue_text(turn, form, issue))
    draft.asked.append(slot.code)
    return ask_next(rep, turn, draft)


def _apply(form: Form, draft: Draft, slot: Slot, value: int) -> Issue | None:
    """Set a value unless it breaks its range or a rule it takes part in (then keep the old)."""
    issue = value_issue(slot, value)
    if issue is not None:
        return issue
    before = dict(draft.values)
    if draft.values.get(slot.code) != value:
        for part in parts_of(form, slot.code):
            draft.values.pop(part, None)
    set_value(form, draft, slot.code, value)
    clash = [i for i in rule_issues(form, draft.values) if slot.code in i.slots]
    if clash:
        draft.values = before
        return clash[0]
    return None


def back(rep: Reporting, turn: Turn, draft: Draft) -> Outcome:
    """Go back to the previous question."""
    if not draft.asked:
        return _again(rep, turn, draft, "rep.err.first")
    if not draft.guided:
        draft.queue.insert(0, draft.current)
    draft.current = draft.asked.pop()
    return field_prompt(rep, turn, draft)


def field_text(rep: Reporting, turn: Turn, draft: Draft) -> Outcome | str:
    """Read a typed answer: a number, or the words of a button (returned as its payload)."""
    folded = fold(turn.text).strip(" .!")
    if folded in ZERO_WORDS:
        return answer(rep, turn, draft, 0)
    if folded in WORDS:
        return WORDS[folded]
    if not DIGITS.search(turn.text):
        payload = turn.choice()
        if payload is not None:
            return payload
    split = _split_answer(rep, turn, draft)
    if split is not None:
        return split
    value = parse_count(turn.text)
    if isinstance(value, NumberProblem):
        return _again(rep, turn, draft, f"rep.num.{value}")
    return answer(rep, turn, draft, value)


def _split_answer(rep: Reporting, turn: Turn, draft: Draft) -> Outcome | None:
    """Take "150 người, 90 nữ 60 nam" for a field asked with its women and men at once."""
    form, _ = lookup(rep, draft)
    parts, slot = parts_of(form, draft.current), form.slot(draft.current)
    found = sex_split(turn.text) if parts and slot is not None else None
    if found is None or slot is None:
        return None
    total, women, men = found
    before = dict(draft.values)
    issue = _apply(form, draft, slot, women + men if total is None else total)
    for code, value in zip(parts, (women, men), strict=True):
        draft.values[code] = value
    clash = issue or next(
        (i for i in rule_issues(form, draft.values) if slot.code in i.slots), None
    )
    if clash is not None:
        draft.values = before
        return _again(rep, turn, draft, "rep.err.value", text=issue_text(turn, form, clash))
    draft.asked.append(slot.code)
    draft.current = parts[-1]  # the women and men are answered: go on after them
    return ask_next(rep, turn, draft)


def edit(rep: Reporting, turn: Turn, draft: Draft, code: str) -> Outcome:
    """Ask one field again (and its parts), then return to the summary."""
    form, _ = lookup(rep, draft)
    slot = form.slot(code)
    if slot is None or slot.part is not None:
        return turn.reply(turn.say("rep.err.stale"))
    draft.guided, draft.queue, draft.asked, draft.current = False, [], [], code
    return field_prompt(rep, turn, draft)


def suggested(rep: Reporting, turn: Turn, draft: Draft, arg: str) -> Outcome:
    """Take a value offered on a button (checked like a typed one)."""
    if not arg.isdigit():
        return turn.reply(turn.say("rep.err.stale"))
    return answer(rep, turn, draft, int(arg))
