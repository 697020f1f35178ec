"""One-line reports in chat: parse, ask about what was not understood, then confirm."""

from __future__ import annotations

from bot.core.messages import Reply
from bot.core.turn import Outcome, Turn
from bot.reports.context import Reporting
from bot.reports.draft import Draft, next_slot
from bot.reports.parse import LineParse, parse_body
from bot.reports.prompt import confirm_prompt, field_prompt, lookup, unknown_prompt
from bot.reports.rules import value_issue
from bot.reports.view import issue_text, number, slot_label


def _invalid_notes(rep: Reporting, turn: Turn, draft: Draft, parsed: LineParse) -> list[Reply]:
    form, _ = lookup(rep, draft)
    notes = []
    for code, key, typed in parsed.invalid:
        slot = form.slot(code)
        label = slot_label(turn, slot) if slot is not None else ""
        limits = {"max": number(slot.max), "min": number(slot.min)} if slot else {}
        reason = turn.t(key, label=label, value=typed, **limits)
        notes.append(
            turn.say(
                "rep.line.invalid" if slot else "rep.line.dropped",
                label=label,
                value=typed,
                reason=reason,
            )
        )
    return notes


def line_continue(rep: Reporting, turn: Turn, draft: Draft) -> Outcome:
    """Parse the one-line report now that its form and period are known."""
    form, period = lookup(rep, draft)
    parsed = parse_body(form, draft.text)
    draft.text = ""
    if not (parsed.values or parsed.unknown or parsed.invalid):
        return turn.end(turn.say("rep.line.nothing"))
    draft.values, draft.pending = parsed.values, list(parsed.unknown)
    existing = rep.reports.get(form.id, period.id, draft.unit)
    if existing is not None:
        draft.ref, draft.base = existing.ref, dict(existing.values)
    draft.queue = [code for code, _, _ in parsed.invalid if code]
    if existing is None:
        draft.queue += [
            s.code
            for s in form.slots
            if s.part is None and s.field.required and s.code not in draft.values
        ]
    return line_next(rep, turn, draft, *_invalid_notes(rep, turn, draft, parsed))


def line_next(rep: Reporting, turn: Turn, draft: Draft, *notes: Reply) -> Outcome:
    """Ask about the next unplaced number or missing value, else show the summary."""
    if draft.pending:
        return unknown_prompt(rep, turn, draft, *notes)
    form, _ = lookup(rep, draft)
    code = next_slot(form, draft)
    if code is not None:
        draft.current = code
        return field_prompt(rep, turn, draft, *notes)
    return confirm_prompt(rep, turn, draft, *notes)


def place(rep: Reporting, turn: Turn, draft: Draft, code: str) -> Outcome:
    """Put the first unplaced number into field ``code`` ("-": leave it out)."""
    form, _ = lookup(rep, draft)
    if not draft.pending:
        return turn.reply(turn.say("rep.err.stale"))
    value, _ = draft.pending[0]
    slot = form.slot(code)
    if code != "-" and slot is None:
        return turn.reply(turn.say("rep.err.stale"))
    if slot is not None:
        total = draft.values.get(slot.code, 0) + value
        issue = value_issue(slot, total)
        if issue is not None:
            note = turn.say("rep.err.value", text=issue_text(turn, form, issue))
            return unknown_prompt(rep, turn, draft, note)
        draft.values[slot.code] = total
    draft.pending.pop(0)
    return line_next(rep, turn, draft)
