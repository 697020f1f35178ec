"""The services directory as CSV for bulk editing: export, and import with row-numbered problems."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import TextIO

from bot.core.problems import Problem
from bot.core.units import Units
from bot.services.catalog import Catalog
from bot.services.directory import REQUIRED, Directory, Entry, parse_entry

COLUMNS = (
    *("id", "kind", "name", "phone", "address", "hours", "languages", "serves", "unit"),
    *("unit_name", "last_verified", "source", "source_date", "note"),
)
"""CSV columns: every entry field, plus ``unit_name`` (written for people, ignored on import)."""
READ_ONLY = frozenset({"unit_name"})


def write_csv(entries: Iterable[Entry], units: Units, stream: TextIO) -> int:
    """Write ``entries`` as CSV with a header row; return how many were written."""
    writer = csv.DictWriter(stream, COLUMNS)
    writer.writeheader()
    count = 0
    for entry in entries:
        unit = units.get(entry.unit)
        writer.writerow(entry.as_row() | {"unit_name": unit.name if unit else ""})
        count += 1
    return count


def read_csv(
    stream: TextIO, file: str, units: Units, today: date
) -> tuple[list[Entry], list[Problem]]:
    """Read and validate every row; problems name the row (the header is row 1)."""
    reader = csv.DictReader(stream)
    problems = _header_problems(list(reader.fieldnames or []), file)
    if problems:
        return [], problems
    entries: list[Entry] = []
    first: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):
        entry, found = _parse_row(row, Problem(file, number, ""), units, today)
        if entry is not None and entry.id in first:
            message = f"duplicate id {entry.id!r} (first on row {first[entry.id]})"
            found.append(Problem(file, number, message))
        elif entry is not None:
            first[entry.id] = number
            entries.append(entry)
        problems += found
    return entries, problems


def _parse_row(
    row: dict[str | None, str], where: Problem, units: Units, today: date
) -> tuple[Entry | None, list[Problem]]:
    if None in row:
        return None, [replace(where, message="more cells than columns")]
    data = {k: v or "" for k, v in row.items() if k is not None and k not in READ_ONLY}
    entry, field_problems = parse_entry(data, units, today, internal_source=True)
    return entry, [replace(where, message=f"{name}: {text}") for name, text in field_problems]


def _header_problems(header: list[str], file: str) -> list[Problem]:
    problems = [Problem(file, 1, f"missing column {c!r}") for c in REQUIRED if c not in header]
    problems += [Problem(file, 1, f"unknown column {c!r}") for c in header if c not in COLUMNS]
    return problems


def changed_entries(entries: Iterable[Entry], current: Directory, today: date) -> list[Entry]:
    """Return the rows that differ from the directory; an edit keeping the old date gets today's."""
    changed = []
    for entry in entries:
        old = current.get(entry.id)
        if old == entry:
            continue
        if old is not None and old.last_verified == entry.last_verified:
            entry = replace(entry, last_verified=today)
        changed.append(entry)
    return changed


def apply_import(catalog: Catalog, entries: Iterable[Entry], actor: str, now: datetime) -> None:
    """Save imported entries as overrides, each audited, in one transaction."""
    current = catalog.directory()
    with catalog.app.db.atomic():
        for entry in entries:
            old = current.get(entry.id)
            before = old.as_row() if old else {}
            fields = [k for k, v in entry.as_row().items() if before.get(k) != v]
            catalog.proposals.save_override(entry, None, actor, now)
            detail = {"entry": entry.id, "unit": entry.unit, "fields": fields}
            catalog.app.store.audit(actor, "services.import", detail, now)
