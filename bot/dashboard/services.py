"""The services review queue (decided through the chat's review logic) and stale entries."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from starlette.responses import Response

from bot.core.i18n import Strings
from bot.core.messages import Incoming
from bot.core.records import Role, Session, User
from bot.core.turn import Turn
from bot.core.units import NATIONAL
from bot.dashboard.pages import OVERSEERS, Context, Page
from bot.dashboard.signin import Viewer
from bot.services.catalog import Catalog
from bot.services.directory import MAX_AGE_DAYS, Entry
from bot.services.proposals import Proposal
from bot.services.reviews import Reviews, describe, may_review


@dataclass(frozen=True)
class Pending:
    """A proposal waiting for the viewer's decision, described as in chat."""

    proposal: Proposal
    unit: str
    summary: str


def _user(catalog: Catalog, viewer: Viewer) -> User:
    stored = catalog.app.store.get_user(viewer.urn)
    base = stored or User(viewer.urn)
    return replace(base, role=viewer.role, unit=viewer.unit, locale=viewer.locale)


def pending(catalog: Catalog, viewer: Viewer) -> list[Pending]:
    """Return the proposals the viewer may decide, oldest first."""
    user, say = _user(catalog, viewer), catalog.say(viewer.locale)
    mine = [p for p in catalog.proposals.pending() if may_review(catalog.units, user, p)]
    return [Pending(p, catalog.unit_name(p.unit), describe(catalog, p, say)) for p in mine]


def stale(catalog: Catalog, viewer: Viewer, today: date) -> list[Entry]:
    """Return the entries in the viewer's scope not verified for over 12 months, oldest first."""
    limit = today - timedelta(days=MAX_AGE_DAYS)
    home = NATIONAL if viewer.role == Role.ADMIN else (viewer.unit or "")
    old = [e for e in catalog.directory().all() if e.last_verified < limit]
    mine = [e for e in old if catalog.units.contains(home, e.unit)]
    return sorted(mine, key=lambda e: (e.last_verified, e.id))


def decide(catalog: Catalog, strings: Strings, viewer: Viewer, ident: int, ok: bool) -> str:
    """Approve or reject proposal ``ident`` exactly as the chat's buttons do; return the answer."""
    user = _user(catalog, viewer)
    payload = f"sva:{'ok' if ok else 'no'}:{ident}"
    incoming = Incoming(viewer.urn, text="", button=payload)
    turn = Turn(incoming, user, Session(viewer.urn), catalog.app.now(), strings)
    outcome = Reviews(catalog).pressed(turn)
    return "\n".join(reply.text for reply in outcome.replies)


def view(ctx: Context, note: str = "") -> Response:
    """Render the review queue and the stale entries."""
    catalog = ctx.board.catalog
    today = catalog.today()
    extra = {"note": note} if note else {}
    return ctx.render(
        "services.html",
        pending=pending(catalog, ctx.viewer),
        stale=stale(catalog, ctx.viewer, today),
        today=today,
        **extra,
    )


def data(ctx: Context) -> dict[str, object]:
    """Return the pending proposals and the stale entries in scope."""
    catalog = ctx.board.catalog
    queue = pending(catalog, ctx.viewer)
    old = stale(catalog, ctx.viewer, catalog.today())
    return {
        "pending": [
            {"id": p.proposal.id, "unit": p.proposal.unit, "action": p.proposal.action}
            for p in queue
        ],
        "stale": [{"id": e.id, "unit": e.unit, "last_verified": str(e.last_verified)} for e in old],
    }


def decide_view(ctx: Context) -> Response:
    """Approve or reject a proposal, then show the queue with the chat's answer."""
    ident, verdict = ctx.arg("id") or "", ctx.arg("verdict")
    if not ident.isdigit() or verdict not in ("ok", "no"):
        return view(ctx, ctx.t("dash.svc.bad_request"))
    strings = ctx.board.app.strings
    answer = decide(ctx.board.catalog, strings, ctx.viewer, int(ident), verdict == "ok")
    return view(ctx, answer)


PAGE = Page("services", "dash.nav.services", OVERSEERS, view, data, actions={"decide": decide_view})
