"""The web chat API over real HTTP: identity cookie, body limit, rate limits, headers (issue 14)."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from bot.channels.web import MAX_BODY, USER_BURST, WebChat, parts_json
from bot.channels.webid import COOKIE, WebIdentity
from bot.core.messages import Incoming, Reply
from bot.core.records import Role, User
from bot.runtime.assembly import Runtime
from bot.runtime.server import web_app
from tests.servers import running


class Seconds:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Recorder:
    """A core that records each incoming message and answers "ok"."""

    def __init__(self) -> None:
        self.seen: list[Incoming] = []

    async def __call__(self, incoming: Incoming) -> list[Reply]:
        self.seen.append(incoming)
        return [Reply("ok")]


@pytest.fixture
def http(runtime: Runtime) -> Iterator[httpx.Client]:
    with running(web_app(runtime, [])) as url, httpx.Client(base_url=url) as client:
        yield client


@pytest.fixture
def ticks() -> Seconds:
    return Seconds()


@pytest.fixture
def core() -> Recorder:
    return Recorder()


@pytest.fixture
def chat(runtime: Runtime, core: Recorder, ticks: Seconds) -> WebChat:
    return WebChat(core, runtime.app.strings, WebIdentity("test-secret"), ticks)


@pytest.fixture
def fake(chat: WebChat) -> Iterator[httpx.Client]:
    with running(Starlette(routes=chat.routes())) as url, httpx.Client(base_url=url) as client:
        yield client


def test_page_is_served_in_vietnamese(http: httpx.Client) -> None:
    page = http.get("/")
    assert page.status_code == 200
    assert "Trợ lý Bình đẳng giới" in page.text
    assert "Thoát nhanh" in page.text
    assert "{{" not in page.text


def test_header_hotlines_are_tel_links_that_never_wrap(http: httpx.Client) -> None:
    page = http.get("/").text
    assert '<a class="tel" href="tel:1900969680">1900 969 680</a>' in page
    assert '<a class="tel" href="tel:113">113</a>' in page
    assert "a.tel { white-space: nowrap; }" in http.get("/static/chat.css").text


def test_start_and_button(http: httpx.Client) -> None:
    data = http.post("/api/message", json={"text": "/start"}).json()
    labels = [b["label"] for r in data["replies"] for b in r["buttons"]]
    assert "Hỏi đáp pháp luật" in labels
    payload = next(
        b["payload"] for r in data["replies"] for b in r["buttons"] if b["label"] == "Ngôn ngữ"
    )
    data = http.post("/api/message", json={"button": payload, "text": "Ngôn ngữ"}).json()
    assert "Chọn ngôn ngữ" in data["replies"][0]["text"]


def test_emergency_reply_is_flagged_and_its_numbers_are_links(http: httpx.Client) -> None:
    data = http.post("/api/message", json={"text": "cứu tôi với chồng tôi đang đánh tôi"}).json()
    card = data["replies"][0]
    assert card["emergency"] is True
    tels = [p["tel"] for p in card["parts"] if "tel" in p]
    assert {"113", "111", "1900969680"} <= set(tels)
    assert "".join(p["text"] for p in card["parts"]) == card["text"]


@pytest.mark.parametrize(
    ("text", "tels"),
    [
        ("gọi 113 hoặc 1900 969 680.", ["113", "1900969680"]),
        ("Theo Điều 113 Bộ luật Hình sự", []),
        ("Nghị định 111/2013/NĐ-CP, mức phạt 113.000 đồng", []),
        ("đường dây 1900.545.559 (24/7) và 024 3333 5599", ["1900545559", "02433335599"]),
        ("ngày 15/11/2026", []),
    ],
    ids=["hotlines", "article", "decree and money", "dotted and landline", "date"],
)
def test_phone_numbers_become_links_but_law_numbers_do_not(text: str, tels: list[str]) -> None:
    parts = parts_json(text)
    assert [p["tel"] for p in parts if "tel" in p] == tels
    assert "".join(p["text"] for p in parts) == text


def test_malformed_utf8_is_a_clear_400(http: httpx.Client) -> None:
    response = http.post(
        "/api/message",
        content=b'{"text": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]


def test_bad_shapes_are_rejected(http: httpx.Client) -> None:
    for body in ({"text": 5}, [1, 2], {"text": "x", "button": 3}, "x"):
        assert http.post("/api/message", json=body).status_code == 400


def test_oversized_body_is_rejected(http: httpx.Client) -> None:
    response = http.post("/api/message", json={"text": "x" * 70_000})
    assert response.status_code == 413
    assert "quá dài" in response.json()["error"]


# --- identity: issued by the server, never chosen by the client --------------------------------


def test_the_server_issues_a_signed_httponly_samesite_cookie(fake: httpx.Client) -> None:
    response = fake.get("/")
    header = response.headers["set-cookie"]
    assert header.startswith(f"{COOKIE}=")
    assert "HttpOnly" in header
    assert "SameSite=strict" in header
    assert "Max-Age" not in header
    assert "expires" not in header.lower()


def test_the_client_sent_user_is_ignored(fake: httpx.Client, core: Recorder) -> None:
    fake.get("/")
    fake.post("/api/message", json={"user": "victim", "text": "xin chào"})
    fake.post("/api/message", json={"user": "someone-else", "text": "xin chào"})
    first, second = core.seen
    assert first.user == second.user != "web:victim"
    assert first.user.startswith("web:")
    assert first.origin == "ip:127.0.0.1"


def test_a_forged_or_altered_cookie_gets_a_fresh_identity(
    fake: httpx.Client, core: Recorder
) -> None:
    fake.get("/")
    mine = fake.cookies[COOKIE]
    ident = mine.split(".")[0]
    for forged in (f"{ident}.AAAA", "victim", f"{'v' * 22}.{mine.split('.')[1]}", ""):
        fake.cookies.clear()
        response = fake.post(
            "/api/message", json={"text": "hi"}, headers={"cookie": f"{COOKIE}={forged}"}
        )
        assert core.seen[-1].user not in (f"web:{ident}", "web:victim", f"web:{'v' * 22}")
        assert response.headers["set-cookie"].startswith(f"{COOKIE}=")


def test_a_forged_user_cannot_read_another_users_data(runtime: Runtime, http: httpx.Client) -> None:
    runtime.app.store.save_user(User("web:victim", role=Role.OFFICER, unit="00004"))
    own = http.post("/api/message", json={"user": "victim", "text": "/help"}).json()
    text = "\n".join(r["text"] for r in own["replies"])
    assert "/baocao" not in text
    assert "/tonghop" not in text
    assert runtime.app.store.get_user("web:victim") == User(
        "web:victim", role=Role.OFFICER, unit="00004"
    )


def test_quick_exit_forgets_the_cookie(fake: httpx.Client) -> None:
    fake.get("/")
    response = fake.post("/api/exit")
    assert response.status_code == 204
    assert f'{COOKIE}=""' in response.headers["set-cookie"]
    assert "Max-Age=0" in response.headers["set-cookie"]


# --- body limit: stop reading at 64 KB ----------------------------------------------------------


def test_a_streamed_body_is_cut_off_after_the_limit(chat: WebChat) -> None:
    app = Starlette(routes=chat.routes())
    chunk = b"x" * 16_384
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": pulled < 20_000}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/message",
        "headers": [(b"content-type", b"application/json")],
        "query_string": b"",
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
        "scheme": "http",
        "http_version": "1.1",
        "root_path": "",
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert pulled * len(chunk) <= MAX_BODY + len(chunk)  # 20,000 chunks = 328 MB offered


def test_a_declared_huge_body_is_refused_before_reading(fake: httpx.Client) -> None:
    url = httpx.URL(str(fake.base_url))
    with socket.create_connection((url.host, url.port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 300000000\r\n\r\n" + b"x" * 1024
        )
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")


def test_a_chunked_stream_over_real_http_gets_413(fake: httpx.Client) -> None:
    url = httpx.URL(str(fake.base_url))
    with socket.create_connection((url.host, url.port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        piece = b"4000\r\n" + b"x" * 0x4000 + b"\r\n"
        for _ in range(8):  # 128 KB, twice the limit
            sock.sendall(piece)
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")


# --- rate limits with a polite reply --------------------------------------------------------------


def test_a_flooding_user_gets_a_polite_reply_and_others_still_get_answers(
    runtime: Runtime, fake: httpx.Client, ticks: Seconds, core: Recorder
) -> None:
    fake.get("/")
    codes = [fake.post("/api/message", json={"text": "a"}).status_code for _ in range(15)]
    assert codes == [200] * USER_BURST + [429] * (15 - USER_BURST)
    slow = fake.post("/api/message", json={"text": "a"})
    assert "gửi hơi nhanh" in slow.json()["error"]
    assert "113" in slow.json()["error"]
    assert slow.headers["retry-after"] == "2"
    other = httpx.post(f"{fake.base_url}/api/message", json={"text": "b"})
    assert other.status_code == 200
    ticks.now += 2
    assert fake.post("/api/message", json={"text": "a"}).status_code == 200
    assert len(core.seen) == USER_BURST + 2


def test_one_address_cannot_starve_the_server(fake: httpx.Client, ticks: Seconds) -> None:
    codes = []
    for _ in range(70):  # a new identity each time: only the address limit applies
        codes.append(httpx.post(f"{fake.base_url}/api/message", json={"text": "a"}).status_code)
    assert codes.count(200) == 60
    assert codes[-1] == 429


# --- security headers -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/static/chat.js", "/static/chat.css"])
def test_security_headers(fake: httpx.Client, path: str) -> None:
    headers = fake.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cache-control"] == "no-store"


def test_the_page_has_no_inline_script_or_style(fake: httpx.Client) -> None:
    page = fake.get("/").text
    assert re.findall(r"<script[^>]*>\s*[^<\s]", page) == []
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", page))
    assert "<style" not in page
    assert " style=" not in page
    assert re.search(r"\son[a-z]+=", page) is None


def test_unknown_assets_are_404(fake: httpx.Client) -> None:
    assert fake.get("/static/index.html").status_code == 404
    assert fake.get("/static/..%2f..%2fconfig.py").status_code == 404


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_cookie_header_is_the_one_starlette_writes(scheme: str) -> None:
    identity = WebIdentity("secret")
    request = Request({"type": "http", "scheme": scheme, "headers": [], "path": "/"})
    ours, theirs = Response(), Response()
    identity.set_cookie(ours, "A" * 22, request)
    theirs.set_cookie(
        COOKIE,
        identity.sign("A" * 22),
        httponly=True,
        samesite="strict",
        secure=scheme == "https",
        path="/",
    )
    assert ours.raw_headers == theirs.raw_headers
