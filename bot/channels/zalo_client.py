"""A small async client for the Zalo Bot Platform API: typed models and clear errors.

The API is Telegram-like: ``POST {base}/bot<TOKEN>/<method>`` with a JSON body, answered with
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": ..., "description": ...}``.
Errors can come with HTTP 200, so the body is always checked. The token is part of the URL:
never log URLs or raw httpx exceptions from this module.
"""

from __future__ import annotations

import contextlib
from typing import Any, Literal, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from bot.channels.zalo_models import (
    BotInfo,
    ChatActionRequest,
    GetUpdatesRequest,
    SendMessageRequest,
    SendPhotoRequest,
    SentMessage,
    SetWebhookRequest,
    Update,
    WebhookInfo,
)
from bot.core.transport import Blocked, PermanentError, RateLimited, SendError, TransientError

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"

Model = TypeVar("Model", bound=BaseModel)


class ZaloApiError(SendError):
    """The Zalo Bot API refused a call or could not be reached."""

    def __init__(self, method: str, code: int | None, description: str) -> None:
        label = f" ({code})" if code is not None else ""
        Exception.__init__(self, f"Zalo {method} failed{label}: {description}")
        self.method = method
        self.code = code
        self.description = description


class ZaloBadRequest(ZaloApiError, PermanentError):
    """400: wrong path, method name or parameters."""


class ZaloBadToken(ZaloApiError, PermanentError):
    """401: the bot token is wrong or expired (check ZALO_BOT_TOKEN)."""


class ZaloForbidden(ZaloApiError, Blocked):
    """403: the chat cannot be messaged."""


class ZaloNotFound(ZaloApiError, PermanentError):
    """404: the requested resource does not exist."""


class ZaloTimeout(ZaloApiError, TransientError):
    """408: the request took too long (getUpdates answers this when no event came)."""


class ZaloQuotaExceeded(ZaloApiError, RateLimited):
    """429 "Quota exceeded": the bot sent more than Zalo allows; pause and retry later."""

    def __init__(
        self, method: str, code: int | None, description: str, retry_after: float = 0.0
    ) -> None:
        super().__init__(method, code, description)
        self.retry_after = retry_after


class ZaloServerError(ZaloApiError, TransientError):
    """5xx, network failure or an unreadable answer: worth retrying later."""


class ZaloUnknownError(ZaloApiError, PermanentError):
    """An error code the documentation does not list."""


ERRORS: dict[int, type[ZaloApiError]] = {
    400: ZaloBadRequest,
    401: ZaloBadToken,
    403: ZaloForbidden,
    404: ZaloNotFound,
    408: ZaloTimeout,
    429: ZaloQuotaExceeded,
}


def error_for(method: str, code: int | None, description: str) -> ZaloApiError:
    """Return the exception for an error ``code`` (from the body, else the HTTP status)."""
    if code is not None and code in ERRORS:
        return ERRORS[code](method, code, description)
    if code is not None and code >= 500:
        return ZaloServerError(method, code, description)
    return ZaloUnknownError(method, code, description)


def parse_update(body: Any) -> Update | None:
    """Read one event from a webhook body, wrapped ``{"ok", "result": {...}}`` or flat."""
    data = body.get("result", body) if isinstance(body, dict) else None
    if not isinstance(data, dict) or not ("event_name" in data or "message" in data):
        return None
    try:
        return Update.model_validate(data)
    except ValidationError:
        return None


def _updates(result: Any) -> list[Update]:
    items = result if isinstance(result, list) else [result]
    found = [parse_update(item) for item in items if item]
    return [update for update in found if update is not None]


def _number(value: Any) -> float | None:
    with contextlib.suppress(TypeError, ValueError):
        return float(value)
    return None


def _failure(method: str, response: httpx.Response, body: Any) -> ZaloApiError:
    status = response.status_code
    fallback = status if status >= 400 else None
    if not isinstance(body, dict):
        if fallback is None:
            return ZaloServerError(method, None, f"unreadable answer (HTTP {status})")
        return error_for(method, status, "unreadable answer")
    code = _number(body.get("error_code"))
    description = str(body.get("description") or response.reason_phrase or "unknown error")
    error = error_for(method, fallback if code is None else int(code), description)
    if isinstance(error, ZaloQuotaExceeded):
        error.retry_after = max(0.0, _number(response.headers.get("retry-after")) or 0.0)
    return error


