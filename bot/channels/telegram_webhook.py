"""The Telegram webhook endpoint: secret check in constant time, duplicate updates dropped."""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.channels.webguard import read_body

if TYPE_CHECKING:  # python-telegram-bot is imported only when a Telegram channel runs
    from telegram import Bot, Update

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
"""What setWebhook accepts as secret_token."""
BODY_LIMIT = 1024 * 1024
SEEN_UPDATES = 10_000


def valid_secret(secret: str) -> bool:
    """Return whether ``secret`` is a secret_token Telegram accepts (1-256 of A-Z a-z 0-9 _ -)."""
    return SECRET_PATTERN.fullmatch(secret) is not None


def webhook_route(
    path: str, secret: str, bot: Callable[[], Bot], accept: Callable[[Update], object]
) -> Route:
    """Return the POST route: 403 on a wrong secret, else parse, ``accept`` and answer 200 at once.

    ``accept`` must only queue the update (the channel answers it in a background task).
    """
    expected = secret.encode()

    async def receive(request: Request) -> JSONResponse:
        supplied = request.headers.get(SECRET_HEADER, "").encode()
        if not expected or not hmac.compare_digest(supplied, expected):
            log.warning("Telegram webhook call rejected: wrong or missing secret token")
            return JSONResponse({"ok": False}, status_code=403)
        body = await read_body(request, BODY_LIMIT)
        if body is None:
            return JSONResponse({"ok": False}, status_code=413)
        update = _parse(body, bot())
        if update is None:
            return JSONResponse({"ok": False}, status_code=400)
        accept(update)
        return JSONResponse({"ok": True})

    return Route(path, receive, methods=["POST"])


def _parse(body: bytes, bot: Bot) -> Update | None:
    from telegram import Update

    try:
        data: Any = json.loads(body)
        return Update.de_json(data, bot) if isinstance(data, dict) else None
    except (ValueError, TypeError, KeyError, AttributeError) as err:
        log.warning("Telegram webhook body is not an update: %s", err)
        return None
