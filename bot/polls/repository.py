"""The poll tables: polls, one answer per person and poll, profiles and anonymous quiz scores."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from bot.broadcasts.records import Audience
from bot.broadcasts.repository import stamp
from bot.polls.records import Answer, Kind, Poll, Profile

POLLS, ANSWERS, PROFILES, SCORES = "polls", "poll_answers", "poll_profiles", "quiz_scores"
USER_OWNED = (ANSWERS, PROFILES)
"""Tables whose rows belong to one person, deleted by /xoa."""


_UPSERT = f"""
insert into {ANSWERS} (poll_id, urn, option, value, answered_at, changes)
values (:poll, :urn, :option, :value, :at, 0)
on conflict (poll_id, urn) do update set option = excluded.option, value = excluded.value,
  answered_at = excluded.answered_at, changes = changes + 1
"""


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def poll_from_row(row: Mapping[str, Any]) -> Poll:
    """Build a Poll from a ``polls`` row."""
    opens, closes = _when(row["opens_at"]), _when(row["closes_at"])
    assert opens is not None
    assert closes is not None
    return Poll(
        key=row["key"],
        question=json.loads(row["question"]),
        kind=Kind(row["kind"]),
        options=tuple(json.loads(row["options"])),
        audience=Audience.from_json(row["audience"]),
        opens_at=opens,
        closes_at=closes,
        id=row["id"],
        created_by=row["created_by"] or "",
        broadcast_id=row["broadcast_id"],
    )


def _poll_row(poll: Poll, now: datetime) -> dict[str, Any]:
    return {
        "key": poll.key,
        "question": json.dumps(dict(poll.question), ensure_ascii=False, sort_keys=True),
        "kind": str(poll.kind),
        "options": json.dumps([dict(o) for o in poll.options], ensure_ascii=False),
        "audience": poll.audience.to_json(),
        "opens_at": stamp(poll.opens_at),
        "closes_at": stamp(poll.closes_at),
        "created_by": poll.created_by,
        "created_at": stamp(now),
    }


class Polls:
    """Polls and their answers."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, poll: Poll, now: datetime) -> int | None:
        """Insert a poll; return its id, or None when its key exists already."""
        row = _poll_row(poll, now)
        names = ", ".join(row)
        values = ", ".join(f":{name}" for name in row)
        cursor = self.db.execute(f"insert or ignore into {POLLS} ({names}) values ({values})", row)
        return int(cursor.lastrowid) if cursor.rowcount == 1 and cursor.lastrowid else None

    def update_texts(self, poll: Poll) -> None:
        """Update a content poll's texts and times (its options only while nobody answered)."""
        changes = _poll_row(poll, poll.opens_at)
        del changes["created_at"], changes["created_by"], changes["key"]
        existing = self.by_key(poll.key)
        if existing is None:
            return
        if self.count(existing.id) and len(poll.options) != len(existing.options):
            del changes["options"], changes["kind"]
        self.db.table(POLLS).update(existing.id, changes)

    def get(self, ident: int) -> Poll | None:
        """Return the poll with this id, or None."""
        row = next(self.db.query(f"select * from {POLLS} where id = ?", [ident]), None)
        return poll_from_row(row) if row is not None else None

    def by_key(self, key: str) -> Poll | None:
        """Return the poll with this key, or None."""
        rows = list(self.db.table(POLLS).rows_where("key = ?", [key], limit=1))
        return poll_from_row(rows[0]) if rows else None

    def find(self, ref: str) -> Poll | None:
        """Return the poll named by its id or its key."""
        return self.get(int(ref)) if ref.isdigit() else self.by_key(ref)

    def recent(self, limit: int = 50) -> list[Poll]:
        """Return the newest polls first (by opening time)."""
        rows = self.db.table(POLLS).rows_where(order_by="opens_at desc, id desc", limit=limit)
        return [poll_from_row(row) for row in rows]

    def open_at(self, now: datetime) -> list[Poll]:
        """Return the polls taking answers at ``now``, newest first."""
        rows = self.db.table(POLLS).rows_where(
            "opens_at <= ? and closes_at > ?", [stamp(now), stamp(now)], order_by="opens_at desc"
        )
        return [poll_from_row(row) for row in rows]

    def unsent(self) -> list[Poll]:
        """Return the polls without a broadcast yet."""
        rows = self.db.table(POLLS).rows_where("broadcast_id is null", order_by="opens_at")
        return [poll_from_row(row) for row in rows]

    def set_broadcast(self, ident: int, broadcast_id: int) -> None:
        """Record the broadcast that delivers a poll."""
        self.db.table(POLLS).update(ident, {"broadcast_id": broadcast_id})

    def close(self, ident: int, now: datetime) -> None:
        """Close a poll now (no more answers)."""
        self.db.table(POLLS).update(ident, {"closes_at": stamp(now)})

    def answer(self, poll: Poll, urn: str, option: int | None, value: str, now: datetime) -> bool:
        """Store or change a person's answer; return whether it changed an earlier one."""
        before = self.answer_of(poll.id, urn)
        row = {"poll": poll.id, "urn": urn, "option": option, "value": value, "at": stamp(now)}
        self.db.execute(_UPSERT, row)
        return before is not None

    def answer_of(self, poll_id: int, urn: str) -> Answer | None:
        """Return a person's answer to a poll, or None."""
        sql = f"select * from {ANSWERS} where poll_id = ? and urn = ?"
        row = next(self.db.query(sql, [poll_id, urn]), None)
        answered = _when(row["answered_at"]) if row else None
        if row is None or answered is None:
            return None
        return Answer(poll_id, urn, row["option"], row["value"] or "", answered, row["changes"])

    def count(self, poll_id: int) -> int:
        """Return the number of people who answered."""
        sql = f"select count(*) from {ANSWERS} where poll_id = ?"
        return int(self.db.execute(sql, [poll_id]).fetchone()[0])

    def values(self, poll_id: int) -> list[str]:
        """Return the typed answers of a number or text poll, sorted (no user ids)."""
        sql = f"select value from {ANSWERS} where poll_id = ? order by value"
        return [str(v) for (v,) in self.db.execute(sql, [poll_id]).fetchall()]


