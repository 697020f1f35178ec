"""What the fake servers share: an HTTP server on 127.0.0.1 in a thread, JSON answers."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class ThreadedFake:
    """Lifecycle of a fake server: ``start()`` in a thread, ``close()`` waking any long poll."""

    _http: ThreadingHTTPServer

    def __init__(self, http: ThreadingHTTPServer) -> None:
        self._http = http
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=http.serve_forever, args=(0.01,), daemon=True)

    @property
    def base_url(self) -> str:
        """Return the server's root URL (``http://127.0.0.1:PORT``)."""
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and wake any waiting long poll."""
        with self._cond:
            self._cond.notify_all()
        self._http.shutdown()
        self._http.server_close()


def write_json(handler: BaseHTTPRequestHandler, status: int, body: Any) -> None:
    """Answer the request with ``body`` as JSON; a client that gave up is not an error."""
    data = json.dumps(body, ensure_ascii=False).encode()
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up (a cancelled long poll)
