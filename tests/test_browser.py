"""The web chat end to end in real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels.webid import COOKIE
from bot.core.records import Role, User
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
NEUTRAL = "https://www.google.com.vn/"
WAIT = 10_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


@pytest.fixture
def server(runtime: Runtime) -> Iterator[str]:
    with running(web_app(runtime, [])) as url:
        yield url + "/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 390, "height": 780}, is_mobile=True)
    ctx.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(body="<title>Google</title>", content_type="text/html"),
    )
    yield ctx
    ctx.close()


def opened(context: Any, server: str) -> Any:
    page = context.new_page()
    page.goto(server)
    page.get_by_text("Xin chào").first.wait_for(timeout=WAIT)
    return page


def ask(page: Any, text: str, expect: str) -> None:
    page.fill("#text", text)
    page.click("#send")
    page.get_by_text(expect).first.wait_for(timeout=WAIT)


def test_start_and_button_in_chromium(context: Any, server: str, tmp_path: Path) -> None:
    page = opened(context, server)
    assert page.locator(".msg.me").count() == 0  # no "/start" bubble the user never typed
    menu = page.get_by_role("button", name="Ngôn ngữ")
    menu.click()
    page.get_by_text("Chọn ngôn ngữ").wait_for(timeout=WAIT)
    assert menu.is_disabled()
    ask(page, "bi chong danh thi bao o dau", "Điều 19")
    page.screenshot(path=str(tmp_path / "chat.png"))


def test_buttons_are_44px_tall_and_in_view_after_the_reply(context: Any, server: str) -> None:
    page = opened(context, server)
    ask(page, "chồng tôi chửi bới tôi hằng ngày có phải bạo lực gia đình không", "Điều")
    buttons = page.locator(".buttons button")
    assert buttons.count() > 0
    for index in range(buttons.count()):
        assert buttons.nth(index).bounding_box()["height"] >= 44
    last = buttons.nth(buttons.count() - 1)
    box, log = last.bounding_box(), page.locator("#log").bounding_box()
    assert box["y"] >= log["y"]
    assert box["y"] + box["height"] <= log["y"] + log["height"] + 1
    assert page.locator("#exit").bounding_box()["height"] >= 44


def test_the_emergency_answer_is_a_distinct_card_with_tel_links(context: Any, server: str) -> None:
    page = opened(context, server)
    ask(page, "cứu tôi với chồng tôi đang đánh tôi", "KHẨN CẤP")
    card = page.locator(".msg.emergency").first
    assert card.get_attribute("role") == "alert"
    colour = card.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(164, 0, 29)"
    for number in ("113", "111", "1900969680"):
        assert card.locator(f'a[href="tel:{number}"]').count() >= 1
    assert page.locator(".msg.bot:not(.emergency)").count() >= 1  # the others look different


def test_header_numbers_are_tel_links_on_one_line(context: Any, server: str) -> None:
    page = opened(context, server)
    link = page.locator('header a[href="tel:1900969680"]')
    assert link.inner_text() == "1900 969 680"
    assert link.evaluate("el => el.getClientRects().length") == 1  # never split across lines


def test_quick_exit_button_clears_everything_and_back_does_not_return(
    context: Any, server: str
) -> None:
    page = context.new_page()
    page.goto(server + "healthz")  # whatever the person had open before
    page.goto(server)
    page.get_by_text("Xin chào").first.wait_for(timeout=WAIT)
    ask(page, "chồng tôi đánh tôi", "113")
    assert page.evaluate("sessionStorage.length") > 0
    page.get_by_role("button", name="Thoát nhanh").click()
    page.wait_for_url(NEUTRAL, timeout=WAIT)
    for _ in range(100):  # the keepalive request that forgets the cookie may land just after
        if all(c["name"] != COOKIE for c in context.cookies()):
            break
        page.wait_for_timeout(50)
    assert all(c["name"] != COOKIE for c in context.cookies())
    page.go_back()
    assert page.url == server + "healthz"
    assert page.evaluate("sessionStorage.length") == 0
    assert "Xin chào" not in page.content()


def test_deleting_ones_data_also_wipes_the_conversation(context: Any, server: str) -> None:
    # Eighth session: after "Đã xóa toàn bộ dữ liệu" the whole conversation stayed on the
    # page and in the tab's storage, for the next person holding a shared phone.
    page = opened(context, server)
    ask(page, "chồng tôi đánh tôi", "113")
    ask(page, "xóa dữ liệu của tôi", "không hoàn tác")
    ask(page, "có", "Đã xóa toàn bộ dữ liệu")
    assert "chồng tôi đánh tôi" not in page.inner_text("#log")
    assert page.locator(".msg").count() == 1
    page.reload()
    page.get_by_text("Đã xóa toàn bộ dữ liệu").first.wait_for(timeout=WAIT)
    assert "chồng tôi đánh tôi" not in page.inner_text("#log")


def test_escape_is_a_quick_exit(context: Any, server: str) -> None:
    page = opened(context, server)
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL, timeout=WAIT)
    page.go_back()
    assert page.url != server


def test_reload_shows_this_tabs_conversation_and_no_other_tab_sees_it(
    context: Any, server: str
) -> None:
    page = opened(context, server)
    ask(page, "luật bình đẳng giới là gì", "Điều")
    before = page.locator(".msg").count()
    page.reload()
    page.get_by_text("luật bình đẳng giới là gì").wait_for(timeout=WAIT)
    assert page.locator(".msg").count() == before
    assert page.evaluate("localStorage.length") == 0
    other = opened(context, server)
    assert other.get_by_text("luật bình đẳng giới là gì").count() == 0


def test_reload_after_storage_was_cleared_says_so(context: Any, server: str) -> None:
    page = opened(context, server)
    page.evaluate("sessionStorage.clear()")
    page.reload()
    page.get_by_text("đã được xóa khỏi trình duyệt để giữ an toàn").wait_for(timeout=WAIT)
    page.get_by_text("Xin chào").first.wait_for(timeout=WAIT)


def test_identity_is_an_httponly_samesite_cookie(context: Any, server: str) -> None:
    page = opened(context, server)
    cookie = next(c for c in context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["expires"] == -1  # a session cookie
    assert COOKIE not in page.evaluate("document.cookie")
    assert page.evaluate("localStorage.length") == 0


def test_a_forged_user_cannot_read_another_users_data(
    context: Any, server: str, runtime: Runtime
) -> None:
    runtime.app.store.save_user(User("web:victim", role=Role.OFFICER, unit="00004"))
    page = opened(context, server)
    script = """async () => {
        const res = await fetch("api/message", {method: "POST",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({user: "victim", text: "/help"})});
        return (await res.json()).replies.map(r => r.text).join("\\n");
    }"""
    text = page.evaluate(script)
    assert "/nhantin" in text  # a citizen's help
    assert "/baocao" not in text
    assert "/tonghop" not in text


def test_a_long_article_is_shown_from_its_first_line(context: Any, server: str) -> None:
    page = opened(context, server)
    ask(page, "chồng tôi chửi bới tôi hằng ngày có phải bạo lực gia đình không", "Đọc Điều")
    page.get_by_role("button", name="Đọc Điều").last.click()
    page.get_by_text("Điều 3. Hành vi bạo lực gia đình").last.wait_for(timeout=WAIT)
    heading = page.locator(".msg.bot", has_text="Điều 3. Hành vi bạo lực gia đình").last
    heading = heading.bounding_box()
    log = page.locator("#log").bounding_box()
    assert log["y"] - 1 <= heading["y"] <= log["y"] + log["height"]
