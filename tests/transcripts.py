"""Conversation transcripts as data (tests/conversations/*.yml), runnable on any channel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot.channels.phonetext import compact_phones

HERE = Path(__file__).parent / "conversations"


class Driver(Protocol):
    """A way to talk to the bot: core dispatcher, web API, Telegram or Zalo fake server."""

    def say(self, text: str) -> tuple[str, list[str]]:
        """Send text; return the replies' text and button labels."""
        ...

    def press(self, label: str) -> tuple[str, list[str]]:
        """Press (or, without buttons, choose) the option whose label contains ``label``."""
        ...


@dataclass(frozen=True)
class Case:
    """One named transcript from a file."""

    file: str
    name: str
    steps: list[dict[str, Any]]
    channels: tuple[str, ...] | None

    @property
    def id(self) -> str:
        """Return a readable test id."""
        return f"{self.file}::{self.name}"


def load_cases(channel: str | None = None) -> list[Case]:
    """Return every transcript (optionally only those that run on ``channel``)."""
    cases = []
    for path in sorted(HERE.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            only = tuple(item["channels"]) if "channels" in item else None
            case = Case(path.stem, item["name"], item["steps"], only)
            if channel is None or only is None or channel in only:
                cases.append(case)
    return cases


def run_case(case: Case, driver: Driver) -> None:
    """Play each step and check the bot's answer."""
    for number, step in enumerate(case.steps, start=1):
        if "press" in step:
            text, labels = driver.press(str(step["press"]))
            said = f"press {step['press']!r}"
        else:
            text, labels = driver.say(str(step["user"]))
            said = f"user {step['user']!r}"
        _check(step, text, labels, f"{case.id} step {number} ({said})")


def _fold(text: str) -> str:
    """Casefold, with phone numbers written without spaces (as Telegram is sent them)."""
    return compact_phones(text).casefold()


def _check(step: dict[str, Any], text: str, labels: list[str], where: str) -> None:
    seen = text + "\n" + "\n".join(labels)
    for expected in step.get("bot", []):
        assert _fold(str(expected)) in _fold(seen), f"{where}: {expected!r} not in:\n{seen}"
    for unexpected in step.get("not", []):
        assert _fold(str(unexpected)) not in _fold(seen), f"{where}: {unexpected!r} in:\n{seen}"
    for label in step.get("buttons", []):
        assert any(label.casefold() in x.casefold() for x in labels), (
            f"{where}: no button {label!r}"
        )
