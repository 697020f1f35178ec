"""A message that only shows a feeling gets the request to tell more (bot.qa.feeling)."""

from __future__ import annotations

import pytest

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
