"""Officers propose updates to their own unit's support services (``/capnhat_dichvu``).

```mermaid
stateDiagram-v2
    [*] --> pick: /capnhat_dichvu (entries of the officer's unit)
    pick --> field: svu:e:ID
    field --> value: svu:f:FIELD
    field --> sent: svu:f:confirm (still correct)
    value --> sent: valid value
    pick --> kind: svu:add
    kind --> new: svu:k:KIND
    new --> new: name, phone, address (never for shelters)
    new --> sent
    sent --> [*]: pending proposal, audited, supervisors notified
```
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.core.messages import Button, Reply
from bot.core.phones import is_valid_phone
from bot.core.records import STAFF, Role
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.services.catalog import Catalog
from bot.services.directory import HIDDEN_ADDRESS_KINDS, KINDS, Entry, parse_entry, with_changes
from bot.services.lookup import entry_line
from bot.services.proposals import NEW_ENTRY, Proposal
from bot.services.reviews import notify_reviewers
from nlu.normalize import fold

EDITABLE = ("phone", "hours", "name", "address", "serves", "languages")
SKIP_WORDS = frozenset({"-", "bo qua", "khong co", "skip", "none"})
"""Answers meaning "leave this empty" (compared folded)."""
LABEL = 48


class Updates:
    """The officer's side of the directory: pick an entry, change a field or add one."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def begin(self, turn: Turn) -> Outcome:
        """List the entries of the officer's unit as buttons, plus "add"."""
        unit = self.catalog.units.get(turn.user.unit or "")
        if unit is None:
            return turn.end(turn.say("svc.upd.no_unit"))
        entries = self.catalog.directory().at(unit.code)
        buttons = [Button(_short(e.name), f"svu:e:{e.id}") for e in entries]
        buttons.append(turn.button("svc.upd.add", "svu:add"))
        label = self.catalog.places.label(unit)
        return turn.end(turn.say("svc.upd.pick", *buttons, unit=label, count=len(entries)))

    def pressed(self, turn: Turn) -> Outcome:
        """Handle ``svu:e:<id>``, ``svu:f:<field>``, ``svu:add`` and ``svu:k:<kind>``."""
        action, _, arg = (turn.incoming.button or "").removeprefix("svu:").partition(":")
        handlers = {"e": self.entry, "f": self.field, "add": self.add, "k": self.kind}
        handler = handlers.get(action)
        return handler(turn, arg) if handler else turn.reply(turn.say("core.button_unknown"))

    def typed(self, turn: Turn) -> Outcome:
        """Handle text sent inside the flow: a value, a step of a new entry, or a choice."""
        choice = turn.choice()
        if choice is not None and choice.startswith("svu:"):
            return self.pressed(replace(turn, incoming=replace(turn.incoming, button=choice)))
        step = turn.session.state.partition(":")[2]
        if step == "value":
            return self.value(turn)
        if step == "new":
            return self.new_step(turn)
        return turn.reply(turn.say("svc.upd.choose_field"))

    def entry(self, turn: Turn, ident: str) -> Outcome:
        """Show one entry and the fields the officer may change."""
        entry = self._own(turn, ident)
        if entry is None:
            return turn.reply(turn.say("svc.upd.not_yours"))
        names = [f for f in EDITABLE if not (f == "address" and entry.hides_address)]
        buttons = [turn.button(f"svc.field.{f}", f"svu:f:{f}") for f in [*names, "confirm"]]
        line = entry_line(entry, turn.t, full=True)
        return turn.goto(
            "svu:field", {"entry": entry.id}, turn.say("svc.upd.entry", *buttons, line=line)
        )

    def field(self, turn: Turn, name: str) -> Outcome:
        """Ask for the new value of a field, or send a "still correct" confirmation."""
        entry = self._own(turn, str(turn.session.data.get("entry", "")))
        if entry is None or name not in (*EDITABLE, "confirm"):
            return turn.end(turn.say("core.button_unknown"))
        if name == "confirm":
            return self.submit(turn, Proposal(0, entry.id, entry.unit, "confirm", turn.user.urn))
        current = entry.as_row()[name] or turn.t("svc.upd.empty")
        prompt = turn.say("svc.upd.ask_value", field=turn.t(f"svc.field.{name}"), current=current)
        return turn.goto("svu:value", {"entry": entry.id, "field": name}, prompt)

    def value(self, turn: Turn) -> Outcome:
        """Check the typed value and send the proposal (or ask again)."""
        entry = self._own(turn, str(turn.session.data.get("entry", "")))
        name = str(turn.session.data.get("field", ""))
        if entry is None or name not in EDITABLE:
            return turn.end(turn.say("core.button_unknown"))
        changes = {name: _value(turn.text)}
        problem = self._problem(turn, entry, changes)
        if problem is not None:
            return turn.reply(problem)
        return self.submit(
            turn, Proposal(0, entry.id, entry.unit, "update", turn.user.urn, changes)
        )

    def add(self, turn: Turn, _: str = "") -> Outcome:
        """Ask what kind of service the new entry is."""
        if self.catalog.units.get(turn.user.unit or "") is None:
            return turn.end(turn.say("svc.upd.no_unit"))
        buttons = [turn.button(f"svc.kind.{k}", f"svu:k:{k}") for k in KINDS]
        return turn.goto("svu:kind", {}, turn.say("svc.upd.kind", *buttons))

    def kind(self, turn: Turn, kind: str) -> Outcome:
        """Start a new entry of ``kind``: ask its name."""
        if kind not in KINDS or self.catalog.units.get(turn.user.unit or "") is None:
            return turn.end(turn.say("core.button_unknown"))
        return turn.goto("svu:new", {"kind": kind, "step": "name"}, turn.say("svc.upd.ask_name"))

    def new_step(self, turn: Turn) -> Outcome:
        """Collect name, phone and (except for shelters) address of a new entry."""
        data: dict[str, Any] = dict(turn.session.data)
        value, step = _value(turn.text), data.get("step")
        if step == "name" and not value:
            return turn.reply(turn.say("svc.upd.need_name"))
        if step == "phone" and value and not is_valid_phone(value):
            return turn.reply(turn.say("svc.upd.bad_phone", value=value))
        data[str(step)] = value
        following = {"name": "phone", "phone": "address"}.get(str(step))
        if following == "address" and data.get("kind") in HIDDEN_ADDRESS_KINDS:
            following = None
        if following is None:
            changes = {k: str(data[k]) for k in ("kind", "name", "phone", "address") if data.get(k)}
            proposal = Proposal(0, NEW_ENTRY, turn.user.unit or "", "add", turn.user.urn, changes)
            return self.submit(turn, proposal)
        return turn.goto(
            "svu:new", data | {"step": following}, turn.say(f"svc.upd.ask_{following}")
        )

    def submit(self, turn: Turn, proposal: Proposal) -> Outcome:
        """Store the proposal, audit it and notify the reviewers, in one transaction."""
        app = self.catalog.app
        with app.db.atomic():
            ident = self.catalog.proposals.add(proposal, turn.now)
            detail = {"proposal": ident, "entry": proposal.entry_id, "unit": proposal.unit}
            detail |= {"action": proposal.action, "changes": proposal.changes}
            app.store.audit(turn.user.urn, "services.propose", detail, turn.now)
            notify_reviewers(self.catalog, replace(proposal, id=ident), turn.now)
        return turn.end(turn.say("svc.upd.sent", id=ident))

    def _own(self, turn: Turn, ident: str) -> Entry | None:
        entry = self.catalog.directory().get(ident)
        if entry is None or not (entry.unit == turn.user.unit or turn.user.role == Role.ADMIN):
            return None
        return entry

    def _problem(self, turn: Turn, entry: Entry, changes: dict[str, str]) -> Reply | None:
        phone = changes.get("phone")
        if phone and not is_valid_phone(phone):
            return turn.say("svc.upd.bad_phone", value=phone)
        if "name" in changes and not changes["name"]:
            return turn.say("svc.upd.need_name")
        today = self.catalog.today()
        row = with_changes(entry, changes, today)
        _, problems = parse_entry(row, self.catalog.units, today, internal_source=True)
        return turn.say("svc.upd.bad_value", reason=problems[0][1]) if problems else None


def _value(text: str) -> str:
    return "" if fold(text).strip(" .") in SKIP_WORDS else text.strip()


def _short(name: str) -> str:
    return name if len(name) <= LABEL else name[: LABEL - 1].rstrip() + "…"


def register(router: Router, catalog: Catalog) -> None:
    """Register ``/capnhat_dichvu`` and its buttons and flow for officers, supervisors, admins."""
    updates = Updates(catalog)
    router.command(
        ["capnhat_dichvu", "capnhatdichvu"], updates.begin, roles=STAFF, help_key="svc.help.update"
    )
    router.button("svu", updates.pressed, roles=STAFF)
    router.state("svu", updates.typed, roles=STAFF)
