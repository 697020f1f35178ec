"""Broadcast rows: lifecycle, audience, calendar planning (once per entry), start and finish."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.broadcasts.audience import matches, province_of
from bot.broadcasts.campaigns import load_calendars
from bot.broadcasts.planner import plan
from bot.broadcasts.records import (
    TRANSITIONS,
    Audience,
    DeliveryStatus,
    LifecycleError,
    Status,
    check_transition,
)
from bot.core.records import Role, User
from tests.fakes.broadcast_kit import NOW, FakeClock, add_users, make_app, make_engine

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("current", "wanted", "allowed"),
    [
        (Status.DRAFT, Status.SCHEDULED, True),
        (Status.SCHEDULED, Status.SENDING, True),
        (Status.SENDING, Status.PAUSED, True),
        (Status.PAUSED, Status.SENDING, True),
        (Status.SENDING, Status.DONE, True),
        (Status.SENDING, Status.FAILED, True),
        (Status.PAUSED, Status.CANCELLED, True),
        (Status.DRAFT, Status.SENDING, False),
        (Status.DONE, Status.SENDING, False),
        (Status.CANCELLED, Status.SCHEDULED, False),
        (Status.PAUSED, Status.DONE, False),
    ],
    ids=lambda v: str(v),
)
def test_lifecycle(current: Status, wanted: Status, allowed: bool) -> None:
    if allowed:
        check_transition(current, wanted)
    else:
        with pytest.raises(LifecycleError):
            check_transition(current, wanted)


def test_terminal_states_have_no_way_out() -> None:
    assert all(not TRANSITIONS[s] for s in (Status.DONE, Status.FAILED, Status.CANCELLED))


def _user(urn: str, **fields: object) -> User:
    base = User(urn, subscribed=True, first_seen=NOW, last_seen=NOW)
    return replace(base, **fields)  # type: ignore[arg-type]


HANOI_COMMUNE = "00004"  # a commune of Hà Nội (province 01)


@pytest.mark.parametrize(
    ("label", "audience", "user", "expected"),
    [
        ("all subscribers", Audience(), _user("telegram:1"), True),
        ("not subscribed", Audience(), _user("telegram:1", subscribed=False), False),
        ("stopped", Audience(), _user("telegram:1", stopped=True), False),
        ("web cannot push", Audience(), _user("web:1"), False),
        ("zalo user who wrote", Audience(), _user("zalo:1"), True),
        ("zalo user who never wrote", Audience(), _user("zalo:1", last_seen=None), False),
        ("channel filter", Audience(channels=("zalo",)), _user("telegram:1"), False),
        ("role filter", Audience(roles=(Role.OFFICER,)), _user("telegram:1"), False),
        (
            "role match",
            Audience(roles=(Role.OFFICER,)),
            _user("telegram:1", role=Role.OFFICER),
            True,
        ),
        ("province unknown", Audience(provinces=("01",)), _user("telegram:1"), False),
        (
            "province by commune",
            Audience(provinces=("01",)),
            _user("telegram:1", place=HANOI_COMMUNE),
            True,
        ),
        (
            "other province",
            Audience(provinces=("79",)),
            _user("telegram:1", unit=HANOI_COMMUNE),
            False,
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_audience(label: str, audience: Audience, user: User, expected: bool) -> None:
    assert matches(audience, user) is expected


def test_province_of_commune_and_province() -> None:
    assert province_of(_user("telegram:1", unit=HANOI_COMMUNE)) == "01"
    assert province_of(_user("telegram:1", unit="01")) == "01"
    assert province_of(_user("telegram:1")) is None


def test_audience_json_round_trip() -> None:
    audience = Audience(("01",), (Role.OFFICER,), ("zalo",))
    assert Audience.from_json(audience.to_json()) == audience
    assert Audience.from_json("{}") == Audience()


def _calendar_engine(clock: FakeClock):  # type: ignore[no-untyped-def]
    app = make_app(clock)
    engine = make_engine(app, clock)
    engine.calendars, problems = load_calendars(ROOT / "content")
    assert problems == []
    return app, engine


def _at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """Return a moment in Hà Nội time (UTC+7) in 2026."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


async def test_calendar_fires_once_per_entry() -> None:
    clock = FakeClock(_at(23, 8, 0))
    app, engine = _calendar_engine(clock)
    for minutes in (0, 0, 1, 30, 120):
        clock.now = _at(23, 8, 0) + timedelta(minutes=minutes)
        await engine.tick(clock.now)
    rows = list(app.db.table("broadcasts").rows_where("key = ?", ["campaign:2026-11-23:0800"]))
    assert len(rows) == 1
    assert rows[0]["status"] in ("sending", "done")


