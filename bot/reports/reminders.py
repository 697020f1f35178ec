"""Reminders: officers of silent communes before the due date, supervisors on the due date.

Each message is queued with ``store.notify`` under a key naming form, period, unit and person,
so a restart or a second run never sends it twice; the broadcast sender drains the queue.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.core.records import Role, User
from bot.reports.context import Reporting
from bot.reports.forms import Form
from bot.reports.periods import Period
from bot.reports.view import day, report_name

MAX_NAMES = 30
"""Silent communes named in a supervisor's message; the rest are counted."""


def officer_window(rep: Reporting, period: Period, local: datetime) -> bool:
    """Return whether officers are reminded now: from N days before the due date until it ends."""
    settings = rep.app.settings.reports
    due = datetime.combine(period.due, time(settings.reminder_hour), rep.zone)
    start = due - timedelta(days=settings.reminder_days)
    end = datetime.combine(period.due + timedelta(days=1), time(0), rep.zone)
    return period.started(local.date()) and start <= local < end


def supervisor_window(rep: Reporting, period: Period, local: datetime) -> bool:
    """Return whether supervisors get the silent communes now: on the due date, from the hour."""
    due = datetime.combine(period.due, time(rep.app.settings.reports.reminder_hour), rep.zone)
    return due <= local and local.date() == period.due


def _staff(rep: Reporting, role: Role) -> list[User]:
    return [u for u in rep.app.store.users(role=role) if u.unit and not u.stopped]


def _labels(rep: Reporting, form: Form, period: Period, locale: str) -> dict[str, str]:
    strings = rep.app.strings

    def text(key: str, **values: object) -> str:
        return strings.get(key, locale, **values)

    return {"report": report_name(text, locale, form, period), "due": day(period.due)}


def remind_officers(
    rep: Reporting, form: Form, period: Period, now: datetime, done: set[str], tag: str = ""
) -> int:
    """Queue one reminder per officer of each commune that has not reported; return how many.

    ``tag`` extends the once-only key, so a reminder asked for by hand (the dashboard, once a
    day) goes out even when the scheduled one was sent.
    """
    queued = 0
    for user in _staff(rep, Role.OFFICER):
        if user.unit in done or user.unit is None:
            continue
        text = rep.app.strings.get(
            "rep.remind.officer", user.locale, **_labels(rep, form, period, user.locale)
        )
        key = f"remind:{form.id}:{period.id}:{user.unit}:{user.urn}{tag}"
        queued += rep.app.store.notify(user.urn, text, key, now)
    return queued


def _silent_text(rep: Reporting, user: User, form: Form, period: Period, silent: list[str]) -> str:
    strings = rep.app.strings
    names = ", ".join(silent[:MAX_NAMES])
    if len(silent) > MAX_NAMES:
        names += strings.get("rep.more", user.locale, count=len(silent) - MAX_NAMES)
    total = len(rep.units.communes(user.unit or ""))
    labels = _labels(rep, form, period, user.locale)
    return strings.get(
        "rep.remind.supervisor", user.locale, silent=len(silent), total=total, names=names, **labels
    )


def tell_supervisors(
    rep: Reporting, form: Form, period: Period, now: datetime, done: set[str]
) -> int:
    """Queue, for each supervisor, the list of their province's communes that have not reported."""
    queued = 0
    for user in _staff(rep, Role.SUPERVISOR):
        silent = [c.name for c in rep.units.communes(user.unit or "") if c.code not in done]
        if silent:
            text = _silent_text(rep, user, form, period, silent)
            key = f"silent:{form.id}:{period.id}:{user.unit}:{user.urn}"
            queued += rep.app.store.notify(user.urn, text, key, now)
    return queued


def queue_reminders(rep: Reporting, now: datetime) -> int:
    """Queue every reminder due at ``now``; return how many were newly queued."""
    local = now.astimezone(rep.zone)
    queued = 0
    for form in rep.forms.items:
        for period in form.periods(local.date()):
            officers, supervisors = (
                officer_window(rep, period, local),
                supervisor_window(rep, period, local),
            )
            if not (officers or supervisors):
                continue
            done = {r.unit for r in rep.reports.for_period(form.id, period.id)}
            queued += remind_officers(rep, form, period, now, done) if officers else 0
            queued += tell_supervisors(rep, form, period, now, done) if supervisors else 0
    return queued
