"""The dashboard in headless Chromium: sign in from a chat link, figures, scope, screenshots.

Screenshots at 390 px (phone) and 1280 px (desktop) go to tests/artifacts/dashboard/
(git-ignored) so a person can look at every page after a run.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.runtime.assembly import Runtime
from bot.runtime.server import web_app
from tests.dashboard_fixture import ADMIN, SUPERVISOR, fill, link_path
from tests.servers import running
from tests.test_browser import ARGS, CHROMIUM

ARTIFACTS = Path(__file__).parent / "artifacts" / "dashboard"
WIDTHS = {"phone": 390, "desktop": 1280}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    fill(runtime)
    with running(web_app(runtime, [])) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


def signed_in(browser: Any, runtime: Runtime, server: str, urn: str, width: int) -> Any:
    """Open a page of ``width`` px and sign in through the link the bot sent ``urn`` in chat."""
    page = browser.new_page(viewport={"width": width, "height": 900}, accept_downloads=True)
    page.goto(server + link_path(runtime, urn))
    page.click("#signin")
    page.wait_for_url(f"{server}/dashboard/")
    return page


def shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def card(page: Any, ident: str) -> str:
    return str(page.locator(f"#{ident} .value").inner_text()).strip()


def test_overview_shows_the_fixture_numbers(browser: Any, runtime: Runtime, server: str) -> None:
    page = signed_in(browser, runtime, server, SUPERVISOR, 1280)
    assert "Thành phố Hà Nội" in page.locator(".scope").inner_text()
    assert [card(page, i) for i in ("expected", "reported", "on-time", "late")] == [
        "126",
        "2",
        "2",
        "0",
    ]
    first = page.locator("#units tbody tr").first
    assert first.locator("td").last.inner_text() == "0%"
    hoan_kiem = page.locator('#units tr[data-unit="00070"] td')
    assert hoan_kiem.all_inner_texts() == ["1", "1", "100%"]


def test_indicators_page_equals_the_xlsx_export(
    browser: Any, runtime: Runtime, server: str
) -> None:
    page = signed_in(browser, runtime, server, SUPERVISOR, 1280)
    page.click("text=Chỉ tiêu")
    page.wait_for_url("**/dashboard/indicators*")
    shown = {
        row.locator("th").inner_text(): int(row.locator("td").inner_text())
        for row in page.locator("#totals tbody tr").all()
    }
    with page.expect_download() as download:
        page.click("#xlsx")
    data = Path(download.value.path()).read_bytes()
    sheet = load_workbook(io.BytesIO(data))["Xã, phường"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "Mã")
    exported = dict(zip(header[4:], rows[-1][4:], strict=True))
    assert shown == exported
    assert shown["Buổi truyền thông (buổi)"] == 5


def test_other_province_is_403_in_the_browser(browser: Any, runtime: Runtime, server: str) -> None:
    page = signed_in(browser, runtime, server, SUPERVISOR, 390)
    for path in (
        "/dashboard/?unit=08",
        "/dashboard/indicators?unit=08",
        "/dashboard/api/overview?unit=08",
    ):
        answer = page.goto(server + path)
        assert answer.status == 403, path
    shoot(page, "forbidden-phone")


def test_used_and_expired_links_are_refused(
    browser: Any, runtime: Runtime, server: str, clock: Any
) -> None:
    path = link_path(runtime, SUPERVISOR)
    first = browser.new_page()
    first.goto(server + path)
    first.click("#signin")
    first.wait_for_url(f"{server}/dashboard/")
    second = browser.new_page()
    second.goto(server + path)
    with second.expect_response(lambda r: r.request.method == "POST") as answer:
        second.click("#signin")
    assert answer.value.status == 403
    assert second.locator("#refused").is_visible()
    old = link_path(runtime, SUPERVISOR)
    from datetime import timedelta

    clock.now += timedelta(minutes=11)
    second.goto(server + old)
    with second.expect_response(lambda r: r.request.method == "POST") as answer:
        second.click("#signin")
    assert answer.value.status == 403
    shoot(second, "refused-desktop")


@pytest.mark.parametrize("size", list(WIDTHS))
def test_screenshots_of_every_page(browser: Any, runtime: Runtime, server: str, size: str) -> None:
    page = signed_in(browser, runtime, server, ADMIN, WIDTHS[size])
    for slug in ("overview", "indicators", "broadcasts", "services", "questions"):
        page.goto(f"{server}/dashboard/{slug}")
        assert page.locator("h1").count() == 1
        shoot(page, f"{slug}-{size}")
    page.goto(f"{server}/dashboard/broadcasts?confirm=1&do=cancel")
    shoot(page, f"confirm-{size}")
