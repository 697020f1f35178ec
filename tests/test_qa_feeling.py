"""A message that only shows a feeling gets the request to tell more (bot.qa.feeling); one that
tells of danger now, after the emergency answer, what to do when one cannot call (bot.qa.chat)."""

from __future__ import annotations

import pytest

from bot.qa.chat import tells_of_danger
from bot.qa.feeling import shows_feeling


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("😢😢😢", True),  # thirty-fourth session: "outside what I can help with"
        ("...", True),
        ("tại sao tôi khổ thế này", True),
        ("em buồn quá", True),
        ("hic", True),
        ("", False),
        ("giá vàng hôm nay", False),
        ("123", False),
    ],
)
def test_what_only_shows_a_feeling(text: str, expected: bool) -> None:
    assert shows_feeling(text) is expected


def test_danger_now_is_told_by_hiding_or_fear_not_by_a_thread() -> None:
    assert tells_of_danger("em đang trốn trong nhà tắm")
    assert tells_of_danger("em sợ lắm")
    assert not tells_of_danger("nhà trường không xử lý")
    assert not tells_of_danger("chồng lấy sợi dây trói con")  # "sợi" (a thread) is no fear
