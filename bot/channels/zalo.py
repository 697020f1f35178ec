"""Zalo channel: webhook (production) or polling (local), translating Zalo events for the core.

Zalo differences are absorbed here and nowhere else: texts of at most 2000 characters
(split), no buttons (numbered options; the user's "2" goes to the core as text), string ids,
millisecond dates, no documents, and a 429 "Quota exceeded" answer instead of a published rate.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from bot.channels import zalo_client as api
from bot.channels.chatwork import ChatWork, cancel
from bot.channels.seen import Seen
from bot.channels.webguard import read_body
from bot.channels.zalo_models import TEXT_LIMIT, Message, Update
from bot.core.config import ZaloSettings
from bot.core.i18n import Strings
from bot.core.messages import Incoming, Reply
from bot.core.transport import (
    Blocked,
    Handle,
    RateLimited,
    SendError,
    TransientError,
    numbered_options,
    numbered_texts,
    split_text,
)

log = logging.getLogger(__name__)

CHANNEL = "zalo"
TEXT_EVENT = "message.text.received"
IMAGE_EVENT = "message.image.received"
UNSUPPORTED_EVENT = "message.unsupported.received"
"""Sent instead of the content for protected users (children, people with disabilities...)."""

WEBHOOK_BODY_LIMIT = 256 * 1024
SEEN_EVENTS = 10_000
REPLY_ATTEMPTS = 3
REPLY_MAX_WAIT = 30.0
QUOTA_BACKOFF_BASE = 5.0
QUOTA_BACKOFF_MAX = 600.0
POLL_BACKOFF_MAX = 60.0

Sleep = Callable[[float], Awaitable[None]]


def urn(chat_id: str) -> str:
    """Return the user URN for a Zalo chat id."""
    return f"{CHANNEL}:{chat_id}"


def sent_at(milliseconds: int | None) -> datetime | None:
    """Convert a Zalo date (milliseconds since the epoch) to an aware UTC datetime."""
    if milliseconds is None:
        return None
    try:
        return datetime.fromtimestamp(milliseconds / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


class ZaloSender:
    """Sends replies to Zalo chats; raises base SendError subclasses; safe to call concurrently.

    ``send_rate`` is the configured bulk rate (messages per second) for the broadcast queue.
    """

    channel = CHANNEL

    def __init__(
        self,
        client: api.ZaloClient,
        strings: Strings,
        *,
        send_rate: float,
        on_quota: Callable[[str], None] | None = None,
    ) -> None:
        self.client = client
        self.send_rate = send_rate
        self._strings = strings
        self._on_quota = on_quota
        self._quota_strikes = 0
        self._tickets = 0
        self._quota_mark = 0
        """Tickets issued at the last quota error: older sends prove nothing by succeeding late."""

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Deliver ``reply``: numbered options instead of buttons, split at 2000 characters."""
        ticket = self._tickets
        self._tickets += 1
        try:
            await self._deliver(chat_id, reply)
        except api.ZaloQuotaExceeded as err:
            self._quota_mark = self._tickets
            self._quota_hit(err)
            raise
        if ticket >= self._quota_mark:
            self._quota_strikes = 0

    async def _deliver(self, chat_id: str, reply: Reply) -> None:
        text = numbered_options(reply)
        if reply.document is not None:
            note = self._strings.get("zalo.document_unavailable", filename=reply.document.filename)
            text = f"{text}\n\n{note}" if text.strip() else note
        chunks = [chunk for chunk in split_text(text, TEXT_LIMIT) if chunk.strip()]
        if reply.image:
            await self.client.send_photo(chat_id, reply.image, chunks.pop(0) if chunks else None)
        for chunk in chunks:
            await self.client.send_message(chat_id, chunk)

    def _quota_hit(self, err: api.ZaloQuotaExceeded) -> None:
        self._quota_strikes += 1
        backoff = QUOTA_BACKOFF_BASE * 2 ** min(self._quota_strikes - 1, 10)
        err.retry_after = max(err.retry_after, min(backoff, QUOTA_BACKOFF_MAX))
        if self._quota_strikes == 1:
            log.error(
                "Zalo quota exceeded (%s): bulk sending should pause; retry in %.0f s",
                err.description,
                err.retry_after,
            )
            if self._on_quota is not None:
                self._on_quota(str(err))