class Profiles:
    """The optional profile: asked once, stored only with consent."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, urn: str) -> Profile | None:
        """Return the profile row (maybe only the 'asked' mark), or None."""
        row = next(self.db.query(f"select * from {PROFILES} where urn = ?", [urn]), None)
        if row is None:
            return None
        return Profile(
            urn,
            row["sex"],
            row["age_band"],
            row["province"],
            _when(row["consented_at"]),
            _when(row["asked_at"]),
        )

    def mark_asked(self, urn: str, now: datetime) -> None:
        """Record that the profile was offered (nothing else is stored without consent)."""
        profile = self.get(urn) or Profile(urn)
        self.save(replace(profile, asked_at=profile.asked_at or now))

    def save(self, profile: Profile) -> None:
        """Insert or update a profile; fields are kept only with consent."""
        consent, asked = profile.consented_at is not None, profile.asked_at or profile.consented_at
        if asked is None:
            raise ValueError("a profile is saved only once it has been offered")
        row = {
            "urn": profile.urn,
            "sex": profile.sex if consent else None,
            "age_band": profile.age_band if consent else None,
            "province": profile.province if consent else None,
            "consented_at": stamp(profile.consented_at) if profile.consented_at else None,
            "asked_at": stamp(asked),
        }
        self.db.table(PROFILES).upsert(row, pk="urn")


def record_score(db: Database, quiz: str, score: int, total: int, day: str, channel: str) -> None:
    """Record a finished quiz without any user id."""
    row = {"quiz": quiz, "score": score, "total": total, "day": day, "channel": channel}
    db.table(SCORES).insert(row)
