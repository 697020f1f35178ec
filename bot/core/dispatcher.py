"""The core: one incoming message in, replies out, state persisted. Channel-neutral."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from bot.core.i18n import Strings
from bot.core.messages import Incoming, Reply
from bot.core.records import STAFF, Role, Session, Stat, User
from bot.core.router import Route, Router
from bot.core.store import Store
from bot.core.turn import EMERGENCY_MARK, Outcome, Turn, resolve_option
from nlu import Parse
from nlu.english import written_in_english

log = logging.getLogger(__name__)

ENGLISH = "en"
"""The locale of a message written in English (content/strings has it)."""
MAX_TEXT = 2000
"""Characters of a message the bot reads; longer messages are cut (and the user told)."""

Clock = Callable[[], datetime]
LocalHelp = Callable[[User], Sequence[str]]


class Understanding(Protocol):
    """What the dispatcher needs from the Q&A engine."""

    def parse(self, text: str) -> Parse:
        """Classify a message."""
        ...

    def emergency(
        self, locale: str = "vi", local_help: Sequence[str] = (), parse: Parse | None = None
    ) -> list[Reply]:
        """Return the emergency answer first, then the answer to what ``parse`` asked, if any."""
        ...


@dataclass(frozen=True)
class Policy:
    """Settings the dispatcher applies to every turn."""

    default_locale: str = "vi"
    store_citizen_text: bool = False


def clean_text(text: str) -> str:
    """Return NFC text without control characters (newlines kept), stripped."""
    text = unicodedata.normalize("NFC", text)
    if text.isprintable():  # no control or format character: nothing to replace
        return text.strip()
    kept = (c if c in "\n\t" or unicodedata.category(c)[0] != "C" else " " for c in text)
    return "".join(kept).strip()


class Dispatcher:
    """Routes each message by emergency, button, command, flow state, then intent."""

    def __init__(
        self,
        store: Store,
        strings: Strings,
        router: Router,
        nlu: Understanding,
        clock: Clock,
        policy: Policy = Policy(),
        local_help: LocalHelp = lambda user: (),
    ) -> None:
        self.store, self.strings, self.router, self.nlu = store, strings, router, nlu
        self.clock, self.policy, self.local_help = clock, policy, local_help
        self.fallback: Callable[[Turn, Parse], Outcome] | None = None
        self.on_forget: list[Callable[[str], None]] = []
        """Called with a user's URN when they delete their data (what is kept in memory)."""
        self.on_emergency: list[Callable[[Turn, Parse], None]] = []
        """Told of each emergency answered (the Q&A keeps its entry for follow-ups)."""
        self.emergency_context: Callable[[Turn, Parse], Parse] = lambda turn, parse: parse
        """Reads a message in danger after what the user told just before (a person introduced)."""

    def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message; never raises (the user gets a clear message instead)."""
        now = self.clock()
        try:
            return self._handle(incoming, now)
        except Exception:
            log.exception("failed to handle a message from %s", incoming.channel)
            locale = self._locale_of(incoming.user)
            return self._emergency_anyway(incoming, locale) or [
                Reply(self.strings.get("core.error", locale))
            ]

    def _emergency_anyway(self, incoming: Incoming, locale: str) -> list[Reply]:
        """Return the emergency answer if the message is one: it needs no storage."""
        text = clean_text(incoming.text)[:MAX_TEXT]
        try:
            if text and not text.startswith("/") and self.nlu.parse(text).emergency:
                return self.nlu.emergency(locale)
        except Exception:
            log.exception("emergency check failed")
        return []

    def _locale_of(self, urn: str) -> str:
        try:
            user = self.store.get_user(urn)
        except Exception:
            return self.policy.default_locale
        return user.locale if user else self.policy.default_locale

    def _handle(self, incoming: Incoming, now: datetime) -> list[Reply]:
        user = self.store.get_user(incoming.user) or User(
            incoming.user, locale=self.policy.default_locale, first_seen=now
        )
        user = replace(user, last_seen=now, stopped=False)  # writing in makes them reachable
        session = self.store.load_session(incoming.user)
        text = clean_text(incoming.text)
        reader = self._reader(user, text)
        turn = Turn(incoming, reader, session, now, self.strings, text[:MAX_TEXT])
        outcome = self._route(turn)
        if len(text) > MAX_TEXT:
            outcome = replace(outcome, replies=(turn.say("core.too_long"), *outcome.replies))
        if reader is not user:  # the message's language is for this answer, not remembered
            outcome = replace(outcome, user=replace(outcome.user or user, locale=user.locale))
        self._save(turn, outcome)
        return list(outcome.replies)

    def _reader(self, user: User, text: str) -> User:
        """Return the user as this message is answered: in English when it is written in English.

        A visitor who writes "where can I call if I'm in danger" has not found /lang en yet; a
        command is in the user's own language.
        """
        if user.locale != self.policy.default_locale or text.startswith("/"):
            return user
        return replace(user, locale=ENGLISH) if written_in_english(text) else user

    def _save(self, turn: Turn, outcome: Outcome) -> None:
        if outcome.forget:
            self.store.delete_user_data(turn.user.urn)
            for forget in self.on_forget:
                forget(turn.user.urn)
            return
        user = outcome.user or turn.user
        self.store.save_user(user)
        session = outcome.session or turn.session
        options = tuple((b.label, b.payload) for r in outcome.replies for b in r.buttons)
        self.store.save_session(replace(session, options=options), turn.now)
        self._record(turn, user, outcome)

    def _record(self, turn: Turn, user: User, outcome: Outcome) -> None:
        if outcome.intent is not None and not user.is_staff:
            day = turn.now.date().isoformat()
            stat = Stat(day, user.channel, outcome.intent, outcome.topic, outcome.confidence or 0)
            self.store.record_stat(stat)
        if turn.text and (user.is_staff or self.policy.store_citizen_text):
            self.store.log_message(user.urn, "in", turn.text, turn.now)

    def _route(self, turn: Turn) -> Outcome:
        if turn.incoming.button is not None:
            return self._button(turn, turn.incoming.button)
        if not turn.text and turn.incoming.location is None:
            return turn.reply(turn.say("core.empty"))
        if turn.text.startswith("/"):
            return self._command(turn)
        parse = self.nlu.parse(turn.text) if turn.text else None
        if parse is not None and parse.emergency:
            parse = self.emergency_context(turn, parse)
            help_lines = self.local_help(turn.user)
            replies = self.nlu.emergency(turn.locale, help_lines, parse)
            session = self._mark_emergency(turn)
            self._tell_emergency(turn, parse)
            return Outcome(tuple(replies), session, intent="emergency", confidence=parse.confidence)
        outcome = self._free_text(turn, parse)
        if outcome.intent == "emergency" and outcome.session is None:  # danger read in context
            return replace(outcome, session=self._mark_emergency(turn))
        return outcome

    def _tell_emergency(self, turn: Turn, parse: Parse) -> None:
        """Tell the listeners of an emergency; a listener's failure never costs the answer."""
        for told in self.on_emergency:
            try:
                told(turn, parse)
            except Exception:
                log.exception("emergency listener failed")

    def _mark_emergency(self, turn: Turn) -> Session | None:
        """Leave an optional flow and mark the session, so optional questions wait (turn.py)."""
        route = self.router.states.get(turn.session.flow())
        if turn.session.state and (route is None or not route.optional):
            return None  # a task flow (a report) keeps its state and data untouched
        return replace(turn.session, state="", data={EMERGENCY_MARK: turn.now.isoformat()})

    def _free_text(self, turn: Turn, parse: Parse | None) -> Outcome:
        flow = turn.session.flow()
        if not flow:
            return self._outside_flows(turn, parse)
        route = self.router.states.get(flow)
        if route is not None and route.allows(turn.user.role):
            outcome = route.handler(turn)
            if not outcome.passed:
                return outcome
        else:
            outcome = turn.leave()
        left = replace(turn, session=outcome.session or replace(turn.session, state="", data={}))
        after = self._outside_flows(left, parse)
        if outcome.aside:
            return self._aside(turn, outcome, after)
        return replace(
            after, replies=outcome.replies + after.replies, session=after.session or left.session
        )

    def _aside(self, turn: Turn, flow: Outcome, after: Outcome) -> Outcome:
        """Answer aside, then the flow's reminder; never an answer that would move the session.

        A report half entered is not lost to "hạn nộp báo cáo …" starting a new one.
        """
        if after.session is not None and after.session != flow.session:
            refused = Reply(turn.t("core.aside_refused"))
            return replace(flow, replies=(refused, *flow.replies), passed=False, aside=False)
        return replace(after, replies=after.replies + flow.replies, session=flow.session)

    def _outside_flows(self, turn: Turn, parse: Parse | None) -> Outcome:
        choice = resolve_option(turn.text, turn.session.options)
        if choice is not None:
            return self._button(turn, choice)
        for matcher, text_route in self.router.texts:
            if text_route.allows(turn.user.role) and matcher(turn.text):
                return text_route.handler(turn)
        return self._intent(turn, parse)

    def _intent(self, turn: Turn, parse: Parse | None) -> Outcome:
        if parse is None:
            route = self.router.intents.get("location")
            return route.handler(turn) if route else turn.reply(turn.say("core.empty"))
        route = self.router.intents.get(parse.intent)
        if route is not None and route.allows(turn.user.role):
            outcome = route.handler(turn)
        elif self.fallback is not None:
            outcome = self.fallback(turn, parse)
        else:
            outcome = turn.reply(turn.say("core.not_understood"))
        if outcome.intent is None:
            outcome = replace(outcome, intent=parse.intent, confidence=parse.confidence)
        return outcome

    def _command(self, turn: Turn) -> Outcome:
        word = turn.text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()
        route = self.router.commands.get(word)
        staff = turn.user.role in STAFF
        if route is not None and route.roles and staff and not route.allows(turn.user.role):
            return turn.reply(_reserved(turn, word, route.roles))
        if route is None or not route.allows(turn.user.role):
            return turn.reply(turn.say("core.unknown_command"))
        return route.handler(turn)

    def _button(self, turn: Turn, payload: str) -> Outcome:
        route: Route | None = self.router.buttons.get(payload.split(":", 1)[0])
        if route is None or not route.allows(turn.user.role):
            return turn.reply(turn.say("core.button_unknown"))
        pressed = replace(turn, incoming=replace(turn.incoming, button=payload))
        return route.handler(pressed)


def _reserved(turn: Turn, command: str, roles: frozenset[Role]) -> Reply:
    """Tell a staff member which roles may use ``/command`` (citizens just get "unknown")."""
    names = ", ".join(turn.t(f"core.role.{role}") for role in Role if role in roles)
    return turn.say("core.command_roles", command=command, roles=names)