class ZaloChannel:
    """The Zalo channel runner: webhook route, polling loop, and the reply sender."""

    name = CHANNEL

    def __init__(
        self,
        settings: ZaloSettings,
        token: str,
        webhook_secret: str,
        handle: Handle,
        on_blocked: Callable[[str], None],
        strings: Strings,
        on_quota: Callable[[str], None] | None = None,
        *,
        sleep: Sleep = asyncio.sleep,
        poll_timeout: int = 30,
    ) -> None:
        if settings.webhook_url and not 8 <= len(webhook_secret) <= 256:
            raise ValueError("ZALO_WEBHOOK_SECRET must have 8 to 256 characters in webhook mode")
        self.settings = settings
        self.client = api.ZaloClient(token, settings.api_base_url)
        self.sender = ZaloSender(
            self.client, strings, send_rate=settings.send_rate, on_quota=on_quota
        )
        self._secret = webhook_secret.encode()
        self._handle = handle
        self._on_blocked = on_blocked
        self._strings = strings
        self._sleep = sleep
        self._poll_timeout = poll_timeout
        self._seen: Seen[str] = Seen(SEEN_EVENTS)
        self._work: ChatWork[str] = ChatWork()
        self._poller: asyncio.Task[None] | None = None

    def routes(self) -> list[BaseRoute]:
        """Return the webhook route (it answers 403 unless the secret matches)."""
        return [Route(self.settings.webhook_path, self._webhook, methods=["POST"])]

    async def start(self) -> None:
        """Check the token, then register the webhook or start polling."""
        me = await self.client.get_me()
        log.info("Zalo bot %s (%s) connected", me.account_name, me.id)
        if self.settings.webhook_url:
            await self.client.set_webhook(self.settings.webhook_url, self._secret.decode())
            log.info("Zalo webhook set to %s", self.settings.webhook_url)
            return
        current = await self.client.get_webhook_info()
        if current.url:
            log.warning("Zalo webhook %s removed: zalo.webhook_url is empty, polling", current.url)
            await self.client.delete_webhook()
        self._poller = asyncio.create_task(self._poll())
        log.info("Zalo polling started")

    async def stop(self) -> None:
        """Stop polling, finish the messages being answered, and close connections."""
        await cancel(self._poller)
        self._poller = None
        await self.wait_idle()
        await self.client.aclose()

    async def wait_idle(self) -> None:
        """Wait until every accepted event has been answered."""
        await self._work.wait_idle()

    def accept(self, update: Update) -> bool:
        """Queue ``update`` for answering unless it is a duplicate; return whether queued."""
        message_id = update.message.message_id if update.message else ""
        if message_id and not self._seen.first_time(f"{update.event_name}:{message_id}"):
            log.info("Zalo duplicate event %s:%s dropped", update.event_name, message_id)
            return False
        self._work.spawn(self._process(update))
        return True

    async def _webhook(self, request: Request) -> JSONResponse:
        supplied = request.headers.get("x-bot-api-secret-token", "").encode()
        if not self._secret or not hmac.compare_digest(supplied, self._secret):
            log.warning("Zalo webhook call rejected: wrong or missing secret token")
            return JSONResponse({"ok": False}, status_code=403)
        body = await read_body(request, WEBHOOK_BODY_LIMIT)
        if body is None:
            return JSONResponse({"ok": False}, status_code=413)
        try:
            update = api.parse_update(json.loads(body))
        except ValueError:
            return JSONResponse({"ok": False}, status_code=400)
        if update is None:
            log.warning("Zalo webhook body without an event ignored")
        else:
            self.accept(update)
        return JSONResponse({"ok": True})

    async def _poll(self) -> None:
        failures = 0
        while True:
            try:
                updates = await self.client.get_updates(self._poll_timeout)
            except api.ZaloBadToken as err:
                log.error("Zalo polling stopped: %s (check ZALO_BOT_TOKEN)", err)
                return
            except api.ZaloApiError as err:
                failures += 1
                delay = min(2.0**failures, POLL_BACKOFF_MAX)
                log.warning("Zalo polling failed: %s; retrying in %.0f s", err, delay)
                await self._sleep(delay)
                continue
            failures = 0
            for update in updates:
                self.accept(update)

    async def _process(self, update: Update) -> None:
        message = update.message
        chat = (message.chat or message.author) if message else None
        if message is None or chat is None:
            log.warning("Zalo %s event without a chat: cannot answer", update.event_name)
            return
        if message.author is not None and message.author.is_bot:
            return
        try:
            async with self._work.lock(chat.id):
                replies = await self._replies_for(update.event_name, message, chat.id)
                for reply, text in zip(replies, numbered_texts(replies), strict=True):
                    await self._send(chat.id, replace(reply, text=text, buttons=()))
        except Exception:
            log.exception("Zalo event %s could not be answered", update.event_name)

    async def _replies_for(self, event: str, message: Message, chat_id: str) -> list[Reply]:
        if event == UNSUPPORTED_EVENT:
            log.info("Zalo protected-user message: answering with the safe message")
            return [Reply(self._strings.get("zalo.protected_user"))]
        if message.chat is not None and message.chat.chat_type.upper() == "GROUP":
            return [Reply(self._strings.get("zalo.private_only"))]
        text = message.caption if event == IMAGE_EVENT else message.text
        if text is None or (event != TEXT_EVENT and not text.strip()):
            known = event.startswith("message.")
            log.info("Zalo %s event without text", event)
            return [Reply(self._strings.get("zalo.text_only"))] if known else []
        at, message_id = sent_at(message.date), message.message_id or None
        return await self._handle(Incoming(urn(chat_id), text, at=at, message_id=message_id))

    async def _send(self, chat_id: str, reply: Reply) -> None:
        """Send one reply to a user who wrote in, retrying briefly on 429 and transient errors."""
        for attempt in range(1, REPLY_ATTEMPTS + 1):
            try:
                await self.sender.send(chat_id, reply)
                return
            except Blocked:
                log.info("Zalo chat %s cannot be messaged: marking the user blocked", chat_id)
                self._on_blocked(urn(chat_id))
                return
            except (RateLimited, TransientError) as err:
                if attempt == REPLY_ATTEMPTS:
                    log.warning("Zalo reply to %s given up: %s", chat_id, err)
                    return
                delay = err.retry_after if isinstance(err, RateLimited) else 2.0**attempt
                await self._sleep(min(delay, REPLY_MAX_WAIT))
            except SendError as err:
                log.warning("Zalo reply to %s failed: %s", chat_id, err)
                return
