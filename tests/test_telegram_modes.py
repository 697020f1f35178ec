"""The Telegram channel's modes: polling loop, webhook over real HTTP, transcripts on the core."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bot.channels.telegram import TelegramChannel, api_url
from bot.core.config import TelegramSettings
from bot.core.messages import Incoming, Reply
from bot.runtime.assembly import Runtime
from tests.fakes import shipped_strings
from tests.fakes.telegram_api import error
from tests.fakes.telegram_harness import (
    CITIZEN,
    WEBHOOK_URL,
    CannedCore,
    TelegramDriver,
    TelegramHarness,
)
from tests.fakes.telegram_server import TOKEN, FakeTelegramServer
from tests.servers import listening, served_in_loop
from tests.transcripts import Case, load_cases, run_case


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta durations (its int form warns, and warnings are errors)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def fake() -> Iterator[FakeTelegramServer]:
    server = FakeTelegramServer(poll_wait=0.05).start()
    yield server
    server.close()


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://api.telegram.org/bot", "https://api.telegram.org/bot"),
        ("http://127.0.0.1:8081", "http://127.0.0.1:8081/bot"),
        ("http://127.0.0.1:8081/", "http://127.0.0.1:8081/bot"),
        ("http://tg.local/bot/", "http://tg.local/bot"),
        ("http://tg.local/api/{token}/", "http://tg.local/api/{token}/"),
    ],
    ids=["official", "root", "root-slash", "bot-slash", "token-template"],
)
def test_api_url(base: str, expected: str) -> None:
    assert api_url(base) == expected


@pytest.mark.parametrize("secret", ["", "has space", "x" * 257], ids=["empty", "space", "long"])
def test_webhook_mode_needs_a_valid_secret(secret: str) -> None:
    settings = TelegramSettings(webhook_url=WEBHOOK_URL)
    with pytest.raises(ValueError, match="TELEGRAM_WEBHOOK_SECRET"):
        TelegramChannel(settings, TOKEN, secret, CannedCore(), print, shipped_strings())


async def test_polling_loop_answers_and_confirms_on_stop(fake: FakeTelegramServer) -> None:
    fake.webhook_url = "https://old.example.org/hook"
    core = CannedCore()
    bot = TelegramHarness(fake, core)
    update = fake.queue(fake.message(CITIZEN, "xin chào"))
    await bot.channel.start()
    await asyncio.wait_for(core.called.wait(), 5)
    await bot.close()
    assert fake.methods()[:4] == ["getMe", "getMe", "deleteWebhook", "getUpdates"]
    assert fake.webhook_url == ""
    assert fake.sent_to(CITIZEN) == ["Bạn hỏi: xin chào"]
    assert fake.calls_to("getUpdates")[-1].params["offset"] == update["update_id"] + 1
    assert fake.pending() == []


async def test_polling_backs_off_after_errors(fake: FakeTelegramServer) -> None:
    fake.script("getUpdates", error(502, "Bad Gateway"), error(409, "Conflict: terminated"))
    core = CannedCore()
    bot = TelegramHarness(fake, core)
    fake.queue(fake.message(CITIZEN, "xin chào"))
    await bot.channel.start()
    await asyncio.wait_for(core.called.wait(), 5)
    await bot.close()
    assert fake.sent_to(CITIZEN) == ["Bạn hỏi: xin chào"]
    assert bot.sleeps[:2] == [2.0, 4.0]


async def test_polling_stops_on_a_rejected_token(fake: FakeTelegramServer) -> None:
    bot = TelegramHarness(fake, CannedCore())
    await bot.channel.start()
    fake.token = "999:other"
    assert bot.channel._poller is not None
    await asyncio.wait_for(bot.channel._poller, 5)  # the loop ends by itself
    await bot.close()
    assert bot.sleeps == []


async def test_webhook_answers_before_the_core_finishes(fake: FakeTelegramServer) -> None:
    release = asyncio.Event()

    async def slow_core(incoming: Incoming) -> list[Reply]:
        await release.wait()
        return [Reply("xong")]

    bot = TelegramHarness(fake, slow_core, webhook_url=WEBHOOK_URL)
    await bot.channel.start()
    assert await bot.post(fake.message(CITIZEN, "xin chào")) == 200
    assert fake.sent_to(CITIZEN) == []
    release.set()
    await bot.channel.wait_idle()
    await bot.close()
    assert fake.sent_to(CITIZEN) == ["xong"]


async def test_webhook_over_real_http(fake: FakeTelegramServer) -> None:
    with listening() as (sock, base):
        bot = TelegramHarness(fake, CannedCore(), webhook_url=f"{base}/telegram/webhook")
        async with served_in_loop(bot.app, sock):
            await bot.channel.start()
            update = fake.message(CITIZEN, "xin chào")
            assert await asyncio.to_thread(fake.deliver, update) == 200
            assert await asyncio.to_thread(fake.deliver, update, "wrong") == 403
            await bot.channel.wait_idle()
        await bot.close()
    assert fake.sent_to(CITIZEN) == ["Bạn hỏi: xin chào"]


@pytest.mark.parametrize("case", load_cases("telegram"), ids=lambda c: c.id)
def test_transcript_on_telegram(case: Case, runtime: Runtime) -> None:
    driver = TelegramDriver(runtime.handle, runtime.app.strings)
    try:
        run_case(case, driver)
    finally:
        driver.close()
