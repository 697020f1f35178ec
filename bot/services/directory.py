"""The support-services directory: verified entries keyed by official unit code."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from bot.core.phones import is_valid_phone
from bot.core.problems import Problem
from bot.core.units import Units
from bot.core.yamlfile import LineDict, LineList, load_yaml

KINDS = (
    "trusted_address",
    "shelter",
    "one_stop_centre",
    "police",
    "people_committee",
    "health_station",
    "womens_union",
    "hotline",
    "legal_aid",
)
"""Entry kinds, in the order answers list them (entries of one kind keep their file order)."""

HIDDEN_ADDRESS_KINDS = frozenset({"shelter", "one_stop_centre", "trusted_address"})
"""Places where people shelter: never an address, contact by phone only."""

REQUIRED = ("id", "kind", "name", "unit", "last_verified", "source")
OPTIONAL = ("phone", "address", "hours", "languages", "serves", "source_date", "note")
FIELDS = REQUIRED + OPTIONAL
MAX_AGE_DAYS = 365
"""An entry not verified for longer than this (12 months) is flagged by ``binhdang check``."""
STALE = "not verified for over 12 months"
"""Stale entries are warnings: ``binhdang check`` fails, the running bot keeps serving them."""

PLACE_NAMES_FILE = "place-names.yml"
"""The file under content/services holding place-name aliases, not entries."""

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")
_INTERNAL_SOURCE = re.compile(r"^binhdang:proposal:\d+$")
MAX_ID = 40

FieldProblem = tuple[str, str]
"""A problem with one field of an entry: ``(field, message)``."""


@dataclass(frozen=True)
class Entry:
    """One support service: where it serves (unit code), how to reach it, when it was verified."""

    id: str
    kind: str
    name: str
    unit: str
    last_verified: date
    source: str
    phone: str | None = None
    address: str | None = None
    hours: str | None = None
    languages: tuple[str, ...] = ()
    serves: str | None = None
    source_date: date | None = None
    note: str | None = None

    @property
    def hides_address(self) -> bool:
        """Return whether this is a shelter-like place whose location is never given."""
        return self.kind in HIDDEN_ADDRESS_KINDS

    def as_row(self) -> dict[str, str]:
        """Return every field as text (empty for none; languages joined by ``; ``)."""
        row: dict[str, str] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if isinstance(value, tuple):
                row[name] = "; ".join(value)
            elif isinstance(value, date):
                row[name] = value.isoformat()
            else:
                row[name] = value or ""
        return row


class Directory:
    """Entries by id, looked up by unit."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: dict[str, Entry] = {e.id: e for e in entries}

    def get(self, ident: str) -> Entry | None:
        """Return the entry with this id, or None."""
        return self.entries.get(ident)

    def at(self, unit: str) -> list[Entry]:
        """Return the entries of exactly this unit, in answer order."""
        return sorted((e for e in self.entries.values() if e.unit == unit), key=_order)

    def all(self) -> list[Entry]:
        """Return every entry, by unit then answer order."""
        return sorted(self.entries.values(), key=lambda e: (e.unit, _order(e)))

    def merged(self, overrides: Iterable[Entry]) -> Directory:
        """Return a directory where ``overrides`` replace (or add) entries with the same id."""
        return Directory([*self.entries.values(), *overrides])


def _order(entry: Entry) -> int:
    return KINDS.index(entry.kind) if entry.kind in KINDS else len(KINDS)


def parse_entry(
    raw: Mapping[str, object], units: Units, today: date | None, internal_source: bool = False
) -> tuple[Entry | None, list[FieldProblem]]:
    """Validate one entry (from YAML, CSV or chat); return it, or None and every problem."""
    problems: list[FieldProblem] = [(k, f"unknown key {k!r}") for k in raw if k not in FIELDS]
    problems += [(k, f"missing {k!r}") for k in REQUIRED if _blank(raw.get(k))]
    values: dict[str, object] = {}
    for name in FIELDS:
        value, problem = _field(name, raw.get(name))
        if problem:
            problems.append((name, problem))
        values[name] = value
    if problems:
        return None, problems
    entry = Entry(**values)  # type: ignore[arg-type]
    problems = _entry_problems(entry, units, today, internal_source)
    return (None, problems) if problems else (entry, [])


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _field(name: str, value: object) -> tuple[object, str | None]:
    if _blank(value):
        return ((), None) if name == "languages" else (None, None)
    if name in ("last_verified", "source_date"):
        return _date(value)
    if name == "languages":
        return _languages(value)
    if not isinstance(value, str):
        return None, f"{name!r} must be text (quote it in YAML)"
    return unicodedata.normalize("NFC", " ".join(value.split())), None


