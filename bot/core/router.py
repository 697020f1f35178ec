"""Where each kind of message goes: commands, button payloads, flow states and intents."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.records import Role
from bot.core.turn import Outcome, Turn
from nlu.normalize import fold

Handler = Callable[[Turn], Outcome]
TextMatcher = Callable[[str], bool]
JobFunction = Callable[[datetime], Awaitable[None]]
"""A scheduled job: takes ``now`` (aware) so tests can call it with any time."""


def folded_words(pattern: re.Pattern[str]) -> TextMatcher:
    """Return a text matcher: does ``pattern`` occur in the message folded (no diacritics)?"""

    def matches(text: str) -> bool:
        return pattern.search(fold(text)) is not None

    return matches


@dataclass(frozen=True)
class Job:
    """A job run every ``seconds`` by bot/scheduler.py (the only APScheduler importer)."""

    name: str
    seconds: float
    function: JobFunction


@dataclass(frozen=True)
class Route:
    """A handler and the roles allowed to reach it (None: everyone)."""

    handler: Handler
    roles: frozenset[Role] | None = None
    help_key: str | None = None
    optional: bool = False
    """An optional flow (a survey profile): the emergency answer ends it."""

    def allows(self, role: Role) -> bool:
        """Return whether a user with ``role`` may use this route."""
        return self.roles is None or role in self.roles


@dataclass(frozen=True)
class MenuItem:
    """A button a feature adds to the main menu for some roles (label is a UI string key)."""

    label_key: str
    payload: str
    roles: frozenset[Role] | None = None


@dataclass
class Router:
    """Registry filled by each feature's ``register`` function."""

    commands: dict[str, Route] = field(default_factory=dict)
    buttons: dict[str, Route] = field(default_factory=dict)
    states: dict[str, Route] = field(default_factory=dict)
    intents: dict[str, Route] = field(default_factory=dict)
    jobs: list[Job] = field(default_factory=list)
    texts: list[tuple[TextMatcher, Route]] = field(default_factory=list)
    menu: list[MenuItem] = field(default_factory=list)

    def menu_item(self, label_key: str, payload: str, roles: Iterable[Role] | None = None) -> None:
        """Add a button to the main menu, shown only to ``roles`` (None: everyone)."""
        self.menu.append(MenuItem(label_key, payload, _roles(roles)))

    def menu_for(self, role: Role) -> list[tuple[str, str]]:
        """Return the ``(label key, payload)`` menu buttons features added for ``role``."""
        return [(m.label_key, m.payload) for m in self.menu if m.roles is None or role in m.roles]

    def text(
        self, matcher: TextMatcher, handler: Handler, roles: Iterable[Role] | None = None
    ) -> None:
        """Route free text that ``matcher`` accepts (after flows and options, before intents)."""
        self.texts.append((matcher, Route(handler, _roles(roles))))

    def job(self, name: str, seconds: float, function: JobFunction) -> None:
        """Run ``function(now)`` every ``seconds`` while the bot serves."""
        if any(job.name == name for job in self.jobs):
            raise ValueError(f"job {name!r} registered twice")
        self.jobs.append(Job(name, seconds, function))

    def command(
        self,
        names: str | Iterable[str],
        handler: Handler,
        roles: Iterable[Role] | None = None,
        help_key: str | None = None,
    ) -> None:
        """Route ``/name`` (and aliases) to ``handler``; the first name is shown in help."""
        route = Route(handler, frozenset(roles) if roles is not None else None, help_key)
        for name in [names] if isinstance(names, str) else names:
            _add(self.commands, name.lstrip("/").lower(), route, "command")

    def button(self, prefix: str, handler: Handler, roles: Iterable[Role] | None = None) -> None:
        """Route button payloads ``prefix:...`` to ``handler``."""
        _add(self.buttons, prefix, Route(handler, _roles(roles)), "button prefix")

    def state(
        self,
        flow: str,
        handler: Handler,
        roles: Iterable[Role] | None = None,
        optional: bool = False,
    ) -> None:
        """Route text sent while the session is in ``flow:...`` to ``handler``.

        An ``optional`` flow (questions a person may skip) ends when the emergency answer is given.
        """
        route = Route(handler, _roles(roles), optional=optional)
        _add(self.states, flow, route, "state flow")

    def intent(self, name: str, handler: Handler, roles: Iterable[Role] | None = None) -> None:
        """Route free text classified as ``name`` to ``handler``."""
        _add(self.intents, name, Route(handler, _roles(roles)), "intent")

    def visible_commands(self, role: Role) -> list[tuple[str, str]]:
        """Return ``(command, help key)`` pairs the role may see, in registration order."""
        seen: set[int] = set()
        result = []
        for name, route in self.commands.items():
            if route.help_key and route.allows(role) and id(route) not in seen:
                seen.add(id(route))
                result.append((name, route.help_key))
        return result


def _roles(roles: Iterable[Role] | None) -> frozenset[Role] | None:
    return frozenset(roles) if roles is not None else None


def _add(table: dict[str, Route], key: str, route: Route, what: str) -> None:
    if key in table:
        raise ValueError(f"{what} {key!r} registered twice")
    table[key] = route
