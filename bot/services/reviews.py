"""Provincial supervisors approve or reject proposed service updates (``/duyet`` or buttons)."""

from __future__ import annotations

from datetime import datetime

from bot.core.messages import Reply
from bot.core.records import Role, User
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.core.units import Units
from bot.services.catalog import Catalog
from bot.services.lookup import Say
from bot.services.proposals import Proposal, proposed_entry

REVIEWERS = (Role.SUPERVISOR, Role.ADMIN)
SHOWN = 5
"""Proposals listed per ``/duyet``; the next ones appear once these are decided."""


def may_review(units: Units, user: User, proposal: Proposal) -> bool:
    """Return whether ``user`` reviews this proposal: an admin, or the province's supervisor."""
    if user.role == Role.ADMIN:
        return True
    unit = units.get(user.unit or "")
    return (
        user.role == Role.SUPERVISOR
        and unit is not None
        and unit.level == "province"
        and units.contains(unit.code, proposal.unit)
    )


def notify_reviewers(catalog: Catalog, proposal: Proposal, now: datetime) -> None:
    """Queue a notice to the province's supervisors (admins when the province has none)."""
    store = catalog.app.store
    supervisors = store.users(role=Role.SUPERVISOR)
    reviewers = [u for u in supervisors if may_review(catalog.units, u, proposal)]
    for user in reviewers or store.users(role=Role.ADMIN):
        text = catalog.say(user.locale)(
            "svc.rev.notify", id=proposal.id, unit=catalog.unit_name(proposal.unit)
        )
        store.notify(user.urn, text, f"svc:proposal:{proposal.id}:{user.urn}", now)


def describe(catalog: Catalog, proposal: Proposal, say: Say) -> str:
    """Return what a proposal changes, one line per field."""
    if proposal.action == "add":
        details = [proposal.changes.get(k, "") for k in ("name", "phone", "address")]
        kind = say(f"svc.kind.{proposal.changes.get('kind', 'hotline')}")
        return say("svc.change.add", kind=kind, line=", ".join(d for d in details if d))
    entry = catalog.directory().get(proposal.entry_id)
    if entry is None:
        return proposal.entry_id
    if proposal.action == "confirm":
        return say("svc.change.confirm", name=entry.name)
    current, empty = entry.as_row(), say("svc.upd.empty")
    lines = []
    for name, new in proposal.changes.items():
        label = say(f"svc.field.{name}")
        lines.append(
            say("svc.change.update", field=label, old=current[name] or empty, new=new or empty)
        )
    return "\n".join(lines)


class Reviews:
    """``/duyet`` lists the proposals a reviewer may decide; ``sva:ok|no:<id>`` decides one."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def list(self, turn: Turn) -> Outcome:
        """List the pending proposals in the reviewer's province (all for an admin)."""
        units = self.catalog.units
        pending = [p for p in self.catalog.proposals.pending() if may_review(units, turn.user, p)]
        if not pending:
            return turn.end(turn.say("svc.rev.none"))
        return turn.end(*(self._item(turn, p) for p in pending[:SHOWN]))

    def _item(self, turn: Turn, proposal: Proposal) -> Reply:
        ok = turn.button("svc.rev.approve", f"sva:ok:{proposal.id}", id=proposal.id)
        no = turn.button("svc.rev.reject", f"sva:no:{proposal.id}", id=proposal.id)
        return turn.say(
            "svc.rev.item",
            ok,
            no,
            id=proposal.id,
            unit=self.catalog.unit_name(proposal.unit),
            proposer=proposal.proposer,
            summary=describe(self.catalog, proposal, turn.t),
        )

    def pressed(self, turn: Turn) -> Outcome:
        """Approve or reject the proposal named by the button."""
        action, _, number = (turn.incoming.button or "").removeprefix("sva:").partition(":")
        proposal = self.catalog.proposals.get(int(number)) if number.isdigit() else None
        if proposal is None or proposal.status != "pending" or action not in ("ok", "no"):
            return turn.reply(turn.say("svc.rev.gone"))
        if not may_review(self.catalog.units, turn.user, proposal):
            return turn.reply(turn.say("svc.rev.not_yours"))
        if proposal.proposer == turn.user.urn and turn.user.role != Role.ADMIN:
            return turn.reply(turn.say("svc.rev.self"))
        return self.approve(turn, proposal) if action == "ok" else self.reject(turn, proposal)

    def approve(self, turn: Turn, proposal: Proposal) -> Outcome:
        """Apply the proposal as an override verified today; audit and tell the proposer."""
        today, catalog = self.catalog.today(), self.catalog
        entry, problems = proposed_entry(proposal, catalog.directory(), catalog.units, today)
        if entry is None:
            return turn.reply(turn.say("svc.rev.invalid", id=proposal.id, reason=problems[0]))
        detail = self._detail(proposal) | {"entry": entry.id, "last_verified": today.isoformat()}
        with catalog.app.db.atomic():
            catalog.proposals.save_override(entry, proposal.id, turn.user.urn, turn.now)
            catalog.proposals.decide(proposal.id, "approved", turn.user.urn, turn.now)
            catalog.app.store.audit(turn.user.urn, "services.approve", detail, turn.now)
            self._tell(proposal, "svc.rev.done_approved", turn.now)
        shown = today.strftime("%d/%m/%Y")
        return turn.reply(turn.say("svc.rev.approved", id=proposal.id, date=shown))

    def reject(self, turn: Turn, proposal: Proposal) -> Outcome:
        """Mark the proposal rejected; audit and tell the proposer."""
        catalog = self.catalog
        with catalog.app.db.atomic():
            catalog.proposals.decide(proposal.id, "rejected", turn.user.urn, turn.now)
            catalog.app.store.audit(
                turn.user.urn, "services.reject", self._detail(proposal), turn.now
            )
            self._tell(proposal, "svc.rev.done_rejected", turn.now)
        return turn.reply(turn.say("svc.rev.rejected", id=proposal.id))

    def _detail(self, proposal: Proposal) -> dict[str, object]:
        return {
            "proposal": proposal.id,
            "entry": proposal.entry_id,
            "unit": proposal.unit,
            "action": proposal.action,
            "changes": proposal.changes,
            "proposer": proposal.proposer,
        }

    def _tell(self, proposal: Proposal, key: str, now: datetime) -> None:
        store = self.catalog.app.store
        user = store.get_user(proposal.proposer)
        text = self.catalog.say(user.locale if user else "vi")(key, id=proposal.id)
        store.notify(proposal.proposer, text, f"svc:decided:{proposal.id}", now)


def register(router: Router, catalog: Catalog) -> None:
    """Register ``/duyet`` and the approval buttons for supervisors and admins."""
    reviews = Reviews(catalog)
    router.command(
        ["duyet", "duyet_dichvu"], reviews.list, roles=REVIEWERS, help_key="svc.help.review"
    )
    router.button("sva", reviews.pressed, roles=REVIEWERS)
