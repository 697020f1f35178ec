"""Channel-neutral messages: what the core receives and what it answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Location:
    """A shared position in decimal degrees."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class Incoming:
    """One message from a user, as every channel hands it to the core.

    ``user`` is URN-like: ``"<channel>:<id>"`` (``telegram:123``, ``zalo:abc``, ``web:xyz``).
    ``button`` holds the payload of a pressed button (then ``text`` is its label, if known).
    """

    user: str
    text: str = ""
    button: str | None = None
    location: Location | None = None
    at: datetime | None = None
    message_id: str | None = None
    origin: str | None = None
    """Where the message came from besides the user (``ip:<address>`` on the web), for throttles."""

    @property
    def channel(self) -> str:
        """Return the channel part of the user URN."""
        return self.user.split(":", 1)[0]


@dataclass(frozen=True)
class Button:
    """A button: the label the user sees and the payload the core gets back."""

    label: str
    payload: str


@dataclass(frozen=True)
class Document:
    """A file sent to the user (e.g. an Excel export)."""

    filename: str
    data: bytes
    mime: str = "application/octet-stream"


@dataclass(frozen=True)
class Reply:
    """One message from the bot: text, optional buttons, document or image URL."""

    text: str
    buttons: tuple[Button, ...] = field(default=())
    document: Document | None = None
    image: str | None = None
    clear_chat: bool = False
    """Ask the channel to delete the recent messages of this chat where it can (``/xoa``)."""
    emergency: bool = False
    """The emergency answer: channels that can show it apart (the web's red card) do so."""
