"""Checks shared by the poll and quiz content loaders, each returning ``file:line`` problems."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.broadcasts.records import PUSH_CHANNELS, Audience
from bot.core.i18n import LOCALES
from bot.core.problems import Problem
from bot.core.records import Role
from bot.core.units import official_units
from bot.core.yamlfile import LineDict, LineList
from bot.polls.records import Texts

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Reader:
    """Reads one content file's mappings, collecting problems as it goes."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def report(self, line: int, message: str) -> None:
        """Record a problem at ``line``."""
        self.problems.append(Problem(self.file, line, message))

    def keys(self, data: LineDict, allowed: Iterable[str], required: Iterable[str]) -> bool:
        """Report unknown and missing keys; return whether every required key is there."""
        allowed = set(allowed)
        for key in data:
            if key not in allowed:
                self.report(data.line_of(key), f"unknown key {key!r}")
        missing = [key for key in required if key not in data]
        for key in missing:
            self.report(data.line, f"missing key {key!r}")
        return not missing

    def key(self, data: LineDict, name: str = "key") -> str | None:
        """Return a lowercase-with-dashes key, or None (reported)."""
        value = data.get(name)
        if isinstance(value, str) and KEY.match(value):
            return value
        self.report(data.line_of(name), f"{name} must be lowercase words joined by '-'")
        return None

    def texts(self, data: LineDict, name: str, limit: int) -> Texts | None:
        """Return ``{vi, en}`` texts of at most ``limit`` characters, or None (reported)."""
        return self.text_value(data.get(name), data.line_of(name), name, limit)

    def text_value(self, value: Any, line: int, name: str, limit: int) -> Texts | None:
        """Check one text (a string, or ``{vi, en}``); return it, or None (reported)."""
        if isinstance(value, str):
            value = {"vi": value}
        if not isinstance(value, dict) or not isinstance(value.get("vi"), str):
            self.report(line, f"{name} needs a Vietnamese text (vi)")
            return None
        texts = {str(k): str(v).strip() for k, v in value.items()}
        for locale, text in texts.items():
            if locale not in LOCALES:
                self.report(line, f"{name}: unknown locale {locale!r}")
            elif not text or len(text) > limit:
                self.report(line, f"{name} ({locale}) must have 1 to {limit} characters")
        return texts

    def options(self, data: LineDict, name: str, limit: int) -> tuple[Texts, ...] | None:
        """Return a list of option texts, or None (reported)."""
        items = data.get(name)
        if not isinstance(items, LineList):
            self.report(data.line_of(name), f"{name} must be a list")
            return None
        found = [
            self.text_value(item, items.line_of(i), "option", limit) for i, item in enumerate(items)
        ]
        kept = tuple(t for t in found if t is not None)
        return kept if len(kept) == len(found) else None

    def moment(self, data: LineDict, name: str, zone: ZoneInfo) -> datetime | None:
        """Return a local date-time (``2026-12-05 08:00`` or a date, meaning midnight)."""
        value: Any = data.get(name)
        if isinstance(value, datetime):
            return value.replace(tzinfo=zone) if value.tzinfo is None else value
        if isinstance(value, date):
            return datetime.combine(value, time(0), zone)
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                parsed = None
            if parsed is not None:
                return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed
        self.report(data.line_of(name), f"{name} must be a date and time like 2026-12-05 08:00")
        return None


AUDIENCE_KEYS = ("provinces", "roles", "channels")


def audience(reader: Reader, data: LineDict) -> Audience:
    """Return the ``audience`` (``all``, or provinces/roles/channels lists) of a poll."""
    value, line = data.get("audience", "all"), data.line_of("audience")
    if value in (None, "all"):
        return Audience()
    if not isinstance(value, LineDict):
        reader.report(line, "audience must be 'all' or provinces/roles/channels")
        return Audience()
    reader.keys(value, AUDIENCE_KEYS, ())
    lists = {k: [str(x) for x in value.get(k) or []] for k in AUDIENCE_KEYS}
    units, roles = official_units(), {str(r) for r in Role}
    for code in lists["provinces"]:
        unit = units.get(code)
        if unit is None or unit.level != "province":
            reader.report(value.line_of("provinces"), f"audience: unknown province code {code!r}")
    checks = (("roles", roles), ("channels", set(PUSH_CHANNELS)))
    for name, known in checks:
        for item in (x for x in lists[name] if x not in known):
            reader.report(value.line_of(name), f"audience: unknown {name[:-1]} {item!r}")
    kept_roles = tuple(Role(r) for r in lists["roles"] if r in roles)
    return Audience(tuple(lists["provinces"]), kept_roles, tuple(lists["channels"]))
