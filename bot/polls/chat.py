"""Polls in chat: /khaosat, answering (button, number or words), typed answers, /ketqua."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from bot.broadcasts.audience import province_of
from bot.core.app import App
from bot.core.messages import Button, Document, Reply
from bot.core.records import Role, User
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.polls.export import XLSX_MIME, file_name, xlsx_bytes
from bot.polls.profile import ProfileChat
from bot.polls.quiz import WANTS, only_asks
from bot.polls.records import Kind, Poll, text_for
from bot.polls.repository import Polls
from bot.polls.summary import PollResults, publish_poll
from bot.polls.view import ANSWER, answer_label, local, poll_buttons, results_text

_ASKS_POLL = re.compile(
    WANTS + r"(?:lam|tra loi|tham gia|bat dau|xem)? ?(?:cac |bai |cuoc )?"
    r"(?:khao sat|binh chon)\W*$"
)
"""Words alone that ask for the open polls, folded: "tôi muốn làm khảo sát", "bình chọn"."""
_ASKS_RESULTS = re.compile(WANTS + r"(?:xem )?ket qua (?:cac |cuoc )?(?:khao sat|binh chon)\W*$")
"""Words alone that ask for the polls' results, folded: "xem kết quả khảo sát"."""
FLOW = "poll"
RESULTS = "pres"
TEXT_MAX = 200
LABEL_MAX = 60
STAFF = (Role.ADMIN, Role.SUPERVISOR)


def eligible(poll: Poll, user: User) -> bool:
    """Return whether ``user`` falls in the poll's audience (roles, provinces, channels)."""
    audience = poll.audience
    if audience.channels and user.channel not in audience.channels:
        return False
    if audience.roles and user.role not in audience.roles:
        return False
    return not audience.provinces or province_of(user) in audience.provinces


