"""Telegram rules without a network: update translation, button keys, splitting, errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from telegram import Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.channels.seen import Seen
from bot.channels.telegram_sender import (
    STALE,
    CallbackKeys,
    RecentMessages,
    chunks,
    keyboard,
    parts,
    send_error,
    utf16_len,
)
from bot.channels.telegram_updates import (
    Action,
    Ask,
    BotIdentity,
    Ignore,
    Migrate,
    Notice,
    Press,
    Stopped,
    clean_text,
    translate,
)
from bot.channels.telegram_webhook import valid_secret
from bot.core.messages import Button, Document, Location, Reply
from bot.core.transport import Blocked, PermanentError, RateLimited, SendError, TransientError
from tests.fakes.telegram_api import MessageStore
from tests.fakes.telegram_harness import CITIZEN, GROUP, NOW
from tests.fakes.telegram_server import BOT_ID, BOT_USERNAME, DATE

ME = BotIdentity(BOT_ID, BOT_USERNAME)
PNG = "https://example.org/p.png"
MENU = {"inline_keyboard": [[{"text": "Hỏi đáp", "callback_data": "menu:faq"}]]}


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta durations (its int form warns, and warnings are errors)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


def update(kind: str, **fields: Any) -> Update:
    """Build an Update the way the fake server would (a fresh store per update)."""
    store = MessageStore(BOT_ID, BOT_USERNAME, DATE)
    chat = fields.pop("chat", CITIZEN)
    if kind == "press":
        bot_message = store.bot_message(
            chat, "sendMessage", {"text": "Menu", "reply_markup": MENU}, {}
        )
        query = {"id": "q1", "from": store.user(CITIZEN), "chat_instance": "1"}
        return de_json({"callback_query": {**query, "message": bot_message, **fields}})
    if kind == "reply_to_bot":
        bot_message = store.bot_message(chat, "sendMessage", {"text": "Chào"}, {})
        fields["reply_to"] = bot_message["message_id"]
    message = store.user_message(chat, fields.pop("text", None), **fields)
    if kind == "edited":
        return de_json({"edited_message": {**message, "edit_date": DATE}})
    return de_json({"message": message})


def de_json(content: dict[str, Any]) -> Update:
    parsed = Update.de_json({"update_id": 1, **content}, None)
    assert parsed is not None
    return parsed


def member(chat: int, old: str, new: str) -> Update:
    store = MessageStore(BOT_ID, BOT_USERNAME, DATE)
    bot = store.bot_user()
    banned = {"until_date": 0}
    change = {
        "chat": store.chat(chat), "from": store.user(CITIZEN), "date": DATE,
        "old_chat_member": {"status": old, "user": bot, **(banned if old == "kicked" else {})},
        "new_chat_member": {"status": new, "user": bot, **(banned if new == "kicked" else {})},
    }  # fmt: skip
    return de_json({"my_chat_member": change})


def resolve(data: str) -> str:
    return STALE if data.startswith("~") else data


USER = f"telegram:{CITIZEN}"
GROUP_USER = f"telegram:{GROUP}"
CASES: list[tuple[str, Update, str, Any]] = [
    ("private text", update("message", text="xin chào"), "mention", ("ask", USER, "xin chào")),
    ("command", update("message", text="/start"), "mention", ("ask", USER, "/start")),
    ("command with bot name", update("message", text="/start@BinhDangTestBot x"), "mention",
     ("ask", USER, "/start x")),
    ("group, not addressed", update("message", chat=GROUP, text="chào cả nhà"), "mention", Ignore),
    ("group mention", update("message", chat=GROUP, text="@BinhDangTestBot luật gì?"), "mention",
     ("ask", GROUP_USER, "luật gì?")),
    ("group mention, other case", update("message", chat=GROUP, text="hỏi @binhdangtestbot nhé"),
     "mention", ("ask", GROUP_USER, "hỏi nhé")),
    ("group reply to the bot", update("reply_to_bot", chat=GROUP, text="cảm ơn"), "mention",
     ("ask", GROUP_USER, "cảm ơn")),
    ("group bare command", update("message", chat=GROUP, text="/help"), "mention",
     ("ask", GROUP_USER, "/help")),
    ("group command for another bot", update("message", chat=GROUP, text="/help@OtherBot"),
     "mention", Ignore),
    ("group decline", update("message", chat=GROUP, text="@BinhDangTestBot hi"), "decline",
     Notice(GROUP, "telegram.group_decline")),
    ("group decline, not addressed", update("message", chat=GROUP, text="hi"), "decline", Ignore),
    ("edited message", update("edited", text="sửa"), "mention", Ignore),
    ("document", update("message", document={"file_id": "f", "file_unique_id": "u"}), "mention",
     Notice(CITIZEN, "telegram.text_only")),
    ("photo with caption", update("message", photo=[], caption="cái này?"), "mention",
     ("ask", USER, "cái này?")),
    ("service message", update("message", new_chat_title="Nhóm"), "mention", Ignore),
    ("message from a bot", update("message", text="hi", user_id=99, chat=GROUP), "mention", Ignore),
    ("migrated to", update("message", chat=GROUP, migrate_to_chat_id=-100555), "mention",
     Migrate(GROUP, -100555)),
    ("migrated from", update("message", chat=-100555, migrate_from_chat_id=GROUP), "mention",
     Migrate(GROUP, -100555)),
    ("user blocked the bot", member(CITIZEN, "member", "kicked"), "mention", Stopped(CITIZEN)),
    ("user restarted the bot", member(CITIZEN, "kicked", "member"), "mention", Ignore),
    ("added to a group", member(GROUP, "left", "member"), "mention",
     Notice(GROUP, "telegram.group_hello")),
    ("added to a group, decline", member(GROUP, "left", "member"), "decline",
     Notice(GROUP, "telegram.group_decline")),
    ("button press", update("press", data="menu:faq"), "mention",
     ("press", USER, "Hỏi đáp", "menu:faq")),
    ("forgotten key", update("press", data="~gone"), "mention", ("press", USER, "", STALE)),
]  # fmt: skip


def shape(action: Action) -> Any:
    match action:
        case Ask(_, incoming, _):
            return ("ask", incoming.user, incoming.text)
        case Press(_, _, _, incoming):
            return ("press", incoming.user, incoming.text, incoming.button)
        case Ignore():
            return Ignore
    return action


@pytest.mark.parametrize(("label", "given", "mode", "expected"), CASES, ids=[c[0] for c in CASES])
def test_translate(label: str, given: Update, mode: Any, expected: Any) -> None:
    assert shape(translate(given, ME, mode, resolve)) == expected


def test_message_from_a_bot_is_ignored() -> None:
    store = MessageStore(BOT_ID, BOT_USERNAME, DATE)
    message = store.user_message(GROUP, "@BinhDangTestBot hi")
    message["from"] = {**message["from"], "is_bot": True}
    assert isinstance(translate(de_json({"message": message}), ME, "mention", resolve), Ignore)


def test_location_becomes_incoming_location() -> None:
    given = update("message", location={"latitude": 10.77, "longitude": 106.7})
    action = translate(given, ME, "mention", resolve)
    assert isinstance(action, Ask)
    assert action.incoming.location == Location(10.77, 106.7)
    assert action.incoming.at == NOW


@pytest.mark.parametrize(
    ("text", "expected"),
    [("/start@BinhDangTestBot", "/start"), ("/start@OtherBot", "/start@OtherBot"),
     ("@BinhDangTestBot  xin   chào", "xin chào"),
     ("email@BinhDangTestBotX", "email@BinhDangTestBotX"), ("không nhắc ai", "không nhắc ai")],
    ids=["command", "other-bot", "mention", "longer-name", "plain"],
)  # fmt: skip
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text, BOT_USERNAME) == expected


@pytest.mark.parametrize(
    "payload",
    ["menu:faq", "x" * 64, "x" * 65, "đ" * 33, "", "~looks-like-a-key"],
    ids=["short", "64-bytes", "65-bytes", "multibyte", "empty", "prefix"],
)
def test_callback_keys_round_trip(payload: str) -> None:
    keys = CallbackKeys()
    data = keys.encode(payload)
    assert 1 <= len(data.encode()) <= 64
    assert keys.decode(data) == payload


def test_callback_keys_are_bounded() -> None:
    keys = CallbackKeys(limit=2)
    first, second, third = (keys.encode("p" * 70 + str(i)) for i in range(3))
    assert keys.decode(first) == STALE
    assert keys.decode(second).endswith("1")
    assert keys.decode(third).endswith("2")


def test_recent_messages_keep_the_newest_per_chat_and_expire() -> None:
    recent = RecentMessages(per_chat=3)
    for message_id in range(1, 6):  # message n at n * 12 hours; 1 and 2 fall out of the deque
        recent.add(1, message_id, NOW + timedelta(hours=message_id * 12))
    assert recent.take(1, NOW + timedelta(hours=85)) == [4, 5]  # 3 is 49 hours old
    assert recent.take(1, NOW + timedelta(hours=85)) == []  # taken means forgotten


def test_recent_messages_forget_the_least_recent_chat() -> None:
    recent = RecentMessages(chats=2)
    for chat in (1, 2, 3):
        recent.add(chat, 10, NOW)
    assert [recent.take(chat, NOW) for chat in (1, 2, 3)] == [[], [10], [10]]


@pytest.mark.parametrize(
    ("labels", "rows"),
    [(["Có", "Không"], [2]), (["Có", "Không", "Để sau"], [2, 1]),
     (["Hỏi đáp pháp luật", "Có"], [1, 1]), (["Một nút"], [1])],
    ids=["two-short", "three-short", "one-long", "single"],
)  # fmt: skip
def test_keyboard_layout(labels: list[str], rows: list[int]) -> None:
    markup = keyboard(
        tuple(Button(label, f"p:{i}") for i, label in enumerate(labels)), CallbackKeys()
    )
    assert markup is not None
    assert [len(row) for row in markup.inline_keyboard] == rows


def test_chunks_count_emoji_as_two_units() -> None:
    text = "🙂" * 3000
    pieces = chunks(text, 4096)
    assert len(pieces) == 2
    assert all(utf16_len(piece) <= 4096 for piece in pieces)
    assert "".join(pieces) == text
    assert chunks("   ", 4096) == []


@pytest.mark.parametrize(
    ("reply", "expected"),
    [(Reply("Chào"), [("Chào", None, None)]),
     (Reply("Áp phích", image=PNG), [("Áp phích", PNG, None)]),
     (Reply("a " * 600, image=PNG), [(None, PNG, None), ("a " * 600, None, None)]),
     (Reply("Tệp", document=Document("b.xlsx", b"1")),
      [("Tệp", None, None), (None, None, "b.xlsx")]),
     (Reply(""), [])],
    ids=["text", "photo-captioned", "photo-long-text", "document", "empty"],
)  # fmt: skip
def test_reply_parts(reply: Reply, expected: list[tuple[Any, ...]]) -> None:
    got = [
        (p.text and p.text.strip(), p.image, p.document and p.document.filename)
        for p in parts(reply)
    ]
    assert got == [(t and t.strip(), i, d) for t, i, d in expected]


@pytest.mark.parametrize(
    ("make", "kind"),
    [(lambda: RetryAfter(3), RateLimited),
     (lambda: Forbidden("Forbidden: bot was blocked by the user"), Blocked),
     (lambda: BadRequest("Bad Request: chat not found"), Blocked),
     (lambda: BadRequest("Bad Request: message is too long"), PermanentError),
     (TimedOut, TransientError), (lambda: NetworkError("httpx.ConnectError"), TransientError),
     (InvalidToken, PermanentError), (lambda: Conflict("Conflict"), PermanentError),
     (lambda: ChatMigrated(-100), PermanentError)],
    ids=["429", "403", "chat-not-found", "400", "timeout", "network", "token", "409", "migrated"],
)  # fmt: skip
def test_send_error(make: Callable[[], TelegramError], kind: type[SendError]) -> None:
    """Errors are built inside the test: PTB reads PTB_TIMEDELTA when building RetryAfter."""
    mapped = send_error(make())
    assert type(mapped) is kind
    if isinstance(mapped, RateLimited):
        assert mapped.retry_after == 3


def test_seen_updates_are_bounded() -> None:
    seen = Seen[int](limit=2)
    assert [seen.first_time(i) for i in (1, 1, 2, 3, 1)] == [True, False, True, True, True]


@pytest.mark.parametrize(
    ("secret", "valid"),
    [("abc_DEF-123", True), ("", False), ("a b", False), ("é", False), ("x" * 256, True),
     ("x" * 257, False)],
    ids=["ok", "empty", "space", "non-ascii", "256", "257"],
)  # fmt: skip
def test_valid_secret(secret: str, valid: bool) -> None:
    assert valid_secret(secret) is valid
