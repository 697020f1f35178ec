"""The small store interface the core and the job packages use; storage implements it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from bot.core.messages import Button
from bot.core.records import Notification, Role, Session, Stat, User


class Store(Protocol):
    """Users, sessions, anonymous stats, audit and message log."""

    def get_user(self, urn: str) -> User | None:
        """Return the user with this URN, or None."""
        ...

    def save_user(self, user: User) -> None:
        """Insert or update a user."""
        ...

    def users(self, *, role: Role | None = None, subscribed: bool | None = None) -> list[User]:
        """Return users, optionally filtered by role and subscription."""
        ...

    def mark_stopped(self, urn: str) -> None:
        """Mark a user as unreachable (blocked the bot); broadcasts skip them."""
        ...

    def load_session(self, urn: str) -> Session:
        """Return the user's session (empty when none is stored)."""
        ...

    def save_session(self, session: Session, now: datetime) -> None:
        """Persist a session."""
        ...

    def offer_options(self, urn: str, buttons: Sequence[Button], now: datetime) -> None:
        """Remember the buttons of a message sent outside a turn (a broadcast) as the options."""
        ...

    def record_stat(self, stat: Stat) -> None:
        """Record an anonymous question statistic."""
        ...

    def audit(self, actor: str, action: str, detail: dict[str, Any], now: datetime) -> None:
        """Append to the audit log."""
        ...

    def log_message(self, urn: str, direction: str, text: str, now: datetime) -> None:
        """Keep a message's text (only called when policy allows)."""
        ...

    def delete_user_data(self, urn: str) -> None:
        """Delete everything stored about the user."""
        ...

    def notify(self, urn: str, text: str, key: str, now: datetime) -> bool:
        """Queue a direct message once per ``key``; return False if that key was queued before."""
        ...

    def pending_notifications(self, limit: int = 100) -> list[Notification]:
        """Return queued notifications, oldest first."""
        ...

    def finish_notification(self, ident: int, status: str, now: datetime, error: str = "") -> None:
        """Record a notification's outcome: ``sent``, ``queued`` (retry) or ``failed``."""
        ...
