"""YAML loading that keeps line numbers and rejects duplicate keys."""

from __future__ import annotations

import hashlib
import pickle
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import yaml

from bot.core.problems import ContentError, Problem
from nlu.pickles import load_pickle, save_pickle

PARSED_FILE = "yaml-v1.pickle"
"""The parse cache's file name in the cache folder (bump when the loader's output changes)."""

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that remembers the line of itself and of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """Return the line of item ``index``."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def fold_key(text: str) -> str:
    """Return the comparison form of a key: NFC + casefold, so NFD-typed twins collide."""
    return unicodedata.normalize("NFC", text).casefold()


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader building LineDict/LineList and recording duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        seen: dict[str, str] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key = str(key) if not isinstance(key, str) else key
            folded = fold_key(key)
            if folded in seen:
                self.duplicates.append((key_node.start_mark.line + 1, key))
            seen[folded] = key
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    return loader.construct_mapping(node)


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    return loader.construct_sequence(node)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as err:
        message = f"invalid value {node.value!r}: not a real date ({err})"
        raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from err


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def parse_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the data and the problems (syntax errors, duplicate keys)."""
    cache = _CACHE.get()
    return _parse(text, file) if cache is None else cache.parse(text, file)


def _parse(text: str, file: str) -> tuple[Any, list[Problem]]:
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line = mark.line + 1 if mark is not None else 1
        kind = "" if isinstance(err, yaml.constructor.ConstructorError) else "YAML syntax: "
        return None, [Problem(file, line, f"{kind}{err.problem}")]
    finally:
        loader.dispose()
    problems = [Problem(file, line, f"duplicate key {key!r}") for line, key in loader.duplicates]
    return data, problems


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Load a YAML file; return the data and the problems, never raising on bad YAML."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(name, 1, f"cannot read file: {err}")]
    return parse_yaml(text, name)


def load_yaml_strict(path: Path, display: str | None = None) -> Any:
    """Load a YAML file or raise ContentError with every problem."""
    data, problems = load_yaml(path, display)
    if problems:
        raise ContentError(problems)
    return data


class ParseCache:
    """Parsed YAML by content (file name and text), kept in one pickle from run to run.

    Each use unpickles its own copy, so callers may change what they get.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stored: dict[str, bytes] = load_pickle(path, dict) or {}
        self.used: dict[str, bytes] = {}
        self.changed = False

    def parse(self, text: str, file: str) -> tuple[Any, list[Problem]]:
        """Return ``parse_yaml(text, file)``, from the cache when this text was parsed before."""
        key = hashlib.sha256(f"{yaml.__version__}\0{file}\0{text}".encode()).hexdigest()
        blob = self.used.get(key) or self.stored.get(key)
        if blob is None:
            found = _parse(text, file)
            self.used[key] = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
            self.changed = True
            return found
        self.used[key] = blob
        result: tuple[Any, list[Problem]] = pickle.loads(blob)
        return result

    def save(self) -> None:
        """Write the files parsed in this run when any of them was new."""
        if self.changed:
            save_pickle(self.used, self.path, "yaml-v*.pickle")


_CACHE: ContextVar[ParseCache | None] = ContextVar("yaml_parse_cache", default=None)


@contextmanager
def parse_cache(folder: Path) -> Iterator[ParseCache]:
    """Within the block, YAML texts parsed in an earlier run are read from ``folder``'s cache."""
    active = _CACHE.get()
    if active is not None:  # nested: the outer block's cache serves and saves
        yield active
        return
    cache = ParseCache(folder / PARSED_FILE)
    token = _CACHE.set(cache)
    try:
        yield cache
    finally:
        _CACHE.reset(token)
        cache.save()
