"""The sending pump with a fake clock and sleep: limits, errors, opt-out, quiet hours, crashes."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.broadcasts.records import Audience, DeliveryStatus, Status
from bot.core.messages import Reply
from bot.core.transport import Blocked, PermanentError, RateLimited, TransientError
from tests.fakes.broadcast_kit import (
    FakeClock,
    FakeSender,
    add_users,
    make_app,
    make_engine,
    start_broadcast,
)


def _statuses(app, ident: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    rows = app.db.table("broadcast_deliveries").rows_where("broadcast_id = ?", [ident])
    return {r["urn"]: r["status"] for r in rows}


async def test_sends_every_recipient_once_at_the_allowed_rate() -> None:
    clock = FakeClock()
    app = make_app(clock, telegram_rate=5.0)
    engine = make_engine(app, clock)
    add_users(app, 20)
    ident = start_broadcast(engine, clock.now)
    sender = FakeSender("telegram", clock)
    result = await engine.pump("telegram", sender).run()
    assert result.sent == 20
    assert result.reason == "idle"
    assert sorted(sender.chats(), key=int) == [str(n) for n in range(1, 21)]
    elapsed = (sender.sent[-1][0] - sender.sent[0][0]).total_seconds()
    assert elapsed == pytest.approx(19 / 5.0)
    assert "/dung" in sender.sent[0][2]
    engine.broadcasts.finish_completed(clock.now)
    assert engine.broadcasts.get_status(ident) == Status.DONE


async def test_recipient_locale_and_footer() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 1, locale="en")
    ident = engine.broadcasts.create(
        {"vi": "Xin chào\nvi", "en": "Hello\nen"},
        Audience(),
        "admin",
        clock.now,
        status=Status.SCHEDULED,
        send_at=clock.now,
    )
    assert ident is not None
    engine.activate(clock.now)
    sender = FakeSender("telegram", clock)
    await engine.pump("telegram", sender).run()
    assert sender.sent[0][2].startswith("Hello\nen")
    assert "Send /dung" in sender.sent[0][2]


async def test_opt_out_mid_broadcast_takes_effect_at_once() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    urns = add_users(app, 5)
    ident = start_broadcast(engine, clock.now)

    def hook(chat: str, reply: Reply) -> None:
        if chat == "2":
            user = app.store.get_user(urns[4])
            assert user is not None
            app.store.save_user(replace(user, subscribed=False))

    sender = FakeSender("telegram", clock, hook=hook)
    await engine.pump("telegram", sender).run()
    assert "5" not in sender.chats()
    assert len(sender.sent) == 4
    assert _statuses(app, ident)[urns[4]] == DeliveryStatus.SKIPPED
    assert engine.broadcasts.progress(ident).stopped == 1


async def test_blocked_user_is_marked_stopped_and_left_out_next_time() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 3)
    ident = start_broadcast(engine, clock.now)

    def hook(chat: str, reply: Reply) -> None:
        if chat == "2":
            raise Blocked("403 Forbidden: bot was blocked by the user")

    await engine.pump("telegram", FakeSender("telegram", clock, hook=hook)).run()
    assert _statuses(app, ident)["telegram:2"] == DeliveryStatus.BLOCKED
    user = app.store.get_user("telegram:2")
    assert user is not None
    assert user.stopped
    second = start_broadcast(engine, clock.now)
    assert "telegram:2" not in _statuses(app, second)


async def test_429_pauses_bulk_and_loses_nothing() -> None:
    clock = FakeClock()
    app = make_app(clock, telegram_rate=10.0)
    engine = make_engine(app, clock)
    add_users(app, 6)
    ident = start_broadcast(engine, clock.now)
    answers = iter([None, None, RateLimited(7.0)])

    def hook(chat: str, reply: Reply) -> None:
        error = next(answers, None)
        if error is not None:
            raise error

    sender = FakeSender("telegram", clock, hook=hook)
    result = await engine.pump("telegram", sender).run()
    assert result.rate_limited == 1
    assert result.sent == 6
    assert sorted(sender.chats()) == sorted(str(n) for n in range(1, 7))
    assert max(clock.slept) == pytest.approx(7.0, abs=0.2)
    gap = (sender.sent[2][0] - sender.sent[1][0]).total_seconds()
    assert gap >= 7.0
    rows = app.db.table("broadcast_deliveries").rows_where("broadcast_id = ?", [ident])
    assert all(r["attempts"] == 1 for r in rows)


async def test_transient_errors_retry_with_backoff_then_fail() -> None:
    clock = FakeClock()
    app = make_app(clock, max_attempts=3)
    engine = make_engine(app, clock)
    add_users(app, 3)
    ident = start_broadcast(engine, clock.now)
    flaky = {"2": 1}

    def hook(chat: str, reply: Reply) -> None:
        if chat == "3" or flaky.get(chat, 0) > 0:
            flaky[chat] = flaky.get(chat, 0) - 1
            raise TransientError("502 Bad Gateway")

    sender = FakeSender("telegram", clock, hook=hook)
    for _ in range(4):
        await engine.pump("telegram", sender).run()
        clock.now += timedelta(minutes=5)
    statuses = _statuses(app, ident)
    assert statuses == {
        "telegram:1": DeliveryStatus.SENT,
        "telegram:2": DeliveryStatus.SENT,
        "telegram:3": DeliveryStatus.FAILED,
    }
    row = next(app.db.table("broadcast_deliveries").rows_where("urn = ?", ["telegram:3"]))
    assert row["attempts"] == 3
    assert "502" in row["last_error"]


async def test_retry_waits_for_backoff() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 1)
    start_broadcast(engine, clock.now)
    calls = []

    def hook(chat: str, reply: Reply) -> None:
        calls.append(clock.now)
        if len(calls) == 1:
            raise TransientError("timeout")

    sender = FakeSender("telegram", clock, hook=hook)
    await engine.pump("telegram", sender).run()
    clock.now += timedelta(seconds=10)
    await engine.pump("telegram", sender).run()
    assert len(calls) == 1
    clock.now += timedelta(seconds=25)
    await engine.pump("telegram", sender).run()
    assert len(calls) == 2
    assert len(sender.sent) == 1


async def test_permanent_error_is_recorded_once() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 2)
    ident = start_broadcast(engine, clock.now)

    def hook(chat: str, reply: Reply) -> None:
        if chat == "1":
            raise PermanentError("400 Bad Request: chat not found")

    await engine.pump("telegram", FakeSender("telegram", clock, hook=hook)).run()
    engine.broadcasts.finish_completed(clock.now)
    progress = engine.broadcasts.progress(ident)
    assert (progress.sent, progress.failed) == (1, 1)
    assert engine.broadcasts.get_status(ident) == Status.DONE


async def test_all_failed_broadcast_is_failed() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 2)
    ident = start_broadcast(engine, clock.now)

    def hook(chat: str, reply: Reply) -> None:
        raise PermanentError("400")

    await engine.pump("telegram", FakeSender("telegram", clock, hook=hook)).run()
    engine.broadcasts.finish_completed(clock.now)
    assert engine.broadcasts.get_status(ident) == Status.FAILED


def _hanoi(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=UTC) - timedelta(hours=7)


async def test_quiet_hours_pause_bulk_until_morning() -> None:
    clock = FakeClock(_hanoi(23, 20, 59, 57))
    app = make_app(clock, telegram_rate=1.0)
    engine = make_engine(app, clock)
    add_users(app, 5)
    ident = start_broadcast(engine, clock.now)
    sender = FakeSender("telegram", clock)
    result = await engine.pump("telegram", sender).run()
    assert result.reason == "quiet"
    assert len(sender.sent) == 3
    clock.now = _hanoi(24, 3, 0)
    assert (await engine.pump("telegram", sender).run()).sent == 0
    clock.now = _hanoi(24, 7, 0)
    assert (await engine.pump("telegram", sender).run()).sent == 2
    assert all(not engine.quiet.is_quiet(at) for at, _, _ in sender.sent)
    assert engine.broadcasts.progress(ident).sent == 5


async def test_paused_broadcast_stops_and_resumes() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 4)
    ident = start_broadcast(engine, clock.now)

    def hook(chat: str, reply: Reply) -> None:
        if chat == "2":
            engine.broadcasts.set_status(ident, Status.PAUSED, clock.now)

    sender = FakeSender("telegram", clock, hook=hook)
    await engine.pump("telegram", sender).run()
    assert len(sender.sent) == 2
    engine.broadcasts.set_status(ident, Status.SENDING, clock.now)
    sender.hook = None
    await engine.pump("telegram", sender).run()
    assert sorted(sender.chats()) == ["1", "2", "3", "4"]


async def test_notifications_go_before_bulk() -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 3)
    start_broadcast(engine, clock.now)
    app.store.notify("telegram:7", "Nhắc báo cáo", "remind:1", clock.now)
    app.store.notify("zalo:8", "Nhắc báo cáo", "remind:2", clock.now)
    sender = FakeSender("telegram", clock)
    result = await engine.pump("telegram", sender).run()
    assert sender.sent[0][1:] == ("7", "Nhắc báo cáo")
    assert result.notices == 1
    assert result.sent == 3
    pending = app.store.pending_notifications()
    assert [n.urn for n in pending] == ["zalo:8"]


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs."""