class ZaloClient:
    """Calls the Zalo Bot API with one shared httpx client; safe to use concurrently."""

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = 15.0,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self._root = f"{base_url.rstrip('/')}/bot{token}"
        self._timeout = timeout
        self._http = http or httpx.AsyncClient(timeout=timeout)
        self._owns_http = http is None

    async def aclose(self) -> None:
        """Close the HTTP connections (only those this client opened)."""
        if self._owns_http:
            await self._http.aclose()

    async def call(
        self, method: str, params: BaseModel | None = None, *, read_timeout: float | None = None
    ) -> Any:
        """Call ``method`` and return its ``result``; raise a ZaloApiError subclass on failure."""
        body = params.model_dump(exclude_none=True) if params is not None else {}
        timeout = httpx.Timeout(self._timeout, read=read_timeout or self._timeout)
        try:
            response = await self._http.post(f"{self._root}/{method}", json=body, timeout=timeout)
        except httpx.HTTPError as exc:
            raise ZaloServerError(method, None, type(exc).__name__) from None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.is_success and isinstance(answer, dict) and answer.get("ok") is True:
            return answer.get("result")
        raise _failure(method, response, answer)

    async def get_me(self) -> BotInfo:
        """Check the token and describe the bot."""
        return _read(BotInfo, "getMe", await self.call("getMe"))

    async def get_updates(self, wait: int = 30) -> list[Update]:
        """Long-poll up to ``wait`` s for the next event (one per call, no offset); [] if none."""
        params = GetUpdatesRequest(timeout=str(wait))
        try:
            result = await self.call("getUpdates", params, read_timeout=wait + 10.0)
        except ZaloTimeout:
            return []
        return _updates(result)

    async def set_webhook(self, url: str, secret_token: str) -> WebhookInfo:
        """Ask Zalo to POST events to ``url`` with ``secret_token`` in X-Bot-Api-Secret-Token."""
        params = _request(SetWebhookRequest, "setWebhook", url=url, secret_token=secret_token)
        return _read(WebhookInfo, "setWebhook", await self.call("setWebhook", params))

    async def delete_webhook(self) -> WebhookInfo:
        """Remove the webhook so getUpdates works again."""
        return _read(WebhookInfo, "deleteWebhook", await self.call("deleteWebhook"))

    async def get_webhook_info(self) -> WebhookInfo:
        """Return the current webhook (``url`` empty when none is set)."""
        return _read(WebhookInfo, "getWebhookInfo", await self.call("getWebhookInfo"))

    async def send_message(self, chat_id: str, text: str) -> SentMessage:
        """Send a text of 1 to 2000 characters."""
        params = _request(SendMessageRequest, "sendMessage", chat_id=chat_id, text=text)
        return _read(SentMessage, "sendMessage", await self.call("sendMessage", params))

    async def send_photo(self, chat_id: str, photo: str, caption: str | None = None) -> SentMessage:
        """Send an image by URL, with an optional caption of up to 2000 characters."""
        params = _request(
            SendPhotoRequest, "sendPhoto", chat_id=chat_id, photo=photo, caption=caption
        )
        return _read(SentMessage, "sendPhoto", await self.call("sendPhoto", params))

    async def send_chat_action(self, chat_id: str, action: Literal["typing"] = "typing") -> None:
        """Show "typing..." in the chat for a moment."""
        params = _request(ChatActionRequest, "sendChatAction", chat_id=chat_id, action=action)
        await self.call("sendChatAction", params)


def _request(model: type[Model], method: str, **fields: Any) -> Model:
    try:
        return model(**fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ZaloBadRequest(method, None, f"invalid parameters ({problems})") from None


def _read(model: type[Model], method: str, result: Any) -> Model:
    try:
        return model.model_validate(result if result is not None else {})
    except ValidationError:
        raise ZaloServerError(method, None, "unexpected result shape") from None
