"""The web chat API over real HTTP semantics (Starlette test client)."""

from __future__ import annotations

from starlette.testclient import TestClient

from bot.channels.web import WebChat
from bot.runtime import Runtime


def client(runtime: Runtime) -> TestClient:
    from starlette.applications import Starlette

    chat = WebChat(runtime.handle, runtime.app.content.strings)
    return TestClient(Starlette(routes=chat.routes()))


def test_page_is_served_in_vietnamese(runtime: Runtime) -> None:
    page = client(runtime).get("/")
    assert page.status_code == 200
    assert "Trợ lý Bình đẳng giới" in page.text
    assert "{{" not in page.text


def test_start_and_button(runtime: Runtime) -> None:
    http = client(runtime)
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


def test_malformed_utf8_is_a_clear_400(runtime: Runtime) -> None:
    response = client(runtime).post(
        "/api/message",
        content=b'{"user": "abc", "text": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]


def test_bad_user_id_and_shapes_are_rejected(runtime: Runtime) -> None:
    http = client(runtime)
    for body in ({"user": "../etc", "text": "x"}, {"user": "a", "text": 5}, [1, 2], {"text": "x"}):
        assert http.post("/api/message", json=body).status_code == 400


def test_oversized_body_is_rejected(runtime: Runtime) -> None:
    response = client(runtime).post("/api/message", json={"user": "a", "text": "x" * 70_000})
    assert response.status_code == 413
