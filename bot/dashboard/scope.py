"""Which units a viewer may see: an officer their commune, a supervisor their province, all."""

from __future__ import annotations

from bot.core.records import Role
from bot.core.units import NATIONAL, Unit, Units
from bot.dashboard.signin import Viewer


class Forbidden(Exception):
    """The viewer asked for a unit or page outside their scope (answered with 403)."""


def home(viewer: Viewer) -> str:
    """Return the unit code a viewer sees by default (the nation for administrators)."""
    return NATIONAL if viewer.role == Role.ADMIN else (viewer.unit or "")


def unit_in_scope(units: Units, viewer: Viewer, code: str | None) -> Unit:
    """Return the unit ``code`` (default: the viewer's own); raise Forbidden outside the scope."""
    wanted = code or home(viewer)
    unit = units.get(wanted)
    if unit is None or not units.contains(home(viewer), wanted):
        raise Forbidden(wanted)
    return unit


def require(viewer: Viewer, roles: frozenset[Role]) -> None:
    """Raise Forbidden unless the viewer has one of ``roles``."""
    if viewer.role not in roles:
        raise Forbidden(str(viewer.role))
