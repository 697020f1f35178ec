"""The web chat end to end in real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from bot.runtime import Runtime
from bot.server import web_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(web_app(runtime, []), host="127.0.0.1", port=port, log_level="error")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(timeout=5)


def test_start_and_button_in_chromium(server: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 780}, is_mobile=True)
            page.goto(server)
            page.get_by_text("Xin chào").first.wait_for(timeout=10_000)
            menu = page.get_by_role("button", name="Ngôn ngữ")
            menu.click()
            page.get_by_text("Chọn ngôn ngữ").wait_for(timeout=10_000)
            assert menu.is_disabled()
            page.fill("#text", "bi chong danh thi bao o dau")
            page.click("#send")
            page.get_by_text("Điều 19").first.wait_for(timeout=10_000)
            page.screenshot(path=str(tmp_path / "chat.png"))
        finally:
            browser.close()
