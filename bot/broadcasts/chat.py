"""In-chat broadcasting for admins and supervisors: /guitin (draft → preview → confirm), /tiendo."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.broadcasts.audience import province_of, recipients
from bot.broadcasts.campaigns import TEXT_MAX
from bot.broadcasts.engine import Engine, render
from bot.broadcasts.lockscreen import FIRST_LINE_MAX, first_line, unsafe_words
from bot.broadcasts.records import Audience, Broadcast, Status
from bot.core.app import App
from bot.core.messages import Reply
from bot.core.records import Role, User
from bot.core.turn import Outcome, Turn
from bot.core.units import official_units

FLOW = "bc"
TEXT_STATE, CONFIRM_STATE = "bc:text", "bc:confirm"
SHOWN = 3
"""Broadcasts listed by /tiendo."""


def scope(user: User, code: str = "") -> Audience | None:
    """Return the audience a user may reach: admins all (or one province), supervisors theirs."""
    if user.role == Role.ADMIN:
        return Audience((code,)) if code else Audience()
    province = province_of(user)
    return Audience((province,)) if province else None


def local_time(moment: datetime, zone: str) -> str:
    """Return ``HH:MM DD/MM`` in the local time zone."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%H:%M %d/%m")


class BroadcastChat:
    """Handlers of /guitin, its flow and buttons, and /tiendo."""

    def __init__(self, app: App, engine: Engine) -> None:
        self.app, self.engine = app, engine

    def audience_label(self, turn: Turn, audience: Audience) -> str:
        """Return who an audience is, in the user's words."""
        if not audience.provinces:
            return turn.t("bc.audience.all")
        names = [u.name for c in audience.provinces if (u := official_units().get(c)) is not None]
        return turn.t("bc.audience.province", province=", ".join(names))

    def start(self, turn: Turn) -> Outcome:
        """``/guitin [province code]``: ask for the text."""
        words = turn.text.split()
        code = words[1] if len(words) > 1 and turn.user.role == Role.ADMIN else ""
        unit = official_units().get(code) if code else None
        if code and (unit is None or unit.level != "province"):
            return turn.end(turn.say("bc.unknown_province", code=code))
        audience = scope(turn.user, code)
        if audience is None:
            return turn.end(turn.say("bc.no_province"))
        return self._ask_text(turn, audience)

    def _ask_text(self, turn: Turn, audience: Audience) -> Outcome:
        data = {"provinces": list(audience.provinces)}
        cancel = turn.button("bc.button.cancel", "bc:cancel")
        label = self.audience_label(turn, audience)
        return turn.goto(TEXT_STATE, data, turn.say("bc.ask_text", cancel, audience=label))

    def step(self, turn: Turn) -> Outcome:
        """Free text inside the flow: the message text, or a choice at the confirm step."""
        if turn.session.state == TEXT_STATE:
            return self._draft(turn)
        choice = turn.choice()
        if choice is not None and choice.startswith("bc:"):
            return self.button(replace(turn, incoming=replace(turn.incoming, button=choice)))
        return turn.reply(turn.say("bc.choose"))

    def _draft(self, turn: Turn) -> Outcome:
        problem = _text_problem(turn)
        if problem is not None:
            return turn.reply(problem)
        audience = Audience(tuple(turn.session.data.get("provinces", [])))
        with self.app.db.atomic():
            ident = self.engine.broadcasts.create(
                {"vi": turn.text}, audience, turn.user.urn, turn.now
            )
        assert ident is not None
        broadcast = self.engine.broadcasts.get(ident)
        assert broadcast is not None
        count = len(recipients(audience, self.app.store.users(subscribed=True)))
        buttons = (
            turn.button("bc.button.send", f"bc:send:{ident}"),
            turn.button("bc.button.edit", f"bc:edit:{ident}"),
            turn.button("bc.button.cancel", f"bc:cancel:{ident}"),
        )
        label = self.audience_label(turn, audience)
        summary = turn.say("bc.preview_summary", *buttons, count=count, audience=label)
        preview = render(self.app, broadcast, turn.locale)
        return turn.goto(
            CONFIRM_STATE, {"id": ident}, turn.say("bc.preview_intro"), preview, summary
        )

    def button(self, turn: Turn) -> Outcome:
        """Handle ``bc:send:ID``, ``bc:edit:ID`` and ``bc:cancel[:ID]``."""
        parts = (turn.incoming.button or "").split(":")
        action, ident = parts[1] if len(parts) > 1 else "", _int(parts[2] if len(parts) > 2 else "")
        draft = self._own_draft(turn, ident) if ident is not None else None
        if action == "cancel":
            if draft is not None:
                self._set(turn, draft, Status.CANCELLED, "broadcast.cancel")
            return turn.end(turn.say("bc.cancelled"))
        if draft is None:
            return turn.end(turn.say("bc.expired"))
        if action == "edit":
            self._set(turn, draft, Status.CANCELLED, "broadcast.cancel")
            return self._ask_text(turn, draft.audience)
        return self._schedule(turn, draft)

    def _schedule(self, turn: Turn, draft: Broadcast) -> Outcome:
        self._set(turn, draft, Status.SCHEDULED, "broadcast.schedule", send_at=turn.now)
        count = len(recipients(draft.audience, self.app.store.users(subscribed=True)))
        replies = [turn.say("bc.scheduled", id=draft.id, count=count)]
        quiet = self.engine.quiet
        if quiet.is_quiet(turn.now):
            start, end = quiet.start.strftime("%H:%M"), quiet.end.strftime("%H:%M")
            replies.append(turn.say("bc.quiet_note", start=start, end=end))
        return turn.end(*replies)

    def _own_draft(self, turn: Turn, ident: int) -> Broadcast | None:
        draft = self.engine.broadcasts.get(ident)
        if draft is None or draft.status != Status.DRAFT or draft.created_by != turn.user.urn:
            return None
        return draft

    def _set(
        self,
        turn: Turn,
        draft: Broadcast,
        status: Status,
        action: str,
        send_at: datetime | None = None,
    ) -> None:
        with self.app.db.atomic():
            self.engine.broadcasts.set_status(draft.id, status, turn.now, send_at=send_at)
            self.app.store.audit(turn.user.urn, action, {"broadcast": draft.id}, turn.now)

    def progress(self, turn: Turn) -> Outcome:
        """``/tiendo [ID]``: sent, failed, stopped, remaining and the estimated finish."""
        words = turn.text.split()
        wanted = _int(words[1]) if len(words) > 1 else None
        visible = [b for b in self.engine.broadcasts.recent(50) if self._may_see(turn.user, b)]
        visible = [b for b in visible if b.status != Status.DRAFT]
        if wanted is not None:
            visible = [b for b in visible if b.id == wanted]
            if not visible:
                return turn.reply(turn.say("bc.progress.not_found", id=wanted))
        if not visible:
            return turn.reply(turn.say("bc.progress.none"))
        return turn.reply(*(self._progress_reply(turn, b) for b in visible[:SHOWN]))

    def _may_see(self, user: User, broadcast: Broadcast) -> bool:
        if user.role == Role.ADMIN or broadcast.created_by == user.urn:
            return True
        province = province_of(user)
        return province is not None and broadcast.audience.provinces == (province,)

    def _progress_reply(self, turn: Turn, broadcast: Broadcast) -> Reply:
        progress = self.engine.broadcasts.progress(broadcast.id)
        status = turn.t(f"bc.status.{broadcast.status}")
        title = first_line(broadcast.text_for(turn.locale))
        lines = [
            turn.t(
                "bc.progress.item",
                id=broadcast.id,
                status=status,
                title=title,
                sent=progress.sent,
                total=progress.total,
                failed=progress.failed,
                stopped=progress.stopped,
                remaining=progress.remaining,
            )
        ]
        zone = self.app.settings.timezone
        if broadcast.status == Status.SCHEDULED and broadcast.send_at is not None:
            lines.append(turn.t("bc.progress.starts", when=local_time(broadcast.send_at, zone)))
        finish = self.engine.estimated_finish(broadcast, turn.now)
        if broadcast.status == Status.SENDING and finish is not None:
            lines.append(turn.t("bc.progress.eta", when=local_time(finish, zone)))
        return Reply("\n".join(lines))


def _text_problem(turn: Turn) -> Reply | None:
    line = first_line(turn.text)
    words = unsafe_words(line)
    if words:
        return turn.say("bc.unsafe", words=", ".join(f'"{w}"' for w in words))
    if len(line) > FIRST_LINE_MAX:
        return turn.say("bc.first_line_long", length=len(line), limit=FIRST_LINE_MAX)
    if len(turn.text) > TEXT_MAX:
        return turn.say("bc.too_long", length=len(turn.text), limit=TEXT_MAX)
    return None


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None
