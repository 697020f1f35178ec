"""Start-up checks beyond the config schema: webhook secrets, the database, strings the code uses.

Each check returns ``Problem``s (``file:line: message``), so ``check`` and start-up report them
the same way, one clear line each, never a traceback.
"""

from __future__ import annotations

import ast
import re
import sqlite3
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from bot.core.config import Secrets, Settings
from bot.core.configfile import config_path
from bot.core.folders import db_file
from bot.core.i18n import Strings
from bot.core.problems import ContentError, Problem
from bot.core.yamlfile import LineDict, load_yaml

PACKAGE = Path(__file__).resolve().parent.parent
STRING_KEY = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")
STRING_CALLS = frozenset({"say", "_say", "t", "get", "text", "_error", "button"})
"""Calls whose first argument is a string key (``turn.say("core.empty")``)."""


def _line(file: Path, section: str, key: str) -> int:
    """Return the line of ``section.key`` in the config file (1 when absent or unreadable)."""
    data, _ = load_yaml(file) if file.exists() else (None, [])
    if not isinstance(data, LineDict):
        return 1
    inner = data.get(section)
    return inner.line_of(key) if isinstance(inner, LineDict) else data.line_of(section) or 1


def webhook_problems(settings: Settings, secrets: Secrets, config: str | None) -> list[Problem]:
    """Return a problem for each channel in webhook mode whose secret is missing or invalid."""
    from bot.channels.telegram_webhook import valid_secret

    file = config_path(config)
    problems = []
    telegram, zalo = settings.telegram, settings.zalo
    if (
        secrets.telegram_token
        and telegram.webhook_url
        and not valid_secret(secrets.telegram_webhook_secret)
    ):
        problems.append(
            Problem(
                str(file),
                _line(file, "telegram", "webhook_url"),
                "telegram.webhook_url is set but TELEGRAM_WEBHOOK_SECRET is missing or invalid "
                "(webhook mode needs 1 to 256 characters A-Z a-z 0-9 _ -)",
            )
        )
    if secrets.zalo_token and zalo.webhook_url and not 8 <= len(secrets.zalo_webhook_secret) <= 256:
        problems.append(
            Problem(
                str(file),
                _line(file, "zalo", "webhook_url"),
                "zalo.webhook_url is set but ZALO_WEBHOOK_SECRET is missing or invalid "
                "(webhook mode needs 8 to 256 characters)",
            )
        )
    return problems


def database_problem(path: str, err: Exception) -> Problem:
    """Return the one-line problem for a database that cannot be opened or read."""
    return Problem(path, 1, f"cannot use the database: {err} (restore it from a backup or move it)")


def database_problems(settings: Settings) -> list[Problem]:
    """Return a problem if the database file exists but is not a readable SQLite database."""
    file = db_file(settings)
    path = str(file)
    if not file.exists():
        return []
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as err:
        return [database_problem(path, err)]
    if row is None or row[0] != "ok":
        return [database_problem(path, sqlite3.DatabaseError(str(row and row[0])))]
    return []


def open_or_raise(path: Path) -> Database:
    """Open the database; raise ContentError with one clear line if it is unusable."""
    from bot.storage.database import open_database

    try:
        return open_database(path)
    except sqlite3.Error as err:
        raise ContentError([database_problem(str(path), err)]) from None


@cache
def used_string_keys(package: Path = PACKAGE) -> dict[str, tuple[str, int]]:
    """Return the string keys the code names literally, each with one place that uses it."""
    keys: dict[str, tuple[str, int]] = {}
    for source in sorted(package.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for key, line in _keys_in(node):
                keys.setdefault(key, (str(source.relative_to(package.parent)), line))
    return keys


def _keys_in(node: ast.AST) -> list[tuple[str, int]]:
    if isinstance(node, ast.Call) and node.args and _call_name(node) in STRING_CALLS:
        return _constants([node.args[0]])
    if isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id.endswith("_KEYS") for t in node.targets
    ):
        value = node.value
        return _constants(value.elts if isinstance(value, ast.Tuple | ast.List) else [])
    return []


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _constants(nodes: list[ast.expr]) -> list[tuple[str, int]]:
    return [
        (n.value, n.lineno)
        for n in nodes
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and STRING_KEY.match(n.value)
    ]


def string_problems(strings: Strings, directory: Path) -> list[Problem]:
    """Return a problem for each string key the code uses that no file under strings/ defines."""
    return [
        Problem(str(directory), 1, f"missing string {key!r} (used in {file}:{line})")
        for key, (file, line) in sorted(used_string_keys().items())
        if not strings.has(key) and not _not_a_string(key)
    ]


def _not_a_string(key: str) -> bool:
    """Return whether a dotted literal is a known non-string (file names, job ids)."""
    return key.endswith((".db", ".yml", ".py")) or key.startswith("bot.")
