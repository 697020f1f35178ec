"""Schema steps of services (issue 4). Never edit a shipped step: add a new one."""

from __future__ import annotations

from sqlite_utils import Database


def m101_service_proposals(db: Database) -> None:
    """Officers' proposed changes to support-service entries, waiting for provincial approval."""
    db.table("service_proposals").create(
        {
            "id": int,
            "entry_id": str,
            "unit": str,
            "action": str,
            "changes": str,
            "proposer": str,
            "proposed_at": str,
            "status": str,
            "reviewer": str,
            "reviewed_at": str,
        },
        pk="id",
        not_null={"entry_id", "unit", "action", "changes", "proposer", "proposed_at", "status"},
        defaults={"status": "pending", "changes": "{}"},
    )
    db.table("service_proposals").create_index(["status"])


def m102_service_overrides(db: Database) -> None:
    """Approved entries replacing (or adding to) the shipped YAML directory, by entry id."""
    db.table("service_overrides").create(
        {
            "entry_id": str,
            "unit": str,
            "data": str,
            "last_verified": str,
            "proposal_id": int,
            "changed_by": str,
            "changed_at": str,
        },
        pk="entry_id",
        not_null={"unit", "data", "last_verified", "changed_by", "changed_at"},
    )


STEPS = (
    m101_service_proposals,
    m102_service_overrides,
)
