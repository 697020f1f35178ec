"""Web chat body-limit bench: the server's memory before and after one huge streamed POST.

Run: .venv/bin/python bench/web_body.py [--megabytes 300]

Starts ``binhdang serve`` (web chat only, in-memory content cache as configured) in a subprocess
on a free 127.0.0.1 port, reads its RSS, streams a chunked POST of ``--megabytes`` to
``/api/message`` until the server answers, then reads the RSS again and sends one normal message.
Before issue 14 one 300 MB POST took the server from about 200 to 785 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 64 * 1024


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    """Return the resident memory of ``pid`` in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start(port: int, folder: Path) -> subprocess.Popen[bytes]:
    """Start the server and wait until it answers /healthz."""
    config = folder / "config.yml"
    config.write_text(
        f"web:\n  port: {port}\nstorage:\n  db_path: {folder / 'bench.db'}\n", encoding="utf-8"
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--config", str(config)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("server did not start")


def flood(port: int, megabytes: int) -> tuple[int, bytes]:
    """Stream a chunked body of ``megabytes``; return the bytes sent before the answer and it."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/message HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        piece = f"{CHUNK:x}\r\n".encode() + b"x" * CHUNK + b"\r\n"
        sock.setblocking(False)
        answer = b""
        while sent < megabytes * 1024 * 1024 and not answer:
            with contextlib.suppress(BlockingIOError):
                answer = sock.recv(4096)
            try:
                sock.sendall(piece)
                sent += CHUNK
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                time.sleep(0.01)
        sock.setblocking(True)
        return sent, answer or sock.recv(4096)


def main() -> None:
    """Print RSS before and after the flood, and whether a normal message still works."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=300)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = start(port, Path(folder))
        try:
            before = rss_mb(server.pid)
            sent, answer = flood(port, args.megabytes)
            time.sleep(1)
            after = rss_mb(server.pid)
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/message",
                data=json.dumps({"text": "xin chào"}).encode(),
                headers={"Content-Type": "application/json"},
            )
            ok = urllib.request.urlopen(request, timeout=30).status
        finally:
            server.terminate()
            server.wait(timeout=30)
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace")
    print(f"offered {args.megabytes} MB; sent {sent / 1024 / 1024:.1f} MB before the answer")
    print(f"answer: {status}")
    print(f"server RSS: {before:.0f} MB before, {after:.0f} MB after")
    print(f"a normal message afterwards: HTTP {ok}")


if __name__ == "__main__":
    main()
