"""Load and check content/nlu (intents, out-of-scope, teencode, emergency, synonyms) for the NLU."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.core.problems import Problem
from bot.core.yamlfile import LineDict, LineList, load_yaml
from bot.law.library import LawLibrary
from nlu.normalize import fold
from nlu.parse import INTENTS
from nlu.training import NluContent

MIN_EXAMPLES = 8
"""Every dialogue intent except ask_law (fed by the FAQ) needs this many examples."""


def _plain(value: Any) -> Any:
    """Return ``value`` with LineDict/LineList turned into plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _examples(value: Any, file: str, line: int, name: str) -> tuple[list[str], list[Problem]]:
    if not isinstance(value, LineList) or not all(isinstance(v, str) for v in value):
        return [], [Problem(file, line, f"{name}: expected a list of example texts")]
    return [str(v) for v in value], []


ByIntent = dict[str, tuple[str, ...]]
"""Texts by intent name: examples, or ``requires:`` patterns."""


def _load_intents(
    directory: Path,
) -> tuple[ByIntent, ByIntent, tuple[str, ...], list[Problem]]:
    """Return the examples and ``requires:`` patterns by intent, ``subject:`` and the problems."""
    path = directory / "intents.yml"
    data, problems = load_yaml(path)
    intents, found_examples = _intent_examples(data, path)
    requires, found_requires = _requires(data, path)
    subject, found_subject = _subject(data, path)
    return intents, requires, subject, problems + found_examples + found_requires + found_subject


def _intent_examples(data: Any, path: Path) -> tuple[ByIntent, list[Problem]]:
    """Read ``intents:`` of intents.yml: the examples of each dialogue intent."""
    problems: list[Problem] = []
    intents: dict[str, tuple[str, ...]] = {}
    table = data.get("intents") if isinstance(data, LineDict) else None
    if not isinstance(table, LineDict):
        return intents, [*problems, Problem(str(path), 1, "expected a mapping 'intents:'")]
    for name, value in table.items():
        line = table.line_of(name)
        if name not in INTENTS or name == "out_of_scope":
            problems.append(Problem(str(path), line, f"unknown intent {name!r}"))
            continue
        examples, found = _examples(value, str(path), line, name)
        problems += found
        if name != "ask_law" and len(examples) < MIN_EXAMPLES:
            problems.append(
                Problem(str(path), line, f"intent {name!r} needs at least {MIN_EXAMPLES} examples")
            )
        intents[name] = tuple(examples)
    return intents, problems


def _requires(data: Any, path: Path) -> tuple[ByIntent, list[Problem]]:
    """Read ``requires:`` of intents.yml: patterns an intent's prepared text must match."""
    table = data.get("requires") if isinstance(data, LineDict) else None
    if not isinstance(table, LineDict):
        return {}, []
    found: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    for name, patterns in table.items():
        if name not in INTENTS or not isinstance(patterns, LineList) or not patterns:
            message = f"requires: {name!r} needs a known intent and a list of patterns"
            problems.append(Problem(str(path), table.line_of(name), message))
            continue
        problems += _check_regexes(patterns, str(path))
        found[name] = tuple(str(p) for p in patterns)
    return found, problems


def _subject(data: Any, path: Path) -> tuple[tuple[str, ...], list[Problem]]:
    """Read ``subject:`` of intents.yml: patterns of the words of the bot's subject."""
    patterns = data.get("subject") if isinstance(data, LineDict) else None
    if patterns is None:
        return (), []
    if not isinstance(patterns, LineList) or not all(isinstance(p, str) for p in patterns):
        message = "subject: expected a list of patterns"
        return (), [Problem(str(path), data.line_of("subject"), message)]
    return tuple(str(p) for p in patterns), _check_regexes(patterns, str(path))


def _load_out_of_scope(directory: Path) -> tuple[tuple[str, ...], list[Problem]]:
    path = directory / "out_of_scope.yml"
    data, problems = load_yaml(path)
    if not isinstance(data, LineDict):
        return (), [*problems, Problem(str(path), 1, "expected a mapping 'examples:'")]
    examples, found = _examples(
        data.get("examples"), str(path), data.line_of("examples"), "examples"
    )
    return tuple(examples), problems + found


