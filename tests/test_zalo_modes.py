"""The Zalo channel's modes: polling, webhook over real HTTP, and transcripts on the real core."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bot.channels.zalo import ZaloChannel
from bot.core.config import ZaloSettings
from bot.core.i18n import Strings
from bot.runtime.assembly import Runtime
from tests.fakes import shipped_strings
from tests.fakes.zalo_harness import (
    CITIZEN,
    WEBHOOK_URL,
    CannedCore,
    ZaloDriver,
    ZaloHarness,
)
from tests.fakes.zalo_server import SECRET, TOKEN, FakeZaloServer
from tests.servers import listening, served_in_loop
from tests.transcripts import Case, load_cases, run_case


@pytest.fixture
def fake() -> Iterator[FakeZaloServer]:
    server = FakeZaloServer().start()
    yield server
    server.close()


@pytest.fixture
def strings() -> Strings:
    return shipped_strings()


@pytest.fixture
def core() -> CannedCore:
    return CannedCore()


def test_webhook_mode_needs_a_real_secret(fake: FakeZaloServer, strings: Strings) -> None:
    settings = ZaloSettings(api_base_url=fake.base_url, webhook_url=WEBHOOK_URL)
    with pytest.raises(ValueError, match="ZALO_WEBHOOK_SECRET"):
        ZaloChannel(settings, TOKEN, "short", CannedCore(), print, strings)


async def test_polling_mode(fake: FakeZaloServer, core: CannedCore, strings: Strings) -> None:
    fake.webhook_url, fake.webhook_secret = "https://old.example.org/hook", SECRET
    fake.queue_update(fake.text_event(CITIZEN, "xin chào"))
    bot = ZaloHarness(fake, core, strings, webhook_url="")
    await bot.channel.start()
    await asyncio.wait_for(core.called.wait(), 5)
    await bot.channel.wait_idle()
    await bot.close()
    assert [c.method for c in fake.calls[:4]] == [
        "getMe",
        "getWebhookInfo",
        "deleteWebhook",
        "getUpdates",
    ]
    assert fake.webhook_url == ""
    assert fake.sent_to(CITIZEN) == ["Bạn hỏi: xin chào"]


async def test_webhook_over_real_http(
    fake: FakeZaloServer, core: CannedCore, strings: Strings
) -> None:
    with listening() as (sock, base):
        bot = ZaloHarness(fake, core, strings, webhook_url=f"{base}/zalo/webhook")
        async with served_in_loop(bot.app, sock):
            await bot.channel.start()
            event = fake.text_event(CITIZEN, "xin chào")
            assert await asyncio.to_thread(fake.deliver, event) == 200
            await bot.channel.wait_idle()
        await bot.close()
    assert fake.sent_to(CITIZEN) == ["Bạn hỏi: xin chào"]


@pytest.mark.parametrize("case", load_cases("zalo"), ids=lambda c: c.id)
def test_transcript_on_zalo(case: Case, runtime: Runtime) -> None:
    driver = ZaloDriver(runtime.handle, runtime.app.strings)
    try:
        run_case(case, driver)
    finally:
        driver.close()
