"""The fake Telegram server's HTTP side: a threaded server decoding form, JSON and multipart."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fakes.telegram_api import Answer, Call, Upload, ok, parse_form
from tests.fakes.threaded import write_json

Receive = Callable[[Call, str], Answer]
"""Answers one call; the second argument is the token taken from the URL."""
STATS_PATH = "/fake/stats"
"""GET it for the fake's counters (for a bench running the fake in another process)."""


class Server(ThreadingHTTPServer):
    """A threaded HTTP server that answers each request with ``receive``."""

    request_queue_size = 256  # bursts of concurrent sends must not wait for SYN retries

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client drops its connection (a killed bot, a cancelled long poll)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def handler(receive: Receive, stats: Callable[[], dict[str, int]]) -> type[BaseHTTPRequestHandler]:
    """Return the request handler class calling ``receive`` (and ``stats`` on STATS_PATH)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as PTB's httpx pool expects
        disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls between small writes

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
            if url.path == STATS_PATH:
                answer = ok(stats())
            else:
                answer = receive(Call(method, params, files), token)
            write_json(self, answer.status, answer.body)

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
