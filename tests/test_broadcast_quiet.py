"""Quiet hours (local time) and the estimated finish of a broadcast."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.broadcasts.quiet import QuietHours, estimate_finish, parse_hhmm

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
QUIET = QuietHours(time(21, 0), time(7, 0), ZONE)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (local(23, 6, 59), True),
        (local(23, 7, 0), False),
        (local(23, 12, 0), False),
        (local(23, 20, 59), False),
        (local(23, 21, 0), True),
        (local(23, 23, 30), True),
        (local(23, 3, 0).astimezone(UTC), True),
    ],
    ids=["before-end", "end", "noon", "before-start", "start", "late", "utc-input"],
)
def test_is_quiet(moment: datetime, quiet: bool) -> None:
    assert QUIET.is_quiet(moment) is quiet


def test_same_day_window_and_disabled() -> None:
    lunch = QuietHours(time(12, 0), time(13, 0), ZONE)
    assert lunch.is_quiet(local(23, 12, 30))
    assert not lunch.is_quiet(local(23, 13, 0))
    assert not QuietHours(time(0, 0), time(0, 0), ZONE).is_quiet(local(23, 3, 0))


def test_ends_at() -> None:
    assert QUIET.ends_at(local(23, 22, 0)) == local(24, 7, 0)
    assert QUIET.ends_at(local(24, 5, 0)) == local(24, 7, 0)
    assert QUIET.ends_at(local(24, 9, 0)) == local(24, 9, 0)


@pytest.mark.parametrize(
    ("now", "remaining", "rate", "expected"),
    [
        (local(23, 10, 0), 3600, 1.0, local(23, 11, 0)),
        (local(23, 20, 30), 3600, 1.0, local(24, 7, 30)),
        (local(23, 23, 0), 60, 1.0, local(24, 7, 1)),
        (local(23, 10, 0), 0, 25.0, local(23, 10, 0)),
        (local(23, 7, 0), 50_000, 25.0, local(23, 7, 0) + timedelta(seconds=2000)),
        (local(23, 7, 0), 14 * 3600 * 2, 1.0, local(24, 21, 0)),
        (local(23, 7, 0), 14 * 3600 * 2 + 60, 1.0, local(25, 7, 1)),
    ],
    ids=[
        "simple",
        "crosses-night",
        "starts-quiet",
        "nothing-left",
        "50k-telegram",
        "two-days",
        "third-morning",
    ],
)
def test_estimate_finish(now: datetime, remaining: int, rate: float, expected: datetime) -> None:
    assert estimate_finish(now, remaining, rate, QUIET) == expected


@pytest.mark.parametrize("text", ["7", "07:0", "aa:bb", "25"], ids=str)
def test_parse_hhmm_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        parse_hhmm(text)
