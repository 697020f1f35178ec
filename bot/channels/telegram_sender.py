"""Replies turned into Bot API calls, and Telegram errors turned into the channels' errors.

The channel builds two senders on two PTB bots that share one ``ChatMemory`` (see
``TelegramChannel``): one for replies, whose bot goes through ``AIORateLimiter`` and retries
429s, and one for bot-initiated traffic, whose bot has no limiter so that a 429 reaches the
caller at once as ``RateLimited(retry_after)``. (PTB's ``rate_limit_args=0`` cannot turn the
limiter's retries off for single calls: it reads 0 as "use the default".)
"""

from __future__ import annotations

import logging
import secrets
import warnings
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram import Message as TgMessage
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from bot.channels.phonetext import compact_phones
from bot.channels.telegram_updates import CHANNEL, urn
from bot.core.messages import Button, Document, Reply
from bot.core.transport import (
    Blocked,
    PermanentError,
    RateLimited,
    SendError,
    TransientError,
    split_text,
)

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64
"""Bytes of callback_data Telegram accepts; longer payloads are kept in ``CallbackKeys``."""
KEY_PREFIX = "~"
STALE = "stale"
"""Payload handed to the core for a button whose key is unknown (the core says "expired")."""
SHORT_LABEL = 16
"""Buttons whose labels all fit this many characters go two to a row."""
DELETE_WINDOW = timedelta(hours=48) - timedelta(minutes=5)
"""The Bot API deletes messages younger than 48 hours; keep a margin for clock skew."""
DELETE_BATCH = 100

OnBlocked = Callable[[str], None]
Now = Callable[[], datetime]


def utf16_len(text: str) -> int:
    """Return the length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def chunks(text: str, limit: int) -> list[str]:
    """Split ``text`` on paragraph bounds into non-empty chunks of <= ``limit`` UTF-16 units."""
    result: list[str] = []
    for chunk in split_text(text, limit):  # astral characters (emoji) count twice:
        result += split_text(chunk, limit // 2) if utf16_len(chunk) > limit else [chunk]
    return [chunk for chunk in result if chunk.strip()]


class CallbackKeys:
    """Payloads too long for callback_data, kept in memory under short random keys.

    Bounded (least recently used keys are forgotten) and lost on restart: a button whose key is
    gone resolves to ``STALE`` and the core answers that it has expired.
    """

    def __init__(self, limit: int = 20_000) -> None:
        self._payloads: OrderedDict[str, str] = OrderedDict()
        self._limit = limit

    def encode(self, payload: str) -> str:
        """Return callback_data for ``payload``: itself if it fits, else a stored short key."""
        size = len(payload.encode())
        if 0 < size <= CALLBACK_LIMIT and not payload.startswith(KEY_PREFIX):
            return payload
        key = KEY_PREFIX + secrets.token_urlsafe(12)
        self._payloads[key] = payload
        if len(self._payloads) > self._limit:
            self._payloads.popitem(last=False)
        return key

    def decode(self, data: str) -> str:
        """Return the payload behind callback_data (``STALE`` for a forgotten key)."""
        if not data.startswith(KEY_PREFIX):
            return data or STALE
        payload = self._payloads.get(data)
        if payload is None:
            return STALE
        self._payloads.move_to_end(data)
        return payload


class RecentMessages:
    """Ids of recent messages per chat (both sides), so ``/xoa`` can delete them; bounded."""

    def __init__(self, per_chat: int = 100, chats: int = 10_000) -> None:
        self._chats: OrderedDict[int, deque[tuple[int, datetime]]] = OrderedDict()
        self._per_chat = per_chat
        self._limit = chats

    def add(self, chat_id: int, message_id: int, at: datetime) -> None:
        """Remember that ``message_id`` was posted in ``chat_id`` at ``at``."""
        ids = self._chats.get(chat_id)
        if ids is None:
            ids = self._chats[chat_id] = deque(maxlen=self._per_chat)
        self._chats.move_to_end(chat_id)
        ids.append((message_id, at))
        if len(self._chats) > self._limit:
            self._chats.popitem(last=False)

    def take(self, chat_id: int, now: datetime) -> list[int]:
        """Forget the chat's messages; return those still young enough to delete."""
        ids = self._chats.pop(chat_id, deque())
        return sorted(message_id for message_id, at in ids if now - at < DELETE_WINDOW)


@dataclass
class ChatMemory:
    """What both senders share: button keys, recent message ids, migrated group ids."""

    keys: CallbackKeys = field(default_factory=CallbackKeys)
    recent: RecentMessages = field(default_factory=RecentMessages)
    moved: dict[int, int] = field(default_factory=dict)

    def target(self, chat_id: int) -> int:
        """Return where messages for ``chat_id`` go now (groups move when upgraded)."""
        return self.moved.get(chat_id, chat_id)


