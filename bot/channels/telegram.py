"""Telegram channel: long polling or webhook, python-telegram-bot used only as an API client.

Incoming updates are translated by ``telegram_updates.translate``; replies are sent by
``telegram_sender.TelegramSender``; the webhook endpoint lives in ``telegram_webhook``.
Each chat's messages are answered one at a time, in order; different chats run concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from starlette.routing import BaseRoute
from telegram import Bot, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, ExtBot

from bot.channels.chatwork import ChatWork, cancel
from bot.channels.seen import Seen
from bot.channels.telegram_sender import ChatMemory, OnBlocked, TelegramSender
from bot.channels.telegram_updates import (
    CHANNEL,
    Action,
    Ask,
    BotIdentity,
    Ignore,
    Migrate,
    Notice,
    Press,
    Stopped,
    translate,
    urn,
)
from bot.channels.telegram_webhook import SEEN_UPDATES, valid_secret, webhook_route
from bot.core.config import TelegramSettings
from bot.core.i18n import Strings
from bot.core.messages import Reply
from bot.core.transport import Blocked, Handle, RateLimited, Sender, SendError, TransientError

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
REPLY_RETRIES = 2
"""How often AIORateLimiter retries a reply after a 429 (it waits ``retry_after`` first)."""
SEND_ATTEMPTS = 3
"""Tries for a reply that fails with a network error."""
POLL_BACKOFF_MAX = 60.0

Sleep = Callable[[float], Awaitable[None]]
OnMigrated = Callable[[str, str], None]
ReplyVia = Callable[[Sender], Sender]


def utc_now() -> datetime:
    """Return the current time, timezone-aware."""
    return datetime.now(UTC)


def api_url(base: str) -> str:
    """Return PTB's base_url: ``http://host:port`` and ``.../bot`` both become ``.../bot``."""
    if "{token}" in base:
        return base
    base = base.rstrip("/")
    return base if base.endswith("/bot") else f"{base}/bot"


