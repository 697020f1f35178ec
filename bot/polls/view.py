"""How polls and results read in chat and in broadcasts (texts only; buttons are built here too)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.i18n import Strings
from bot.core.messages import Button
from bot.polls.records import Kind, Poll, text_for
from bot.polls.summary import Line, PollResults, Table

ANSWER = "poll"
"""Button prefix of poll answers: ``poll:<id>:<option>``, ``poll:<id>:type``, ``poll:show:<id>``."""


def local(moment: datetime, zone: str) -> str:
    """Return a moment as local ``HH:MM dd/mm/yyyy``."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%H:%M %d/%m/%Y")


def poll_buttons(poll: Poll, strings: Strings, locale: str) -> tuple[Button, ...]:
    """Return a poll's answer buttons: its options, or one "Answer" for typed answers."""
    if poll.kind != Kind.CHOICE:
        return (Button(strings.get("poll.button.answer", locale), f"{ANSWER}:{poll.id}:type"),)
    return tuple(
        Button(text_for(option, locale), f"{ANSWER}:{poll.id}:{number}")
        for number, option in enumerate(poll.options, start=1)
    )


def broadcast_text(poll: Poll, strings: Strings, locale: str, zone: str) -> str:
    """Return a poll as a broadcast: a lock-screen-safe first line, the question, a hint."""
    hint = "poll.bc.hint" if poll.kind == Kind.CHOICE else "poll.bc.hint_typed"
    return "\n".join(
        (
            strings.get("poll.bc.heading", locale),
            text_for(poll.question, locale),
            strings.get(hint, locale, closes=local(poll.closes_at, zone)),
        )
    )


def answer_label(poll: Poll, option: int | None, value: str, locale: str) -> str:
    """Return an answer as the person sees it: the option's label, or what they typed."""
    return poll.option(option, locale) if option is not None and poll.options else value


def _overall(found: PollResults, strings: Strings) -> list[str]:
    labels = _columns(found)
    lines = []
    rows = zip(labels, found.overall.cells, found.overall.shares, strict=True)
    for number, (label, cell, part) in enumerate(rows, start=1):
        lines.append(f"{number}. {label}: {cell}" + (f" ({part})" if part else ""))
    people = strings.get("poll.results.people", found.locale, count=found.overall.total)
    if found.median:
        values = {"median": found.median, "mean": found.mean}
        return [people, strings.get("poll.results.stats", found.locale, **values)]
    return [*lines, people] if found.poll.kind == Kind.CHOICE else [people]


def _columns(found: PollResults) -> tuple[str, ...]:
    return found.tables[0].columns if found.tables else ()


def _row(line: Line, table: Table, strings: Strings, locale: str) -> str:
    if len(table.columns) == 1:
        return f"• {line.label}: {line.total}"
    parts = " · ".join(f"({number}) {n}" for number, n in enumerate(line.cells, start=1))
    total = strings.get("poll.results.total", locale)
    return f"• {line.label}: {parts} ({total.lower()} {line.total})"


def results_text(found: PollResults, strings: Strings, now: datetime, zone: str) -> str:
    """Return results as one chat message: overall, then by sex, age band and province."""
    poll, locale = found.poll, found.locale
    status = "poll.results.closed" if poll.has_closed(now) else "poll.results.open"
    blocks = [
        strings.get("poll.results.title", locale, question=found.question),
        strings.get(status, locale, closes=local(poll.closes_at, zone)),
        "\n".join(_overall(found, strings)),
    ]
    for table in found.tables:
        rows = [_row(line, table, strings, locale) for line in table.rows]
        blocks.append("\n".join([table.title + ":", *rows]))
    blocks.append(strings.get("poll.results.note", locale))
    return "\n\n".join(blocks)
