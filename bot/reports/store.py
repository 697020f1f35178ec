"""Stored reports: one current row per form, period and unit, every version kept."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database


class Action(StrEnum):
    """What a version did: first submission, an amendment, or figures added to it."""

    SUBMIT = "submit"
    AMEND = "amend"
    ADD = "add"


@dataclass(frozen=True)
class StoredReport:
    """A unit's report for one form and period, at its current version."""

    id: int
    ref: str
    form: str
    period: str
    unit: str
    version: int
    values: dict[str, int]
    submitted_by: str
    submitted_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Version:
    """One saved version of a report."""

    version: int
    values: dict[str, int]
    action: Action
    actor: str
    at: datetime


def display_ref(ref: str) -> str:
    """Return the receipt number as shown to people (``BC-482913``)."""
    return f"BC-{ref}"


def parse_ref(text: str) -> str:
    """Return the bare reference from ``BC-482913``, ``bc482913`` or ``482913``."""
    return "".join(c for c in text if c.isdigit())


def _report(row: Mapping[str, Any]) -> StoredReport:
    return StoredReport(
        id=row["id"],
        ref=row["ref"],
        form=row["form"],
        period=row["period"],
        unit=row["unit"],
        version=row["version"],
        values={str(k): int(v) for k, v in json.loads(row["data"]).items()},
        submitted_by=row["submitted_by"] or "",
        submitted_at=datetime.fromisoformat(row["submitted_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"] or row["submitted_at"]),
    )


class ReportStore:
    """Reports in the ``reports`` and ``report_versions`` tables."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _where(self, where: str, args: list[Any]) -> list[StoredReport]:
        rows = self.db.table("reports").rows_where(where, args, order_by="unit, id")
        return [_report(row) for row in rows]

    def get(self, form: str, period: str, unit: str) -> StoredReport | None:
        """Return the unit's report for a form and period, or None."""
        found = self._where("form = ? and period = ? and unit = ?", [form, period, unit])
        return found[0] if found else None

    def by_ref(self, ref: str) -> StoredReport | None:
        """Return the report with this reference number, or None."""
        found = self._where("ref = ?", [parse_ref(ref)])
        return found[0] if found else None

    def for_period(self, form: str, period: str) -> list[StoredReport]:
        """Return every unit's report for a form and period."""
        return self._where("form = ? and period = ?", [form, period])

    def for_unit(self, unit: str) -> list[StoredReport]:
        """Return every report of a unit, newest first."""
        return sorted(self._where("unit = ?", [unit]), key=lambda r: r.id, reverse=True)

    def versions(self, report: StoredReport) -> list[Version]:
        """Return every version of a report, oldest first."""
        rows = self.db.table("report_versions").rows_where(
            "report_id = ?", [report.id], order_by="version"
        )
        return [
            Version(
                r["version"],
                json.loads(r["data"]),
                Action(r["action"]),
                r["actor"],
                datetime.fromisoformat(r["at"]),
            )
            for r in rows
        ]

    def save(
        self,
        key: tuple[str, str, str],
        values: Mapping[str, int],
        actor: str,
        now: datetime,
        adding: bool = False,
    ) -> tuple[StoredReport, Action]:
        """Store ``values`` as the new version of the (form, period, unit) report.

        Call inside ``db.atomic()`` with the rest of the turn's writes.
        """
        existing = self.get(*key)
        data = json.dumps(dict(sorted(values.items())), sort_keys=True)
        at = now.astimezone(UTC).isoformat()
        if existing is None:
            ident, version, action = self._insert(key, data, actor, at), 1, Action.SUBMIT
        else:
            ident, version = existing.id, existing.version + 1
            action = Action.ADD if adding else Action.AMEND
            change = {"version": version, "data": data, "updated_by": actor, "updated_at": at}
            self.db.table("reports").update(ident, change)
        row = {"report_id": ident, "version": version, "data": data, "actor": actor, "at": at}
        self.db.table("report_versions").insert({**row, "action": str(action)})
        return self._where("id = ?", [ident])[0], action

    def _insert(self, key: tuple[str, str, str], data: str, actor: str, at: str) -> int:
        form, period, unit = key
        row = {
            "ref": self._new_ref(),
            "form": form,
            "period": period,
            "unit": unit,
            "version": 1,
            "data": data,
            "submitted_by": actor,
            "submitted_at": at,
            "updated_by": actor,
            "updated_at": at,
        }
        return int(str(self.db.table("reports").insert(row).last_pk))

    def _new_ref(self) -> str:
        while True:
            ref = f"{secrets.randbelow(900_000) + 100_000}"
            if not self.db.table("reports").count_where("ref = ?", [ref]):
                return ref
