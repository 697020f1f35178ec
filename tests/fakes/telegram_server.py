"""A fake Telegram Bot API on 127.0.0.1: real HTTP, the documented JSON shapes, scripted failures.

Requests are ``/bot<TOKEN>/<method>`` with form, JSON or multipart bodies (python-telegram-bot
sends form fields whose non-string values are JSON-encoded, and multipart when uploading).
Answers are ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code", "description",
"parameters"?}``. Message ids are counted per chat, shared by the user's and the bot's messages,
as Telegram does in private chats. ``rate_limit`` makes sends beyond N per second answer 429.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from tests.fakes.telegram_api import Answer, MessageStore, error, ok, parse_form, utf16_len

TOKEN = "123456:fake-telegram-token"
BOT_ID = 123456
BOT_USERNAME = "BinhDangTestBot"
SECRET = "fake-webhook-secret_1"
DATE = int(datetime(2026, 11, 23, 3, 0, tzinfo=UTC).timestamp())
SENDS = {"sendMessage", "sendPhoto", "sendDocument"}
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


class FakeTelegramServer:
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
        self.rate_limit_retry_after = 1
        self.throttled = 0
        """How many sends were answered 429 by ``rate_limit``."""
        self.messages = MessageStore(BOT_ID, BOT_USERNAME, DATE)
        self._scripts: dict[str, list[Answer]] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1000)
        self._cond = threading.Condition()
        self._http = _Server(("127.0.0.1", port), _handler(self))
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.01,), daemon=True)

    @property
    def base_url(self) -> str:
        """Return the server's root URL (``TELEGRAM_API_BASE_URL``; the bot appends ``/bot``)."""
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeTelegramServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and wake any waiting long poll."""
        with self._cond:
            self._cond.notify_all()
        self._http.shutdown()
        self._http.server_close()

    def limit_rate(self, per_second: float, burst: float | None = None, **kwargs: Any) -> None:
        """Answer 429 to sends beyond ``per_second`` overall (``clock=`` may be injected)."""
        self.rate_limit = RateLimit(per_second, burst, **kwargs)

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
        """Return the callback_query of pressing the latest button whose label contains ``label``."""
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
            user, chat = self.messages.user(chat_id if chat_id > 0 else 777), self.messages.chat(chat_id)
            bot = self.messages.bot_user()
        members = {f"{age}_chat_member": _member(status, bot) for age, status in (("old", old), ("new", new))}
        return self.update(my_chat_member={"chat": chat, "from": user, "date": DATE, **members})

    def deliver(self, update: dict[str, Any], secret: str | None = None) -> int:
        """POST ``update`` to the registered webhook over real HTTP; return the status."""
        token = self.webhook_secret if secret is None else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": token}
        return httpx.post(self.webhook_url, json=update, headers=headers, timeout=5).status_code

    # --- answering ---------------------------------------------------------------------------

    def answer(self, call: Call) -> Answer:
        """Record ``call``; return the scripted answer, else the documented one."""
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
            return ok(True) if params.get("callback_query_id") else error(400, "Bad Request: query id is empty")
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
        problem = _invalid(call)
        if problem:
            return error(400, f"Bad Request: {problem}")
        if self.rate_limit is not None and not self.rate_limit.take():
            self.throttled += 1
            return retry_after(self.rate_limit_retry_after)
        return ok(self.messages.bot_message(chat_id, call.method, call.params, _file_info(call)))


def _member(status: str, user: dict[str, Any]) -> dict[str, Any]:
    """Return a ChatMember object (banned members carry until_date, 0 meaning forever)."""
    return {"status": status, "user": user, **({"until_date": 0} if status == "kicked" else {})}


def _invalid(call: Call) -> str | None:
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


def _file_info(call: Call) -> dict[str, Any]:
    upload = call.files.get("document")
    if upload is not None:
        info = {"file_id": f"doc-{len(upload.data)}", "file_unique_id": "d1"}
        return {"document": {**info, "file_name": upload.filename, "file_size": len(upload.data)}}
    if call.method == "sendPhoto":
        return {"photo": [{"file_id": "photo-1", "file_unique_id": "p1", "width": 1, "height": 1}]}
    return {}


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # bursts of concurrent sends must not wait for SYN retries


def _handler(fake: FakeTelegramServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as PTB's httpx pool expects

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            params, files = _body(self.headers.get("Content-Type", ""), raw)
            self._reply(params, files)

        def do_GET(self) -> None:
            self._reply({}, {})

        def _reply(self, params: dict[str, Any], files: dict[str, Upload]) -> None:
            url = urlsplit(self.path)
            params = {**parse_form(parse_qsl(url.query)), **params}
            token, _, method = url.path.removeprefix("/bot").partition("/")
            answer = fake.answer(Call(method, params, files, token == fake.token))
            data = json.dumps(answer.body, ensure_ascii=False).encode()
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a cancelled long poll)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def _body(content_type: str, raw: bytes) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Parse a form, JSON or multipart body into typed params and uploaded files."""
    if content_type.startswith("application/json"):
        data = json.loads(raw or b"{}")
        return (data if isinstance(data, dict) else {}), {}
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = BytesParser(policy=policy.HTTP).parsebytes(head + raw)
        fields: list[tuple[str, str]] = []
        files: dict[str, Upload] = {}
        for part in message.iter_parts():
            name = str(part.get_param("name", header="content-disposition"))
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            filename = part.get_filename()
            if filename:
                files[name] = Upload(filename, part.get_content_type(), data)
            else:
                fields.append((name, data.decode()))
        return parse_form(fields), files
    return parse_form(parse_qsl(raw.decode(), keep_blank_values=True)), {}


def main() -> None:
    """Serve the fake on a port; each stdin line is a message from chat 4242; print replies."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=8082)
    port = parser.parse_args().port
    fake = FakeTelegramServer(poll_wait=25, port=port).start()
    print(f"TELEGRAM_BOT_TOKEN={TOKEN} TELEGRAM_API_BASE_URL={fake.base_url}", flush=True)
    for line in sys.stdin:
        before = len(fake.sent_to(4242))
        update = fake.message(4242, line.rstrip("\n"))
        if fake.webhook_url:
            fake.deliver(update)
        else:
            fake.queue(update)
        time.sleep(2)  # a person reading: give the bot time to answer
        print("\n---\n".join(fake.sent_to(4242)[before:]), flush=True)
    fake.close()


if __name__ == "__main__":
    main()
