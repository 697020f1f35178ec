"""A message that only shows a feeling gets the request to tell more (bot.qa.feeling); one that
tells of danger now, after the emergency answer, what to do when one cannot call (bot.qa.chat)."""

from __future__ import annotations

import pytest

from bot.qa.chat import tells_of_danger
from bot.qa.feeling import only_feeling, shows_feeling, shows_hurt


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
    assert not tells_of_danger("chị ấy không dám báo vì sợ mất con")  # thirty-sixth session
    assert not tells_of_danger("em không dám nói vì sợ ảnh hưởng gia đình")
    assert not tells_of_danger("nhà trường không xử lý")
    assert not tells_of_danger("chồng lấy sợi dây trói con")  # "sợi" (a thread) is no fear


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("giờ mặt em vẫn còn sưng", True),  # thirty-fifth session: "outside what I can help with"
        ("tay em bị chảy máu", True),
        ("em dau qua", True),
        ("bi thuong o dau", True),
        ("hắn có súng", False),  # "súng" (a gun), folded "sung", is no swelling
        ("anh ta cầm sung", False),
        ("giá vàng hôm nay", False),
    ],
)
def test_what_tells_of_a_hurt(text: str, expected: bool) -> None:
    assert shows_hurt(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("em sợ lắm", True),  # thirty-sixth session: the entry on a child's abuse came with 113
        ("cháu sợ lắm", True),
        ("em rất sợ", True),
        ("huhu", True),
        ("em 13 tuổi, em sợ lắm", False),
        ("bố dượng hay vào phòng em lúc đêm, em sợ lắm", False),
        ("chồng đang đánh em", False),
    ],
)
def test_what_shows_a_feeling_and_names_nothing_else(text: str, expected: bool) -> None:
    assert only_feeling(text) is expected