class TelegramChannel:
    """The Telegram channel runner: webhook route, polling loop, and two senders.

    ``sender`` (what the app registers for broadcasts and reminders) has no rate limiter and no
    retries: the caller paces bulk traffic and gets a 429 at once as ``RateLimited``.
    ``reply_sender`` answers people who write in: PTB's ``AIORateLimiter`` keeps it under 30
    messages/s (20/min per group) and waits out a 429's ``retry_after`` up to ``REPLY_RETRIES``
    times. ``reply_via`` may wrap it (e.g. ``outbox.replies``, so replies use the bulk lane's
    capacity first and a 429 pauses bulk sending).
    """

    name = CHANNEL

    def __init__(
        self,
        settings: TelegramSettings,
        token: str,
        webhook_secret: str,
        handle: Handle,
        on_blocked: OnBlocked,
        strings: Strings,
        *,
        on_migrated: OnMigrated | None = None,
        reply_via: ReplyVia | None = None,
        now: Callable[[], datetime] = utc_now,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if settings.webhook_url and not valid_secret(webhook_secret):
            raise ValueError(
                "TELEGRAM_WEBHOOK_SECRET must have 1 to 256 characters A-Z a-z 0-9 _ - "
                "in webhook mode"
            )
        self.settings = settings
        url = api_url(settings.api_base_url)
        limiter = AIORateLimiter(max_retries=REPLY_RETRIES)
        self.bot: ExtBot[int] = ExtBot(token, base_url=url, rate_limiter=limiter)
        memory = ChatMemory()
        self.reply_sender = TelegramSender(self.bot, memory, on_blocked, now)
        self.sender = TelegramSender(Bot(token, base_url=url), memory, on_blocked, now)
        self._replies: Sender = reply_via(self.reply_sender) if reply_via else self.reply_sender
        self._secret = webhook_secret
        self._handle = handle
        self._on_blocked = on_blocked
        self._on_migrated = on_migrated
        self._strings = strings
        self._sleep = sleep
        self._seen: Seen[int] = Seen(SEEN_UPDATES)
        self._offset: int | None = None
        self._me: BotIdentity | None = None
        self._work: ChatWork[int] = ChatWork()
        self._poller: asyncio.Task[None] | None = None

    def routes(self) -> list[BaseRoute]:
        """Return the webhook route (it answers 403 unless the secret matches)."""
        path, secret = self.settings.webhook_path, self._secret
        return [webhook_route(path, secret, lambda: self.bot, self.accept)]

    async def connect(self) -> BotIdentity:
        """Check the token (getMe), then register the webhook or remove it for polling."""
        for bot in (self.bot, self.sender.bot):
            await bot.initialize()
        me = await self._identity()
        if self.settings.webhook_url:
            await self.bot.set_webhook(
                self.settings.webhook_url,
                secret_token=self._secret,
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("Telegram webhook set to %s", self.settings.webhook_url)
        else:
            await self.bot.delete_webhook()
        return me

    async def _identity(self) -> BotIdentity:
        if self._me is None:
            await self.bot.initialize()
            self._me = BotIdentity(self.bot.id, self.bot.username)
        return self._me

    async def start(self) -> None:
        """Connect, then start polling unless in webhook mode."""
        me = await self.connect()
        log.info("Telegram bot @%s (%s) connected", me.username, me.id)
        if not self.settings.webhook_url:
            self._poller = asyncio.create_task(self._poll())
            log.info("Telegram polling started")

    async def stop(self) -> None:
        """Stop polling, confirm the updates taken, finish answering, and close connections."""
        if await cancel(self._poller):
            self._poller = None
            await self._confirm()
        await self.wait_idle()
        for bot in (self.bot, self.sender.bot):
            await bot.shutdown()

    async def wait_idle(self) -> None:
        """Wait until every accepted update has been answered."""
        await self._work.wait_idle()

    async def poll_once(self, wait: int | None = None) -> int:
        """Fetch one batch of updates (long poll of ``wait`` seconds) and queue them; count them."""
        seconds = self.settings.poll_timeout if wait is None else wait
        updates = await self.bot.get_updates(
            offset=self._offset, timeout=seconds, allowed_updates=ALLOWED_UPDATES
        )
        for update in updates:
            self._offset = update.update_id + 1
            self.accept(update)
        return len(updates)

    async def _poll(self) -> None:
        failures = 0
        while True:
            try:
                await self.poll_once()
                failures = 0
            except InvalidToken as err:
                log.error("Telegram polling stopped: %s (check TELEGRAM_BOT_TOKEN)", err)
                return
            except Exception as err:  # network, API or update parsing: keep polling
                failures += 1
                delay = min(2.0**failures, POLL_BACKOFF_MAX)
                log.warning("Telegram polling failed: %r; retrying in %.0f s", err, delay)
                await self._sleep(delay)

    async def _confirm(self) -> None:
        """Tell Telegram the updates already taken are done, so a restart does not redo them."""
        if self._offset is None:
            return
        with contextlib.suppress(TelegramError):
            await self.bot.get_updates(offset=self._offset, timeout=0, limit=1)

    def accept(self, update: Update) -> bool:
        """Queue ``update`` for answering unless it was seen before; return whether queued."""
        if not self._seen.first_time(update.update_id):
            log.info("Telegram duplicate update %s dropped", update.update_id)
            return False
        self._work.spawn(self._process(update))
        return True

    async def _process(self, update: Update) -> None:
        try:
            me = await self._identity()
            keys = self.reply_sender.memory.keys
            action = translate(update, me, self.settings.group_mode, keys.decode)
            await self._act(action, me)
        except Exception:
            log.exception("Telegram update %s could not be answered", update.update_id)

    async def _act(self, action: Action, me: BotIdentity) -> None:
        match action:
            case Ask(chat_id, incoming, message_id):
                if message_id is not None:
                    self.reply_sender.remember(chat_id, message_id)
                async with self._work.lock(chat_id):
                    await self._reply(chat_id, await self._handle(incoming))
            case Press(chat_id, query_id, message_id, incoming):
                await self._pressed(chat_id, query_id, message_id)
                async with self._work.lock(chat_id):
                    await self._reply(chat_id, await self._handle(incoming))
            case Notice(chat_id, key):
                text = self._strings.get(key, bot=me.username)
                async with self._work.lock(chat_id):
                    await self._reply(chat_id, [Reply(text)])
            case Migrate(old, new):
                self.reply_sender.note_migration(old, new)
                if self._on_migrated is not None:
                    self._on_migrated(urn(old), urn(new))
            case Stopped(chat_id):
                log.info("Telegram chat %s blocked the bot", chat_id)
                self._on_blocked(urn(chat_id))
            case Ignore(reason):
                log.debug("Telegram update ignored: %s", reason)

    async def _pressed(self, chat_id: int, query_id: str, message_id: int | None) -> None:
        """Stop the client's spinner and remove the pressed keyboard (best effort)."""
        with contextlib.suppress(TelegramError):
            await self.bot.answer_callback_query(query_id)
        if message_id is not None:
            try:
                await self.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
            except TelegramError as err:
                log.debug("Telegram keyboard of %s/%s kept: %s", chat_id, message_id, err)

    async def _reply(self, chat_id: int, replies: list[Reply]) -> None:
        for reply in replies:
            await self._send(str(chat_id), reply)

    async def _send(self, chat_id: str, reply: Reply) -> None:
        """Send one reply, retrying network errors; 429s were already retried by the limiter."""
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                await self._replies.send(chat_id, reply)
                return
            except Blocked:
                log.info("Telegram chat %s cannot be messaged: user marked blocked", chat_id)
                return
            except TransientError as err:
                if attempt == SEND_ATTEMPTS:
                    log.warning("Telegram reply to %s given up: %s", chat_id, err)
                    return
                await self._sleep(2.0**attempt)
            except (RateLimited, SendError) as err:
                log.warning("Telegram reply to %s failed: %s", chat_id, err)
                return
