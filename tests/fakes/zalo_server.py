"""A fake Zalo Bot API on 127.0.0.1: real HTTP, the documented JSON shapes, scripted failures.

Shapes follow the Zalo Bot Platform docs: ``POST /bot<TOKEN>/<method>`` with a JSON body,
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": ..., "description": ...}``;
events ``{"event_name", "message": {"from", "chat", "message_id", "date" (ms), "text"...}}``,
one per getUpdates call (no offset), wrapped as ``{"ok": true, "result": event}`` in webhooks.
What the docs do not say is marked "assumed".
"""

from __future__ import annotations

import itertools
import json
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

import httpx

from tests.fakes.threaded import ThreadedFake, write_json

TOKEN = "1459232241454765289:fake-token"
SECRET = "fake-webhook-secret"
DATE_MS = int(datetime(2026, 11, 23, 3, 0, tzinfo=UTC).timestamp() * 1000)
TEXT_LIMIT = 2000
SENDS = {"sendMessage", "sendPhoto", "sendSticker"}
Shape = Literal["wrapped", "flat"]


@dataclass(frozen=True)
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    token_ok: bool = True


@dataclass(frozen=True)
class Answer:
    """One scripted answer: HTTP status and JSON body."""

    status: int
    body: Any


def error(code: int, description: str, status: int | None = None) -> Answer:
    """Return an ``{"ok": false}`` answer (HTTP ``status``, default the same code)."""
    body = {"ok": False, "error_code": code, "description": description}
    return Answer(code if status is None else status, body)


QUOTA_EXCEEDED = error(429, "Quota exceeded")
NO_UPDATE = error(408, "Request timeout", status=200)  # assumed: how an empty long poll ends


