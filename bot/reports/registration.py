"""Becoming staff: ``/dangky CODE`` binds a user to a unit and role; ``/moi`` invites."""

from __future__ import annotations

from dataclasses import replace

from bot.core.app import App
from bot.core.messages import Reply
from bot.core.records import Role
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.core.units import Unit, Units
from bot.reports.context import SUPERVISORS, Reporting
from bot.reports.invites import Invite, display_code, may_invite
from bot.reports.view import day, unit_name
from nlu.normalize import fold

FLOW = "reg"
INVITE_DAYS = 7
MAX_MATCHES = 5


def _argument(turn: Turn) -> str:
    parts = turn.text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def find_units(units: Units, scope: str, text: str) -> list[Unit]:
    """Return the units below ``scope`` named by ``text`` (a code, or all or part of a name)."""
    wanted = fold(text).strip()
    exact = units.get(text.strip())
    if exact is not None:
        return [exact] if units.contains(scope, exact.code) else []
    inside = [p for p in units.provinces() if units.contains(scope, p.code)]
    candidates = inside + [c for p in inside for c in units.communes(p.code)]
    named = [u for u in candidates if fold(u.name) == wanted]
    if named:
        return named
    bare = [u for u in candidates if fold(u.name).split(" ", 1)[-1] == wanted]
    return bare or [u for u in candidates if wanted and wanted in fold(u.name)]


class Registration:
    """Invite codes in chat, on a shared Reporting."""

    def __init__(self, rep: Reporting) -> None:
        self.rep = rep

    def register_user(self, turn: Turn) -> Outcome:
        """``/dangky CODE``: redeem an invite code (asks for it when missing)."""
        code = _argument(turn)
        if not code:
            return turn.goto(f"{FLOW}:code", {}, turn.say("rep.reg.ask_code"))
        return self.redeem(turn, code)

    def code_text(self, turn: Turn) -> Outcome:
        """The code typed after ``/dangky`` asked for it."""
        if fold(turn.text) in ("huy", "thoat"):
            return turn.end(turn.say("rep.reg.cancelled"))
        return self.redeem(turn, turn.text)

    def redeem(self, turn: Turn, code: str) -> Outcome:
        """Check the code (throttled) and, if good, make the user staff of its unit (audited)."""
        with self.rep.app.db.atomic():
            result = self.rep.invites.redeem(turn.user.urn, code, turn.now, turn.incoming.origin)
            if isinstance(result, Invite):
                detail = {
                    "invite": result.id,
                    "unit": result.unit,
                    "role": str(result.role),
                    "previous_role": str(turn.user.role),
                    "previous_unit": turn.user.unit,
                }
                self.rep.app.store.audit(turn.user.urn, "register", detail, turn.now)
        if not isinstance(result, Invite):
            return turn.end(turn.say(result.key, minutes=result.minutes))
        user = replace(turn.user, role=result.role, unit=result.unit)
        text = turn.t(
            "rep.reg.done",
            role=turn.t(f"rep.role.{result.role}"),
            unit=unit_name(self.rep.units, result.unit),
        )
        hint = turn.t(f"rep.reg.next.{result.role}")
        outcome = turn.end(Reply(f"{text}\n{hint}"))
        return replace(outcome, user=user)

    def _target(self, turn: Turn, wanted: str) -> Unit | Outcome:
        scope = turn.user.unit or ""
        found = find_units(self.rep.units, scope, wanted)
        if len(found) > 1:
            lines = [f"• {u.code} {unit_name(self.rep.units, u.code)}" for u in found[:MAX_MATCHES]]
            return turn.reply(turn.say("rep.invite.several", names="\n".join(lines)))
        if not found or not may_invite(self.rep.units, turn.user.role, scope, found[0].code):
            return turn.reply(turn.say("rep.invite.not_allowed", text=wanted))
        return found[0]

    def invite(self, turn: Turn) -> Outcome:
        """``/moi UNIT``: a one-time code for an officer (commune) or supervisor (province)."""
        wanted = _argument(turn)
        unit = self._target(turn, wanted) if wanted else turn.reply(turn.say("rep.invite.usage"))
        if isinstance(unit, Outcome):
            return unit
        role = Role.OFFICER if unit.level == "commune" else Role.SUPERVISOR
        with self.rep.app.db.atomic():
            code, invite = self.rep.invites.create(
                unit.code, role, turn.user.urn, turn.now, days=INVITE_DAYS
            )
            detail = {"invite": invite.id, "unit": unit.code, "role": str(role)}
            self.rep.app.store.audit(turn.user.urn, "invite", detail, turn.now)
        done = turn.say(
            "rep.invite.done",
            code=display_code(code),
            role=turn.t(f"rep.role.{role}"),
            unit=unit_name(self.rep.units, unit.code),
            expires=day(self.rep.today(invite.expires_at)),
        )
        return turn.reply(done)


def register(router: Router, app: App, rep: Reporting) -> None:
    """Register /dangky (everyone), its code step and /moi (supervisors, admins)."""
    registration = Registration(rep)
    router.command(["dangky", "register"], registration.register_user)
    router.state(FLOW, registration.code_text)
    router.command(
        ["moi", "invite"], registration.invite, roles=SUPERVISORS, help_key="rep.help.moi"
    )
