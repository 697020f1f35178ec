"""The content YAML loader keeps lines and rejects duplicate keys, NFD twins included."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bot.core import yamlfile
from bot.core.yamlfile import PARSED_FILE, LineDict, parse_cache, parse_yaml


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


def _no_parsing(text: str, file: str) -> None:
    raise AssertionError("an unchanged text should come from the cache")


def test_parse_cache_keeps_texts_from_run_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "a: 1\nb:\n  - x\n"
    with parse_cache(tmp_path):
        first, _ = parse_yaml(text, "f.yml")
        broken = parse_yaml("k: 1\nk: 2\n", "g.yml")
    assert (tmp_path / PARSED_FILE).exists()
    monkeypatch.setattr(yamlfile, "_parse", _no_parsing)
    with parse_cache(tmp_path), parse_cache(tmp_path):  # nested blocks share one cache
        again, problems = parse_yaml(text, "f.yml")
        copy, _ = parse_yaml(text, "f.yml")
        assert parse_yaml("k: 1\nk: 2\n", "g.yml") == broken
    assert again == first
    assert problems == []
    assert isinstance(again, LineDict)
    assert again.line_of("b") == 2
    assert again["b"].line_of(0) == 3
    again["a"] = 2
    assert copy["a"] == 1  # each use gets its own copy


def test_parse_cache_parses_a_changed_text(tmp_path: Path) -> None:
    with parse_cache(tmp_path):
        parse_yaml("a: 1\n", "f.yml")
    with parse_cache(tmp_path) as cache:
        assert parse_yaml("a: 2\n", "f.yml")[0] == {"a": 2}
        assert parse_yaml("a: 1\n", "other.yml")[0] == {"a": 1}
        assert cache.changed
    assert parse_yaml("a: 3\n", "f.yml")[0] == {"a": 3}  # outside a block: no cache
