"""Creating a poll outside content files (the CLI, the dashboard): checked like a content file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.core.app import App
from bot.core.yamlfile import LineDict, LineList
from bot.polls.definitions import parse_poll
from bot.polls.delivery import schedule
from bot.polls.fields import Reader
from bot.polls.repository import Polls


def mapping(**values: object) -> LineDict:
    """Return plain values as a mapping the content readers accept (no file lines)."""
    data = LineDict(values)
    data.line, data.key_lines = 0, {}
    return data


def listing(items: list[str]) -> LineList:
    """Return plain items as a list the content readers accept (no file lines)."""
    data = LineList(items)
    data.line, data.item_lines = 0, [0] * len(items)
    return data


@dataclass(frozen=True)
class Created:
    """The outcome: the new poll's and its broadcast's ids, or what was wrong."""

    poll: int | None = None
    broadcast: int | None = None
    problems: tuple[str, ...] = ()


def create_poll(app: App, data: LineDict, actor: str, source: str) -> Created:
    """Check ``data`` like a content file, store the poll and schedule its broadcast."""
    reader = Reader(source)
    poll = parse_poll(reader, data, ZoneInfo(app.settings.timezone))
    if poll is None:
        return Created(problems=tuple(p.message for p in reader.problems))
    now = app.now()
    ident = Polls(app.db).add(replace(poll, created_by=actor), now)
    stored = Polls(app.db).get(ident) if ident is not None else None
    if stored is None:
        return Created(problems=(f"a poll with key {poll.key!r} exists already",))
    broadcast = schedule(app, stored, now)
    app.store.audit(actor, "poll.create", {"poll": stored.id}, now)
    return Created(stored.id, broadcast)
