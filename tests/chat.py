"""Talk to the bot in tests the way a person would: send text, press buttons, read replies."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.messages import Button, Incoming, Reply
from bot.runtime.assembly import Runtime


@dataclass
class Chat:
    """One user's conversation with a bot, recording everything the bot sent."""

    runtime: Runtime
    user: str = "web:tester"
    sent: list[Reply] = field(default_factory=list)
    last: list[Reply] = field(default_factory=list)

    def say(self, text: str) -> list[Reply]:
        """Send ``text`` and return the replies."""
        return self._send(Incoming(self.user, text=text))

    def press(self, label: str) -> list[Reply]:
        """Press the button whose label contains ``label`` in the last replies."""
        button = self.button(label)
        return self._send(Incoming(self.user, text=button.label, button=button.payload))

    def press_payload(self, payload: str) -> list[Reply]:
        """Send a raw button payload (e.g. a stale or forged one)."""
        return self._send(Incoming(self.user, text="", button=payload))

    def button(self, label: str) -> Button:
        """Return the button whose label contains ``label`` in the last replies."""
        for reply in self.last:
            for button in reply.buttons:
                if label.casefold() in button.label.casefold():
                    return button
        raise AssertionError(f"no button {label!r} in {self.labels()}")

    def labels(self) -> list[str]:
        """Return the button labels of the last replies."""
        return [b.label for r in self.last for b in r.buttons]

    def text(self) -> str:
        """Return the last replies' texts joined."""
        return "\n\n".join(r.text for r in self.last)

    def _send(self, incoming: Incoming) -> list[Reply]:
        self.last = self.runtime.dispatcher.handle(incoming)
        self.sent += self.last
        return self.last
