"""Bot API shapes for the fake Telegram server: answers, form decoding, and the chats' messages."""

from __future__ import annotations

import itertools
import json
import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

JSON_PARAMS = {
    "reply_markup", "allowed_updates", "message_ids", "reply_parameters", "entities",
    "caption_entities", "link_preview_options",
}  # fmt: skip
INT_PARAMS = {"chat_id", "message_id", "offset", "limit", "timeout", "max_connections"}
GROUP_MEMBER = 777
"""The user id of the person who writes in group chats."""


@dataclass(frozen=True)
class Answer:
    """One answer: HTTP status and JSON body."""

    status: int
    body: Any


def ok(result: Any) -> Answer:
    """Return a successful answer."""
    return Answer(200, {"ok": True, "result": result})


def error(code: int, description: str, parameters: dict[str, Any] | None = None) -> Answer:
    """Return an ``{"ok": false}`` answer with HTTP status ``code``."""
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return Answer(code, body)


BLOCKED = error(403, "Forbidden: bot was blocked by the user")
CONFLICT = error(
    409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook"
)


def retry_after(seconds: float) -> Answer:
    """Return a 429 answer asking to wait ``seconds``."""
    text = f"Too Many Requests: retry after {seconds:g}"
    return error(429, text, parameters={"retry_after": seconds})


