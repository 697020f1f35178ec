"""Telegram updates, translated: what each update asks the channel to do.

``translate`` is a pure function of the update, so every Telegram rule about incoming traffic
lives here and is tested without a network: edited messages and channel posts are ignored,
groups are answered only when addressed (or declined), commands lose their ``@botname``,
media without a caption gets a polite "text only" notice, chat migrations are reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from telegram import CallbackQuery, ChatMemberUpdated, Message, Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.core.messages import Incoming, Location

CHANNEL = "telegram"
GROUPS = {ChatType.GROUP, ChatType.SUPERGROUP}
MEDIA = (
    "photo", "document", "sticker", "voice", "video", "video_note", "audio", "animation",
    "contact", "poll", "dice", "story", "game",
)  # fmt: skip
"""Message fields that carry content the bot cannot read (only a caption, if any)."""
PRESENT = {ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}
GroupMode = Literal["mention", "decline"]


def urn(chat_id: int | str) -> str:
    """Return the user URN for a Telegram chat id."""
    return f"{CHANNEL}:{chat_id}"


@dataclass(frozen=True)
class BotIdentity:
    """Who the bot is, from getMe: needed to tell whether a group message addresses it."""

    id: int
    username: str


@dataclass(frozen=True)
class Ask:
    """Hand ``incoming`` to the core and send its replies to ``chat_id``."""

    chat_id: int
    incoming: Incoming
    message_id: int | None = None
    """The user's message (remembered for ``/xoa`` in private chats)."""


@dataclass(frozen=True)
class Press:
    """A button press: answer the query, remove the pressed keyboard, then ask the core."""

    chat_id: int
    query_id: str
    message_id: int | None
    incoming: Incoming


@dataclass(frozen=True)
class Notice:
    """Answer with one of the channel's own strings, without the core."""

    chat_id: int
    key: str


@dataclass(frozen=True)
class Migrate:
    """A group became a supergroup: messages for ``old`` must go to ``new``."""

    old: int
    new: int


@dataclass(frozen=True)
class Stopped:
    """The user blocked the bot in a private chat."""

    chat_id: int


@dataclass(frozen=True)
class Ignore:
    """Nothing to do; ``reason`` is for the debug log."""

    reason: str


Action = Ask | Press | Notice | Migrate | Stopped | Ignore


def translate(
    update: Update, me: BotIdentity, group_mode: GroupMode, resolve: Callable[[str], str]
) -> Action:
    """Decide what ``update`` asks for; ``resolve`` turns callback_data back into a payload."""
    if update.callback_query is not None:
        return _press(update.callback_query, resolve)
    if update.my_chat_member is not None:
        return _membership(update.my_chat_member, group_mode)
    if update.message is not None:
        return _message(update.message, me, group_mode)
    kind = next((name for name in _KINDS if getattr(update, name, None) is not None), "unknown")
    return Ignore(f"{kind} update")


_KINDS = ("edited_message", "channel_post", "edited_channel_post", "inline_query", "poll")


def _message(message: Message, me: BotIdentity, group_mode: GroupMode) -> Action:
    chat = message.chat
    if message.migrate_to_chat_id:
        return Migrate(chat.id, message.migrate_to_chat_id)
    if message.migrate_from_chat_id:
        return Migrate(message.migrate_from_chat_id, chat.id)
    if message.from_user is not None and message.from_user.is_bot:
        return Ignore("message from a bot")
    if chat.type in GROUPS:
        if not addressed(message, me):
            return Ignore("group message not addressed to the bot")
        if group_mode == "decline":
            return Notice(chat.id, "telegram.group_decline")
    elif chat.type != ChatType.PRIVATE:
        return Ignore(f"{chat.type} chat")
    incoming = _incoming(message, me)
    if incoming is not None:
        return Ask(chat.id, incoming, message.message_id)
    if any(getattr(message, field, None) for field in MEDIA):
        return Notice(chat.id, "telegram.text_only")
    return Ignore("service message")


def _incoming(message: Message, me: BotIdentity) -> Incoming | None:
    user, at, message_id = urn(message.chat.id), message.date, str(message.message_id)
    if message.location is not None:
        where = Location(message.location.latitude, message.location.longitude)
        return Incoming(user, location=where, at=at, message_id=message_id)
    text = message.text if message.text is not None else message.caption
    if text is None:
        return None
    return Incoming(user, clean_text(text, me.username), at=at, message_id=message_id)


def _press(query: CallbackQuery, resolve: Callable[[str], str]) -> Action:
    message = query.message
    chat_id = message.chat.id if message is not None else query.from_user.id
    data = query.data or ""
    label = _label_of(message, data) if isinstance(message, Message) else None
    incoming = Incoming(urn(chat_id), label or "", button=resolve(data))
    message_id = message.message_id if message is not None else None
    return Press(chat_id, query.id, message_id, incoming)


def _label_of(message: Message, data: str) -> str | None:
    markup = message.reply_markup
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def _membership(change: ChatMemberUpdated, group_mode: GroupMode) -> Action:
    chat, new, old = change.chat, change.new_chat_member.status, change.old_chat_member.status
    if chat.type == ChatType.PRIVATE and new == ChatMemberStatus.BANNED:
        return Stopped(chat.id)
    if chat.type in GROUPS and new in PRESENT and old not in PRESENT:
        key = "telegram.group_decline" if group_mode == "decline" else "telegram.group_hello"
        return Notice(chat.id, key)
    return Ignore(f"membership change {old} -> {new}")


_COMMAND = re.compile(r"^/(\w+)(?:@(\w+))?", re.ASCII)


def addressed(message: Message, me: BotIdentity) -> bool:
    """Return whether a group message is meant for the bot: mention, reply, or its command."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == me.id:
        return True
    text = message.text or message.caption or ""
    command = _COMMAND.match(text)
    if command is not None:
        return command.group(2) is None or command.group(2).casefold() == me.username.casefold()
    if _mention(me.username).search(text):
        return True
    entities = message.entities or message.caption_entities or ()
    return any(e.user is not None and e.user.id == me.id for e in entities)


def _mention(username: str) -> re.Pattern[str]:
    return re.compile(rf"@{re.escape(username)}\b", re.IGNORECASE | re.ASCII)


def clean_text(text: str, username: str) -> str:
    """Strip ``@botname`` from a command (``/start@bot x`` -> ``/start x``) and from mentions."""
    if not username:
        return text
    command = _COMMAND.match(text)
    if command is not None and (command.group(2) or "").casefold() == username.casefold():
        text = f"/{command.group(1)}{text[command.end() :]}"
    stripped = _mention(username).sub("", text)
    return re.sub(r"[ \t]{2,}", " ", stripped).strip() if stripped != text else text
