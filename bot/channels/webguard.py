"""Reusable guards for pages and JSON endpoints: security headers, a body limit, rate limits.

Mount ``SecurityHeaders`` on any route (``Route(..., middleware=[Middleware(SecurityHeaders)])``)
or on a whole app; call ``read_body`` instead of ``request.body()``; keep one ``RateLimit`` per
kind of key (user, address).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""No inline script or style anywhere: the page loads its script and style from the server."""
HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
}
"""Headers added to every response that passes through ``SecurityHeaders``."""
Seconds = Callable[[], float]


class SecurityHeaders:
    """ASGI middleware adding ``HEADERS`` (CSP, framing, sniffing, referrer) to each response."""

    def __init__(self, app: ASGIApp, extra: dict[str, str] | None = None) -> None:
        self.app = app
        self.headers = {**HEADERS, **(extra or {})}
        self.raw = [
            (name.encode("latin-1"), value.encode("latin-1"))
            for name, value in self.headers.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the call on, adding the headers when the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":  # a header the app set is kept
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in self.raw if name not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def read_body(request: Request, limit: int) -> bytes | None:
    """Return the body, or None as soon as it is known to exceed ``limit`` (the rest is unread)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def client_address(request: Request) -> str:
    """Return the client's address (uvicorn applies X-Forwarded-For from trusted proxies)."""
    return request.client.host if request.client is not None else "unknown"


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimit:
    """Token buckets per key: ``burst`` at once, then ``per_second``; remembers ``keys`` keys."""

    def __init__(
        self,
        burst: int,
        per_second: float,
        clock: Seconds = time.monotonic,
        keys: int = 50_000,
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self.clock = clock
        self.keys = keys
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def take(self, key: str) -> float:
        """Take one token for ``key``; return 0 if allowed, else the seconds until one is free."""
        now = self.clock()
        bucket = self._buckets.pop(key, None) or _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.per_second)
        bucket.at = now
        self._buckets[key] = bucket
        if len(self._buckets) > self.keys:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.per_second


def wait_seconds(wait: float) -> int:
    """Return ``wait`` rounded up to whole seconds (at least 1), for Retry-After and messages."""
    return max(1, math.ceil(wait))