async def test_calendar_records_missed_entries_as_cancelled() -> None:
    clock = FakeClock(_at(23, 10, 0))
    app, engine = _calendar_engine(clock)
    await engine.tick(clock.now)
    rows = {r["key"]: r for r in app.db.table("broadcasts").rows}
    assert rows["campaign:2026-11-15:0800"]["status"] == "cancelled"
    assert rows["campaign:2026-11-15:0800"]["note"].startswith("missed")
    assert rows["campaign:2026-11-23:0800"]["status"] != "cancelled"
    assert "campaign:2026-11-24:0800" not in rows


def test_entry_found_after_quiet_hours_start_is_missed() -> None:
    clock = FakeClock(_at(23, 21, 30))
    app, engine = _calendar_engine(clock)
    assert plan(engine.calendars, engine.broadcasts, engine.quiet, clock.now) == []
    row = next(app.db.table("broadcasts").rows_where("key = ?", ["campaign:2026-11-23:0800"]))
    assert row["status"] == "cancelled"


async def test_calendar_audience_splits_the_last_day() -> None:
    clock = FakeClock(_at(15, 8, 0, month=12))
    app, engine = _calendar_engine(clock)
    add_users(app, 2)
    app.store.save_user(_user("telegram:officer", role=Role.OFFICER))
    await engine.tick(clock.now)
    rows = list(app.db.table("broadcast_deliveries").rows)
    by_urn = {r["urn"]: r["broadcast_id"] for r in rows}
    assert len(by_urn) == 3
    assert by_urn["telegram:officer"] != by_urn["telegram:1"]


def test_start_snapshots_audience_and_finishes_when_empty() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 3)
    ident = engine.broadcasts.create(
        {"vi": "x"}, Audience(), "admin", clock.now, status=Status.SCHEDULED, send_at=clock.now
    )
    empty = engine.broadcasts.create(
        {"vi": "y"},
        Audience(channels=("zalo",)),
        "admin",
        clock.now,
        status=Status.SCHEDULED,
        send_at=clock.now,
    )
    assert ident is not None
    assert empty is not None
    assert engine.activate(clock.now) == [ident, empty]
    assert engine.broadcasts.progress(ident).remaining == 3
    assert engine.broadcasts.finish_completed(clock.now) == [empty]
    assert engine.broadcasts.get_status(empty) == Status.DONE


def test_not_due_yet_stays_scheduled() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    later = clock.now + timedelta(hours=1)
    ident = engine.broadcasts.create(
        {"vi": "x"}, Audience(), "admin", clock.now, status=Status.SCHEDULED, send_at=later
    )
    assert engine.activate(clock.now) == []
    assert ident is not None
    assert engine.broadcasts.get_status(ident) == Status.SCHEDULED


def test_cancel_marks_queued_deliveries_cancelled() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 2)
    ident = engine.broadcasts.create(
        {"vi": "x"}, Audience(), "admin", clock.now, status=Status.SCHEDULED, send_at=clock.now
    )
    assert ident is not None
    engine.activate(clock.now)
    engine.broadcasts.set_status(ident, Status.CANCELLED, clock.now)
    progress = engine.broadcasts.progress(ident)
    assert progress.count(DeliveryStatus.CANCELLED) == 2
    assert progress.remaining == 0


def test_delivery_rows_are_unique_per_broadcast_and_user() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 2)
    ident = engine.broadcasts.create(
        {"vi": "x"}, Audience(), "admin", clock.now, status=Status.SCHEDULED, send_at=clock.now
    )
    assert ident is not None
    engine.activate(clock.now)
    with pytest.raises(Exception, match="UNIQUE"):
        app.db.table("broadcast_deliveries").insert(
            {"broadcast_id": ident, "urn": "telegram:1", "channel": "telegram"}
        )


def test_delete_user_data_removes_deliveries() -> None:
    fake = FakeClock()
    app = make_app(fake)
    engine = make_engine(app, fake)
    from bot.broadcasts.feature import register
    from bot.core.router import Router

    register(Router(), app)
    add_users(app, 2)
    ident = engine.broadcasts.create(
        {"vi": "x"}, Audience(), "admin", fake.now, status=Status.SCHEDULED, send_at=fake.now
    )
    assert ident is not None
    engine.activate(fake.now)
    app.store.delete_user_data("telegram:1")
    assert engine.broadcasts.progress(ident).total == 1
