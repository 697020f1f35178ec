"""Questions about the Action Month itself, answered from the campaign calendar.

"Tháng hành động vì bình đẳng giới là gì, bắt đầu từ ngày nào?" is the bot's own campaign; the
knowledge base (law) has no entry for it, so it got "not sure". The calendar knows its name,
dates, theme, related days and today's message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from bot.broadcasts.campaigns import Calendar, Entry
from bot.broadcasts.subscription import ask_reply
from bot.core.messages import Reply
from bot.core.turn import Outcome, Turn
from nlu.normalize import fold

MONTH = re.compile(
    r"\b(thang hanh dong(?! vi tre em)|action month|16 ngay hanh dong"
    r"|chien dich (binh dang gioi|thang hanh dong|nam nay))\b"
)
"""The Action Month named (not the children's month in June)."""
ASKED = re.compile(
    r"\b(la gi|khi nao|bao gio|ngay nao|tu ngay|den ngay|chu de|thong diep|khau hieu|y nghia"
    r"|muc dich|bat dau|ket thuc|keo dai|dien ra|nhu the nao|what|when|theme|slogan)\b"
)
"""Words of a question about it."""
YEAR = re.compile(r"\b(20\d\d)\b")
"""A year named: "năm 2025 chủ đề tháng hành động là gì"."""
LAST_YEAR = re.compile(r"\b(nam ngoai|nam truoc|nam roi|last year)\b")
"""Folded words naming last year's month: "chủ đề năm ngoái"."""
ELSEWHERE = re.compile(
    r"\b(bao cao|dang ky|dang ki|nhan (tin|thong bao)|huy|ngung|report|subscribe|stop)\b"
)
"""Reports and subscriptions have their own flows ("báo cáo tháng hành động"); folded, "dung" is
also "đúng" (right), so "dừng" is left to "nhận tin"."""


def asks_about_month(text: str) -> bool:
    """Return whether a message asks what, when or why the Action Month is."""
    folded = fold(text)
    return bool(MONTH.search(folded) and ASKED.search(folded) and not ELSEWHERE.search(folded))


def current(calendars: Sequence[Calendar], today: date) -> Calendar | None:
    """Return this year's calendar, else the latest one begun, else the first to come."""
    this_year = [c for c in calendars if c.year == today.year]
    if this_year:
        return this_year[0]
    begun = [c for c in calendars if c.start <= today]
    if begun:
        return max(begun, key=lambda c: c.start)
    return min(calendars, key=lambda c: c.start, default=None)


def latest_message(calendar: Calendar, now: datetime) -> Entry | None:
    """Return the latest calendar entry with a slogan whose time has come."""
    sent = [e for e in calendar.due(now) if e.slogans]
    return max(sent, key=lambda e: e.send_at) if sent else None


class MonthAnswer:
    """Answers questions about the Action Month from the calendars."""

    def __init__(self, calendars: Sequence[Calendar]) -> None:
        self.calendars = tuple(calendars)

    def answer(self, turn: Turn) -> Outcome:
        """Say the month's name, dates and status, theme, related days and latest message."""
        calendar = current(self.calendars, turn.now.date())
        if calendar is None:
            return turn.reply(turn.say("bc.month.unknown"))
        if (past := _past_theme(calendar, turn.text)) is not None:  # "năm 2025 chủ đề là gì"
            year, theme = past
            reply = Reply(turn.t("bc.month.past_theme", year=year, theme=theme))
            return Outcome((reply,), intent="campaign", confidence=1.0)
        lines = [self._dates(turn, calendar), self._theme(turn, calendar)]
        lines += [
            turn.t("bc.month.day", name=_dated(day.name, day.start, day.end))
            for day in calendar.related.values()
            if (day.start, day.end) != (calendar.start, calendar.end)
        ]
        entry = latest_message(calendar, turn.now)
        if entry is not None:
            when = _day(entry.send_at.date())
            lines.append(turn.t("bc.month.message", when=when, slogan=entry.slogans[0]))
        lines.append(turn.t("bc.month.ask_me"))
        offer = ask_reply(turn)
        replies = (Reply("\n".join(lines)),) + ((offer,) if offer is not None else ())
        return Outcome(replies, intent="campaign", confidence=1.0)

    def _dates(self, turn: Turn, calendar: Calendar) -> str:
        today = turn.now.date()
        state = "soon" if today < calendar.start else "over" if today > calendar.end else "now"
        status = turn.t(f"bc.month.{state}")
        span = f"{calendar.start:%d/%m}–{calendar.end:%d/%m/%Y}"
        return turn.t("bc.month.dates", name=calendar.name, span=span, status=status)

    def _theme(self, turn: Turn, calendar: Calendar) -> str:
        if calendar.theme:
            return turn.t("bc.month.theme", theme=calendar.theme)
        return turn.t("bc.month.no_theme", year=calendar.year)


def _past_theme(calendar: Calendar, text: str) -> tuple[int, str] | None:
    """Return the year an earlier Action Month is asked of and its theme, if the calendar has it."""
    named = {int(y) for y in YEAR.findall(text)} - {calendar.year}
    if LAST_YEAR.search(fold(text)):
        named.add(calendar.year - 1)
    known = dict(calendar.past_themes)
    return next(((y, known[y]) for y in sorted(named) if y in known), None)


def _day(day: date) -> str:
    """Return "6/12" (as dates are written in the calendar's names)."""
    return f"{day.day}/{day.month}"


def _dated(name: str, start: date, end: date) -> str:
    """Return the name of a day, after its date unless the name already says it."""
    when = _day(start) if start == end else f"{_day(start)}–{_day(end)}"
    return name if _day(start) in name else f"{when}: {name}"