class FakeZaloServer(ThreadedFake):
    """The running fake: its base URL, the calls it received, and what it will answer."""

    def __init__(self, token: str = TOKEN, poll_wait: float = 0.2, port: int = 0) -> None:
        self.token = token
        self.poll_wait = poll_wait
        self.calls: list[Call] = []
        self.webhook_url = ""
        self.webhook_secret = ""
        self.send_quota: int | None = None
        """Sends still allowed before every send answers 429 "Quota exceeded" (None: no limit)."""
        self.blocked: set[str] = set()
        self._sent: dict[str, list[str]] = {}
        self._scripts: dict[str, deque[Answer]] = {}
        self._updates: deque[dict[str, Any]] = deque()
        self._ids = itertools.count(1)
        super().__init__(_Server(("127.0.0.1", port), _handler(self)))

    def script(self, method: str, *answers: Answer) -> None:
        """Answer the next calls to ``method`` with ``answers``, in order."""
        with self._cond:
            self._scripts.setdefault(method, deque()).extend(answers)

    def queue_update(self, event: dict[str, Any]) -> None:
        """Queue ``event`` for getUpdates (one event per call)."""
        with self._cond:
            self._updates.append(event)
            self._cond.notify_all()

    def calls_to(self, method: str) -> list[Call]:
        """Return the calls to ``method``."""
        with self._cond:
            return [call for call in self.calls if call.method == method]

    def sent_to(self, chat_id: str) -> list[str]:
        """Return the texts (and photo captions) successfully sent to ``chat_id``, in order."""
        with self._cond:
            return list(self._sent.get(chat_id, []))

    def new_id(self) -> str:
        """Return a fresh 20-hex-digit id like Zalo's message ids."""
        return f"{next(self._ids):020x}"

    def event(
        self,
        name: str,
        chat_id: str,
        *,
        chat_type: str = "PRIVATE",
        message_id: str | None = None,
        **content: Any,
    ) -> dict[str, Any]:
        """Return a documented event: ``{"event_name", "message": {...}}``."""
        message = {
            "from": {"id": chat_id, "display_name": "Người dùng thử", "is_bot": False},
            "chat": {"id": chat_id, "chat_type": chat_type},
            "message_id": message_id or self.new_id(),
            "date": DATE_MS,
            **content,
        }
        return {"event_name": name, "message": message}

    def text_event(self, chat_id: str, text: str, **extra: Any) -> dict[str, Any]:
        """Return a message.text.received event."""
        return self.event("message.text.received", chat_id, text=text, **extra)

    def image_event(self, chat_id: str, caption: str | None = None) -> dict[str, Any]:
        """Return a message.image.received event (photo URL, optional caption)."""
        extra = {"caption": caption} if caption is not None else {}
        return self.event("message.image.received", chat_id, photo="https://f.zalo/p.jpg", **extra)

    def sticker_event(self, chat_id: str) -> dict[str, Any]:
        """Return a message.sticker.received event."""
        return self.event("message.sticker.received", chat_id, sticker="0e078a2fb66a5f34067b")

    def unsupported_event(self, chat_id: str | None) -> dict[str, Any]:
        """Return the event sent for protected users: no content (no message when chat_id=None)."""
        if chat_id is None:
            return {"event_name": "message.unsupported.received"}
        return self.event("message.unsupported.received", chat_id)

    def webhook_request(
        self, event: dict[str, Any], shape: Shape = "wrapped", secret: str | None = None
    ) -> tuple[dict[str, str], bytes]:
        """Return the headers and body Zalo would POST to the webhook for ``event``."""
        body = {"ok": True, "result": event} if shape == "wrapped" else event
        token = self.webhook_secret if secret is None else secret
        headers = {"Content-Type": "application/json", "X-Bot-Api-Secret-Token": token}
        return headers, json.dumps(body, ensure_ascii=False).encode()

    def deliver(self, event: dict[str, Any], shape: Shape = "wrapped") -> int:
        """POST ``event`` to the registered webhook URL over real HTTP; return the status."""
        headers, body = self.webhook_request(event, shape)
        return httpx.post(self.webhook_url, content=body, headers=headers, timeout=5).status_code

    def answer(self, method: str, params: dict[str, Any], token_ok: bool) -> Answer:
        """Record the call and return the answer (scripted first, then the documented one)."""
        with self._cond:
            self.calls.append(Call(method, params, token_ok))
            if not token_ok:
                return error(401, "Unauthorized")
            scripted = self._scripts.get(method)
            if scripted:
                return scripted.popleft()
        if method == "getUpdates":
            return self._next_update(params)
        with self._cond:
            return self._documented(method, params)

    def _next_update(self, params: dict[str, Any]) -> Answer:
        wait = min(float(params.get("timeout") or 30), self.poll_wait)
        with self._cond:
            if not self._updates:
                self._cond.wait(wait)
            if not self._updates:
                return NO_UPDATE
            return Answer(200, {"ok": True, "result": self._updates.popleft()})

    def _documented(self, method: str, params: dict[str, Any]) -> Answer:
        now = int(datetime.now(UTC).timestamp() * 1000)
        if method == "getMe":
            info = {"id": self.token.split(":")[0], "account_name": "bot.FakeBinhDang"}
            return ok({**info, "account_type": "BASIC", "can_join_groups": False})
        if method in {"setWebhook", "deleteWebhook", "getWebhookInfo"}:
            return self._webhook(method, params, now)
        if method == "sendChatAction":
            return Answer(200, {"ok": True})
        if method in SENDS:
            return self._send(method, params, now)
        return error(400, "Bad request")

    def _webhook(self, method: str, params: dict[str, Any], now: int) -> Answer:
        if method == "setWebhook":
            secret = str(params.get("secret_token", ""))
            if not params.get("url") or not 8 <= len(secret) <= 256:
                return error(400, "Bad request")
            self.webhook_url, self.webhook_secret = str(params["url"]), secret
        elif method == "deleteWebhook":
            self.webhook_url = self.webhook_secret = ""
        return ok({"url": self.webhook_url, "updated_at": now})

    def _send(self, method: str, params: dict[str, Any], now: int) -> Answer:
        chat_id, text = str(params.get("chat_id", "")), params.get("text", params.get("caption"))
        if not chat_id or (method == "sendMessage" and not text) or len(text or "") > TEXT_LIMIT:
            return error(400, "Bad request")
        if chat_id in self.blocked:
            return error(403, "Forbidden")  # assumed description
        if self.send_quota is not None:
            if self.send_quota <= 0:
                return QUOTA_EXCEEDED
            self.send_quota -= 1
        if text:
            self._sent.setdefault(chat_id, []).append(str(text))
        return ok({"message_id": self.new_id(), "date": now})


def ok(result: Any) -> Answer:
    """Return a successful answer."""
    return Answer(200, {"ok": True, "result": result})


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # bursts of concurrent sends must not wait for SYN retries


def _handler(fake: FakeZaloServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            params = json.loads(raw) if raw.strip() else {}
            self._reply(params if isinstance(params, dict) else {})

        def do_GET(self) -> None:
            self._reply({})

        def _reply(self, params: dict[str, Any]) -> None:
            url = urlsplit(self.path)
            params = {**dict(parse_qsl(url.query)), **params}
            token, _, method = url.path.removeprefix("/bot").partition("/")
            answer = fake.answer(method, params, token == fake.token)
            write_json(self, answer.status, answer.body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def main() -> None:
    """Serve the fake on a port; each stdin line is a message from "demo-user"; print replies."""
    import argparse
    import sys
    import time

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=8081)
    port = parser.parse_args().port
    fake = FakeZaloServer(poll_wait=25, port=port).start()
    print(f"ZALO_BOT_TOKEN={TOKEN} ZALO_API_BASE_URL={fake.base_url}", flush=True)
    for line in sys.stdin:
        before = len(fake.sent_to("demo-user"))
        event = fake.text_event("demo-user", line.rstrip("\n"))
        if fake.webhook_url:
            fake.deliver(event)
        else:
            fake.queue_update(event)
        time.sleep(2)  # a person reading: give the bot time to answer
        print("\n---\n".join(fake.sent_to("demo-user")[before:]), flush=True)
    fake.close()


if __name__ == "__main__":
    main()
