"""The web chat: a small page and a JSON API on the shared web server (no build step)."""

from __future__ import annotations

import base64
import html
import json
import time
from importlib import resources
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.channels.phonetext import phone_parts
from bot.channels.webguard import (
    RateLimit,
    Seconds,
    SecurityHeaders,
    client_address,
    read_body,
    wait_seconds,
)
from bot.channels.webid import WebIdentity
from bot.core.i18n import Strings
from bot.core.messages import Incoming, Reply
from bot.core.transport import Handle

MAX_BODY = 64 * 1024
"""Largest message body read; reading stops as soon as a body is known to be larger."""
USER_BURST, USER_RATE = 10, 0.5
"""Per web identity: 10 messages at once, then one every 2 seconds."""
ADDRESS_BURST, ADDRESS_RATE = 60, 2.0
"""Per client address (many phones may share one): 60 at once, then two a second."""
PAGE_KEYS = (
    "web.title",
    "web.placeholder",
    "web.send",
    "web.offline",
    "web.exit",
    "web.exit_hint",
    "web.exit_url",
    "web.cleared",
    "web.emergency",
)
ASSETS = {"chat.js": "text/javascript; charset=utf-8", "chat.css": "text/css; charset=utf-8"}
NO_STORE = {"cache-control": "no-store"}


def parts_json(text: str) -> list[dict[str, str]]:
    """Return ``text`` as pieces for the page: plain text, or a phone number with its digits."""
    return [
        {"text": p.text, "tel": p.tel} if p.tel else {"text": p.text} for p in phone_parts(text)
    ]


def reply_json(reply: Reply) -> dict[str, Any]:
    """Return the JSON shape of one reply for the page."""
    document = None
    if reply.document is not None:
        data = base64.b64encode(reply.document.data).decode("ascii")
        document = {"filename": reply.document.filename, "mime": reply.document.mime, "data": data}
    buttons = [{"label": b.label, "payload": b.payload} for b in reply.buttons]
    return {
        "text": reply.text,
        "parts": parts_json(reply.text),
        "emergency": reply.emergency,
        "buttons": buttons,
        "document": document,
        "image": reply.image,
        "clear_chat": reply.clear_chat,
    }


def linked_html(text: str) -> str:
    """Return ``text`` HTML-escaped, each phone number a ``tel:`` link that never wraps."""
    return "".join(
        f'<a class="tel" href="tel:{p.tel}">{html.escape(p.text)}</a>'
        if p.tel
        else html.escape(p.text)
        for p in phone_parts(text)
    )


def render_page(strings: Strings, locale: str = "vi") -> str:
    """Return the chat page with its UI strings filled in (HTML-escaped)."""
    page = resources.files("bot.channels").joinpath("static/index.html").read_text("utf-8")
    page = page.replace("{{web.safety}}", linked_html(strings.get("web.safety", locale)))
    for key in PAGE_KEYS:
        page = page.replace("{{" + key + "}}", html.escape(strings.get(key, locale)))
    return page


def incoming_from(data: Any, ident: str, origin: str) -> Incoming | None:
    """Return the message a JSON body carries, as from ``web:<ident>`` (any ``user`` is ignored)."""
    if not isinstance(data, dict):
        return None
    text, button = data.get("text", ""), data.get("button")
    if not isinstance(text, str) or (button is not None and not isinstance(button, str)):
        return None
    return Incoming(f"web:{ident}", text=text, button=button or None, origin=f"ip:{origin}")


class WebChat:
    """Routes for the web chat page, its assets and its message API."""

    name = "web"

    def __init__(
        self,
        handle: Handle,
        strings: Strings,
        identity: WebIdentity | None = None,
        clock: Seconds = time.monotonic,
    ) -> None:
        self.handle = handle
        self.strings = strings
        self.identity = identity or WebIdentity()
        self.per_user = RateLimit(USER_BURST, USER_RATE, clock)
        self.per_address = RateLimit(ADDRESS_BURST, ADDRESS_RATE, clock)

    def routes(self) -> list[BaseRoute]:
        """Return the page, asset, API and health routes, all behind the security headers."""
        guard = [Middleware(SecurityHeaders, extra=NO_STORE)]
        return [
            Route("/", self.page, methods=["GET"], middleware=guard),
            Route("/static/{name}", self.asset, methods=["GET"], middleware=guard),
            Route("/api/message", self.message, methods=["POST"], middleware=guard),
            Route("/api/exit", self.exit, methods=["POST"], middleware=guard),
            Route("/healthz", self.health, methods=["GET"]),
        ]

    async def page(self, request: Request) -> Response:
        """Serve the chat page, issuing an identity cookie on the first visit."""
        response = HTMLResponse(render_page(self.strings))
        ident, new = self.identity.identify(request)
        if new:
            self.identity.set_cookie(response, ident, request)
        return response

    async def asset(self, request: Request) -> Response:
        """Serve the page's script or style sheet."""
        name = request.path_params["name"]
        if name not in ASSETS:
            return Response(status_code=404)
        body = resources.files("bot.channels").joinpath(f"static/{name}").read_bytes()
        return Response(body, media_type=ASSETS[name])

    async def health(self, request: Request) -> Response:
        """Answer a liveness probe."""
        return JSONResponse({"ok": True})

    async def exit(self, request: Request) -> Response:
        """Forget the identity cookie (the quick exit); the page clears itself."""
        response = Response(status_code=204)
        self.identity.forget(response)
        return response

    def _error(self, key: str, status: int = 400, **values: object) -> JSONResponse:
        text = self.strings.get(key, "vi", **values)
        return JSONResponse({"error": text, "parts": parts_json(text)}, status_code=status)

    def _throttled(self, request: Request, ident: str) -> JSONResponse | None:
        wait = max(self.per_address.take(client_address(request)), self.per_user.take(ident))
        if not wait:
            return None
        seconds = wait_seconds(wait)
        response = self._error("web.error.slow", 429, seconds=seconds)
        response.headers["retry-after"] = str(seconds)
        return response

    async def message(self, request: Request) -> Response:
        """Take one message from the page and return the bot's replies."""
        ident, new = self.identity.identify(request)
        response = self._throttled(request, ident) or await self._answer(request, ident)
        if new:
            self.identity.set_cookie(response, ident, request)
        return response

    async def _answer(self, request: Request, ident: str) -> Response:
        body = await read_body(request, MAX_BODY)
        if body is None:
            return self._error("web.error.too_large", 413)
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self._error("web.error.bad_request")
        incoming = incoming_from(data, ident, client_address(request))
        if incoming is None:
            return self._error("web.error.bad_request")
        replies = await self.handle(incoming)
        return JSONResponse({"replies": [reply_json(r) for r in replies]})