def retry_seconds(err: RetryAfter) -> float:
    """Return ``retry_after`` in seconds, whatever PTB's int/timedelta setting is."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = err.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def send_error(err: TelegramError) -> SendError:
    """Map a PTB error to the channels' error classes."""
    if isinstance(err, RetryAfter):
        return RateLimited(retry_seconds(err), str(err))
    if isinstance(err, Forbidden):
        return Blocked(str(err))
    if isinstance(err, BadRequest):  # a NetworkError subclass in PTB: test it first
        gone = "chat not found" in err.message.casefold()
        return Blocked(str(err)) if gone else PermanentError(str(err))
    if isinstance(err, NetworkError):  # includes TimedOut
        return TransientError(str(err))
    return PermanentError(str(err))


def keyboard(buttons: tuple[Button, ...], keys: CallbackKeys) -> InlineKeyboardMarkup | None:
    """Return the inline keyboard for ``buttons``: one per row, two if all labels are short."""
    if not buttons:
        return None
    cells = [InlineKeyboardButton(b.label, callback_data=keys.encode(b.payload)) for b in buttons]
    size = 2 if len(cells) > 1 and all(len(b.label) <= SHORT_LABEL for b in buttons) else 1
    return InlineKeyboardMarkup([cells[i : i + size] for i in range(0, len(cells), size)])


@dataclass(frozen=True)
class Part:
    """One Bot API message of a reply: a photo, a text chunk or a document."""

    text: str | None = None
    image: str | None = None
    document: Document | None = None


def parts(reply: Reply) -> list[Part]:
    """Return the messages a reply becomes: photo (captioned if short), text chunks, document."""
    texts = chunks(compact_phones(reply.text), TEXT_LIMIT)
    result: list[Part] = []
    if reply.image:
        fits = len(texts) == 1 and utf16_len(texts[0]) <= CAPTION_LIMIT
        result.append(Part(texts.pop(0) if fits else None, image=reply.image))
    result += [Part(text) for text in texts]
    if reply.document is not None:
        result.append(Part(document=reply.document))
    return result


def chat_key(chat_id: str) -> int | str:
    """Return the Bot API chat id: an integer, or an ``@channel`` name left as is."""
    try:
        return int(chat_id)
    except ValueError:
        return chat_id


class TelegramSender:
    """Sends replies to Telegram chats; raises base ``SendError`` subclasses."""

    channel = CHANNEL

    def __init__(self, bot: Bot, memory: ChatMemory, on_blocked: OnBlocked, now: Now) -> None:
        self.bot = bot
        self.memory = memory
        self._on_blocked = on_blocked
        self._now = now

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Deliver ``reply`` to ``chat_id``; a Forbidden answer also calls ``on_blocked``."""
        key = chat_key(chat_id)
        try:
            try:
                await self._deliver(key, reply)
            except ChatMigrated as moved:
                self.note_migration(key, moved.new_chat_id)
                await self._deliver(key, reply)
        except TelegramError as err:
            error = send_error(err)
            if isinstance(error, Blocked):
                self._on_blocked(urn(chat_id))
            raise error from err

    def note_migration(self, old: int | str, new: int) -> None:
        """Send what is meant for group ``old`` to supergroup ``new`` from now on."""
        if isinstance(old, int):
            self.memory.moved[old] = new
            log.info("Telegram chat %s moved to %s", old, new)

    def remember(self, chat_id: int, message_id: int) -> None:
        """Remember a message of a private chat, for ``/xoa``."""
        if chat_id > 0:
            self.memory.recent.add(chat_id, message_id, self._now())

    async def _deliver(self, chat_id: int | str, reply: Reply) -> None:
        target = self.memory.target(chat_id) if isinstance(chat_id, int) else chat_id
        if reply.clear_chat and isinstance(target, int):
            await self.clear_chat(target)
        steps = parts(reply)
        markup = keyboard(reply.buttons, self.memory.keys)
        for number, part in enumerate(steps, start=1):
            sent = await self._send_part(target, part, markup if number == len(steps) else None)
            if isinstance(target, int):
                self.remember(target, sent.message_id)

    async def _send_part(
        self, chat_id: int | str, part: Part, markup: InlineKeyboardMarkup | None
    ) -> TgMessage:
        if part.image is not None:
            return await self.bot.send_photo(
                chat_id, part.image, caption=part.text, reply_markup=markup
            )
        if part.document is not None:
            upload = InputFile(part.document.data, filename=part.document.filename)
            return await self.bot.send_document(chat_id, upload, reply_markup=markup)
        return await self.bot.send_message(chat_id, part.text or "", reply_markup=markup)

    async def clear_chat(self, chat_id: int) -> int:
        """Delete the chat's remembered messages younger than 48 hours; return how many."""
        ids = self.memory.recent.take(chat_id, self._now()) if chat_id > 0 else []
        for start in range(0, len(ids), DELETE_BATCH):
            try:
                await self.bot.delete_messages(chat_id, ids[start : start + DELETE_BATCH])
            except TelegramError as err:
                log.warning("Telegram could not delete messages in %s: %s", chat_id, err)
        return len(ids)
