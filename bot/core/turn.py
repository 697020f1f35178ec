"""One turn of a conversation: what handlers receive and what they return."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from bot.core.i18n import Strings
from bot.core.messages import Button, Incoming, Reply
from bot.core.records import Session, User
from nlu.normalize import fold

CANCEL_WORDS = frozenset({"huy", "thoat", "dung lai", "cancel"})
"""Folded words that stop a flow when typed without the slash of /huy."""

EMERGENCY_MARK = "emergency_at"
"""Session data key the dispatcher sets when it gives the emergency answer outside a task flow
(ending any optional flow); features that ask optional questions (the poll profile) read it and
stay silent until the session is reset."""
STILL_IN_DANGER = timedelta(minutes=30)
"""How long after the emergency answer a session counts as still in danger: a piece of the story
that tells of danger now gets what to do if one cannot call ("em đang trốn trong nhà tắm"), and a
request for a number gets the national numbers before the question of the place."""


@dataclass(frozen=True)
class Outcome:
    """A handler's result: replies, and the new session/user when they change."""

    replies: tuple[Reply, ...]
    session: Session | None = None
    user: User | None = None
    topic: str | None = None
    intent: str | None = None
    confidence: float | None = None
    forget: bool = False
    """Delete everything stored about the user after answering (``/xoa``)."""
    passed: bool = False
    """The flow leaves this message to the other handlers, after its replies (``Turn.leave``)."""
    aside: bool = False
    """A passed message is answered aside: the flow stays, its replies come after the answer."""


@dataclass(frozen=True)
class Turn:
    """Everything a handler may read about the current message."""

    incoming: Incoming
    user: User
    session: Session
    now: datetime
    strings: Strings
    text: str = ""

    @property
    def locale(self) -> str:
        """Return the user's locale."""
        return self.user.locale

    def in_danger_since(self) -> timedelta | None:
        """Return how long ago this session got the emergency answer, if it did."""
        mark = self.session.data.get(EMERGENCY_MARK)
        if not isinstance(mark, str):
            return None
        try:
            return self.now - datetime.fromisoformat(mark)
        except (ValueError, TypeError):
            return timedelta(0)  # a mark that cannot be read counts as now

    def still_in_danger(self) -> bool:
        """Return whether this session got the emergency answer within STILL_IN_DANGER."""
        since = self.in_danger_since()
        return since is not None and since <= STILL_IN_DANGER

    def t(self, key: str, **values: object) -> str:
        """Return the UI string ``key`` in the user's locale."""
        return self.strings.get(key, self.locale, **values)

    def button(self, key: str, payload: str, **values: object) -> Button:
        """Return a button whose label is the UI string ``key``."""
        return Button(self.t(key, **values), payload)

    def say(self, key: str, *buttons: Button, **values: object) -> Reply:
        """Return a reply with the UI string ``key`` and optional buttons."""
        return Reply(self.t(key, **values), tuple(buttons))

    def reply(self, *replies: Reply) -> Outcome:
        """Answer without changing state."""
        return Outcome(tuple(replies))

    def goto(self, state: str, data: dict[str, Any] | None, *replies: Reply) -> Outcome:
        """Answer and move the conversation to ``state`` with ``data``."""
        session = replace(self.session, state=state, data={**self._marks(), **(data or {})})
        return Outcome(tuple(replies), session=session)

    def end(self, *replies: Reply) -> Outcome:
        """Answer and leave any flow (state cleared)."""
        return Outcome(tuple(replies), session=replace(self.session, state="", data=self._marks()))

    def leave(self, *replies: Reply) -> Outcome:
        """Leave the flow and let the other handlers answer the message, after ``replies``."""
        session = replace(self.session, state="", data=self._marks())
        return Outcome(tuple(replies), session=session, passed=True)

    def _marks(self) -> dict[str, Any]:
        """Return what a session keeps across flows: when it got the emergency answer, if it did."""
        mark = self.session.data.get(EMERGENCY_MARK)
        return {EMERGENCY_MARK: mark} if mark is not None else {}

    def aside(self, *replies: Reply) -> Outcome:
        """Let the other handlers answer the message; the flow stays, ``replies`` follow."""
        return Outcome(tuple(replies), session=self.session, passed=True, aside=True)

    def cancels(self, extra: frozenset[str] = frozenset()) -> bool:
        """Return whether the text is a word that stops a flow (``CANCEL_WORDS`` or ``extra``)."""
        word = fold(self.text).strip(" .!")
        return word in CANCEL_WORDS or word in extra

    def choice(self) -> str | None:
        """Resolve the text as one of the last offered options: a number or a label's words."""
        if self.incoming.button:
            return self.incoming.button
        return resolve_option(self.text, self.session.options)


def resolve_option(text: str, options: tuple[tuple[str, str], ...]) -> str | None:
    """Map ``"2"`` or a label's words to the matching payload of ``(label, payload)`` options."""
    answer = text.strip().rstrip(".").strip()
    if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1][1]
    folded = fold(answer)
    if not folded:
        return None
    for label, payload in options:
        if fold(label) == folded:
            return payload
    return _yes_or_no(folded, options)


YES_WORDS = frozenset({"co", "ok", "oke", "okay", "dong y", "vang", "u", "uh", "yes", "y", "co a"})
NO_WORDS = frozenset({"khong", "ko", "k", "kg", "no", "thoi", "khong a", "khong cam on"})
"""Whole answers that mean yes or no (folded): "có" to "1. Xóa dữ liệu  2. Không xóa"."""


def _yes_or_no(folded: str, options: tuple[tuple[str, str], ...]) -> str | None:
    """Map a yes or no word to the option whose payload ends in ``:yes`` or ``:no``."""
    answer = folded.strip(" !.,")
    suffix = ":yes" if answer in YES_WORDS else ":no" if answer in NO_WORDS else ""
    found = [payload for _, payload in options if suffix and payload.endswith(suffix)]
    return found[0] if len(found) == 1 else None
