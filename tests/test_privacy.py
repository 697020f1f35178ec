"""Questions about what the bot keeps, told apart from legal questions about spying."""

from __future__ import annotations

import pytest

from bot.runtime.privacy import asks_about_privacy

ASKED = [
    "bot có lưu tin nhắn của tôi không",
    "ai đọc được tin nhắn tôi gửi cho bot",
    "chồng tôi có biết tôi nhắn với bot không",
    "bạn có lưu câu hỏi của tôi không",
    "nói chuyện với bot có an toàn không",
    "nhắn tin với bạn có bị lộ không",
    "do you store my messages",
    "tôi sợ chồng đọc được tin nhắn này",  # ninth session: "out of scope"
    "thoát",
    "is this private",
    "chồng tôi có đọc được tin nhắn tôi gửi bot không",  # twenty-second session: "not sure"
    "chồng tôi có đọc được tin nhắn tôi hỏi ở đây không",  # twenty-seventh session: "not sure"
    "nhắn ở đây có an toàn không",
    "bạn có lưu số điện thoại của tôi không",  # thirtieth session: asked for a place
    "bot có lưu tên tôi không",
    "tin nhắn của em có bị lưu lại không",  # thirty-fourth session: "not sure"
    "chồng em có đọc được những gì em hỏi không",
]
NOT_ASKED = [
    "chồng đọc trộm tin nhắn của tôi",  # a legal question (Luật PCBLGĐ Điều 3)
    "bạn trai xem trộm tin nhắn",
    "mẹ chồng biết tôi hay nói chuyện với bạn trai cũ",  # "bạn trai", not "bạn" the bot
    "chồng biết tôi nhắn tin với bạn cũ nên đánh tôi",
    "bố mẹ có quyền xem tin nhắn của con không",
    "chồng đọc tin nhắn tôi gửi bạn bè",
    "chồng đọc tin nhắn của tôi với người yêu cũ rồi đánh tôi",
    "bạn có biết số điện thoại hội phụ nữ không",
    "có nên lưu lại tin nhắn làm bằng chứng không",  # evidence, a question of the law
]


@pytest.mark.parametrize("text", ASKED)
def test_questions_about_what_the_bot_keeps(text: str) -> None:
    assert asks_about_privacy(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_questions_about_others_spying_are_legal(text: str) -> None:
    assert not asks_about_privacy(text)
