"""A fake Telegram Bot API on 127.0.0.1: real HTTP, the documented JSON shapes, scripted failures.

Requests are ``/bot<TOKEN>/<method>`` with form, JSON or multipart bodies (python-telegram-bot
sends form fields whose non-string values are JSON-encoded, and multipart when uploading).
Answers are ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code", "description",
"parameters"?}``. Message ids are counted per chat, shared by the user's and the bot's messages,
as Telegram does in private chats. ``rate_limit`` makes sends beyond N per second answer 429.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx

from tests.fakes.telegram_api import (
    BLOCKED,
    CONFLICT,
    Answer,
    Call,
    MessageStore,
    RateLimit,
    SlidingWindowLimit,
    chat_member,
    error,
    file_info,
    invalid_send,
    ok,
    retry_after,
)
from tests.fakes.telegram_http import Server, handler
from tests.fakes.threaded import ThreadedFake

TOKEN = "123456:fake-telegram-token"
BOT_ID = 123456
BOT_USERNAME = "BinhDangTestBot"
SECRET = "fake-webhook-secret_1"
DATE = int(datetime(2026, 11, 23, 3, 0, tzinfo=UTC).timestamp())
SENDS = {"sendMessage", "sendPhoto", "sendDocument"}


class FakeTelegramServer(ThreadedFake):
    """The running fake: base URL, received calls, chats' messages, and what it will answer."""

    def __init__(self, token: str = TOKEN, poll_wait: float = 0.2, port: int = 0) -> None:
        self.token = token
        self.poll_wait = poll_wait
        """Longest wait of a getUpdates long poll (Telegram waits ``timeout``; tests must not)."""
        self.calls: list[Call] = []
        self.webhook_url = ""
        self.webhook_secret = ""
        self.blocked: set[int] = set()
        self.migrated: dict[int, int] = {}
        self.rate_limit: RateLimit | None = None
        self.window: SlidingWindowLimit | None = None
        self.rate_limit_retry_after = 1
        self.throttled = 0
        """How many sends were answered 429 by ``rate_limit``."""
        self.messages = MessageStore(BOT_ID, BOT_USERNAME, DATE)
        self._scripts: dict[str, list[Answer]] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1000)
        super().__init__(Server(("127.0.0.1", port), handler(self.answer, self.stats)))

    def limit_rate(self, per_second: float, burst: float | None = None, **kwargs: Any) -> None:
        """Answer 429 to sends beyond ``per_second`` overall (``clock=`` may be injected)."""
        self.rate_limit = RateLimit(per_second, burst, **kwargs)

    def limit_window(self, limit: int = 30, **kwargs: Any) -> None:
        """Answer 429 to a send beyond ``limit`` in the last second, as Telegram does strictly."""
        self.window = SlidingWindowLimit(limit, **kwargs)

    def script(self, method: str, *answers: Answer) -> None:
        """Answer the next calls to ``method`` with ``answers``, in order."""
        with self._cond:
            self._scripts.setdefault(method, []).extend(answers)

    def queue(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue ``update`` for getUpdates; return it."""
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()
        return update

    def pending(self) -> list[int]:
        """Return the update ids not yet confirmed by a getUpdates offset."""
        with self._cond:
            return [u["update_id"] for u in self._updates]

    def calls_to(self, method: str) -> list[Call]:
        """Return the calls to ``method``."""
        with self._cond:
            return [call for call in self.calls if call.method == method]

    def methods(self) -> list[str]:
        """Return the methods called, in order."""
        with self._cond:
            return [call.method for call in self.calls]

    def stats(self) -> dict[str, int]:
        """Return counters: sends delivered, 429s from ``rate_limit``, chats, duplicate texts."""
        with self._cond:
            return self.messages.stats() | {"throttled": self.throttled, "calls": len(self.calls)}

    def sent_to(self, chat_id: int) -> list[str]:
        """Return the texts and captions the bot sent to ``chat_id`` (deleted ones too)."""
        with self._cond:
            return self.messages.sent_texts(chat_id)

    # --- updates a user causes -------------------------------------------------------------

    def update(self, **content: Any) -> dict[str, Any]:
        """Return an update with a fresh update_id and ``content`` (e.g. ``message={...}``)."""
        return {"update_id": next(self._update_ids), **content}

    def message(self, chat_id: int, text: str | None = None, **fields: Any) -> dict[str, Any]:
        """Return a message update from the user of ``chat_id`` (a member of a group chat)."""
        with self._cond:
            message = self.messages.user_message(chat_id, text, **fields)
        return self.update(message=message)

    def edited(self, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
        """Return an edited_message update."""
        with self._cond:
            message = {**self.messages.get(chat_id, message_id), "text": text, "edit_date": DATE}
        return self.update(edited_message=message)

    def press(self, chat_id: int, label: str, user_id: int | None = None) -> dict[str, Any]:
        """Return the callback_query of pressing the latest button labelled like ``label``."""
        with self._cond:
            message, data = self.messages.find_button(chat_id, label)
            sender = self.messages.user(user_id or chat_id)
        query = {"id": str(next(self._update_ids)), "from": sender, "message": message}
        return self.update(callback_query={**query, "chat_instance": "1", "data": data})

    def press_data(self, chat_id: int, message_id: int, data: str) -> dict[str, Any]:
        """Return a callback_query with arbitrary ``data`` on message ``message_id``."""
        with self._cond:
            message, sender = self.messages.get(chat_id, message_id), self.messages.user(chat_id)
        query = {"id": str(next(self._update_ids)), "from": sender, "message": message}
        return self.update(callback_query={**query, "chat_instance": "1", "data": data})

    def member_change(self, chat_id: int, old: str, new: str) -> dict[str, Any]:
        """Return a my_chat_member update (``kicked`` in a private chat: the user blocked us)."""
        with self._cond:
            user, chat = (
                self.messages.user(chat_id if chat_id > 0 else 777),
                self.messages.chat(chat_id),
            )
            bot = self.messages.bot_user()
        members = {
            f"{age}_chat_member": chat_member(status, bot)
            for age, status in (("old", old), ("new", new))
        }
        return self.update(my_chat_member={"chat": chat, "from": user, "date": DATE, **members})

    def deliver(self, update: dict[str, Any], secret: str | None = None) -> int:
        """POST ``update`` to the registered webhook over real HTTP; return the status."""
        token = self.webhook_secret if secret is None else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": token}
        return httpx.post(self.webhook_url, json=update, headers=headers, timeout=5).status_code

    # --- answering ---------------------------------------------------------------------------

    def answer(self, call: Call, token: str) -> Answer:
        """Record ``call``; return the scripted answer, else the documented one."""
        call = replace(call, token_ok=token == self.token)
        with self._cond:
            self.calls.append(call)
            if not call.token_ok:
                return error(401, "Unauthorized")
            scripted = self._scripts.get(call.method)
            if scripted:
                return scripted.pop(0)
        if call.method == "getUpdates":
            return self._get_updates(call.params)
        with self._cond:
            return self._documented(call)

    def _get_updates(self, params: dict[str, Any]) -> Answer:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.poll_wait)
        with self._cond:
            if self.webhook_url:
                return CONFLICT
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and wait > 0:
                self._cond.wait(wait)
            return ok(self._updates[:limit])

    def _documented(self, call: Call) -> Answer:
        method, params = call.method, call.params
        if method == "getMe":
            return ok(self.messages.bot_user(full=True))
        if method in {"setWebhook", "deleteWebhook", "getWebhookInfo"}:
            return self._webhook(method, params)
        if method == "answerCallbackQuery":
            return (
                ok(True)
                if params.get("callback_query_id")
                else error(400, "Bad Request: query id is empty")
            )
        if method in SENDS:
            return self._send(call)
        if method in {"editMessageReplyMarkup", "deleteMessage", "deleteMessages"}:
            return self.messages.change(method, params)
        return error(404, "Not Found")

    def _webhook(self, method: str, params: dict[str, Any]) -> Answer:
        if method == "setWebhook":
            secret = str(params.get("secret_token", ""))
            if secret and not all(c.isascii() and (c.isalnum() or c in "_-") for c in secret):
                return error(400, "Bad Request: secret token contains unallowed characters")
            self.webhook_url, self.webhook_secret = str(params.get("url", "")), secret
        elif method == "deleteWebhook":
            self.webhook_url = self.webhook_secret = ""
        if method == "getWebhookInfo":
            info = {"url": self.webhook_url, "has_custom_certificate": False}
            return ok({**info, "pending_update_count": len(self._updates)})
        return ok(True)

    def _send(self, call: Call) -> Answer:
        chat_id = call.params.get("chat_id")
        if not isinstance(chat_id, int):
            return error(400, "Bad Request: chat not found")
        if chat_id in self.migrated:
            text = "Bad Request: group chat was upgraded to a supergroup chat"
            return error(400, text, parameters={"migrate_to_chat_id": self.migrated[chat_id]})
        if chat_id in self.blocked:
            return BLOCKED
        problem = invalid_send(call)
        if problem:
            return error(400, f"Bad Request: {problem}")
        if self.rate_limit is not None and not self.rate_limit.take():
            self.throttled += 1
            return retry_after(self.rate_limit_retry_after)
        wait = self.window.take() if self.window is not None else 0
        if wait:
            self.throttled += 1
            return retry_after(wait)
        return ok(self.messages.bot_message(chat_id, call.method, call.params, file_info(call)))


def main() -> None:
    """Serve the fake; each stdin line is a message from chat 4242, whose replies are printed.

    With ``--serve`` it only serves until interrupted (a bench reads ``/fake/stats``).
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=8082)
    parser.add_argument("--token", default=TOKEN)
    parser.add_argument("--rate-limit", type=float, help="sends per second before 429s")
    parser.add_argument("--retry-after", type=int, default=1, help="retry_after of those 429s")
    parser.add_argument("--serve", action="store_true", help="no stdin chat: serve until killed")
    args = parser.parse_args()
    fake = FakeTelegramServer(args.token, poll_wait=25, port=args.port).start()
    if args.rate_limit:
        fake.limit_rate(args.rate_limit)
        fake.rate_limit_retry_after = args.retry_after
    print(f"TELEGRAM_BOT_TOKEN={args.token} TELEGRAM_API_BASE_URL={fake.base_url}", flush=True)
    if args.serve:
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    else:
        for line in sys.stdin:
            print("\n---\n".join(_chat_turn(fake, line.rstrip("\n"))), flush=True)
    fake.close()


def _chat_turn(fake: FakeTelegramServer, text: str, chat_id: int = 4242) -> list[str]:
    """Send ``text`` from ``chat_id`` (webhook or queue); return the replies within 10 s."""
    before = len(fake.sent_to(chat_id))
    update = fake.message(chat_id, text)
    if fake.webhook_url:
        fake.deliver(update)
    else:
        fake.queue(update)
    deadline = time.monotonic() + 10
    while len(fake.sent_to(chat_id)) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the rest of a multi-message answer
    return fake.sent_to(chat_id)[before:]


if __name__ == "__main__":
    main()
