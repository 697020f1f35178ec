"""The fake Bot API itself: rate-limit mode, request shapes, scripted answers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from bot.core.messages import Reply
from bot.core.transport import RateLimited
from tests.fakes.telegram_api import RateLimit
from tests.fakes.telegram_harness import CITIZEN, CannedCore, TelegramHarness
from tests.fakes.telegram_server import TOKEN, FakeTelegramServer


class Ticks:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta durations (its int form warns, and warnings are errors)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def fake() -> Iterator[FakeTelegramServer]:
    server = FakeTelegramServer(poll_wait=0.05).start()
    yield server
    server.close()


@pytest.fixture
async def bot(fake: FakeTelegramServer) -> AsyncIterator[TelegramHarness]:
    harness = TelegramHarness(fake, CannedCore())
    await harness.channel.connect()
    yield harness
    await harness.close()


def test_token_bucket_refills_at_the_rate() -> None:
    ticks = Ticks()
    bucket = RateLimit(2, clock=ticks)
    assert [bucket.take() for _ in range(3)] == [True, True, False]
    ticks.now += 0.5
    assert [bucket.take(), bucket.take()] == [True, False]
    ticks.now += 10
    assert [bucket.take() for _ in range(3)] == [True, True, False]


async def test_rate_limit_mode_answers_429_to_bulk_sends(
    bot: TelegramHarness, fake: FakeTelegramServer
) -> None:
    ticks = Ticks()
    fake.limit_rate(2, clock=ticks)
    fake.rate_limit_retry_after = 3
    bulk = bot.channel.sender
    await bulk.send(str(CITIZEN), Reply("một"))
    await bulk.send(str(CITIZEN), Reply("hai"))
    with pytest.raises(RateLimited) as raised:
        await bulk.send(str(CITIZEN), Reply("ba"))
    assert raised.value.retry_after == 3
    ticks.now += 1
    await bulk.send(str(CITIZEN), Reply("ba"))
    assert fake.sent_to(CITIZEN) == ["một", "hai", "ba"]
    assert fake.throttled == 1


@pytest.mark.parametrize(
    ("kwargs", "status", "description"),
    [
        ({"json": {"chat_id": CITIZEN, "text": "chào"}}, 200, None),
        ({"data": {"chat_id": str(CITIZEN), "text": "chào"}}, 200, None),
        ({"json": {"chat_id": CITIZEN, "text": " "}}, 400, "Bad Request: message text is empty"),
        ({"json": {"chat_id": CITIZEN, "text": "x" * 4097}}, 400,
         "Bad Request: message is too long"),
        ({"json": {"chat_id": CITIZEN, "text": "a", "reply_markup": {"inline_keyboard": [[
            {"text": "b", "callback_data": "c" * 65}]]}}}, 400, "Bad Request: BUTTON_DATA_INVALID"),
    ],
    ids=["json", "form", "empty", "too-long", "callback-data-too-long"],
)  # fmt: skip
def test_send_message_shapes(
    fake: FakeTelegramServer, kwargs: dict[str, object], status: int, description: str | None
) -> None:
    url = f"{fake.base_url}/bot{TOKEN}/sendMessage"
    answer = httpx.post(url, **kwargs)  # type: ignore[arg-type]
    assert answer.status_code == status
    body = answer.json()
    assert body["ok"] is (status == 200)
    if description:
        assert body["description"] == description
    else:
        assert body["result"]["chat"] == {
            "id": CITIZEN,
            "type": "private",
            "first_name": "Người dùng",
        }


def test_wrong_token_is_unauthorized(fake: FakeTelegramServer) -> None:
    answer = httpx.get(f"{fake.base_url}/bot1:wrong/getMe")
    assert answer.status_code == 401
    assert fake.calls[0].token_ok is False


def test_get_updates_honours_offset(fake: FakeTelegramServer) -> None:
    first, second = fake.queue(fake.message(CITIZEN, "a")), fake.queue(fake.message(CITIZEN, "b"))
    url = f"{fake.base_url}/bot{TOKEN}/getUpdates"
    ids = [u["update_id"] for u in httpx.post(url, json={"timeout": 0}).json()["result"]]
    assert ids == [first["update_id"], second["update_id"]]
    later = httpx.post(url, json={"offset": second["update_id"], "timeout": 0}).json()["result"]
    assert [u["update_id"] for u in later] == [second["update_id"]]
    assert fake.pending() == [second["update_id"]]


def test_stats_endpoint_counts_sends_and_repeats(fake: FakeTelegramServer) -> None:
    url = f"{fake.base_url}/bot{TOKEN}/sendMessage"
    for text in ("một", "một", "hai"):
        httpx.post(url, json={"chat_id": CITIZEN, "text": text})
    stats = httpx.get(f"{fake.base_url}/fake/stats").json()["result"]
    assert stats == {"sent": 3, "chats": 1, "duplicates": 1, "throttled": 0, "calls": 3}