def _date(value: object) -> tuple[date | None, str | None]:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value, None
    try:
        return date.fromisoformat(str(value).strip()), None
    except ValueError:
        return None, f"invalid date {value!r} (use YYYY-MM-DD)"


def _languages(value: object) -> tuple[tuple[str, ...], str | None]:
    items = re.split(r"[;,]", value) if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        return (), "'languages' must be a list of language names"
    return tuple(" ".join(i.split()) for i in items if i.strip()), None


def _entry_problems(
    entry: Entry, units: Units, today: date | None, internal_source: bool
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not _ID.match(entry.id) or len(entry.id) > MAX_ID:
        problems.append(("id", f"id {entry.id!r} must be kebab-case, at most {MAX_ID} chars"))
    if entry.kind not in KINDS:
        problems.append(("kind", f"unknown kind {entry.kind!r} (one of {', '.join(KINDS)})"))
    if units.get(entry.unit) is None:
        problems.append(("unit", f"unknown unit code {entry.unit!r}"))
    if entry.phone is not None and not is_valid_phone(entry.phone):
        problems.append(("phone", f"malformed phone number {entry.phone!r}"))
    if entry.address is not None and entry.hides_address:
        problems.append(("address", f"a {entry.kind} must not have an address: phone only"))
    if not (_URL.match(entry.source) or (internal_source and _INTERNAL_SOURCE.match(entry.source))):
        problems.append(("source", f"source must be a URL, not {entry.source!r}"))
    return problems + _age_problems(entry, today)


def _age_problems(entry: Entry, today: date | None) -> list[FieldProblem]:
    if today is None:
        return []
    if entry.last_verified > today:
        return [("last_verified", f"last_verified {entry.last_verified} is in the future")]
    if (today - entry.last_verified).days > MAX_AGE_DAYS:
        message = f"{STALE} (last_verified {entry.last_verified})"
        return [("last_verified", message)]
    return []


def entry_from_row(row: Mapping[str, str], units: Units) -> Entry | None:
    """Rebuild an entry stored by ``as_row`` (database overrides); None if no longer valid."""
    entry, _ = parse_entry(row, units, None, internal_source=True)
    return entry


def with_changes(entry: Entry, changes: Mapping[str, str], verified: date) -> dict[str, str]:
    """Return ``entry`` as a row with ``changes`` applied and ``last_verified`` set."""
    row = replace(entry, last_verified=verified).as_row()
    row.update(changes)
    return row


def load_directory(
    folder: Path, units: Units, today: date | None
) -> tuple[Directory, list[Problem]]:
    """Load every entry file under ``folder``; check unit codes, phones, age and duplicate ids."""
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")):
        if path.name == PLACE_NAMES_FILE:
            continue
        for item, entry, found in _file_entries(path, units, today, problems):
            problems += found
            if entry is not None and entry.id in first:
                message = f"duplicate id {entry.id!r} (first at {first[entry.id]})"
                problems.append(_problem(path, item, "id", message))
            elif entry is not None:
                first[entry.id] = f"{path}:{item.line_of('id')}"
                entries[entry.id] = entry
    return Directory(entries.values()), problems


def _file_entries(
    path: Path, units: Units, today: date | None, problems: list[Problem]
) -> Iterable[tuple[LineDict, Entry | None, list[Problem]]]:
    data, found = load_yaml(path)
    problems += found
    if not isinstance(data, LineDict) or not isinstance(data.get("entries"), LineList):
        problems.append(Problem(str(path), 1, "expected a mapping with an 'entries' list"))
        return
    problems += [
        Problem(str(path), data.line_of(k), f"unknown key {k!r}") for k in data if k != "entries"
    ]
    items: LineList = data["entries"]
    for index, item in enumerate(items):
        if not isinstance(item, LineDict):
            problems.append(Problem(str(path), items.line_of(index), "an entry must be a mapping"))
            continue
        entry, field_problems = parse_entry(item, units, today)
        yield item, entry, [_problem(path, item, f, m) for f, m in field_problems]


def _problem(path: Path, item: LineDict, field: str, message: str) -> Problem:
    stale = message.startswith(STALE)
    return Problem(str(path), item.line_of(field), message, warning=stale)
