"""Opting in and out of campaign messages: commands, words, buttons, and the broadcast effect."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.broadcasts.audience import matches
from bot.broadcasts.records import Audience
from bot.core.records import User
from bot.runtime.assembly import Runtime
from tests.chat import Chat


def user(runtime: Runtime, urn: str) -> User:
    found = runtime.app.store.get_user(urn)
    assert found is not None
    return found


@pytest.mark.parametrize("text", ["/nhantin", "/subscribe", "đăng ký nhận tin"], ids=str)
def test_subscribe(runtime: Runtime, text: str) -> None:
    chat = Chat(runtime, "telegram:1")
    chat.say(text)
    assert "đã đăng ký nhận tin" in chat.text()
    assert user(runtime, "telegram:1").subscribed


@pytest.mark.parametrize(
    "text",
    ["/dung", "/stop", "/unsubscribe", "stop", "dừng nhận tin", "huy nhan tin", "hủy đăng ký"],
    ids=str,
)
def test_unsubscribe_at_once_with_confirmation(runtime: Runtime, text: str) -> None:
    chat = Chat(runtime, "telegram:1")
    chat.say("/nhantin")
    chat.say(text)
    assert "Đã dừng gửi tin" in chat.text()
    assert not user(runtime, "telegram:1").subscribed


def test_opt_in_question_on_first_start_defaults_to_no(runtime: Runtime) -> None:
    chat = Chat(runtime, "telegram:1")
    chat.say("/start")
    assert "Bạn có muốn nhận tin" in chat.text()
    assert not user(runtime, "telegram:1").subscribed
    chat.press("Không, cảm ơn")
    assert not user(runtime, "telegram:1").subscribed
    chat.say("/start")
    chat.press_payload("sub:yes")
    assert user(runtime, "telegram:1").subscribed


def test_huy_inside_a_flow_cancels_the_flow_not_the_subscription(runtime: Runtime) -> None:
    chat = Chat(runtime, "telegram:1")
    chat.say("/nhantin")
    store = runtime.app.store
    store.save_session(
        replace(store.load_session("telegram:1"), state="bc:text"), runtime.app.now()
    )
    chat.say("/huy")
    assert "Đã hủy thao tác" in chat.text()
    assert user(runtime, "telegram:1").subscribed


def test_subscribing_again_clears_a_block(runtime: Runtime) -> None:
    chat = Chat(runtime, "telegram:1")
    chat.say("/nhantin")
    runtime.app.store.mark_stopped("telegram:1")
    assert not matches(Audience(), user(runtime, "telegram:1"))
    chat.say("/nhantin")
    assert matches(Audience(), user(runtime, "telegram:1"))


def test_zalo_subscriber_wrote_first_so_is_reachable(runtime: Runtime) -> None:
    chat = Chat(runtime, "zalo:abc")
    chat.say("/nhantin")
    assert matches(Audience(), user(runtime, "zalo:abc"))


def test_issue14_huy_with_nothing_under_way_asks_what_is_meant(runtime: Runtime) -> None:
    chat = Chat(runtime, "telegram:1")
    chat.say("/nhantin")
    chat.say("/huy")
    assert "muốn dừng nhận tin" in chat.text()
    assert user(runtime, "telegram:1").subscribed
    chat.press("Không, vẫn nhận")
    assert "vẫn nhận tin" in chat.text()
    assert user(runtime, "telegram:1").subscribed
    chat.say("/huy")
    chat.press("Dừng nhận tin")
    assert "Đã dừng gửi tin" in chat.text()
    assert not user(runtime, "telegram:1").subscribed
    chat.say("/huy")
    assert "không có gì để hủy" in chat.text()


@pytest.mark.parametrize("urn", ["web:1", "cli:local"], ids=str)
def test_issue14_channels_that_cannot_deliver_offer_no_subscription(
    runtime: Runtime, urn: str
) -> None:
    chat = Chat(runtime, urn)
    chat.say("/start")
    assert "Bạn có muốn nhận tin" not in chat.text()
    assert not any("Nhận tin" in label for label in chat.labels())
    for text in ("/nhantin", "đăng ký nhận tin"):
        chat.say(text)
        assert "Zalo hoặc Telegram" in chat.text()
        assert "đã đăng ký" not in chat.text()
    assert not user(runtime, urn).subscribed
