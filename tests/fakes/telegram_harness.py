"""Test harness: a TelegramChannel wired to the fake Bot API around any Handle.

``TelegramHarness`` feeds updates through getUpdates (``poll_once``, no background loop) or
through the webhook route, waits until they are answered, and reads what the bot sent from the
fake server. Plug in the real core with ``runtime.handle`` or a canned one such as
``CannedCore``; ``TelegramDriver`` plays tests/conversations transcripts with real buttons.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
from starlette.applications import Starlette

from bot.channels.telegram import ReplyVia, TelegramChannel
from bot.core.config import TelegramSettings
from bot.core.i18n import Strings
from bot.core.messages import Button, Document, Incoming, Reply
from bot.core.transport import Handle
from tests.fakes import shipped_strings
from tests.fakes.telegram_server import SECRET, TOKEN, FakeTelegramServer

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
CITIZEN = 4242
GROUP = -100200300
WEBHOOK_URL = "https://bot.example.org/telegram/webhook"
MENU = (Button("Hỏi đáp pháp luật", "menu:faq"), Button("Tìm nơi hỗ trợ", "menu:help"))
LONG_PAYLOAD = "report:" + "x" * 80
LONG = "\n\n".join(
    f"Đoạn {i}: quyền của nạn nhân bạo lực gia đình được pháp luật bảo vệ. " * 8 for i in range(12)
)


class CannedCore:
    """Stands in for the dispatcher: records what it got and answers from a small script."""

    def __init__(self) -> None:
        self.seen: list[Incoming] = []
        self.called = asyncio.Event()

    async def __call__(self, incoming: Incoming) -> list[Reply]:
        self.seen.append(incoming)
        self.called.set()
        text = incoming.text.strip().casefold()
        if incoming.button is not None:
            return [Reply(f"Bạn chọn: {incoming.button}")]
        if text == "/start":
            return [Reply("Xin chào! Bạn cần gì?", MENU), Reply("Nhận tin?", (Button("Có", "y"),))]
        if "đánh" in text:
            return [
                Reply("Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113."),
                Reply("Bạn an toàn chưa?"),
            ]
        if text == "dài":
            return [Reply(LONG, (Button("Xem thêm", "more:1"),))]
        if text == "nút dài":
            return [Reply("Chọn đi", (Button("Báo cáo", LONG_PAYLOAD),))]
        if text == "/xoa":
            return [Reply("Đã xóa.", clear_chat=True)]
        if text == "tệp":
            return [Reply("Báo cáo của bạn:", document=Document("bao-cao.xlsx", b"PK\x03\x04data"))]
        if text == "ảnh":
            return [Reply("Tháng hành động", image="https://example.org/poster.png")]
        return [Reply(f"Bạn hỏi: {incoming.text}")]


class TelegramHarness:
    """A TelegramChannel wired to the fake API; updates fed by polling or the webhook route."""

    def __init__(
        self,
        fake: FakeTelegramServer,
        handle: Handle,
        strings: Strings | None = None,
        *,
        webhook_url: str = "",
        group_mode: str = "mention",
        now: Callable[[], datetime] = lambda: NOW,
        reply_via: ReplyVia | None = None,
    ) -> None:
        settings = TelegramSettings.model_validate(
            {"api_base_url": fake.base_url, "webhook_url": webhook_url, "group_mode": group_mode,
             "poll_timeout": 1}
        )  # fmt: skip
        self.fake = fake
        self.blocked: list[str] = []
        self.migrated: list[tuple[str, str]] = []
        self.sleeps: list[float] = []
        self.channel = TelegramChannel(
            settings, TOKEN, SECRET, handle, self.blocked.append, strings or shipped_strings(),
            on_migrated=lambda old, new: self.migrated.append((old, new)), reply_via=reply_via,
            now=now, sleep=self._sleep,
        )  # fmt: skip
        self.app = Starlette(routes=self.channel.routes())
        transport = httpx.ASGITransport(app=self.app)
        self.http = httpx.AsyncClient(transport=transport, base_url="http://bot.test")

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(0)

    @property
    def webhook(self) -> bool:
        """Return whether the channel runs in webhook mode."""
        return bool(self.channel.settings.webhook_url)

    async def post(self, update: dict[str, Any], secret: str = SECRET) -> int:
        """POST ``update`` to the webhook route as Telegram would; return the status."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
        response = await self.http.post("/telegram/webhook", json=update, headers=headers)
        return response.status_code

    async def feed(self, update: dict[str, Any]) -> None:
        """Deliver ``update`` (webhook route or one getUpdates call); wait until it is answered."""
        if self.webhook:
            assert await self.post(update) == 200
        else:
            self.fake.queue(update)
            assert await self.channel.poll_once(wait=0) >= 1
        await self.channel.wait_idle()

    async def say(self, text: str | None, chat_id: int = CITIZEN, **fields: Any) -> list[str]:
        """Send a message as the user of ``chat_id``; return the texts the bot sent back."""
        before = len(self.fake.sent_to(chat_id))
        await self.feed(self.fake.message(chat_id, text, **fields))
        return self.fake.sent_to(chat_id)[before:]

    async def press(self, label: str, chat_id: int = CITIZEN) -> list[str]:
        """Press the latest button labelled ``label``; return the texts the bot sent back."""
        before = len(self.fake.sent_to(chat_id))
        await self.feed(self.fake.press(chat_id, label))
        return self.fake.sent_to(chat_id)[before:]

    async def close(self) -> None:
        """Stop the channel and close the test client."""
        await self.channel.stop()
        await self.http.aclose()


class TelegramDriver:
    """Plays transcripts over Telegram with real inline buttons, on a private event loop."""

    def __init__(self, handle: Handle, strings: Strings) -> None:
        self.loop = asyncio.new_event_loop()
        self.fake = FakeTelegramServer().start()
        self.harness = TelegramHarness(self.fake, handle, strings)
        self.loop.run_until_complete(self.harness.channel.connect())

    def _turn(self, step: Any) -> tuple[str, list[str]]:
        messages = self.fake.messages
        before = set(messages.alive(CITIZEN))
        sent = self.loop.run_until_complete(step)
        labels = []
        for message_id in sorted(set(messages.alive(CITIZEN)) - before):
            for row in messages.keyboard(CITIZEN, message_id) or []:
                labels += [button["text"] for button in row]
        return "\n\n".join(sent), labels

    def say(self, text: str) -> tuple[str, list[str]]:
        """Send ``text``; return the replies' text and the labels of their buttons."""
        return self._turn(self.harness.say(text))

    def press(self, label: str) -> tuple[str, list[str]]:
        """Press the latest button whose label contains ``label``."""
        return self._turn(self.harness.press(label))

    def close(self) -> None:
        """Stop the channel and the fake server."""
        self.loop.run_until_complete(self.harness.close())
        self.loop.close()
        self.fake.close()