def parse_number(text: str) -> str | None:
    """Return a typed number in a canonical form ("3", "2.5"), or None."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value or abs(value) > 1e9:  # NaN or absurd
        return None
    return str(int(value)) if value.is_integer() else str(value)


class PollChat:
    """Chat handlers for polls; the profile offer follows a first answer."""

    def __init__(self, app: App, profile: ProfileChat) -> None:
        self.app, self.profile = app, profile
        self.polls = Polls(app.db)
        self.zone = app.settings.timezone

    def _closes(self, poll: Poll) -> str:
        return local(poll.closes_at, self.zone)

    def show(self, turn: Turn, poll: Poll) -> Outcome:
        """Show one poll with its answer buttons and the person's current answer."""
        question = text_for(poll.question, turn.locale)
        text = turn.t("poll.show", question=question, closes=self._closes(poll))
        mine = self.polls.answer_of(poll.id, turn.user.urn)
        if mine is not None:
            label = answer_label(poll, mine.option, mine.value, turn.locale)
            text += "\n" + turn.t("poll.show.current", answer=label)
        buttons = poll_buttons(poll, turn.strings, turn.locale)
        return turn.reply(Reply(text, buttons))

    def list_open(self, turn: Turn) -> Outcome:
        """``/khaosat [id or key]``: one poll, or the open polls this person may answer."""
        words = turn.text.split()[1:]
        if words:
            poll = self.polls.find(words[0])
            if poll is None:
                return turn.reply(turn.say("poll.missing"))
            return self._refuse(turn, poll) or self.show(turn, poll)
        found = [p for p in self.polls.open_at(turn.now) if eligible(p, turn.user)]
        if not found:
            return turn.reply(turn.say("poll.none_open"))
        if len(found) == 1:
            return self.show(turn, found[0])
        buttons = [
            Button(text_for(p.question, turn.locale)[:LABEL_MAX], f"{ANSWER}:show:{p.id}")
            for p in found
        ]
        return turn.reply(turn.say("poll.choose", *buttons))

    def button(self, turn: Turn) -> Outcome:
        """Handle ``poll:<id>:<n>``, ``poll:<id>:type`` and ``poll:show:<id>``."""
        parts = (turn.incoming.button or "").split(":")
        if len(parts) != 3:
            return turn.reply(turn.say("core.button_unknown"))
        show = parts[1] == "show"
        ident, action = (parts[2], "show") if show else (parts[1], parts[2])
        poll = self.polls.get(int(ident)) if ident.isdigit() else None
        if poll is None:
            return turn.reply(turn.say("poll.missing"))
        if action == "show":
            return self.show(turn, poll)
        refused = self._refuse(turn, poll)
        if refused is not None:
            return refused
        if action == "type" and poll.kind != Kind.CHOICE:
            return self._ask_typed(turn, poll)
        if action.isdigit() and poll.kind == Kind.CHOICE and 1 <= int(action) <= len(poll.options):
            return self._record(turn, poll, int(action), "")
        return turn.reply(turn.say("core.button_unknown"))

    def _refuse(self, turn: Turn, poll: Poll) -> Outcome | None:
        if poll.has_closed(turn.now):
            return turn.reply(turn.say("poll.closed"))
        if not poll.is_open(turn.now):
            return turn.reply(turn.say("poll.not_open"))
        return None

    def _ask_typed(self, turn: Turn, poll: Poll) -> Outcome:
        question = text_for(poll.question, turn.locale)
        key = "poll.ask_number" if poll.kind == Kind.NUMBER else "poll.ask_text"
        reply = turn.say(key, question=question, limit=TEXT_MAX)
        return turn.goto(f"{FLOW}:{poll.id}", {}, reply)

    def typed(self, turn: Turn) -> Outcome:
        """Text while a number or text answer is expected."""
        ident = turn.session.state.partition(":")[2]
        poll = self.polls.get(int(ident)) if ident.isdigit() else None
        if poll is None:
            return turn.end(turn.say("poll.missing"))
        refused = self._refuse(turn, poll)
        if refused is not None:
            return replace(refused, session=replace(turn.session, state="", data={}))
        if poll.kind == Kind.NUMBER:
            value = parse_number(turn.text)
            if value is None:
                return turn.reply(turn.say("poll.need_number"))
        else:
            value = turn.text.strip()
            if len(value) > TEXT_MAX:
                return turn.reply(turn.say("poll.text_too_long", length=len(value), limit=TEXT_MAX))
        return self._record(turn, poll, None, value)

    def _record(self, turn: Turn, poll: Poll, option: int | None, value: str) -> Outcome:
        changed = self.polls.answer(poll, turn.user.urn, option, value, turn.now)
        label = answer_label(poll, option, value, turn.locale)
        key = "poll.changed" if changed else "poll.thanks"
        thanks = turn.say(key, answer=label, closes=self._closes(poll))
        offer = self.profile.offer(turn)
        if offer is not None:
            return turn.goto("", {}, thanks, offer)
        if turn.session.flow() == FLOW:
            return turn.end(thanks)
        return turn.reply(thanks)  # another flow (a report) keeps its state

    def results(self, turn: Turn) -> Outcome:
        """``/ketqua [id or key]``: live results of a poll, small cells suppressed."""
        words = turn.text.split()[1:]
        poll = self.polls.find(words[0]) if words else self._latest(turn)
        if poll is None:
            return turn.reply(turn.say("poll.results.none" if not words else "poll.missing"))
        found = self.published(poll, turn.locale)
        text = results_text(found, turn.strings, turn.now, self.zone)
        buttons: tuple[Button, ...] = ()
        if turn.user.role in STAFF:
            buttons = (turn.button("poll.results.export", f"{RESULTS}:{poll.id}:xlsx"),)
        return turn.reply(Reply(text, buttons))

    def _latest(self, turn: Turn) -> Poll | None:
        started = [p for p in self.polls.recent() if p.opens_at <= turn.now]
        mine = [p for p in started if eligible(p, turn.user)]
        found = mine or started
        return found[0] if found else None

    def published(self, poll: Poll, locale: str) -> PollResults:
        """Return the poll's suppressed results in ``locale``."""
        return publish_poll(self.app.db, poll, self.app.strings, locale)

    def export(self, turn: Turn) -> Outcome:
        """``pres:<id>:xlsx`` (supervisors, administrators): the results as a workbook."""
        ident = (turn.incoming.button or "").split(":")[1]
        poll = self.polls.get(int(ident)) if ident.isdigit() else None
        if poll is None:
            return turn.reply(turn.say("poll.missing"))
        found = self.published(poll, turn.locale)
        data = xlsx_bytes(found, turn.strings, turn.now, self.zone)
        document = Document(file_name(found), data, XLSX_MIME)
        return turn.reply(Reply(turn.t("poll.results.file"), document=document))

    def register(self, router: Router) -> None:
        """Register /khaosat, /ketqua (or asked in words), the answer buttons and the typed flow."""
        router.command(["khaosat", "poll"], self.list_open, help_key="poll.help.polls")
        router.command(["ketqua", "results"], self.results, help_key="poll.help.results")
        router.button(ANSWER, self.button)
        router.button(RESULTS, self.export, roles=STAFF)
        router.state(FLOW, self.typed, optional=True)
        router.text(
            partial(only_asks, _ASKS_POLL), lambda turn: self.list_open(replace(turn, text=""))
        )
        router.text(
            partial(only_asks, _ASKS_RESULTS), lambda turn: self.results(replace(turn, text=""))
        )
