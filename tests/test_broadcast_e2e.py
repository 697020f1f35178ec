"""The pump against the fake Telegram and Zalo servers: real HTTP, 429s, blocked users."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from telegram import Bot

from bot.channels.telegram import api_url
from bot.channels.telegram_sender import ChatMemory, TelegramSender
from bot.channels.zalo import ZaloSender
from bot.channels.zalo_client import ZaloClient
from tests.fakes import telegram_server, zalo_server
from tests.fakes.broadcast_kit import FakeClock, add_users, make_app, make_engine, start_broadcast


@pytest.fixture
def telegram() -> Iterator[telegram_server.FakeTelegramServer]:
    fake = telegram_server.FakeTelegramServer().start()
    yield fake
    fake.close()


@pytest.fixture
def zalo() -> Iterator[zalo_server.FakeZaloServer]:
    fake = zalo_server.FakeZaloServer().start()
    yield fake
    fake.close()


async def test_telegram_rate_limit_429_and_blocked(
    telegram: telegram_server.FakeTelegramServer,
) -> None:
    clock = FakeClock()
    telegram.limit_rate(5.0, burst=2.0, clock=lambda: clock.now.timestamp())
    telegram.blocked.add(7)
    app = make_app(clock, telegram_rate=8.0)
    engine = make_engine(app, clock)
    add_users(app, 12)
    ident = start_broadcast(engine, clock.now)
    bot = Bot(telegram_server.TOKEN, base_url=api_url(telegram.base_url))
    async with bot:
        sender = TelegramSender(bot, ChatMemory(), app.store.mark_stopped, clock)
        result = await engine.pump("telegram", sender).run()
    assert result.rate_limited == telegram.throttled > 0
    assert telegram.stats()["duplicates"] == 0
    delivered = [n for n in range(1, 13) if telegram.sent_to(n)]
    assert delivered == [n for n in range(1, 13) if n != 7]
    user = app.store.get_user("telegram:7")
    assert user is not None
    assert user.stopped
    progress = engine.broadcasts.progress(ident)
    assert (progress.sent, progress.stopped, progress.remaining) == (11, 1, 0)


async def test_zalo_quota_pauses_bulk_then_resumes(zalo: zalo_server.FakeZaloServer) -> None:
    clock = FakeClock()
    app = make_app(clock)
    engine = make_engine(app, clock)
    lane = engine.outbox.lane("zalo")
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if seconds >= 5:
            zalo.send_quota = None  # the quota comes back while bulk sending waits
        await clock.sleep(seconds)

    engine.sleep = sleep
    zalo.send_quota = 3
    add_users(app, 6, channel="zalo")
    start_broadcast(engine, clock.now)
    client = ZaloClient(zalo_server.TOKEN, zalo.base_url)
    on_quota = engine.outbox.on_quota("zalo", 60.0)
    sender = ZaloSender(client, app.strings, send_rate=5.0, on_quota=on_quota)
    try:
        result = await engine.pump("zalo", sender).run()
    finally:
        await client.aclose()
    assert result.rate_limited >= 1
    assert lane.rate_limited >= 2  # the callback and the pump both paused the lane
    assert max(waits) >= 60.0
    assert all(len(zalo.sent_to(str(n))) == 1 for n in range(1, 7))
