"""Who receives a broadcast: reachable subscribers, narrowed by province, role and channel."""

from __future__ import annotations

from collections.abc import Iterable

from bot.broadcasts.records import PUSH_CHANNELS, Audience
from bot.core.records import User
from bot.core.units import official_units


def province_of(user: User) -> str | None:
    """Return the province code of the user's unit (officers) or place (citizens), if known."""
    units = official_units()
    for code in (user.unit, user.place):
        province = units.province_of(code) if code else None
        if province is not None:
            return province.code
    return None


def reachable(user: User) -> bool:
    """Return whether the bot may message the user first.

    Only Telegram and Zalo can push; Zalo only lets a bot message people who wrote to it first,
    so a Zalo user must have written at least once (``last_seen``). Stopped users never.
    """
    if user.stopped or user.channel not in PUSH_CHANNELS:
        return False
    return user.channel != "zalo" or user.last_seen is not None


def matches(audience: Audience, user: User) -> bool:
    """Return whether a subscribed, reachable user falls in ``audience``."""
    if not (user.subscribed and reachable(user)):
        return False
    if audience.channels and user.channel not in audience.channels:
        return False
    if audience.roles and user.role not in audience.roles:
        return False
    return not audience.provinces or province_of(user) in audience.provinces


def recipients(audience: Audience, users: Iterable[User]) -> list[User]:
    """Return the users in ``audience``, by URN."""
    return sorted((u for u in users if matches(audience, u)), key=lambda u: u.urn)
