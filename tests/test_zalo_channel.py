"""The Zalo channel in webhook mode: conversations, protected users, secrets, duplicates, quota.

Events go through the channel's webhook route and the real httpx client talks to the fake API.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from typing import cast

import pytest

from bot.channels.seen import Seen
from bot.channels.zalo import ZaloSender
from bot.channels.zalo_client import ZaloClient, ZaloQuotaExceeded, parse_update
from bot.core.i18n import Strings
from bot.core.messages import Document, Incoming, Reply
from bot.core.transport import Handle, PermanentError, RateLimited
from tests.fakes import shipped_strings
from tests.fakes.zalo_harness import (
    CITIZEN,
    LONG,
    WEBHOOK_URL,
    CannedCore,
    ZaloHarness,
)
from tests.fakes.zalo_server import QUOTA_EXCEEDED, SECRET, Answer, FakeZaloServer


@pytest.fixture
def fake() -> Iterator[FakeZaloServer]:
    server = FakeZaloServer().start()
    yield server
    server.close()


@pytest.fixture
def strings() -> Strings:
    return shipped_strings()


MakeHarness = Callable[[Handle], Awaitable[ZaloHarness]]


@pytest.fixture
async def zalo(fake: FakeZaloServer, strings: Strings) -> AsyncIterator[MakeHarness]:
    """Return a factory: a started webhook-mode channel around any ``Handle``."""
    made: list[ZaloHarness] = []

    async def make(handle: Handle) -> ZaloHarness:
        harness = ZaloHarness(fake, handle, strings)
        await harness.channel.start()
        made.append(harness)
        return harness

    yield make
    for harness in made:
        await harness.close()


@pytest.fixture
def core() -> CannedCore:
    return CannedCore()


async def test_start_registers_the_webhook(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer
) -> None:
    await zalo(core)
    assert [c.method for c in fake.calls] == ["getMe", "setWebhook"]
    assert (fake.webhook_url, fake.webhook_secret) == (WEBHOOK_URL, SECRET)


async def test_citizen_question(zalo: MakeHarness, core: CannedCore) -> None:
    bot = await zalo(core)
    assert await bot.say("Ly hôn thì chia tài sản thế nào?") == [
        "Bạn hỏi: Ly hôn thì chia tài sản thế nào?"
    ]
    incoming = core.seen[0]
    assert incoming.user == f"zalo:{CITIZEN}"
    assert incoming.at == datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert incoming.message_id is not None
    assert len(incoming.message_id) == 20


async def test_numbered_menu_choice(zalo: MakeHarness, core: CannedCore) -> None:
    bot = await zalo(core)
    menu = await bot.say("/start")
    assert menu == [
        "Xin chào! Bạn cần gì?\n\n1. Hỏi đáp pháp luật\n2. Tìm nơi hỗ trợ",
        "Nhận tin?\n\n3. Có",
    ]
    assert await bot.say("1") == ["Bạn hãy gõ câu hỏi về pháp luật."]
    assert (core.seen[-1].text, core.seen[-1].button) == ("1", None)


async def test_emergency_answer_comes_first(zalo: MakeHarness, core: CannedCore) -> None:
    bot = await zalo(core)
    sent = await bot.say("chồng em đang đánh em")
    assert "113" in sent[0]
    assert len(sent) == 2


async def test_long_answer_is_split(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer
) -> None:
    bot = await zalo(core)
    sent = await bot.say("dài")
    assert len(sent) == 3
    assert all(len(part) <= 2000 for part in sent)
    assert " ".join(sent) == LONG


@pytest.mark.parametrize("shape", ["wrapped", "flat"])
async def test_protected_user_gets_the_safe_message(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer, shape: str
) -> None:
    bot = await zalo(core)
    assert await bot.post(fake.unsupported_event(CITIZEN), shape) == 200
    [sent] = fake.sent_to(CITIZEN)
    assert "111" in sent
    assert "1900 969 680" in sent
    assert core.seen == []


async def test_protected_user_event_without_a_chat_is_logged(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await zalo(core)
    with caplog.at_level(logging.WARNING, "bot.channels.zalo"):
        assert await bot.post(fake.unsupported_event(None)) == 200
    assert "cannot answer" in caplog.text
    assert fake.calls_to("sendMessage") == []


@pytest.mark.parametrize("secret", ["wrong-secret-123", ""], ids=["wrong", "missing"])
async def test_wrong_secret_is_refused(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer, secret: str
) -> None:
    bot = await zalo(core)
    assert await bot.post(fake.text_event(CITIZEN, "xin chào"), secret=secret) == 403
    assert core.seen == []
    assert fake.calls_to("sendMessage") == []


async def test_duplicate_event_is_processed_once(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer
) -> None:
    bot = await zalo(core)
    event = fake.text_event(CITIZEN, "xin chào")
    assert [await bot.post(event), await bot.post(event, "flat")] == [200, 200]
    assert len(core.seen) == 1
    assert len(fake.sent_to(CITIZEN)) == 1


def test_seen_events_are_bounded() -> None:
    seen = Seen[str](limit=2)
    assert [seen.first_time(k) for k in ("a", "b", "a", "c", "a")] == [
        True,
        True,
        False,
        True,
        True,
    ]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param(b"{not json", 400, id="bad-json"),
        pytest.param(b"x" * 300_000, 413, id="too-big"),
    ],
)
async def test_bad_bodies(zalo: MakeHarness, core: CannedCore, body: bytes, status: int) -> None:
    bot = await zalo(core)
    headers = {"X-Bot-Api-Secret-Token": SECRET}
    assert (
        await bot.http.post("/zalo/webhook", content=body, headers=headers)
    ).status_code == status


async def test_quota_exceeded_during_a_burst(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer
) -> None:
    bot = await zalo(core)
    fake.send_quota = 3
    sends = [bot.channel.sender.send(f"sub-{i}", Reply("Tin chiến dịch")) for i in range(10)]
    results = await asyncio.gather(*sends, return_exceptions=True)
    limited = [r for r in results if isinstance(r, RateLimited)]
    assert results.count(None) == 3
    assert len(limited) == 7
    assert all(r.retry_after >= 5 for r in limited)
    assert len(bot.quota) == 1
    assert "Quota exceeded" in bot.quota[0]
    fake.send_quota = None
    assert await bot.say("xin chào") == ["Bạn hỏi: xin chào"]


class GatedClient:
    """A Zalo client stand-in whose sends finish when the test opens their gate."""

    def __init__(self) -> None:
        self.gates: dict[str, asyncio.Event] = {}

    async def send_message(self, chat_id: str, text: str) -> None:
        await self.gates.setdefault(chat_id, asyncio.Event()).wait()
        if chat_id.startswith("over"):
            raise ZaloQuotaExceeded("sendMessage", 429, "Quota exceeded")


async def test_regression_a_late_success_does_not_restart_the_quota_alarm(
    strings: Strings,
) -> None:
    """Sends started before a quota error may finish after it; the alarm still fires once."""
    alarms: list[str] = []
    client = GatedClient()
    sender = ZaloSender(cast("ZaloClient", client), strings, send_rate=1.0, on_quota=alarms.append)
    tasks = [
        asyncio.create_task(sender.send(chat, Reply("Tin"))) for chat in ("over-1", "ok", "over-2")
    ]
    await asyncio.sleep(0)
    for chat in ("over-1", "ok", "over-2"):  # the server answered in this order
        client.gates.setdefault(chat, asyncio.Event()).set()
        await asyncio.sleep(0)
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert [type(r).__name__ for r in results] == [
        "ZaloQuotaExceeded",
        "NoneType",
        "ZaloQuotaExceeded",
    ]
    assert len(alarms) == 1


async def test_reply_waits_out_a_429_then_arrives(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer
) -> None:
    bot = await zalo(core)
    fake.script("sendMessage", QUOTA_EXCEEDED)
    assert await bot.say("xin chào") == ["Bạn hỏi: xin chào"]
    assert bot.sleeps == [5.0]
    assert len(bot.quota) == 1


async def test_ok_false_with_http_200_raises(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer
) -> None:
    bot = await zalo(core)
    fake.script("sendMessage", Answer(200, {"ok": False, "error_code": 400, "description": "Bad"}))
    with pytest.raises(PermanentError, match="Bad"):
        await bot.channel.sender.send(CITIZEN, Reply("xin chào"))


async def test_blocked_user_is_reported(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer
) -> None:
    bot = await zalo(core)
    fake.blocked.add(CITIZEN)
    assert await bot.say("xin chào") == []
    assert bot.blocked == [f"zalo:{CITIZEN}"]


EVENT_CASES = [
    pytest.param("sticker", None, "zalo.text_only", id="sticker"),
    pytest.param("image", None, "zalo.text_only", id="image-without-caption"),
    pytest.param("image", "Hỏi về ly hôn", "Bạn hỏi: Hỏi về ly hôn", id="image-caption"),
    pytest.param("group", "xin chào", "zalo.private_only", id="group-chat"),
]


@pytest.mark.parametrize(("kind", "text", "expected"), EVENT_CASES)
async def test_non_text_events(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer, strings: Strings,
    kind: str, text: str | None, expected: str,
) -> None:  # fmt: skip
    bot = await zalo(core)
    events = {
        "sticker": lambda: fake.sticker_event(CITIZEN),
        "image": lambda: fake.image_event(CITIZEN, text),
        "group": lambda: fake.text_event(CITIZEN, text or "", chat_type="GROUP"),
    }
    assert await bot.post(events[kind]()) == 200
    wanted = strings.get(expected) if expected.startswith("zalo.") else expected
    assert fake.sent_to(CITIZEN) == [wanted]


async def test_messages_from_bots_and_unknown_events_are_ignored(
    zalo: MakeHarness, core: CannedCore, fake: FakeZaloServer
) -> None:
    bot = await zalo(core)
    from_bot = fake.text_event(CITIZEN, "xin chào")
    from_bot["message"]["from"]["is_bot"] = True
    assert await bot.post(from_bot) == 200
    assert await bot.post({**fake.text_event(CITIZEN, ""), "event_name": "bot.joined"}) == 200
    assert fake.calls_to("sendMessage") == []


async def test_image_and_document_replies(
    zalo: MakeHarness, fake: FakeZaloServer, strings: Strings
) -> None:
    async def handle(incoming: Incoming) -> list[Reply]:
        doc = Document("baocao.xlsx", b"x")
        return [
            Reply("Ảnh chiến dịch", image="https://example.org/a.png"),
            Reply("Báo cáo", document=doc),
        ]

    bot = await zalo(handle)
    note = strings.get("zalo.document_unavailable", filename="baocao.xlsx")
    assert await bot.say("ảnh") == ["Ảnh chiến dịch", f"Báo cáo\n\n{note}"]
    assert fake.calls_to("sendPhoto")[0].params["photo"] == "https://example.org/a.png"


async def test_one_chat_is_answered_in_order(zalo: MakeHarness, fake: FakeZaloServer) -> None:
    gate = asyncio.Event()

    async def handle(incoming: Incoming) -> list[Reply]:
        if incoming.text == "một":
            await gate.wait()
        return [Reply(incoming.text)]

    bot = await zalo(handle)
    for text in ("một", "hai"):
        update = parse_update(fake.text_event(CITIZEN, text))
        assert update is not None
        assert bot.channel.accept(update)
    for _ in range(5):
        await asyncio.sleep(0)
    gate.set()
    await bot.channel.wait_idle()
    assert fake.sent_to(CITIZEN) == ["một", "hai"]
