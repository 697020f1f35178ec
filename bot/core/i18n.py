"""User-facing strings per locale, loaded from content/strings/*.yml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.core.problems import Problem
from bot.core.yamlfile import LineDict, load_yaml

LOCALES = ("vi", "en")
DEFAULT_LOCALE = "vi"


@dataclass(frozen=True)
class Strings:
    """Every UI string: key -> locale -> text. Missing locales fall back to Vietnamese."""

    table: Mapping[str, Mapping[str, str]]

    def get(self, key: str, locale: str = DEFAULT_LOCALE, **values: object) -> str:
        """Return the text for ``key`` in ``locale``, formatted with ``values``."""
        texts = self.table.get(key)
        if texts is None:
            raise KeyError(f"unknown string key {key!r}")
        text = texts.get(locale) or texts[DEFAULT_LOCALE]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """Return whether ``key`` exists."""
        return key in self.table


def _check_entry(key: str, value: object, data: LineDict, file: str) -> list[Problem]:
    line = data.line_of(key)
    if not isinstance(value, dict):
        return [Problem(file, line, f"string {key!r} must map locales to text")]
    problems = [
        Problem(file, line, f"string {key!r}: unknown locale {loc!r}")
        for loc in value
        if loc not in LOCALES
    ]
    if not isinstance(value.get(DEFAULT_LOCALE), str):
        problems.append(Problem(file, line, f"string {key!r} has no Vietnamese text"))
    return problems


def load_strings(directory: Path) -> tuple[Strings, list[Problem]]:
    """Load every ``*.yml`` in ``directory``; keys must be unique across files."""
    table: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yml")):
        data, found = load_yaml(path)
        problems += found
        if not isinstance(data, LineDict):
            problems.append(Problem(str(path), 1, "expected a mapping of string keys"))
            continue
        for key, value in data.items():
            if key in table:
                problems.append(Problem(str(path), data.line_of(key), f"duplicate string {key!r}"))
            entry_problems = _check_entry(key, value, data, str(path))
            problems += entry_problems
            if not entry_problems:
                table[key] = {k: str(v) for k, v in value.items()}
    return Strings(table), problems
