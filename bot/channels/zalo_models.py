"""The Zalo Bot Platform API's request and response shapes, as frozen pydantic models."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TEXT_LIMIT = 2000
"""Longest text (and photo caption) Zalo accepts in one message."""


class ZaloModel(BaseModel):
    """Base for API shapes: unknown fields ignored, numeric ids read as strings."""

    model_config = ConfigDict(extra="ignore", frozen=True, coerce_numbers_to_str=True)


class BotInfo(ZaloModel):
    """Result of getMe."""

    id: str
    account_name: str = ""
    account_type: str = ""
    can_join_groups: bool = False


class WebhookInfo(ZaloModel):
    """Result of setWebhook, deleteWebhook and getWebhookInfo (``url`` empty = none set)."""

    url: str = ""
    updated_at: int | None = None


class SentMessage(ZaloModel):
    """Result of sendMessage and sendPhoto."""

    message_id: str = ""
    date: int | None = None


class Author(ZaloModel):
    """Who wrote a message."""

    id: str
    display_name: str = ""
    is_bot: bool = False


class Chat(ZaloModel):
    """Where a message was written; replies go to ``id``."""

    id: str
    chat_type: str = "PRIVATE"


class Message(ZaloModel):
    """An incoming message; ``date`` is in milliseconds since the epoch."""

    message_id: str = ""
    author: Author | None = Field(None, alias="from")
    chat: Chat | None = None
    date: int | None = None
    text: str | None = None
    photo: str | None = None
    caption: str | None = None
    sticker: str | None = None
    url: str | None = None


class Update(ZaloModel):
    """One event, from getUpdates or a webhook call."""

    event_name: str = ""
    message: Message | None = None


class SendMessageRequest(ZaloModel):
    """Parameters of sendMessage."""

    chat_id: str = Field(min_length=1)
    text: str = Field(min_length=1, max_length=TEXT_LIMIT)


class SendPhotoRequest(ZaloModel):
    """Parameters of sendPhoto (``photo`` is an image URL)."""

    chat_id: str = Field(min_length=1)
    photo: str = Field(min_length=1)
    caption: str | None = Field(None, min_length=1, max_length=TEXT_LIMIT)


class ChatActionRequest(ZaloModel):
    """Parameters of sendChatAction (only ``typing`` is available)."""

    chat_id: str = Field(min_length=1)
    action: Literal["typing"] = "typing"


class SetWebhookRequest(ZaloModel):
    """Parameters of setWebhook: an HTTPS URL and a secret of 8 to 256 characters."""

    url: str = Field(min_length=1)
    secret_token: str = Field(min_length=8, max_length=256)


class GetUpdatesRequest(ZaloModel):
    """Parameters of getUpdates: the long-poll timeout in seconds (a string, as documented)."""

    timeout: str
