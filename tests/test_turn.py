"""A turn's session: the emergency mark outlives flows entered and left (bot.core.turn)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.i18n import Strings
from bot.core.messages import Incoming
from bot.core.records import Session, User
from bot.core.turn import EMERGENCY_MARK, STILL_IN_DANGER, Turn

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def _turn(data: dict[str, object], now: datetime = NOW) -> Turn:
    user = User("web:t")
    session = Session("web:t", state="", data=data)
    return Turn(Incoming("web:t", text="x"), user, session, now, Strings({}), "x")


def test_the_emergency_mark_outlives_flows() -> None:
    """Thirty-sixth session: "cháu gọi số nào" entered the place flow, which dropped the mark."""
    turn = _turn({EMERGENCY_MARK: NOW.isoformat()})
    entered = turn.goto("svc", {"step": 1}).session
    assert entered is not None
    assert entered.data == {EMERGENCY_MARK: NOW.isoformat(), "step": 1}
    left = turn.end().session
    assert left is not None
    assert left.data == {EMERGENCY_MARK: NOW.isoformat()}
    assert _turn({}).goto("svc", {}).session == Session("web:t", state="svc", data={})


def test_still_in_danger_for_a_while() -> None:
    marked = {EMERGENCY_MARK: NOW.isoformat()}
    assert _turn(marked, NOW + STILL_IN_DANGER).still_in_danger()
    assert not _turn(marked, NOW + STILL_IN_DANGER + timedelta(seconds=1)).still_in_danger()
    assert not _turn({}).still_in_danger()
