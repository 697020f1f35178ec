"""What the fake Bot API servers share: an HTTP server on 127.0.0.1 run in a background thread."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from typing import Self


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