@pytest.mark.parametrize(
    ("label", "reached_user"),
    [("killed after the platform accepted", True), ("killed before it", False)],
    ids=["after-send", "before-send"],
)
async def test_crash_resends_only_the_in_flight_message(label: str, reached_user: bool) -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    add_users(app, 10)
    ident = start_broadcast(engine, clock.now)
    delivered: list[str] = []

    def hook(chat: str, reply: Reply) -> None:
        if chat == "5":
            if reached_user:
                delivered.append(chat)
            raise Killed

    first = FakeSender("telegram", clock, hook=hook)
    with pytest.raises(Killed):
        await engine.pump("telegram", first).run()
    in_flight = engine.deliveries.in_flight()
    assert in_flight == 1
    restarted = make_engine(app, clock)
    assert restarted.recover() == 1
    second = FakeSender("telegram", clock)
    await restarted.pump("telegram", second).run()
    everything = first.chats() + delivered + second.chats()
    duplicates = len(everything) - len(set(everything))
    assert set(everything) == {str(n) for n in range(1, 11)}
    assert duplicates <= in_flight
    assert duplicates == (1 if reached_user else 0)
    broadcast = restarted.broadcasts.get(ident)
    assert broadcast is not None
    assert broadcast.recovered == 1


async def test_crash_with_concurrent_sends_duplicates_at_most_the_in_flight() -> None:
    clock = FakeClock()
    app = make_app(clock, telegram_rate=100.0)
    concurrency = 4
    engine = make_engine(app, clock, concurrency=concurrency)
    add_users(app, 30)
    start_broadcast(engine, clock.now)
    hang = asyncio.Event()
    accepted: list[str] = []

    class Hanging:
        channel = "telegram"

        async def send(self, chat_id: str, reply: Reply) -> None:
            accepted.append(chat_id)
            if len(accepted) > 10:
                await hang.wait()

    task = asyncio.create_task(engine.pump("telegram", Hanging()).run())
    for _ in range(200):
        await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    in_flight = engine.deliveries.in_flight()
    assert in_flight == concurrency
    restarted = make_engine(app, clock, concurrency=concurrency)
    assert restarted.recover() == concurrency
    sender = FakeSender("telegram", clock)
    await restarted.pump("telegram", sender).run()
    everything = accepted + sender.chats()
    assert set(everything) == {str(n) for n in range(1, 31)}
    assert len(everything) - len(set(everything)) <= in_flight
