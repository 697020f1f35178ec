"""Test harness for the Zalo channel: a ZaloChannel wired to the fake API around any Handle.

``ZaloHarness`` posts webhook events through the channel's route (no network for the bot side)
and reads what the bot sent from the fake server; ``ZaloDriver`` plays transcripts with it.
Plug in the real core with ``runtime.handle`` or a canned one such as ``CannedCore``.
"""

from __future__ import annotations

import asyncio
import re

import httpx
from starlette.applications import Starlette

from bot.channels.zalo import ZaloChannel
from bot.core.config import ZaloSettings
from bot.core.i18n import Strings
from bot.core.messages import Button, Incoming, Reply
from bot.core.transport import Handle
from tests.fakes.zalo_server import SECRET, TOKEN, FakeZaloServer

CITIZEN = "6ede9afa66b88fe6d6a9"
WEBHOOK_URL = "https://bot.example.org/zalo/webhook"
MENU = (Button("Hỏi đáp pháp luật", "menu:faq"), Button("Tìm nơi hỗ trợ", "menu:help"))
LONG = " ".join(
    f"Câu {i}: quyền của nạn nhân bạo lực gia đình được pháp luật bảo vệ." for i in range(70)
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
        if text == "/start":
            return [Reply("Xin chào! Bạn cần gì?", MENU), Reply("Nhận tin?", (Button("Có", "y"),))]
        if text == "1":  # the real core maps "1" to the first option it offered
            return [Reply("Bạn hãy gõ câu hỏi về pháp luật.")]
        if "đánh" in text:
            return [
                Reply("Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113."),
                Reply("Bạn an toàn chưa?"),
            ]
        if text == "dài":
            return [Reply(LONG)]
        return [Reply(f"Bạn hỏi: {incoming.text}")]


class ZaloHarness:
    """A ZaloChannel wired to the fake API; webhook events posted through its route."""

    def __init__(
        self, fake: FakeZaloServer, handle: Handle, strings: Strings, webhook_url: str = WEBHOOK_URL
    ) -> None:
        settings = ZaloSettings(api_base_url=fake.base_url, webhook_url=webhook_url)
        self.fake = fake
        self.blocked: list[str] = []
        self.quota: list[str] = []
        self.sleeps: list[float] = []
        self.channel = ZaloChannel(
            settings, TOKEN, SECRET, handle, self.blocked.append, strings, self.quota.append,
            sleep=self._sleep, poll_timeout=1,
        )  # fmt: skip
        self.app = Starlette(routes=self.channel.routes())
        transport = httpx.ASGITransport(app=self.app)
        self.http = httpx.AsyncClient(transport=transport, base_url="http://bot.test")

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(0)

    async def post(
        self, event: dict[str, object], shape: str = "wrapped", secret: str = SECRET
    ) -> int:
        """POST ``event`` to the webhook route as Zalo would; wait until it is answered."""
        headers, body = self.fake.webhook_request(
            event, "flat" if shape == "flat" else "wrapped", secret
        )
        response = await self.http.post("/zalo/webhook", content=body, headers=headers)
        await self.channel.wait_idle()
        return response.status_code

    async def say(self, text: str, chat_id: str = CITIZEN) -> list[str]:
        """Send ``text`` as ``chat_id``; return the messages the bot sent back."""
        before = len(self.fake.sent_to(chat_id))
        assert await self.post(self.fake.text_event(chat_id, text)) == 200
        return self.fake.sent_to(chat_id)[before:]

    async def close(self) -> None:
        """Stop the channel and close the test client."""
        await self.channel.stop()
        await self.http.aclose()


class ZaloDriver:
    """Plays transcripts over Zalo: a private event loop, numbers instead of buttons."""

    def __init__(self, handle: Handle, strings: Strings) -> None:
        self.loop = asyncio.new_event_loop()
        self.fake = FakeZaloServer().start()
        self.harness = ZaloHarness(self.fake, handle, strings)
        self.loop.run_until_complete(self.harness.channel.start())
        self.options: list[tuple[str, str]] = []

    def say(self, text: str) -> tuple[str, list[str]]:
        sent = self.loop.run_until_complete(self.harness.say(text))
        joined = "\n\n".join(sent)
        self.options = re.findall(r"^(\d+)\. (.+)$", joined, flags=re.MULTILINE)
        return joined, [label for _, label in self.options]

    def press(self, label: str) -> tuple[str, list[str]]:
        numbers = [n for n, option in self.options if label.casefold() in option.casefold()]
        assert numbers, f"no option {label!r} in {self.options}"
        return self.say(numbers[0])

    def close(self) -> None:
        self.loop.run_until_complete(self.harness.close())
        self.loop.close()
        self.fake.close()
