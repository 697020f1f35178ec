"""Issue 15: no reply is lost under Telegram's strict limit (30 messages in any one second).

The fake Bot API counts sends in a sliding one-second window and answers 429 with
``retry_after`` beyond 30, as Telegram does. Time is a fake clock moved only by the bot's sleeps.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.core.messages import Incoming, Reply
from bot.core.outbox import REPLY_MAX_AGE, Lane, Outbox, TokenBucket, telegram_lane
from bot.core.sendwindow import SlidingWindow
from bot.core.transport import RateLimited
from bot.runtime.assembly import Runtime
from tests.fakes.broadcast_kit import FakeClock, FakeSender
from tests.fakes.telegram_api import SlidingWindowLimit, retry_after
from tests.fakes.telegram_harness import TelegramHarness
from tests.fakes.telegram_server import FakeTelegramServer

CHATS = 600
FIRST_CHAT = 10_000


@pytest.fixture
def fake() -> Iterator[FakeTelegramServer]:
    server = FakeTelegramServer(poll_wait=0.01).start()
    yield server
    server.close()


def test_strict_fake_counts_a_sliding_second() -> None:
    now = [0.0]
    window = SlidingWindowLimit(30, clock=lambda: now[0])
    assert [window.take() for _ in range(30)] == [0] * 30
    assert window.take() == 1
    now[0] = 0.999
    assert window.take() == 1
    now[0] = 1.0
    assert window.take() == 0


def test_sliding_window_has_no_burst_on_top_of_its_rate() -> None:
    window = SlidingWindow(30)
    for i in range(30):
        assert window.wait_time(i / 100) == 0.0
        window.start(i / 100)
        window.finish(i / 100)
    assert window.wait_time(0.5) == pytest.approx(0.5)
    assert window.wait_time(1.0) == 0.0


def test_a_send_in_flight_holds_its_place_until_a_second_after_it_ends() -> None:
    window = SlidingWindow(1)
    window.start(0.0)
    assert window.wait_time(5.0) == math.inf  # still in flight: until it ends
    window.finish(5.0)
    assert window.wait_time(5.5) == pytest.approx(0.5)
    assert window.wait_time(6.0) == 0.0


async def feed_all(harness: TelegramHarness, fake: FakeTelegramServer, texts: list[str]) -> None:
    """Queue one message per chat, let the channel take them all, wait until all are answered."""
    for number, text in enumerate(texts):
        fake.queue(fake.message(FIRST_CHAT + number, text))
    while fake.pending():
        await harness.channel.poll_once(wait=0)
    await harness.channel.wait_idle()


async def test_600_subscriptions_all_confirmed_under_the_strict_limit(
    fake: FakeTelegramServer, runtime: Runtime
) -> None:
    clock = FakeClock()
    fake.limit_window(30, clock=lambda: clock.now.timestamp())
    harness = TelegramHarness(fake, runtime.handle, now=clock, sleep=clock.sleep)
    await harness.channel.connect()
    await feed_all(harness, fake, ["/nhantin"] * CHATS)
    await harness.close()
    confirmed = [len(fake.sent_to(FIRST_CHAT + n)) for n in range(CHATS)]
    assert confirmed == [1] * CHATS
    assert fake.stats()["throttled"] == 0
    assert sum(clock.slept) >= CHATS / 30 - 1  # the bot waited instead of being refused


async def test_replies_wait_out_429s_from_elsewhere_and_arrive(
    fake: FakeTelegramServer, runtime: Runtime
) -> None:
    clock = FakeClock()
    fake.limit_window(30, clock=lambda: clock.now.timestamp())
    fake.script("sendMessage", *[retry_after(5)] * 3)  # e.g. another process on the same token
    harness = TelegramHarness(fake, runtime.handle, now=clock, sleep=clock.sleep)
    await harness.channel.connect()
    await feed_all(harness, fake, ["/nhantin"] * 40)
    await harness.close()
    assert [len(fake.sent_to(FIRST_CHAT + n)) for n in range(40)] == [1] * 40
    assert sum(clock.slept) >= 5


async def test_a_reply_refused_for_over_ten_minutes_is_given_up_and_logged(
    fake: FakeTelegramServer, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock()
    fake.script("sendMessage", retry_after(400), retry_after(400))
    harness = TelegramHarness(fake, lambda incoming: _echo(incoming), now=clock, sleep=clock.sleep)
    await harness.channel.connect()
    with caplog.at_level(logging.WARNING):
        await feed_all(harness, fake, ["xin chào"])
    await harness.close()
    assert fake.sent_to(FIRST_CHAT) == []
    assert len(fake.calls_to("sendMessage")) == 2
    assert "given up" in caplog.text
    assert 400 <= sum(clock.slept) <= REPLY_MAX_AGE


async def _echo(incoming: Incoming) -> list[Reply]:
    return [Reply(f"Bạn hỏi: {incoming.text}")]


async def test_emergency_answer_goes_before_replies_already_waiting() -> None:
    clock = FakeClock()
    outbox = Outbox({"telegram": telegram_lane()}, clock, clock.sleep)
    sender = FakeSender("telegram", clock)
    replies = outbox.replies(sender)
    ordinary = [replies.send(str(n), Reply(f"trả lời {n}")) for n in range(45)]
    waiting = [asyncio.create_task(send) for send in ordinary]
    await asyncio.sleep(0)
    urgent = asyncio.create_task(replies.send("99", Reply("Gọi ngay 113", emergency=True)))
    await asyncio.gather(*waiting, urgent)
    order = sender.chats()
    assert order.index("99") == 30  # first in line once the first second's 30 have gone
    assert sender.sent[30][0] - sender.sent[0][0] >= timedelta(seconds=1)


async def test_reply_after_a_429_waits_and_pauses_bulk_too() -> None:
    clock = FakeClock()
    outbox = Outbox({"telegram": telegram_lane()}, clock, clock.sleep)
    refusals = [RateLimited(12.0)]

    def hook(chat: str, reply: Reply) -> None:
        if refusals:
            raise refusals.pop()

    sender = FakeSender("telegram", clock, hook=hook)
    await outbox.replies(sender).send("1", Reply("x"))
    assert sender.chats() == ["1"]
    assert clock.slept == [pytest.approx(12.0)]
    assert outbox.lane("telegram").rate_limited == 1


async def test_bulk_yields_while_replies_wait() -> None:
    lane = Lane("telegram", TokenBucket(100.0, 100.0), window=SlidingWindow(30))
    clock = FakeClock()
    outbox = Outbox({"telegram": lane}, clock, clock.sleep)
    replies = outbox.replies(FakeSender("telegram", clock))
    now = clock.now.timestamp()
    for _ in range(30):
        lane.take("bulk", now)  # bulk used this second's whole window
        lane.done(now)
    assert lane.wait_time("bulk", now) == pytest.approx(1.0)
    task = asyncio.create_task(replies.send("1", Reply("x")))
    await asyncio.sleep(0)
    assert lane.queue is not None
    assert lane.queue.waiting == 1
    assert lane.wait_time("bulk", now + 1.0) > 0  # the reply goes first
    await task
    assert lane.queue.waiting == 0
