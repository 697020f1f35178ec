"""A job package's registration surface, collected in one list by the runtime."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.core.app import App
from bot.core.problems import Problem
from bot.core.records import User
from bot.core.router import Router

Register = Callable[[Router, App], None]
Check = Callable[[Path, date], list[Problem]]


def no_problems(directory: Path, today: date) -> list[Problem]:
    """Check nothing (a feature without content of its own)."""
    return []


@dataclass(frozen=True)
class Feature:
    """What a job package offers: handlers and jobs on the router, and a content check."""

    name: str
    register: Register
    """Add the package's commands, buttons, flows, intents and scheduled jobs."""
    check: Check = no_problems
    """Validate the package's content under the content folder (``file:line`` problems)."""


def no_local_help(user: User) -> Sequence[str]:
    """Return no local help (until a package that knows places provides it)."""
    return ()


@dataclass(frozen=True)
class LocalHelp:
    """Local-help lines for a user's chosen place, provided by the services package."""

    lines: Callable[[User], Sequence[str]] = no_local_help
