"""The campaign calendar (content/campaigns/YYYY.yml): typed entries, loaded and validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.broadcasts.lockscreen import preview_problems
from bot.broadcasts.quiet import parse_hhmm
from bot.broadcasts.records import PUSH_CHANNELS, Audience
from bot.core.problems import Problem
from bot.core.records import Role
from bot.core.units import official_units
from bot.core.yamlfile import LineDict, LineList, load_yaml

TOP_KEYS = {"year", "timezone", "campaign", "related_days", "entries", "past_themes"}
CAMPAIGN_KEYS = {"name", "start", "end", "theme", "theme_note", "source"}
RELATED_KEYS = {"name", "start", "end", "source"}
ENTRY_KEYS = {"id", "date", "time", "audience", "related", "slogans", "text", "image"}
AUDIENCE_KEYS = {"provinces", "roles", "channels"}
TEXT_MAX = 1000
"""Characters of a campaign text (Zalo accepts 2000 per message; keep it one phone screen)."""


@dataclass(frozen=True)
class RelatedDay:
    """A day (or span) the calendar marks: 25/11, the 16 days up to 10/12, ..."""

    key: str
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Entry:
    """One scheduled campaign message."""

    key: str
    send_at: datetime
    audience: Audience
    texts: Mapping[str, str]
    image: str | None
    related: tuple[str, ...]
    slogans: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Calendar:
    """One year's campaign: its name, dates, related days and entries."""

    year: int
    name: str
    start: date
    end: date
    theme: str | None
    related: Mapping[str, RelatedDay]
    entries: tuple[Entry, ...]
    past_themes: tuple[tuple[int, str], ...] = ()
    """The official themes of earlier years, as (year, theme)."""

    def due(self, now: datetime) -> list[Entry]:
        """Return the entries whose send time has come."""
        return [entry for entry in self.entries if entry.send_at <= now]


