"""The Zalo Bot API client against the fake server: shapes, errors, polling, webhooks."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.channels.zalo_client import (
    ZaloApiError,
    ZaloBadToken,
    ZaloClient,
    ZaloQuotaExceeded,
    parse_update,
)
from bot.core.transport import Blocked, PermanentError, RateLimited, SendError, TransientError
from tests.fakes.zalo_server import (
    QUOTA_EXCEEDED,
    SECRET,
    TOKEN,
    Answer,
    FakeZaloServer,
    error,
)


@pytest.fixture
def fake() -> Iterator[FakeZaloServer]:
    server = FakeZaloServer().start()
    yield server
    server.close()


@pytest.fixture
async def client(fake: FakeZaloServer) -> AsyncIterator[ZaloClient]:
    api = ZaloClient(TOKEN, fake.base_url)
    yield api
    await api.aclose()


async def test_get_me_reads_the_documented_shape(client: ZaloClient, fake: FakeZaloServer) -> None:
    me = await client.get_me()
    assert (me.id, me.account_name, me.account_type) == (
        "1459232241454765289",
        "bot.FakeBinhDang",
        "BASIC",
    )
    assert [c.method for c in fake.calls] == ["getMe"]


async def test_wrong_token_is_a_clear_error(fake: FakeZaloServer) -> None:
    api = ZaloClient("1:wrong", fake.base_url)
    with pytest.raises(ZaloBadToken, match=r"getMe failed \(401\)") as caught:
        await api.get_me()
    await api.aclose()
    assert isinstance(caught.value, PermanentError)
    assert "wrong" not in str(caught.value)


ERROR_CASES = [
    pytest.param(QUOTA_EXCEEDED, RateLimited, 429, id="429-quota-exceeded"),
    pytest.param(error(429, "Quota exceeded", status=200), RateLimited, 429, id="429-in-http-200"),
    pytest.param(error(400, "Bad request"), PermanentError, 400, id="400"),
    pytest.param(error(401, "Unauthorized"), ZaloBadToken, 401, id="401"),
    pytest.param(error(403, "Forbidden"), Blocked, 403, id="403-blocked"),
    pytest.param(error(404, "Not found"), PermanentError, 404, id="404"),
    pytest.param(error(408, "Request timeout"), TransientError, 408, id="408"),
    pytest.param(error(500, "Oops"), TransientError, 500, id="500"),
    pytest.param(error(-201, "Odd", status=200), PermanentError, -201, id="undocumented-code"),
    pytest.param(Answer(200, {"ok": False}), PermanentError, None, id="ok-false-http-200"),
    pytest.param(Answer(200, {"ok": False, "error_code": "429"}), RateLimited, 429, id="str-code"),
    pytest.param(Answer(200, "<html>"), TransientError, None, id="not-json-object"),
    pytest.param(Answer(502, None), TransientError, 502, id="502-no-body"),
]


@pytest.mark.parametrize(("answer", "kind", "code"), ERROR_CASES)
async def test_errors_are_never_lost(
    client: ZaloClient,
    fake: FakeZaloServer,
    answer: Answer,
    kind: type[Exception],
    code: int | None,
) -> None:
    fake.script("sendMessage", answer)
    with pytest.raises(kind) as caught:
        await client.send_message("u1", "Xin chào")
    assert isinstance(caught.value, ZaloApiError)
    assert caught.value.code == code
    assert fake.sent_to("u1") == []


async def test_retry_after_header_is_kept(client: ZaloClient, fake: FakeZaloServer) -> None:
    fake.script("sendMessage", Answer(429, {"ok": False, "error_code": 429}))
    with pytest.raises(ZaloQuotaExceeded) as caught:
        await client.send_message("u1", "Xin chào")
    assert caught.value.retry_after == 0.0


async def test_network_failure_is_transient_and_hides_the_token() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = ZaloClient(TOKEN, f"http://127.0.0.1:{port}")
    with pytest.raises(TransientError) as caught:
        await api.send_message("u1", "Xin chào")
    await api.aclose()
    assert TOKEN not in str(caught.value)
    assert caught.value.__cause__ is None


@pytest.mark.parametrize(
    "text", [pytest.param("", id="empty"), pytest.param("x" * 2001, id="2001-chars")]
)
async def test_invalid_text_is_refused_before_sending(
    client: ZaloClient, fake: FakeZaloServer, text: str
) -> None:
    with pytest.raises(PermanentError, match="sendMessage"):
        await client.send_message("u1", text)
    assert fake.calls == []


async def test_send_message_and_photo(client: ZaloClient, fake: FakeZaloServer) -> None:
    sent = await client.send_message("u1", "x" * 2000)
    photo = await client.send_photo("u1", "https://example.org/a.png", "Chú thích")
    await client.send_chat_action("u1")
    assert len(sent.message_id) == 20
    assert photo.date
    assert fake.calls[1].params == {
        "chat_id": "u1",
        "photo": "https://example.org/a.png",
        "caption": "Chú thích",
    }
    assert fake.calls[2].params == {"chat_id": "u1", "action": "typing"}


async def test_webhook_round_trip(client: ZaloClient, fake: FakeZaloServer) -> None:
    info = await client.set_webhook("https://bot.example.org/zalo/webhook", SECRET)
    assert info.url == "https://bot.example.org/zalo/webhook"
    assert fake.webhook_secret == SECRET
    assert (await client.get_webhook_info()).url == info.url
    assert (await client.delete_webhook()).url == ""
    assert (await client.get_webhook_info()).url == ""


async def test_short_webhook_secret_is_refused(client: ZaloClient, fake: FakeZaloServer) -> None:
    with pytest.raises(PermanentError, match="secret_token"):
        await client.set_webhook("https://bot.example.org/zalo/webhook", "short")
    assert fake.calls == []


async def test_get_updates_gives_one_event_per_call(
    client: ZaloClient, fake: FakeZaloServer
) -> None:
    fake.queue_update(fake.text_event("u1", "một"))
    fake.queue_update(fake.text_event("u1", "hai"))
    first, second = await client.get_updates(1), await client.get_updates(1)
    assert [u.message.text for u in first + second if u.message] == ["một", "hai"]
    assert fake.calls_to("getUpdates")[0].params == {"timeout": "1"}


async def test_get_updates_empty_long_poll(client: ZaloClient, fake: FakeZaloServer) -> None:
    fake.poll_wait = 0.01
    assert await client.get_updates(1) == []


PARSE_CASES = [
    pytest.param({"ok": True, "result": {"event_name": "e", "message": None}}, "e", id="wrapped"),
    pytest.param({"event_name": "e"}, "e", id="flat"),
    pytest.param({"ok": True, "result": {}}, None, id="no-event"),
    pytest.param([{"event_name": "e"}], None, id="list"),
    pytest.param("text", None, id="not-an-object"),
    pytest.param({"event_name": "e", "message": {"chat": "bad"}}, None, id="bad-message"),
]


@pytest.mark.parametrize(("body", "event"), PARSE_CASES)
def test_parse_update_accepts_both_shapes(body: object, event: str | None) -> None:
    update = parse_update(body)
    assert (update.event_name if update else None) == event


def test_numeric_ids_become_strings() -> None:
    body = {"event_name": "e", "message": {"from": {"id": 7}, "chat": {"id": 7}, "date": 1}}
    update = parse_update(body)
    assert update is not None
    assert update.message is not None
    assert update.message.chat is not None
    assert update.message.author is not None
    assert (update.message.chat.id, update.message.author.id) == ("7", "7")


def test_quota_error_is_a_send_error() -> None:
    err = ZaloQuotaExceeded("sendMessage", 429, "Quota exceeded")
    assert isinstance(err, RateLimited)
    assert isinstance(err, SendError)
    assert str(err) == "Zalo sendMessage failed (429): Quota exceeded"
