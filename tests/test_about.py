"""Asking who answers: "I am a chatbot, not a person", then the menu."""

from __future__ import annotations

import pytest

from bot.runtime.about import asks_who_answers
from bot.runtime.assembly import Runtime
from tests.chat import Chat

ASKED = [
    "bạn là người thật hay máy",  # thirtieth session: the menu alone
    "bạn là ai",
    "có phải người thật trả lời không",
    "bạn có phải luật sư không",
    "ai đang trả lời tin nhắn vậy",
    "are you a human?",
]
NOT_ASKED = [
    "ly hôn có phải thuê luật sư không",
    "chồng tôi là ai cũng đánh",
    "luật sư bảo tôi phải có giấy chứng nhận thương tích, nhưng bệnh viện không chịu cấp thì tôi "
    "phải làm sao",
    "nguyên tắc cơ bản là gì",  # thirty-seventh session: "cơ bản là gì" read as "bạn là gì"
    "quyen co ban la gi",
]


@pytest.mark.parametrize("text", ASKED)
def test_asking_who_answers(text: str) -> None:
    assert asks_who_answers(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_questions_naming_a_lawyer_are_not_about_the_bot(text: str) -> None:
    assert not asks_who_answers(text)


def test_the_bot_says_it_is_no_person_and_who_to_call(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say("bạn là người thật hay máy")
    assert "không phải người thật" in chat.text()
    assert "1800 1233" in chat.text()
    assert "113" in chat.text()
    assert "Hỏi đáp pháp luật" in chat.labels()  # the menu follows
