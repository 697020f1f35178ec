"""Per-channel limits: token bucket, per-chat limit, 429 pauses, and replies before bulk."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.messages import Reply
from bot.core.outbox import ChatLimiter, Lane, Outbox, TokenBucket
from bot.core.transport import RateLimited
from tests.fakes.broadcast_kit import (
    FakeClock,
    FakeSender,
    add_users,
    make_app,
    make_engine,
    start_broadcast,
)


@pytest.mark.parametrize(
    ("rate", "burst", "takes", "expected_wait"),
    [
        (2.0, 1.0, 0, 0.0),
        (2.0, 1.0, 1, 0.5),
        (2.0, 1.0, 2, 1.0),
        (25.0, 1.0, 1, 0.04),
        (10.0, 5.0, 5, 0.1),
        (10.0, 5.0, 4, 0.0),
    ],
    ids=["fresh", "one-taken", "in-debt", "telegram-default", "burst-used", "burst-left"],
)
def test_token_bucket_wait(rate: float, burst: float, takes: int, expected_wait: float) -> None:
    bucket = TokenBucket(rate, burst)
    for _ in range(takes):
        bucket.take(100.0)
    assert bucket.wait_time(100.0) == pytest.approx(expected_wait)


def test_token_bucket_refills_up_to_burst() -> None:
    bucket = TokenBucket(5.0, 2.0)
    bucket.take(0.0)
    bucket.take(0.0)
    assert bucket.wait_time(10.0) == 0.0
    bucket.take(10.0)
    bucket.take(10.0)
    assert bucket.wait_time(10.0) == pytest.approx(0.2)


def test_chat_limiter_one_per_second() -> None:
    limiter = ChatLimiter(1.0)
    assert limiter.wait_time("a", 0.0) == 0.0
    limiter.note("a", 0.0)
    assert limiter.wait_time("a", 0.25) == pytest.approx(0.75)
    assert limiter.wait_time("b", 0.25) == 0.0
    assert limiter.wait_time("a", 1.0) == 0.0


def test_lane_pause_counts_and_waits() -> None:
    lane = Lane("telegram", TokenBucket(100.0))
    lane.pause(3.0, 10.0)
    lane.pause(1.0, 10.5)
    assert lane.rate_limited == 2
    assert lane.wait_time("x", 11.0) == pytest.approx(2.0)
    assert lane.pause_left(13.0) == 0.0


def test_outbox_lanes_follow_settings() -> None:
    clock = FakeClock()
    app = make_app(clock, telegram_rate=30.0, telegram_per_chat=0.5)
    outbox = Outbox.from_settings(app.settings, clock)
    assert outbox.lane("telegram").rate == 30.0
    assert outbox.lane("telegram").per_chat == ChatLimiter(0.5)
    assert outbox.lane("zalo").rate == app.settings.zalo.send_rate
    assert outbox.lane("zalo").per_chat is None


def test_zalo_quota_callback_pauses_bulk() -> None:
    clock = FakeClock()
    outbox = Outbox.from_settings(make_app(clock).settings, clock)
    outbox.on_quota("zalo", 60.0)("Quota exceeded")
    lane = outbox.lane("zalo")
    assert lane.pause_left(clock.now.timestamp()) == pytest.approx(60.0)


async def test_reply_never_waits_but_uses_capacity() -> None:
    clock = FakeClock()
    outbox = Outbox.from_settings(make_app(clock, telegram_rate=1.0).settings, clock)
    sender = FakeSender("telegram", clock)
    replies = outbox.replies(sender)
    for chat in ("1", "2", "3"):
        await replies.send(chat, Reply("trả lời"))
    assert clock.slept == []
    assert len(sender.sent) == 3
    assert outbox.lane("telegram").wait_time("9", clock.now.timestamp()) == pytest.approx(3.0)


async def test_reply_429_pauses_bulk_and_is_raised() -> None:
    clock = FakeClock()
    outbox = Outbox.from_settings(make_app(clock).settings, clock)

    def hook(chat: str, reply: Reply) -> None:
        raise RateLimited(12.0)

    replies = outbox.replies(FakeSender("telegram", clock, hook=hook))
    with pytest.raises(RateLimited):
        await replies.send("1", Reply("x"))
    assert outbox.lane("telegram").pause_left(clock.now.timestamp()) == pytest.approx(12.0)


async def test_reply_goes_before_the_next_bulk_message() -> None:
    clock = FakeClock()
    app = make_app(clock, telegram_rate=1.0)
    engine = make_engine(app, clock)
    add_users(app, 3)
    start_broadcast(engine, clock.now)
    first_bulk_sent = asyncio.Event()
    sender = FakeSender("telegram", clock, hook=lambda chat, reply: first_bulk_sent.set())
    replies = engine.outbox.replies(sender)

    async def someone_writes_in() -> None:
        await first_bulk_sent.wait()
        await replies.send("99", Reply("Câu trả lời"))

    writer = asyncio.create_task(someone_writes_in())
    await engine.pump("telegram", sender).run()
    await writer
    order = [chat for _, chat, _ in sender.sent]
    assert order[:2] == ["1", "99"]
    times = [at for at, _, _ in sender.sent]
    assert (times[2] - times[1]).total_seconds() == pytest.approx(1.0)
    assert (times[1] - times[0]).total_seconds() == pytest.approx(1.0)
