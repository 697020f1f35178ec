"""Officer reports by message: /baocao (guided), one-line "bc ...", /sua; see reports.mmd.

Also registers the features that share the report forms: registration (/dangky, /moi),
roll-ups (/tonghop, /xuat) and the reminder job.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from bot.core.app import App
from bot.core.problems import Problem
from bot.core.records import STAFF, Role
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.reports import registration
from bot.reports import summary as rollups
from bot.reports.aside import asks_aside
from bot.reports.context import Reporting
from bot.reports.draft import Draft, Mode
from bot.reports.flow import (
    answer,
    back,
    begin,
    edit,
    field_text,
    offer_forms,
    pick_form,
    pick_period,
    suggested,
)
from bot.reports.formfiles import load_forms
from bot.reports.line import place
from bot.reports.parse import is_report_line, split_header
from bot.reports.prompt import (
    Step,
    confirm_prompt,
    edit_prompt,
    field_prompt,
    forms_prompt,
    periods_prompt,
    unknown_prompt,
)
from bot.reports.reminders import queue_reminders
from bot.reports.save import amend, amend_choice, save

Action = Callable[[Reporting, Turn, Draft, str], Outcome]
ACTIONS: dict[str, tuple[Step, Action]] = {
    "f": (Step.FORM, lambda r, t, d, a: pick_form(r, t, d, a)),
    "p": (Step.PERIOD, lambda r, t, d, a: pick_period(r, t, d, a)),
    "zero": (Step.FIELD, lambda r, t, d, a: answer(r, t, d, 0)),
    "skip": (Step.FIELD, lambda r, t, d, a: answer(r, t, d, None)),
    "v": (Step.FIELD, suggested),
    "back": (Step.FIELD, lambda r, t, d, a: back(r, t, d)),
    "done": (Step.FIELD, lambda r, t, d, a: confirm_prompt(r, t, d)),
    "u": (Step.UNKNOWN, place),
    "save": (Step.CONFIRM, lambda r, t, d, a: save(r, t, d)),
    "replace": (Step.CONFIRM, lambda r, t, d, a: save(r, t, d)),
    "add": (Step.CONFIRM, lambda r, t, d, a: save(r, t, d, adding=True)),
    "edit": (Step.CONFIRM, lambda r, t, d, a: edit_prompt(r, t, d)),
    "e": (Step.EDIT, edit),
    "sum": (Step.EDIT, lambda r, t, d, a: confirm_prompt(r, t, d)),
}
"""Button actions (``rep:<action>[:<arg>]``) and the step each one belongs to."""


def check(directory: Path, today: date) -> list[Problem]:
    """Validate the report forms under ``directory/reports``."""
    return load_forms(directory)[1]


def _argument(turn: Turn) -> str:
    parts = turn.text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def _step(turn: Turn) -> Step | None:
    try:
        return Step(turn.session.state)
    except ValueError:
        return None


def line_start(rep: Reporting, turn: Turn, text: str) -> Outcome:
    """Start a one-line report an officer sent for their commune."""
    try:
        unit = rep.reporting_unit(turn.user, None)
    except LookupError as err:
        return turn.end(turn.say(str(err.args[0])))
    form, body = split_header(text, rep.forms)
    draft = Draft(unit=unit, mode=Mode.LINE, text=body)
    if form is None:
        return offer_forms(rep, turn, draft, turn.say("rep.line.which_form"))
    return pick_form(rep, turn, draft, form.id)


def reprompt(
    rep: Reporting, turn: Turn, draft: Draft, step: Step, key: str = "rep.err.choose"
) -> Outcome:
    """Show the current step again after an answer that fits none of its choices."""
    note = turn.say(key)
    if step == Step.FIELD:
        return field_prompt(rep, turn, draft, note)
    if step == Step.FORM:
        return forms_prompt(rep, turn, draft, note)
    if step == Step.PERIOD:
        form = rep.forms.get(draft.form)
        periods = form.open_periods(rep.today(turn.now)) if form else []
        return periods_prompt(turn, draft, periods) if periods else turn.end(note)
    if step == Step.UNKNOWN:
        return unknown_prompt(rep, turn, draft, note)
    if step == Step.EDIT:
        return edit_prompt(rep, turn, draft)
    if step == Step.PICK:
        return amend_choice(rep, turn, draft.unit)
    return confirm_prompt(rep, turn, draft, note)


class Reports:
    """The report handlers, sharing one Reporting."""

    def __init__(self, rep: Reporting) -> None:
        self.rep = rep

    def start(self, turn: Turn) -> Outcome:
        """Menu button "Báo cáo (cán bộ)", ``/baocao [commune]`` and the ``report`` intent."""
        arg = _argument(turn) if turn.text.startswith("/") else ""
        if arg and not arg.isdigit():
            return line_start(self.rep, turn, f"bc {arg}")
        if not turn.text.startswith("/") and is_report_line(turn.text):
            return line_start(self.rep, turn, turn.text)
        return begin(self.rep, turn, arg or None)

    def line(self, turn: Turn) -> Outcome:
        """``/bc ...`` or a message starting "bc ..." / "báo cáo ...": a one-line report."""
        if not _argument(turn) and turn.text.startswith("/"):
            return begin(self.rep, turn, None)
        return line_start(self.rep, turn, turn.text)

    def for_officers(self, turn: Turn) -> Outcome:
        """A citizen's one-line report ("bc tháng hành động: 3 buổi …"): how to register first."""
        return turn.reply(turn.say("core.report_staff_only"))

    def amend(self, turn: Turn) -> Outcome:
        """``/sua [BC-number]``: amend a saved report until its lock date."""
        arg = _argument(turn)
        if arg:
            return amend(self.rep, turn, arg)
        if turn.user.role != Role.OFFICER or not turn.user.unit:
            return turn.end(turn.say("rep.amend.need_ref"))
        return amend_choice(self.rep, turn, turn.user.unit)

    def button(self, turn: Turn) -> Outcome:
        """Every ``rep:`` button; citizens only ever get the "for officers" answer."""
        payload = turn.incoming.button or ""
        if not turn.user.is_staff:
            key = "core.report_staff_only" if payload == "rep:start" else "core.button_unknown"
            return turn.reply(turn.say(key))
        action, _, arg = payload.removeprefix("rep:").partition(":")
        if action == "start":
            return begin(self.rep, turn, None)
        if action == "cancel":
            return turn.end(turn.say("rep.cancelled"))
        if action == "r":
            return amend(self.rep, turn, arg)
        return self._in_step(turn, action, arg)

    def _in_step(self, turn: Turn, action: str, arg: str) -> Outcome:
        step, draft = _step(turn), Draft.from_data(turn.session.data)
        expected = ACTIONS.get(action)
        if expected is None or draft is None or expected[0] != step:
            return turn.reply(turn.say("rep.err.stale"))
        try:
            return expected[1](self.rep, turn, draft, arg)
        except LookupError:
            return turn.end(turn.say("rep.err.stale"))

    def text(self, turn: Turn) -> Outcome:
        """Free text while in the report flow."""
        step, draft = _step(turn), Draft.from_data(turn.session.data)
        if step is None or draft is None:
            return turn.end(turn.say("rep.err.stale"))
        if turn.cancels():
            return turn.end(turn.say("rep.cancelled"))
        try:
            if asks_aside(turn.text):
                return turn.aside(*reprompt(self.rep, turn, draft, step, "rep.aside").replies)
            payload = field_text(self.rep, turn, draft) if step == Step.FIELD else turn.choice()
            if isinstance(payload, Outcome):
                return payload
            if payload is None and step == Step.PICK and any(c.isdigit() for c in turn.text):
                payload = f"rep:r:{turn.text}"
            if payload is None and step == Step.FORM:
                payload = _named_form(self.rep, turn.text)
            if payload is not None and not payload.startswith("rep:"):  # an answer's option
                return turn.aside(*reprompt(self.rep, turn, draft, step, "rep.aside").replies)
            if payload is None:
                return reprompt(self.rep, turn, draft, step)
        except LookupError:
            return turn.end(turn.say("rep.err.stale"))
        return self.button(replace(turn, incoming=replace(turn.incoming, button=payload)))


