"""Frozen records the store hands to the core."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """What a user may do: citizens ask; officers report; supervisors and admins oversee."""

    CITIZEN = "citizen"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


STAFF = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN})


@dataclass(frozen=True)
class User:
    """A person the bot knows, by URN (``telegram:123``)."""

    urn: str
    locale: str = "vi"
    role: Role = Role.CITIZEN
    unit: str | None = None
    place: str | None = None
    subscribed: bool = False
    stopped: bool = False
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    @property
    def channel(self) -> str:
        """Return the channel part of the URN."""
        return self.urn.split(":", 1)[0]

    @property
    def is_staff(self) -> bool:
        """Return whether the user is an officer, supervisor or admin."""
        return self.role in STAFF


@dataclass(frozen=True)
class Session:
    """Where a user is in a conversation: a named state, its data, the last offered options.

    ``options`` are the ``(label, payload)`` pairs of the buttons last shown, so that a user
    on a channel without buttons can answer with the number or the words of an option.
    """

    urn: str
    state: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    options: tuple[tuple[str, str], ...] = ()

    def flow(self) -> str:
        """Return the flow part of the state (``report:field`` -> ``report``)."""
        return self.state.split(":", 1)[0]


@dataclass(frozen=True)
class Stat:
    """One anonymous question statistic."""

    day: str
    channel: str
    intent: str
    topic: str | None
    confidence: float


@dataclass(frozen=True)
class Notification:
    """A direct message waiting to be sent (a reminder, a notice to a supervisor)."""

    id: int
    key: str
    urn: str
    text: str
    attempts: int = 0
