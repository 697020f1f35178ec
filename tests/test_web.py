"""The web chat API over real HTTP semantics (Starlette test client)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bot.runtime.assembly import Runtime
from bot.runtime.server import web_app
from tests.servers import running


@pytest.fixture
def http(runtime: Runtime) -> Iterator[httpx.Client]:
    with running(web_app(runtime, [])) as url, httpx.Client(base_url=url) as client:
        yield client


def test_page_is_served_in_vietnamese(http: httpx.Client) -> None:
    page = http.get("/")
    assert page.status_code == 200
    assert "Trợ lý Bình đẳng giới" in page.text
    assert "{{" not in page.text


def test_start_and_button(http: httpx.Client) -> None:
    data = http.post("/api/message", json={"user": "abc", "text": "/start"}).json()
    labels = [b["label"] for r in data["replies"] for b in r["buttons"]]
    assert "Hỏi đáp pháp luật" in labels
    payload = next(
        b["payload"] for r in data["replies"] for b in r["buttons"] if b["label"] == "Ngôn ngữ"
    )
    data = http.post(
        "/api/message", json={"user": "abc", "button": payload, "text": "Ngôn ngữ"}
    ).json()
    assert "Chọn ngôn ngữ" in data["replies"][0]["text"]


def test_malformed_utf8_is_a_clear_400(http: httpx.Client) -> None:
    response = http.post(
        "/api/message",
        content=b'{"user": "abc", "text": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]


def test_bad_user_id_and_shapes_are_rejected(http: httpx.Client) -> None:
    for body in ({"user": "../etc", "text": "x"}, {"user": "a", "text": 5}, [1, 2], {"text": "x"}):
        assert http.post("/api/message", json=body).status_code == 400


def test_oversized_body_is_rejected(http: httpx.Client) -> None:
    response = http.post("/api/message", json={"user": "a", "text": "x" * 70_000})
    assert response.status_code == 413
