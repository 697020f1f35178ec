"""A message that only says the user wants to ask, or calls someone, gets an invitation to ask."""

from __future__ import annotations

import pytest

from bot.runtime.home import wants_to_ask


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cho em hỏi chút", True),
        ("tôi có chuyện này muốn hỏi", True),
        ("chị ơi", True),  # thirty-fourth session: "not sure", with suggestions
        ("Ad ơi ạ", True),
        ("anh chị ơi", True),
        ("em cần giúp", True),
        ("giúp em với", True),
        ("tôi cần giúp đỡ", True),
        # a question after the call is answered
        ("chị ơi chồng em đánh em", False),
        ("em cần hỗ trợ pháp lý", False),
        ("có ai không", False),
    ],
)
def test_what_only_asks_to_ask(text: str, expected: bool) -> None:
    assert wants_to_ask(text) is expected
