"""The web chat: a small page and a JSON API on the shared web server (no build step)."""

from __future__ import annotations

import base64
import html
import json
import re
from importlib import resources
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.core.i18n import Strings
from bot.core.messages import Incoming, Reply
from bot.core.transport import Handle

USER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_BODY = 64_000
PAGE_KEYS = ("web.title", "web.placeholder", "web.send", "web.offline", "web.safety")


def reply_json(reply: Reply) -> dict[str, Any]:
    """Return the JSON shape of one reply for the page."""
    document = None
    if reply.document is not None:
        data = base64.b64encode(reply.document.data).decode("ascii")
        document = {"filename": reply.document.filename, "mime": reply.document.mime, "data": data}
    buttons = [{"label": b.label, "payload": b.payload} for b in reply.buttons]
    return {"text": reply.text, "buttons": buttons, "document": document, "image": reply.image}


def render_page(strings: Strings, locale: str = "vi") -> str:
    """Return the chat page with its UI strings filled in (HTML-escaped)."""
    page = resources.files("bot.channels").joinpath("static/index.html").read_text("utf-8")
    for key in PAGE_KEYS:
        page = page.replace("{{" + key + "}}", html.escape(strings.get(key, locale)))
    return page


class WebChat:
    """Routes for the web chat page and its message API."""

    name = "web"

    def __init__(self, handle: Handle, strings: Strings) -> None:
        self.handle = handle
        self.strings = strings

    def routes(self) -> list[BaseRoute]:
        """Return the page, API and health routes."""
        return [
            Route("/", self.page, methods=["GET"]),
            Route("/api/message", self.message, methods=["POST"]),
            Route("/healthz", self.health, methods=["GET"]),
        ]

    async def page(self, request: Request) -> Response:
        """Serve the chat page."""
        return HTMLResponse(render_page(self.strings))

    async def health(self, request: Request) -> Response:
        """Answer a liveness probe."""
        return JSONResponse({"ok": True})

    def _error(self, key: str, status: int = 400) -> Response:
        return JSONResponse({"error": self.strings.get(key)}, status_code=status)

    async def message(self, request: Request) -> Response:
        """Take one message from the page and return the bot's replies."""
        body = await request.body()
        if len(body) > MAX_BODY:
            return self._error("web.error.too_large", 413)
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self._error("web.error.bad_request")
        incoming = self._incoming(data)
        if incoming is None:
            return self._error("web.error.bad_request")
        replies = await self.handle(incoming)
        return JSONResponse({"replies": [reply_json(r) for r in replies]})

    @staticmethod
    def _incoming(data: Any) -> Incoming | None:
        if not isinstance(data, dict):
            return None
        user, text, button = data.get("user"), data.get("text", ""), data.get("button")
        if not isinstance(user, str) or not USER_ID.match(user) or not isinstance(text, str):
            return None
        if button is not None and not isinstance(button, str):
            return None
        return Incoming(f"web:{user}", text=text, button=button or None)
