"""The unit hierarchy kept as data in the ``units`` table (filled by migration m201_units).

A reorganisation of provinces or communes is a data change: a new migration (or an admin
script) updates the rows, and the bot reads the hierarchy from the table at start-up.
"""

from __future__ import annotations

from typing import cast

from sqlite_utils import Database

from bot.core.units import Level, Unit, Units


def save_units(db: Database, units: Units) -> None:
    """Insert or replace every unit of ``units`` in the ``units`` table."""
    rows = [
        {"code": u.code, "name": u.name, "level": u.level, "parent": u.parent, "kind": u.kind}
        for u in units.by_code.values()
    ]
    db.table("units").upsert_all(rows, pk="code")


def load_units(db: Database) -> Units:
    """Return the hierarchy stored in the ``units`` table."""
    rows = db.table("units").rows
    return Units(
        Unit(r["code"], r["name"], cast(Level, r["level"]), r["parent"], r["kind"]) for r in rows
    )
