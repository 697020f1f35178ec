"""Turning due calendar entries into broadcasts, exactly once per entry (unique key)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.broadcasts.campaigns import Calendar, Entry
from bot.broadcasts.quiet import QuietHours
from bot.broadcasts.records import Status
from bot.broadcasts.repository import Broadcasts

CALENDAR_ACTOR = "calendar"
KEY_PREFIX = "campaign:"
MISSED_NOTE = "missed: the bot was not running on the day, before quiet hours"


def missed(entry: Entry, now: datetime, quiet: QuietHours) -> bool:
    """Return whether it is too late to send ``entry`` (another day, or quiet hours already)."""
    local_now = now.astimezone(entry.send_at.tzinfo)
    return local_now.date() != entry.send_at.date() or quiet.is_quiet(now)


def plan(
    calendars: Sequence[Calendar], broadcasts: Broadcasts, quiet: QuietHours, now: datetime
) -> list[int]:
    """Create a broadcast for each due entry not planned before; return the scheduled ids.

    An entry found too late is recorded as cancelled with a note, so it is never sent.
    """
    planned = broadcasts.keys(KEY_PREFIX)
    due = [e for calendar in calendars for e in calendar.due(now) if e.key not in planned]
    scheduled = []
    for entry in due:
        late = missed(entry, now, quiet)
        ident = _create(broadcasts, entry, now, late)
        if ident is not None and not late:
            scheduled.append(ident)
    return scheduled


def _create(broadcasts: Broadcasts, entry: Entry, now: datetime, late: bool) -> int | None:
    return broadcasts.create(
        entry.texts,
        entry.audience,
        CALENDAR_ACTOR,
        now,
        status=Status.CANCELLED if late else Status.SCHEDULED,
        send_at=entry.send_at,
        key=entry.key,
        image=entry.image,
        note=MISSED_NOTE if late else "",
    )
