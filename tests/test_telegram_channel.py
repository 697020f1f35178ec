"""The Telegram channel end to end: the real python-telegram-bot client against the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest

from bot.channels.telegram_sender import STALE, parts
from bot.core.messages import Location, Reply
from bot.core.transport import Blocked, RateLimited, Sender
from tests.fakes.telegram_api import BLOCKED, retry_after
from tests.fakes.telegram_harness import (
    CITIZEN,
    GROUP,
    LONG,
    LONG_PAYLOAD,
    NOW,
    WEBHOOK_URL,
    CannedCore,
    TelegramHarness,
)
from tests.fakes.telegram_server import BOT_ID, SECRET, FakeTelegramServer


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
def core() -> CannedCore:
    return CannedCore()


@pytest.fixture
async def bot(fake: FakeTelegramServer, core: CannedCore) -> AsyncIterator[TelegramHarness]:
    harness = TelegramHarness(fake, core)
    await harness.channel.connect()
    yield harness
    await harness.close()


@pytest.fixture
async def hook(fake: FakeTelegramServer, core: CannedCore) -> AsyncIterator[TelegramHarness]:
    harness = TelegramHarness(fake, core, webhook_url=WEBHOOK_URL)
    await harness.channel.connect()
    yield harness
    await harness.close()


async def test_start_shows_menu_with_inline_buttons(
    bot: TelegramHarness, fake: FakeTelegramServer, core: CannedCore
) -> None:
    assert await bot.say("/start") == ["Xin chào! Bạn cần gì?", "Nhận tin?"]
    assert fake.methods()[:3] == ["getMe", "getMe", "deleteWebhook"]
    first, second = fake.calls_to("sendMessage")
    rows = first.params["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in rows] == [["Hỏi đáp pháp luật"], ["Tìm nơi hỗ trợ"]]
    assert second.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "y"
    assert core.seen[0].user == f"telegram:{CITIZEN}"
    assert core.seen[0].at == NOW


async def test_command_addressed_to_the_bot_loses_its_name(
    bot: TelegramHarness, core: CannedCore
) -> None:
    await bot.say("/start@BinhDangTestBot")
    assert core.seen[0].text == "/start"


async def test_vietnamese_question(bot: TelegramHarness, core: CannedCore) -> None:
    question = "Chồng tôi không cho tôi đi làm thì có vi phạm luật không ạ?"
    assert await bot.say(question) == [f"Bạn hỏi: {question}"]
    assert core.seen[0].text == question
    assert core.seen[0].message_id is not None


async def test_button_press_reaches_core_and_disables_keyboard(
    bot: TelegramHarness, fake: FakeTelegramServer, core: CannedCore
) -> None:
    await bot.say("/start")
    menu = fake.calls_to("sendMessage")[0]
    assert await bot.press("Tìm nơi hỗ trợ") == ["Bạn chọn: menu:help"]
    pressed = core.seen[-1]
    assert (pressed.text, pressed.button) == ("Tìm nơi hỗ trợ", "menu:help")
    assert len(fake.calls_to("answerCallbackQuery")) == 1
    edit = fake.calls_to("editMessageReplyMarkup")[0].params
    message_id = fake.messages.alive(CITIZEN)[1]
    assert edit["message_id"] == message_id
    assert "reply_markup" not in edit
    assert fake.messages.keyboard(CITIZEN, message_id) is None
    assert menu.params["reply_markup"] is not None


async def test_long_payload_is_stored_under_a_short_key(
    bot: TelegramHarness, fake: FakeTelegramServer, core: CannedCore
) -> None:
    await bot.say("nút dài")
    data = fake.calls_to("sendMessage")[-1].params["reply_markup"]["inline_keyboard"][0][0]
    assert len(data["callback_data"].encode()) <= 64
    await bot.press("Báo cáo")
    assert core.seen[-1].button == LONG_PAYLOAD


async def test_unknown_button_key_is_stale(
    bot: TelegramHarness, fake: FakeTelegramServer, core: CannedCore
) -> None:
    await bot.say("/start")
    message_id = fake.messages.alive(CITIZEN)[1]
    await bot.feed(fake.press_data(CITIZEN, message_id, "~forgotten-after-restart"))
    assert core.seen[-1].button == STALE


async def test_emergency_answer_comes_first(bot: TelegramHarness) -> None:
    replies = await bot.say("chồng tôi đang đánh tôi")
    assert replies == ["Nếu bạn đang gặp nguy hiểm, hãy gọi ngay 113.", "Bạn an toàn chưa?"]


async def test_long_answer_is_split_with_buttons_on_the_last_part(
    bot: TelegramHarness, fake: FakeTelegramServer
) -> None:
    parts = await bot.say("dài")
    assert len(parts) == 2
    assert all(len(part) <= 4096 for part in parts)
    assert parts[0].endswith(".")
    assert parts[1].startswith("Đoạn")
    assert " ".join(" ".join(parts).split()) == " ".join(LONG.split())
    first, second = fake.calls_to("sendMessage")
    assert "reply_markup" not in first.params
    assert second.params["reply_markup"]["inline_keyboard"][0][0]["text"] == "Xem thêm"


async def test_blocked_user_is_reported(bot: TelegramHarness, fake: FakeTelegramServer) -> None:
    fake.blocked.add(CITIZEN)
    assert await bot.say("xin chào") == []
    assert bot.blocked == [f"telegram:{CITIZEN}"]


async def test_user_blocking_the_bot_is_reported(
    bot: TelegramHarness, fake: FakeTelegramServer
) -> None:
    await bot.feed(fake.member_change(CITIZEN, "member", "kicked"))
    assert bot.blocked == [f"telegram:{CITIZEN}"]


async def test_reply_arrives_after_a_429(bot: TelegramHarness, fake: FakeTelegramServer) -> None:
    assert await bot.say("câu một") == ["Bạn hỏi: câu một"]
    fake.script("sendMessage", retry_after(0.1))
    assert await bot.say("câu hai") == ["Bạn hỏi: câu hai"]
    assert len(fake.calls_to("sendMessage")) == 3


async def test_bulk_sender_raises_rate_limited_without_retrying(
    bot: TelegramHarness, fake: FakeTelegramServer
) -> None:
    fake.script("sendMessage", retry_after(7))
    with pytest.raises(RateLimited) as raised:
        await bot.channel.sender.send(str(CITIZEN), Reply("Tin chiến dịch"))
    assert raised.value.retry_after == 7
    assert len(fake.calls_to("sendMessage")) == 1
    await bot.channel.sender.send(str(CITIZEN), Reply("Tin chiến dịch"))
    assert fake.sent_to(CITIZEN) == ["Tin chiến dịch"]


async def test_bulk_sender_raises_blocked(bot: TelegramHarness, fake: FakeTelegramServer) -> None:
    fake.script("sendMessage", BLOCKED)
    with pytest.raises(Blocked):
        await bot.channel.sender.send(str(CITIZEN), Reply("Tin chiến dịch"))
    assert bot.blocked == [f"telegram:{CITIZEN}"]


async def test_webhook_mode_registers_url_and_secret(
    hook: TelegramHarness, fake: FakeTelegramServer
) -> None:
    assert (fake.webhook_url, fake.webhook_secret) == (WEBHOOK_URL, SECRET)
    params = fake.calls_to("setWebhook")[0].params
    assert params["allowed_updates"] == ["message", "callback_query", "my_chat_member"]


@pytest.mark.parametrize("secret", ["wrong-secret", ""], ids=["wrong", "missing"])
async def test_webhook_with_wrong_secret_is_refused(
    hook: TelegramHarness, fake: FakeTelegramServer, core: CannedCore, secret: str
) -> None:
    assert await hook.post(fake.message(CITIZEN, "xin chào"), secret=secret) == 403
    await hook.channel.wait_idle()
    assert core.seen == []
    assert fake.calls_to("sendMessage") == []


async def test_same_update_twice_is_processed_once(
    hook: TelegramHarness, fake: FakeTelegramServer, core: CannedCore
) -> None:
    update = fake.message(CITIZEN, "xin chào")
    assert await hook.post(update) == 200
    assert await hook.post(update) == 200
    await hook.channel.wait_idle()
    assert len(core.seen) == 1
    assert fake.sent_to(CITIZEN) == ["Bạn hỏi: xin chào"]


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"no": "update_id"}'])
async def test_webhook_rejects_bodies_that_are_not_updates(
    hook: TelegramHarness, core: CannedCore, body: bytes
) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    response = await hook.http.post("/telegram/webhook", content=body, headers=headers)
    assert response.status_code == 400
    assert core.seen == []


async def test_group_answers_only_when_addressed(
    bot: TelegramHarness, fake: FakeTelegramServer, core: CannedCore
) -> None:
    assert await bot.say("hôm nay trời đẹp", chat_id=GROUP) == []
    assert await bot.say("@BinhDangTestBot cho hỏi luật", chat_id=GROUP) == [
        "Bạn hỏi: cho hỏi luật"
    ]
    bot_message = fake.messages.alive(GROUP)[-1]
    assert await bot.say("cảm ơn", chat_id=GROUP, reply_to=bot_message) == ["Bạn hỏi: cảm ơn"]
    assert await bot.say("/start@OtherBot", chat_id=GROUP) == []
    assert [i.user for i in core.seen] == [f"telegram:{GROUP}"] * 2


async def test_group_decline_mode(fake: FakeTelegramServer, core: CannedCore) -> None:
    harness = TelegramHarness(fake, core, group_mode="decline")
    await harness.channel.connect()
    assert await harness.say("xin chào", chat_id=GROUP) == []
    [declined] = await harness.say("@BinhDangTestBot xin chào", chat_id=GROUP)
    await harness.close()
    assert "@BinhDangTestBot" in declined
    assert "nhắn trực tiếp" in declined
    assert core.seen == []


async def test_added_to_a_group_says_how_to_ask(
    bot: TelegramHarness, fake: FakeTelegramServer
) -> None:
    await bot.feed(fake.member_change(GROUP, "left", "member"))
    [hello] = fake.sent_to(GROUP)
    assert "@BinhDangTestBot" in hello


async def test_clear_chat_deletes_recent_messages(
    bot: TelegramHarness, fake: FakeTelegramServer
) -> None:
    await bot.say("/start")
    await bot.say("câu hỏi")
    assert len(fake.messages.alive(CITIZEN)) == 5
    assert await bot.say("/xoa") == ["Đã xóa."]
    [deleted] = fake.calls_to("deleteMessages")
    assert deleted.params["message_ids"] == [1, 2, 3, 4, 5, 6]
    assert [fake.messages.get(CITIZEN, i)["text"] for i in fake.messages.alive(CITIZEN)] == [
        "Đã xóa."
    ]


async def test_clear_chat_skips_messages_older_than_48_hours(
    fake: FakeTelegramServer, core: CannedCore
) -> None:
    times = iter([NOW, NOW, NOW + timedelta(hours=49), NOW + timedelta(hours=49)])
    harness = TelegramHarness(fake, core, now=lambda: next(times))
    await harness.channel.connect()
    await harness.say("xin chào")  # user message + answer, remembered at NOW
    await harness.say("/xoa")  # user message at +49 h, deleted; the old ones are too old
    await harness.close()
    assert fake.calls_to("deleteMessages")[0].params["message_ids"] == [3]


async def test_document_and_image_replies(bot: TelegramHarness, fake: FakeTelegramServer) -> None:
    assert await bot.say("tệp") == ["Báo cáo của bạn:"]
    [upload] = fake.calls_to("sendDocument")
    assert upload.files["document"].filename == "bao-cao.xlsx"
    assert upload.files["document"].data == b"PK\x03\x04data"
    assert await bot.say("ảnh") == ["Tháng hành động"]
    [photo] = fake.calls_to("sendPhoto")
    assert photo.params["photo"] == "https://example.org/poster.png"


async def test_location_and_media(bot: TelegramHarness, core: CannedCore) -> None:
    await bot.say(None, location={"latitude": 21.0285, "longitude": 105.8542})
    assert core.seen[0].location == Location(21.0285, 105.8542)
    [notice] = await bot.say(None, document={"file_id": "f", "file_unique_id": "u"})
    assert "113" in notice
    assert len(core.seen) == 1
    await bot.say(None, photo=[{"file_id": "p", "file_unique_id": "u", "width": 1, "height": 1}],
                  caption="ảnh này là gì")  # fmt: skip
    assert core.seen[-1].text == "ảnh này là gì"


async def test_edited_messages_are_ignored(
    bot: TelegramHarness, fake: FakeTelegramServer, core: CannedCore
) -> None:
    await bot.say("xin chào")
    await bot.feed(fake.edited(CITIZEN, 1, "xin chào bạn"))
    assert len(core.seen) == 1


async def test_chat_migration_moves_the_group(
    bot: TelegramHarness, fake: FakeTelegramServer
) -> None:
    new = -1001234567890
    await bot.feed(fake.message(GROUP, None, migrate_to_chat_id=new))
    assert bot.migrated == [(f"telegram:{GROUP}", f"telegram:{new}")]
    await bot.channel.sender.send(str(GROUP), Reply("Tin nhóm"))
    assert fake.sent_to(new) == ["Tin nhóm"]


async def test_send_to_an_upgraded_group_follows_it(
    bot: TelegramHarness, fake: FakeTelegramServer
) -> None:
    new = -1009876543210
    fake.migrated[GROUP] = new
    await bot.channel.reply_sender.send(str(GROUP), Reply("Tin nhóm"))
    assert fake.sent_to(new) == ["Tin nhóm"]


async def test_getme_identity(bot: TelegramHarness) -> None:
    assert bot.channel.bot.id == BOT_ID


async def test_replies_can_go_through_a_wrapper(fake: FakeTelegramServer, core: CannedCore) -> None:
    wrapped: list[str] = []

    class Recording:
        def __init__(self, inner: Sender) -> None:
            self.channel, self.inner = inner.channel, inner

        async def send(self, chat_id: str, reply: Reply) -> None:
            wrapped.append(reply.text)
            await self.inner.send(chat_id, reply)

    harness = TelegramHarness(fake, core, reply_via=Recording)
    await harness.channel.connect()
    assert await harness.say("xin chào") == ["Bạn hỏi: xin chào"]
    await harness.close()
    assert wrapped == ["Bạn hỏi: xin chào"]


def test_issue14_phone_numbers_are_sent_without_inner_spaces_so_telegram_links_them() -> None:
    text = "Gọi 113, hoặc 1900 969 680 (Điều 113 không phải số điện thoại), 024 3333 5599."
    assert parts(Reply(text))[0].text == (
        "Gọi 113, hoặc 1900969680 (Điều 113 không phải số điện thoại), 02433335599."
    )
