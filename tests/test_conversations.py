"""Every transcript in tests/conversations, played against the core dispatcher."""

from __future__ import annotations

import pytest

from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.transcripts import Case, load_cases, run_case


class CoreDriver:
    """Drives the dispatcher directly, like a channel with buttons."""

    def __init__(self, runtime: Runtime) -> None:
        self.chat = Chat(runtime, "web:transcript")

    def say(self, text: str) -> tuple[str, list[str]]:
        self.chat.say(text)
        return self.chat.text(), self.chat.labels()

    def press(self, label: str) -> tuple[str, list[str]]:
        self.chat.press(label)
        return self.chat.text(), self.chat.labels()


@pytest.mark.parametrize("case", load_cases("web"), ids=lambda c: c.id)
def test_transcript(case: Case, runtime: Runtime) -> None:
    run_case(case, CoreDriver(runtime))
