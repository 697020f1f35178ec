"""The content YAML loader keeps lines and rejects duplicate keys, NFD twins included."""

from __future__ import annotations

import unicodedata

import pytest

from bot.core.yamlfile import LineDict, parse_yaml


def test_lines_of_keys_and_items() -> None:
    data, problems = parse_yaml("a: 1\nb:\n  - x: 1\n  - y: 2\n", "f.yml")
    assert problems == []
    assert isinstance(data, LineDict)
    assert data.line_of("b") == 2
    assert data["b"].line_of(1) == 4


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("k: 1\nk: 2\n", 2),
        ("Hỏi: 1\n" + unicodedata.normalize("NFD", "Hỏi") + ": 2\n", 2),
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", 4),
    ],
    ids=["plain", "nfd-twin", "nested"],
)
def test_duplicate_keys_are_problems(text: str, line: int) -> None:
    _, problems = parse_yaml(text, "f.yml")
    assert [p.line for p in problems] == [line]
    assert "duplicate key" in problems[0].message


def test_syntax_error_has_a_line() -> None:
    data, problems = parse_yaml("a: [1, 2\nb: 3\n", "f.yml")
    assert data is None
    assert str(problems[0]).startswith("f.yml:")
