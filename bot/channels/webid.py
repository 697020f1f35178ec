"""The web chat's identity: a random id issued by the server in a signed, HttpOnly cookie.

The cookie value is ``<id>.<signature>``: the id is 16 random bytes (URL-safe base64), the signature
an HMAC-SHA256 of the id with the server's secret. A client cannot choose its id, and a forged or
altered cookie is replaced by a fresh id. The secret is ``BINHDANG_WEB_SECRET``; when it is unset,
a random secret is made per process, so a restart gives every web visitor a new, empty identity.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "binhdang_id"
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}$")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


class WebIdentity:
    """Issues and checks signed web ids."""

    def __init__(self, secret: str = "") -> None:
        self.key = secret.encode("utf-8") if secret else secrets.token_bytes(32)

    def sign(self, ident: str) -> str:
        """Return the cookie value for ``ident``."""
        mac = hmac.new(self.key, ident.encode("ascii"), hashlib.sha256).digest()
        return f"{ident}.{_b64(mac)}"

    def read(self, value: str | None) -> str | None:
        """Return the id in a cookie value, or None if it is missing, malformed or forged."""
        ident, _, _ = (value or "").partition(".")
        if not ID_PATTERN.match(ident):
            return None
        expected = self.sign(ident)
        return ident if hmac.compare_digest(expected.encode(), (value or "").encode()) else None

    def identify(self, request: Request) -> tuple[str, bool]:
        """Return the request's id and whether it is new (then ``set_cookie`` must be called)."""
        found = self.read(request.cookies.get(COOKIE))
        return (found, False) if found else (_b64(secrets.token_bytes(16)), True)

    def set_cookie(self, response: Response, ident: str, request: Request) -> None:
        """Attach the signed id: HttpOnly, SameSite=Strict, Secure over HTTPS, for this session.

        The header is written as Starlette's ``set_cookie`` writes it, without its slow cookie
        module (the value needs no quoting: an id, a dot and base64url).
        """
        secure = "; Secure" if request.scope.get("scheme") == "https" else ""
        cookie = f"{COOKIE}={self.sign(ident)}; HttpOnly; Path=/; SameSite=strict{secure}"
        response.raw_headers.append((b"set-cookie", cookie.encode("latin-1")))

    @staticmethod
    def forget(response: Response) -> None:
        """Delete the cookie (the quick exit)."""
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
