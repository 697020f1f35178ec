"""Placeholder for the services feature (being built); registers nothing yet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.app import App
from bot.features.questions import LocalHelp, no_local_help
from bot.problems import Problem
from bot.router import Router


def check(directory: Path, today: date) -> list[Problem]:
    """Validate this feature's content under ``directory``."""
    return []


def register(router: Router, app: App) -> None:
    """Register this feature's commands, buttons, states, intents and jobs."""


def local_help(app: App) -> LocalHelp:
    """Return the function that lists local help lines for a user's chosen place."""
    return no_local_help