def names_a_form(rep: Reporting, text: str) -> bool:
    """Return whether text is a one-line report that names a form ("bc tháng hành động: 3 …")."""
    return is_report_line(text) and _named_form(rep, text) is not None


def _named_form(rep: Reporting, text: str) -> str | None:
    """Return the payload of the form a typed answer names ("báo cáo tháng hành động")."""
    form, _ = split_header(text, rep.forms)
    return f"rep:f:{form.id}" if form is not None else None


def register(router: Router, app: App) -> None:
    """Register report commands, buttons, the flow, the ``report`` intent and the reminder job."""
    rep = Reporting.build(app)
    reports = Reports(rep)
    router.command("baocao", reports.start, roles=STAFF, help_key="rep.help.baocao")
    router.command("bc", reports.line, roles=STAFF)
    router.command("sua", reports.amend, roles=STAFF, help_key="rep.help.sua")
    router.button("rep", reports.button)
    router.state("rep", reports.text, roles=STAFF)
    router.intent("report", reports.start, roles=STAFF)
    claim = getattr(router, "text", None)
    if callable(claim):
        claim(is_report_line, reports.line, roles=STAFF)
        claim(functools.partial(names_a_form, rep), reports.for_officers)
    registration.register(router, app, rep)
    rollups.register(router, app, rep)

    async def reminders(now: datetime) -> None:
        queue_reminders(rep, now)

    router.job("reports.reminders", 300, reminders)
