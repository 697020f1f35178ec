"""Fake platform servers and harnesses for channel tests."""

from __future__ import annotations

from pathlib import Path

from bot.core.i18n import Strings, load_strings

ROOT = Path(__file__).resolve().parents[2]


def shipped_strings() -> Strings:
    """Return the strings in content/strings (problems in other files are not checked here)."""
    table, _ = load_strings(ROOT / "content" / "strings")
    return table
