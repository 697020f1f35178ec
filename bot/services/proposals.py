"""Proposed changes to the services directory and the approved overrides (tables of m101, m102)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from bot.core.units import Units
from bot.services.directory import Directory, Entry, entry_from_row, parse_entry, with_changes

ACTIONS = ("update", "add", "confirm")
"""``update``: change fields; ``add``: a new entry; ``confirm``: still correct, re-verify only."""
NEW_ENTRY = "new"
"""The ``entry_id`` of an ``add`` proposal: the real id is chosen when it is approved."""


@dataclass(frozen=True)
class Proposal:
    """One officer's proposed change to one entry."""

    id: int
    entry_id: str
    unit: str
    action: str
    proposer: str
    changes: dict[str, str] = field(default_factory=dict)
    status: str = "pending"


class ProposalStore:
    """Proposals and overrides on the bot's database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, proposal: Proposal, now: datetime) -> int:
        """Store ``proposal`` (its ``id`` is ignored) as pending; return its number."""
        row = {
            "entry_id": proposal.entry_id,
            "unit": proposal.unit,
            "action": proposal.action,
            "changes": json.dumps(proposal.changes, ensure_ascii=False, sort_keys=True),
            "proposer": proposal.proposer,
            "proposed_at": now.isoformat(),
        }
        table = self.db.table("service_proposals")
        table.insert(row)
        return int(table.last_pk or 0)

    def get(self, ident: int) -> Proposal | None:
        """Return proposal ``ident``, or None."""
        try:
            return _proposal(self.db.table("service_proposals").get(ident))
        except NotFoundError:
            return None

    def pending(self) -> list[Proposal]:
        """Return the proposals waiting for review, oldest first."""
        rows = self.db.table("service_proposals").rows_where("status = 'pending'", order_by="id")
        return [_proposal(row) for row in rows]

    def decide(self, ident: int, status: str, reviewer: str, now: datetime) -> None:
        """Record the review of a proposal: ``approved`` or ``rejected``."""
        self.db.table("service_proposals").update(
            ident, {"status": status, "reviewer": reviewer, "reviewed_at": now.isoformat()}
        )

    def overrides(self, units: Units) -> list[Entry]:
        """Return the approved entries that are still valid (unit codes may change)."""
        rows = self.db.table("service_overrides").rows
        entries = (entry_from_row(json.loads(row["data"]), units) for row in rows)
        return [entry for entry in entries if entry is not None]

    def save_override(self, entry: Entry, proposal: int | None, by: str, now: datetime) -> None:
        """Make ``entry`` the current version of its id."""
        row = {
            "entry_id": entry.id,
            "unit": entry.unit,
            "data": json.dumps(entry.as_row(), ensure_ascii=False, sort_keys=True),
            "last_verified": entry.last_verified.isoformat(),
            "proposal_id": proposal,
            "changed_by": by,
            "changed_at": now.isoformat(),
        }
        self.db.table("service_overrides").upsert(row, pk="entry_id")


def _proposal(row: dict[str, Any]) -> Proposal:
    changes = {str(k): str(v) for k, v in json.loads(row["changes"]).items()}
    return Proposal(
        row["id"],
        row["entry_id"],
        row["unit"],
        row["action"],
        row["proposer"],
        changes,
        row["status"],
    )


def proposed_entry(
    proposal: Proposal, directory: Directory, units: Units, today: date
) -> tuple[Entry | None, list[str]]:
    """Return the entry the proposal would produce (verified ``today``), or the problems."""
    if proposal.action == "add":
        ident = new_entry_id(directory, proposal.changes.get("kind", ""), proposal.unit)
        row = {**proposal.changes, "id": ident, "unit": proposal.unit}
        row |= {"last_verified": today.isoformat(), "source": f"binhdang:proposal:{proposal.id}"}
    else:
        current = directory.get(proposal.entry_id)
        if current is None:
            return None, [f"entry {proposal.entry_id!r} no longer exists"]
        row = with_changes(current, proposal.changes, today)
    entry, problems = parse_entry(row, units, today, internal_source=True)
    return entry, [message for _, message in problems]


def new_entry_id(directory: Directory, kind: str, unit: str) -> str:
    """Return a free id for a new entry, like ``shelter-00070`` or ``shelter-00070-2``."""
    base = f"{kind.replace('_', '-')}-{unit.lower()}"
    number = 1
    ident = base
    while directory.get(ident) is not None:
        number += 1
        ident = f"{base}-{number}"
    return ident