def _duplicates(intents: Mapping[str, tuple[str, ...]], directory: Path) -> list[Problem]:
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for name, examples in intents.items():
        for example in examples:
            key = fold(example)
            if key in seen and seen[key] != name:
                message = f"example {example!r} is under both {seen[key]!r} and {name!r}"
                problems.append(Problem(str(directory / "intents.yml"), 1, message))
            seen.setdefault(key, name)
    return problems


def _load_patterns(directory: Path) -> tuple[dict[str, Any], list[Problem]]:
    path = directory / "emergency.yml"
    data, problems = load_yaml(path)
    if not isinstance(data, LineDict) or not isinstance(data.get("categories"), LineDict):
        return {}, [*problems, Problem(str(path), 1, "expected a mapping 'categories:'")]
    for name, spec in data["categories"].items():
        line = data["categories"].line_of(name)
        patterns = spec.get("patterns") if isinstance(spec, LineDict) else None
        if not isinstance(patterns, LineList) or not patterns:
            problems.append(Problem(str(path), line, f"category {name!r} needs patterns"))
            continue
        problems += _check_regexes(patterns, str(path))
    for key in ("exclude", "danger_words"):
        listed = data.get(key)
        if isinstance(listed, LineList):
            problems += _check_regexes(listed, str(path))
    return _plain(data), problems


def _check_regexes(patterns: LineList, file: str) -> list[Problem]:
    problems: list[Problem] = []
    for index, pattern in enumerate(patterns):
        try:
            re.compile(str(pattern))
        except re.error as err:
            problems.append(Problem(file, patterns.line_of(index), f"bad pattern: {err}"))
    return problems


def _load_teencode(directory: Path) -> tuple[dict[str, Any], list[Problem]]:
    path = directory / "teencode.yml"
    data, problems = load_yaml(path)
    if not isinstance(data, LineDict) or not isinstance(data.get("words"), LineDict):
        return {}, [*problems, Problem(str(path), 1, "expected a mapping 'words:'")]
    spoken = data.get("spoken")
    tables = [data["words"], *([spoken] if isinstance(spoken, LineDict) else [])]
    for table in tables:
        for key, value in table.items():
            if not isinstance(value, str) or " " in key.strip():
                line = table.line_of(key)
                problems.append(Problem(str(path), line, f"{key!r}: one word mapped to a text"))
    return _plain(data), problems


def _load_synonyms(directory: Path) -> tuple[dict[str, Any], list[Problem]]:
    path = directory / "synonyms.yml"
    data, problems = load_yaml(path)
    groups = data.get("groups") if isinstance(data, LineDict) else None
    if not isinstance(groups, LineList):
        return {}, [*problems, Problem(str(path), 1, "expected a mapping 'groups:' (a list)")]
    for index, group in enumerate(groups):
        if (
            not isinstance(group, list)
            or len(group) < 2
            or not all(isinstance(p, str) for p in group)
        ):
            message = "a group is a list of at least two phrases"
            problems.append(Problem(str(path), groups.line_of(index), message))
    return _plain(data), problems


def load_nlu_content(directory: Path) -> tuple[NluContent, list[Problem]]:
    """Load and check content/nlu: intents, out-of-scope, teencode, emergency, synonyms."""
    intents, requires, subject, problems = _load_intents(directory)
    out_of_scope, found = _load_out_of_scope(directory)
    intents["out_of_scope"] = out_of_scope
    teencode, found_teencode = _load_teencode(directory)
    emergency, found_emergency = _load_patterns(directory)
    synonyms, found_synonyms = _load_synonyms(directory)
    problems += found + found_teencode + found_emergency + found_synonyms
    problems += _duplicates(intents, directory)
    return NluContent(intents, teencode, emergency, synonyms, requires, subject), problems


def law_names(law: LawLibrary) -> dict[str, tuple[str, ...]]:
    """Return document number -> names people use for it (title, short name, aliases)."""
    return {doc.number: (doc.title, doc.short, *doc.aliases) for doc in law.documents.values()}
