"""The web chat end to end in real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime.assembly import Runtime
from bot.runtime.server import web_app
from tests.servers import running

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


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    with running(web_app(runtime, [])) as url:
        yield url + "/"


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
