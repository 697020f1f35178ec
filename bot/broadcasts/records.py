"""Frozen records of broadcasts and deliveries, and the broadcast status lifecycle."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.core.messages import Button
from bot.core.records import Role

PUSH_CHANNELS = ("telegram", "zalo")
"""Channels the bot can message first (the web chat and the terminal cannot)."""


class Status(StrEnum):
    """Where a broadcast is in its life."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    PAUSED = "paused"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.SCHEDULED, Status.CANCELLED}),
    Status.SCHEDULED: frozenset({Status.SENDING, Status.DRAFT, Status.CANCELLED}),
    Status.SENDING: frozenset({Status.PAUSED, Status.DONE, Status.FAILED, Status.CANCELLED}),
    Status.PAUSED: frozenset({Status.SENDING, Status.CANCELLED}),
    Status.DONE: frozenset(),
    Status.FAILED: frozenset(),
    Status.CANCELLED: frozenset(),
}
"""Allowed moves: draft → scheduled → sending → paused → done/failed/cancelled."""


class DeliveryStatus(StrEnum):
    """Where one recipient's message is."""

    QUEUED = "queued"
    SENDING = "sending"
    """Claimed in a committed transaction just before the send; 'sent' is written after it."""
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    SKIPPED = "skipped"
    """Not sent: the user unsubscribed or became unreachable before their turn."""
    CANCELLED = "cancelled"


class LifecycleError(ValueError):
    """A status change the lifecycle does not allow."""


def check_transition(current: Status, wanted: Status) -> None:
    """Raise LifecycleError unless ``current`` may become ``wanted``."""
    if wanted not in TRANSITIONS[current]:
        raise LifecycleError(f"a {current} broadcast cannot become {wanted}")


@dataclass(frozen=True)
class Audience:
    """Who receives a broadcast: subscribers, optionally narrowed (empty tuple = no filter)."""

    provinces: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    channels: tuple[str, ...] = ()

    def to_json(self) -> str:
        """Return the JSON stored in the ``audience`` column."""
        data = {"provinces": self.provinces, "roles": self.roles, "channels": self.channels}
        return json.dumps({k: list(v) for k, v in data.items() if v}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Audience:
        """Parse the ``audience`` column."""
        data: dict[str, list[str]] = json.loads(text or "{}")
        roles = tuple(Role(r) for r in data.get("roles", []))
        return cls(tuple(data.get("provinces", [])), roles, tuple(data.get("channels", [])))


@dataclass(frozen=True)
class Broadcast:
    """One broadcast: its texts per locale, audience and status."""

    id: int
    texts: Mapping[str, str]
    audience: Audience
    status: Status
    created_by: str
    created_at: datetime
    send_at: datetime | None = None
    key: str | None = None
    image: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    note: str = ""
    recovered: int = 0
    """Deliveries found claimed but unconfirmed after a restart, sent again (maybe twice)."""
    buttons: Mapping[str, tuple[Button, ...]] = field(default_factory=dict)
    """Buttons per locale (a poll's options); channels without buttons number them."""

    def text_for(self, locale: str) -> str:
        """Return the text in ``locale``, or in Vietnamese when not written."""
        return self.texts.get(locale) or self.texts["vi"]

    def buttons_for(self, locale: str) -> tuple[Button, ...]:
        """Return the buttons in ``locale``, or in Vietnamese when not written."""
        return self.buttons.get(locale) or self.buttons.get("vi", ())


def buttons_to_json(buttons: Mapping[str, Sequence[Button]]) -> str:
    """Return the JSON stored in the ``buttons`` column (empty when there are none)."""
    data = {loc: [[b.label, b.payload] for b in items] for loc, items in buttons.items() if items}
    return json.dumps(data, ensure_ascii=False, sort_keys=True) if data else ""


def buttons_from_json(text: str | None) -> dict[str, tuple[Button, ...]]:
    """Parse the ``buttons`` column."""
    data: dict[str, list[list[str]]] = json.loads(text) if text else {}
    return {loc: tuple(Button(lab, pay) for lab, pay in items) for loc, items in data.items()}


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def broadcast_from_row(row: Mapping[str, Any]) -> Broadcast:
    """Build a Broadcast from a ``broadcasts`` row."""
    created_at = _when(row["created_at"])
    assert created_at is not None
    return Broadcast(
        id=row["id"],
        texts=json.loads(row["texts"]),
        audience=Audience.from_json(row["audience"]),
        status=Status(row["status"]),
        created_by=row["created_by"],
        created_at=created_at,
        send_at=_when(row["send_at"]),
        key=row["key"],
        image=row["image"] or None,
        started_at=_when(row["started_at"]),
        finished_at=_when(row["finished_at"]),
        note=row["note"] or "",
        recovered=row["recovered"] or 0,
        buttons=buttons_from_json(row.get("buttons")),
    )


@dataclass(frozen=True)
class Delivery:
    """One recipient's message of one broadcast, as the pump sees it."""

    id: int
    broadcast_id: int
    urn: str
    attempts: int = 0
    locale: str = "vi"

    @property
    def chat_id(self) -> str:
        """Return the channel-specific id (``telegram:123`` -> ``123``)."""
        return self.urn.split(":", 1)[1]


@dataclass(frozen=True)
class Progress:
    """Delivery counts of one broadcast."""

    counts: Mapping[str, int] = field(default_factory=dict)

    def count(self, *statuses: DeliveryStatus) -> int:
        """Return the number of deliveries in any of ``statuses``."""
        return sum(self.counts.get(str(s), 0) for s in statuses)

    @property
    def total(self) -> int:
        """Return the number of recipients."""
        return sum(self.counts.values())

    @property
    def sent(self) -> int:
        """Return the number delivered."""
        return self.count(DeliveryStatus.SENT)

    @property
    def failed(self) -> int:
        """Return the number that failed for good."""
        return self.count(DeliveryStatus.FAILED)

    @property
    def stopped(self) -> int:
        """Return the number not sent because the user blocked the bot or unsubscribed."""
        return self.count(DeliveryStatus.BLOCKED, DeliveryStatus.SKIPPED)

    @property
    def remaining(self) -> int:
        """Return the number still to send (queued or in flight)."""
        return self.count(DeliveryStatus.QUEUED, DeliveryStatus.SENDING)