@dataclass(frozen=True)
class Upload:
    """A file received in a multipart request."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    files: dict[str, Upload] = field(default_factory=dict)
    token_ok: bool = True


def utf16_len(text: str) -> int:
    """Return the length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def parse_form(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Decode form fields as PTB encodes them: JSON for objects, plain strings for text."""
    params: dict[str, Any] = {}
    for name, value in pairs:
        if name in JSON_PARAMS:
            params[name] = json.loads(value)
        elif name in INT_PARAMS and re.fullmatch(r"-?\d+", value):
            params[name] = int(value)
        else:
            params[name] = value
    return params


def entities(text: str) -> list[dict[str, Any]]:
    """Return the bot_command and mention entities Telegram would attach (UTF-16 offsets)."""
    found = []
    for match in re.finditer(r"^/\w+(?:@\w+)?|@\w{5,}", text):
        kind = "bot_command" if match.group().startswith("/") else "mention"
        offset = utf16_len(text[: match.start()])
        found.append({"type": kind, "offset": offset, "length": utf16_len(match.group())})
    return found


def chat_member(status: str, user: dict[str, Any]) -> dict[str, Any]:
    """Return a ChatMember object (banned members carry until_date, 0 meaning forever)."""
    return {"status": status, "user": user, **({"until_date": 0} if status == "kicked" else {})}


def invalid_send(call: Call) -> str | None:
    """Return what Telegram would reject in a send, or None."""
    text, caption = call.params.get("text"), call.params.get("caption")
    if call.method == "sendMessage" and not str(text or "").strip():
        return "message text is empty"
    if utf16_len(str(text or "")) > 4096:
        return "message is too long"
    if utf16_len(str(caption or "")) > 1024:
        return "message caption is too long"
    if call.method == "sendDocument" and "document" not in call.files:
        return "there is no document in the request"
    markup = call.params.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not 1 <= len(str(button.get("callback_data", "")).encode()) <= 64:
                return "BUTTON_DATA_INVALID"
    return None


def file_info(call: Call) -> dict[str, Any]:
    """Return the photo or document fields of a sent message."""
    upload = call.files.get("document")
    if upload is not None:
        info = {"file_id": f"doc-{len(upload.data)}", "file_unique_id": "d1"}
        return {"document": {**info, "file_name": upload.filename, "file_size": len(upload.data)}}
    if call.method == "sendPhoto":
        return {"photo": [{"file_id": "photo-1", "file_unique_id": "p1", "width": 1, "height": 1}]}
    return {}


class RateLimit:
    """A token bucket: ``rate`` sends per second, bursts of ``burst``; ``clock`` in seconds."""

    def __init__(
        self, rate: float, burst: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.burst, self.clock = rate, burst or max(1.0, rate), clock
        self.tokens, self.last = self.burst, clock()

    def take(self) -> bool:
        """Spend one token; return False (answer 429) when none is left."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class SlidingWindowLimit:
    """Telegram's strict limit: at most ``limit`` sends in any ``period`` seconds, no burst.

    ``take`` returns 0 for a send that fits, else the whole seconds to wait (``retry_after``).
    """

    def __init__(
        self, limit: int = 30, period: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.period, self.clock = limit, period, clock
        self.sent: list[float] = []

    def take(self) -> int:
        """Count one send at ``clock()``; return 0, or the seconds to wait if it does not fit."""
        now = self.clock()
        self.sent = [moment for moment in self.sent if moment > now - self.period]
        if len(self.sent) < self.limit:
            self.sent.append(now)
            return 0
        return max(1, math.ceil(self.sent[0] + self.period - now))


class MessageStore:
    """Every chat's live messages (both sides), keyboards, and the texts the bot sent."""

    def __init__(self, bot_id: int, username: str, date: int) -> None:
        self.bot_id, self.username, self.date = bot_id, username, date
        self.chats: dict[int, dict[int, dict[str, Any]]] = {}
        self._sent: dict[int, list[str]] = {}
        self._ids: dict[int, itertools.count[int]] = {}

    def bot_user(self, full: bool = False) -> dict[str, Any]:
        """Return the bot's User object (with getMe's extra fields when ``full``)."""
        user = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Bình Đẳng",
            "username": self.username,
        }
        if full:
            user |= {"can_join_groups": True, "can_read_all_group_messages": False}
        return user

    def user(self, user_id: int) -> dict[str, Any]:
        """Return a person's User object."""
        return {"id": user_id, "is_bot": False, "first_name": "Người dùng", "language_code": "vi"}

    def chat(self, chat_id: int) -> dict[str, Any]:
        """Return the Chat object: private for positive ids, (super)group for negative ones."""
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Người dùng"}
        kind = "supergroup" if chat_id < -1_000_000_000_000 else "group"
        return {"id": chat_id, "type": kind, "title": "Nhóm thử"}

    def _new(self, chat_id: int, sender: dict[str, Any], **fields: Any) -> dict[str, Any]:
        number = next(self._ids.setdefault(chat_id, itertools.count(1)))
        message = {
            "message_id": number,
            "from": sender,
            "chat": self.chat(chat_id),
            "date": self.date,
        }
        message.update({k: v for k, v in fields.items() if v is not None})
        self.chats.setdefault(chat_id, {})[number] = message
        return message

    def user_message(
        self,
        chat_id: int,
        text: str | None = None,
        *,
        user_id: int | None = None,
        reply_to: int | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Store and return a message the user of ``chat_id`` writes (``fields`` as in the API)."""
        sender = self.user(user_id or (chat_id if chat_id > 0 else GROUP_MEMBER))
        if text is not None:
            fields |= {"text": text, "entities": entities(text) or None}
        if fields.get("caption"):
            fields["caption_entities"] = entities(fields["caption"]) or None
        if reply_to is not None:
            fields["reply_to_message"] = self.get(chat_id, reply_to)
        return self._new(chat_id, sender, **fields)

    def bot_message(
        self, chat_id: int, method: str, params: dict[str, Any], extra: dict[str, Any]
    ) -> dict[str, Any]:
        """Store and return a message the bot sent with ``method``."""
        text, caption = params.get("text"), params.get("caption")
        markup = params.get("reply_markup") or None
        message = self._new(
            chat_id, self.bot_user(), text=text, caption=caption, reply_markup=markup, **extra
        )
        if text or caption:
            self._sent.setdefault(chat_id, []).append(str(text or caption))
        return message

    def stats(self) -> dict[str, int]:
        """Return how many texts were sent, to how many chats, and how many were repeats."""
        sent = sum(len(texts) for texts in self._sent.values())
        repeats = sum(len(texts) - len(set(texts)) for texts in self._sent.values())
        return {"sent": sent, "chats": len(self._sent), "duplicates": repeats}

    def sent_texts(self, chat_id: int) -> list[str]:
        """Return the texts and captions the bot sent to ``chat_id``."""
        return list(self._sent.get(chat_id, []))

    def get(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """Return a live message."""
        return self.chats[chat_id][message_id]

    def alive(self, chat_id: int) -> list[int]:
        """Return the ids of the chat's messages not deleted."""
        return sorted(self.chats.get(chat_id, {}))

    def keyboard(self, chat_id: int, message_id: int) -> list[list[dict[str, Any]]] | None:
        """Return the inline keyboard of a message (None when it has none)."""
        markup = self.get(chat_id, message_id).get("reply_markup")
        return markup["inline_keyboard"] if markup else None

    def find_button(self, chat_id: int, label: str) -> tuple[dict[str, Any], str]:
        """Return the latest message with a button whose label contains ``label``, and its data."""
        for message_id in reversed(self.alive(chat_id)):
            message = self.chats[chat_id][message_id]
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if label.casefold() in button["text"].casefold():
                        return message, str(button["callback_data"])
        raise LookupError(f"no button {label!r} in chat {chat_id}")

    def change(self, method: str, params: dict[str, Any]) -> Answer:
        """Answer editMessageReplyMarkup, deleteMessage and deleteMessages."""
        chat = self.chats.get(int(params.get("chat_id", 0)), {})
        if method == "deleteMessages":
            for message_id in params.get("message_ids", []):
                chat.pop(int(message_id), None)
            return ok(True)
        message = chat.get(int(params.get("message_id", 0)))
        if method == "deleteMessage":
            if message is None:
                return error(400, "Bad Request: message to delete not found")
            del chat[message["message_id"]]
            return ok(True)
        if message is None:
            return error(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup") or None
        if markup == message.get("reply_markup"):
            return error(400, "Bad Request: message is not modified")
        message["reply_markup"] = markup
        return ok({k: v for k, v in message.items() if v is not None})
