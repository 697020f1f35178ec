"""What every channel shares: the send contract, its errors, and button degradation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from starlette.routing import BaseRoute

from bot.core.messages import Incoming, Reply

Handle = Callable[[Incoming], Awaitable[list[Reply]]]
"""The core, as a channel sees it: one incoming message in, the replies out."""


class SendError(Exception):
    """A message could not be delivered."""


class Blocked(SendError):
    """The user blocked the bot or can no longer be messaged (permanent for broadcasts)."""


class RateLimited(SendError):
    """The platform asked us to slow down; ``retry_after`` in seconds."""

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TransientError(SendError):
    """A temporary failure (network, 5xx): worth retrying with backoff."""


class PermanentError(SendError):
    """A failure that retrying will not fix (bad request, chat not found)."""


class Sender(Protocol):
    """Sends replies to one chat on one channel; raises SendError subclasses."""

    @property
    def channel(self) -> str:
        """Return the channel name."""
        ...

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Deliver one reply to ``chat_id`` (the part of the URN after ``channel:``)."""
        ...


class ChannelRunner(Protocol):
    """A running channel: webhook routes for the shared web server, start/stop, and a sender."""

    @property
    def name(self) -> str:
        """Return the channel name (``telegram``, ``zalo``)."""
        ...

    @property
    def sender(self) -> Sender:
        """Return the sender bulk messages go through."""
        ...

    def routes(self) -> list[BaseRoute]:
        """Return the HTTP routes this channel mounts on the shared web server."""
        ...

    async def start(self) -> None:
        """Start receiving (polling task or webhook registration)."""
        ...

    async def stop(self) -> None:
        """Stop receiving and release connections."""
        ...


def numbered_options(reply: Reply, start: int = 1) -> str:
    """Render buttons as numbered lines, for channels without buttons (the one place we degrade)."""
    if not reply.buttons:
        return reply.text
    lines = [f"{i}. {button.label}" for i, button in enumerate(reply.buttons, start=start)]
    return reply.text + "\n\n" + "\n".join(lines)


def numbered_texts(replies: Sequence[Reply]) -> list[str]:
    """Render a batch of replies with one continuous numbering, as the core counts options."""
    rendered, number = [], 1
    for reply in replies:
        rendered.append(numbered_options(reply, number))
        number += len(reply.buttons)
    return rendered


def split_text(text: str, limit: int) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` chars, on paragraph, line or word bounds."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = _cut_point(rest, limit)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest or not chunks:
        chunks.append(rest)
    return chunks


def _cut_point(text: str, limit: int) -> int:
    for separator in ("\n\n", "\n", " "):
        cut = text.rfind(separator, 0, limit + 1)
        if cut > limit // 3:
            return cut
    return limit


def chat_id_of(user: str) -> str:
    """Return the channel-specific id from a URN (``telegram:123`` -> ``123``)."""
    return user.split(":", 1)[1] if ":" in user else user


def texts(replies: Sequence[Reply]) -> list[str]:
    """Return the plain texts of ``replies`` (for logs and tests)."""
    return [reply.text for reply in replies]