class _Reader:
    """Collects problems while turning one YAML file into a Calendar."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def keys(self, data: LineDict, allowed: set[str], what: str) -> None:
        for key in data:
            if key not in allowed:
                self.problem(data.line_of(key), f"{what}: unknown key {key!r}")

    def mapping(self, data: Any, line: int, what: str) -> LineDict:
        if isinstance(data, LineDict):
            return data
        self.problem(line, f"{what} must be a mapping")
        return LineDict()

    def day(self, data: LineDict, key: str, what: str) -> date | None:
        value = data.get(key)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        self.problem(data.line_of(key), f"{what}: {key} must be a date (YYYY-MM-DD)")
        return None

    def text(self, data: LineDict, key: str, what: str, required: bool = True) -> str | None:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if required or value is not None:
            self.problem(data.line_of(key), f"{what}: {key} must be non-empty text")
        return None


def _zone(reader: _Reader, data: LineDict) -> ZoneInfo:
    try:
        return ZoneInfo(str(data.get("timezone", "Asia/Ho_Chi_Minh")))
    except (ZoneInfoNotFoundError, ValueError):
        reader.problem(data.line_of("timezone"), "unknown timezone")
        return ZoneInfo("Asia/Ho_Chi_Minh")


def _related(reader: _Reader, data: Any, line: int) -> dict[str, RelatedDay]:
    result: dict[str, RelatedDay] = {}
    for key, value in reader.mapping(data, line, "related_days").items():
        item = reader.mapping(value, line, f"related day {key!r}")
        reader.keys(item, RELATED_KEYS, f"related day {key!r}")
        name = reader.text(item, "name", f"related day {key!r}")
        start = reader.day(item, "start", f"related day {key!r}")
        end = reader.day(item, "end", f"related day {key!r}") if "end" in item else start
        if name and start and end:
            result[str(key)] = RelatedDay(str(key), name, start, end)
    return result


def _audience(reader: _Reader, value: Any, line: int) -> Audience:
    if value in (None, "all"):
        return Audience()
    data = reader.mapping(value, line, "audience ('all' or provinces/roles/channels)")
    reader.keys(data, AUDIENCE_KEYS, "audience")
    lists = {k: [str(x) for x in data.get(k) or []] for k in AUDIENCE_KEYS}
    units = official_units()
    for code in lists["provinces"]:
        unit = units.get(code)
        if unit is None or unit.level != "province":
            reader.problem(data.line_of("provinces"), f"audience: unknown province code {code!r}")
    bad_roles = [r for r in lists["roles"] if r not in {str(x) for x in Role}]
    bad_channels = [c for c in lists["channels"] if c not in PUSH_CHANNELS]
    for bad, what in ((bad_roles, "role"), (bad_channels, "channel")):
        for item in bad:
            reader.problem(data.line_of(what + "s"), f"audience: unknown {what} {item!r}")
    roles = tuple(Role(r) for r in lists["roles"] if r not in bad_roles)
    return Audience(tuple(lists["provinces"]), roles, tuple(lists["channels"]))


def _texts(reader: _Reader, data: Any, line: int, slogans: tuple[str, ...]) -> dict[str, str]:
    item = reader.mapping(data, line, "text")
    reader.keys(item, {"vi", "en"}, "text")
    texts: dict[str, str] = {}
    for locale in ("vi", "en"):
        value = reader.text(item, locale, "text", required=locale == "vi")
        if value is None:
            continue
        texts[locale] = value
        at = item.line_of(locale)
        for problem in preview_problems(value):
            reader.problem(at, f"text.{locale}: lock screen: {problem}")
        if len(value) > TEXT_MAX:
            reader.problem(at, f"text.{locale} has {len(value)} characters (at most {TEXT_MAX})")
    for slogan in slogans:
        if slogan not in texts.get("vi", ""):
            reader.problem(line, f"slogan {slogan!r} is not quoted verbatim in text.vi")
    return texts


def _entry(reader: _Reader, cal: dict[str, Any], data: LineDict, zone: ZoneInfo) -> Entry | None:
    reader.keys(data, ENTRY_KEYS, "entry")
    day = reader.day(data, "date", "entry")
    try:
        at = parse_hhmm(str(data.get("time", "")))
    except ValueError:
        reader.problem(data.line_of("time"), "entry: time must be HH:MM (local time)")
        at = time(8, 0)
    slogans = tuple(str(s) for s in data.get("slogans") or [])
    texts = _texts(reader, data.get("text"), data.line_of("text"), slogans)
    audience = _audience(reader, data.get("audience"), data.line_of("audience"))
    related = tuple(str(r) for r in data.get("related") or [])
    _check_related(reader, cal["related"], related, day, data.line_of("related"))
    image = data.get("image")
    if image is not None and not (isinstance(image, str) and image.startswith("https://")):
        reader.problem(data.line_of("image"), "entry: image must be an https:// URL")
    if day is None or "vi" not in texts:
        return None
    suffix = f":{data['id']}" if data.get("id") else ""
    key = f"campaign:{day.isoformat()}:{at.strftime('%H%M')}{suffix}"
    send_at = datetime.combine(day, at, zone)
    img = image if isinstance(image, str) else None
    return Entry(key, send_at, audience, texts, img, related, slogans, data.line)


def _check_related(
    reader: _Reader,
    spans: Mapping[str, RelatedDay],
    keys: tuple[str, ...],
    day: date | None,
    line: int,
) -> None:
    for key in keys:
        span = spans.get(key)
        if span is None:
            reader.problem(line, f"entry: unknown related day {key!r}")
        elif day is not None and not span.start <= day <= span.end:
            reader.problem(line, f"entry: {day} is outside {key!r}")


def _coverage(reader: _Reader, start: date, end: date, entries: list[Entry], line: int) -> None:
    days = {entry.send_at.date() for entry in entries}
    day = start
    while day <= end:
        if day not in days:
            reader.problem(line, f"no message on {day.isoformat()} (one a day {start}–{end})")
        day += timedelta(days=1)


def _duplicates(reader: _Reader, entries: list[Entry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.key in seen:
            reader.problem(entry.line, f"two entries at the same date and time ({entry.key})")
        seen.add(entry.key)


def parse_calendar(data: Any, file: str) -> tuple[Calendar | None, list[Problem]]:
    """Turn loaded YAML into a Calendar; return it (None if unusable) and the problems."""
    reader = _Reader(file)
    top = reader.mapping(data, 1, "calendar")
    reader.keys(top, TOP_KEYS, "calendar")
    campaign = reader.mapping(top.get("campaign"), top.line_of("campaign"), "campaign")
    reader.keys(campaign, CAMPAIGN_KEYS, "campaign")
    name = reader.text(campaign, "name", "campaign")
    start, end = reader.day(campaign, "start", "campaign"), reader.day(campaign, "end", "campaign")
    zone = _zone(reader, top)
    related = _related(reader, top.get("related_days", LineDict()), top.line_of("related_days"))
    items = top.get("entries")
    if not isinstance(items, LineList):
        reader.problem(top.line_of("entries"), "entries must be a list")
        items = LineList()
    cal: dict[str, Any] = {"related": related}
    entries = [e for item in items if (e := _one(reader, cal, item, zone)) is not None]
    _duplicates(reader, entries)
    if start and end:
        _coverage(reader, start, end, entries, top.line_of("entries"))
    if not (name and start and end and isinstance(top.get("year"), int)):
        return None, reader.problems
    theme = campaign.get("theme") if isinstance(campaign.get("theme"), str) else None
    entries.sort(key=lambda e: e.send_at)
    calendar = Calendar(top["year"], name, start, end, theme, related, tuple(entries))
    return replace(calendar, past_themes=_past_themes(reader, top)), reader.problems


def _past_themes(reader: _Reader, top: LineDict) -> tuple[tuple[int, str], ...]:
    """Return the ``past_themes:`` mapping of years to themes; a bad item is a problem."""
    found = top.get("past_themes", LineDict())
    items = found.items() if isinstance(found, LineDict) else ()
    good = {int(y): t for y, t in items if str(y).isdigit() and isinstance(t, str) and t}
    if not isinstance(found, LineDict) or len(good) != len(found):
        reader.problem(top.line_of("past_themes"), "past_themes must map years to themes")
    return tuple(sorted(good.items()))


def _one(reader: _Reader, cal: dict[str, Any], item: Any, zone: ZoneInfo) -> Entry | None:
    if not isinstance(item, LineDict):
        reader.problem(getattr(item, "line", 1), "entry must be a mapping")
        return None
    return _entry(reader, cal, item, zone)


def load_calendars(directory: Path) -> tuple[list[Calendar], list[Problem]]:
    """Load every ``content/campaigns/*.yml``; the file name must be the year."""
    calendars, problems = [], []
    for path in sorted((directory / "campaigns").glob("*.yml")):
        data, found = load_yaml(path)
        problems += found
        calendar, parsed = parse_calendar(data, str(path))
        problems += parsed
        if calendar is not None and str(calendar.year) != path.stem:
            problems.append(Problem(str(path), 1, f"year {calendar.year} does not match the file"))
        elif calendar is not None:
            calendars.append(calendar)
    return calendars, problems
