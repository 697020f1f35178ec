"""Polls written as content: ``content/polls/*.yml``, validated with ``file:line`` problems."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.problems import Problem
from bot.core.yamlfile import LineDict, LineList, load_yaml
from bot.polls.fields import Reader, audience
from bot.polls.records import MAX_OPTIONS, MIN_OPTIONS, Kind, Poll, Texts

POLL_KEYS = ("key", "question", "kind", "options", "audience", "opens", "closes")
REQUIRED = ("key", "question", "opens", "closes")
QUESTION_MAX = 300
OPTION_MAX = 40
"""An option is a button label: short enough for two to a row on a phone."""


def parse_poll(reader: Reader, data: LineDict, zone: ZoneInfo) -> Poll | None:
    """Return the poll a mapping describes, or None (every problem reported)."""
    if not reader.keys(data, POLL_KEYS, REQUIRED):
        return None
    key, question = reader.key(data), reader.texts(data, "question", QUESTION_MAX)
    kind = _kind(reader, data)
    options = _options(reader, data, kind)
    opens, closes = reader.moment(data, "opens", zone), reader.moment(data, "closes", zone)
    if opens is not None and closes is not None and closes <= opens:
        reader.report(data.line_of("closes"), "closes must be after opens")
        return None
    who = audience(reader, data)
    if None in (key, question, kind, options, opens, closes):
        return None
    assert key
    assert question
    assert kind
    assert options is not None
    assert opens
    assert closes
    return Poll(key, question, kind, options, who, opens, closes)


def _kind(reader: Reader, data: LineDict) -> Kind | None:
    value = data.get("kind", "choice")
    if value in {str(k) for k in Kind}:
        return Kind(value)
    reader.report(data.line_of("kind"), "kind must be choice, number or text")
    return None


def _options(reader: Reader, data: LineDict, kind: Kind | None) -> tuple[Texts, ...] | None:
    if kind != Kind.CHOICE:
        if "options" in data:
            reader.report(data.line_of("options"), "only a choice poll has options")
        return ()
    options = reader.options(data, "options", OPTION_MAX)
    if options is not None and not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        message = f"a choice poll needs {MIN_OPTIONS} to {MAX_OPTIONS} options"
        reader.report(data.line_of("options"), message)
        return None
    return options


def load_polls(directory: Path, zone: ZoneInfo) -> tuple[list[Poll], list[Problem]]:
    """Load every ``*.yml`` under ``directory`` (a ``polls:`` list each); keys are unique."""
    polls: list[Poll] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yml")):
        data, found = load_yaml(path)
        reader = Reader(str(path), found)
        items = data.get("polls") if isinstance(data, LineDict) else None
        if not isinstance(items, LineList) or not isinstance(data, LineDict):
            reader.report(1, "expected a mapping with 'polls:' (a list)")
            problems += reader.problems
            continue
        reader.keys(data, ("polls",), ())
        for index, item in enumerate(items):
            poll = _item(reader, item, items.line_of(index), zone)
            if poll is not None and poll.key in seen:
                reader.report(
                    items.line_of(index), f"poll key {poll.key!r} used in {seen[poll.key]}"
                )
            elif poll is not None:
                seen[poll.key] = str(path)
                polls.append(poll)
        problems += reader.problems
    return polls, problems


def _item(reader: Reader, item: object, line: int, zone: ZoneInfo) -> Poll | None:
    if not isinstance(item, LineDict):
        reader.report(line, "each poll must be a mapping")
        return None
    return parse_poll(reader, item, zone)
