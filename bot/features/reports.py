"""Placeholder for the reports feature (being built); registers nothing yet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.app import App
from bot.problems import Problem
from bot.router import Router


def check(directory: Path, today: date) -> list[Problem]:
    """Validate this feature's content under ``directory``."""
    return []


def register(router: Router, app: App) -> None:
    """Register this feature's commands, buttons, states, intents and jobs."""
