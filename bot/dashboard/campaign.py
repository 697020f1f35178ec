"""The broadcasts a viewer may see, with progress, rate and expected finish; admins' actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from starlette.responses import Response

from bot.broadcasts.audience import province_of
from bot.broadcasts.chat import local_time
from bot.broadcasts.engine import Engine
from bot.broadcasts.lockscreen import first_line
from bot.broadcasts.records import Broadcast, LifecycleError, Progress, Status
from bot.core.app import App
from bot.core.records import Role, User
from bot.dashboard.pages import OVERSEERS, Context, Page
from bot.dashboard.signin import Viewer

SHOWN = 50
"""Broadcasts listed, newest first."""
ACTIONS: dict[str, tuple[Status, frozenset[Status]]] = {
    "pause": (Status.PAUSED, frozenset({Status.SENDING})),
    "resume": (Status.SENDING, frozenset({Status.PAUSED})),
    "cancel": (Status.CANCELLED, frozenset({Status.SCHEDULED, Status.SENDING, Status.PAUSED})),
}
"""Administrators' buttons: the status each one sets and the statuses it is offered in."""


@dataclass(frozen=True)
class Line:
    """One broadcast as the page shows it."""

    broadcast: Broadcast
    progress: Progress
    title: str
    per_minute: float | None
    finish: datetime | None

    @property
    def done(self) -> int:
        """Return how many deliveries are settled (sent, failed or stopped)."""
        return self.progress.total - self.progress.remaining

    def actions(self) -> list[str]:
        """Return the actions an administrator may take now."""
        return [name for name, (_, when) in ACTIONS.items() if self.broadcast.status in when]


def may_see(viewer: Viewer, broadcast: Broadcast) -> bool:
    """Return whether the viewer sees a broadcast (as ``/tiendo`` decides)."""
    if viewer.role == Role.ADMIN or broadcast.created_by == viewer.urn:
        return True
    province = province_of(User(viewer.urn, role=viewer.role, unit=viewer.unit))
    return province is not None and broadcast.audience.provinces == (province,)


def _rate(broadcast: Broadcast, progress: Progress, now: datetime) -> float | None:
    if broadcast.started_at is None or not progress.sent:
        return None
    end = broadcast.finished_at or now
    minutes = (end - broadcast.started_at).total_seconds() / 60
    return progress.sent / minutes if minutes > 0 else None


def line(engine: Engine, broadcast: Broadcast, locale: str, now: datetime) -> Line:
    """Return a broadcast's line: counts, send rate (per minute) and expected finish."""
    progress = engine.broadcasts.progress(broadcast.id)
    sending = broadcast.status == Status.SENDING
    finish = engine.estimated_finish(broadcast, now) if sending else None
    title = first_line(broadcast.text_for(locale))
    return Line(broadcast, progress, title, _rate(broadcast, progress, now), finish)


def lines(engine: Engine, viewer: Viewer, now: datetime) -> list[Line]:
    """Return the broadcasts the viewer may see (no drafts), newest first."""
    found = engine.broadcasts.recent(SHOWN)
    seen = [b for b in found if b.status != Status.DRAFT and may_see(viewer, b)]
    return [line(engine, b, viewer.locale, now) for b in seen]


def act(app: App, engine: Engine, viewer: Viewer, ident: int, action: str) -> str:
    """Pause, resume or cancel a broadcast for an administrator; return a UI string key."""
    broadcast = engine.broadcasts.get(ident)
    if viewer.role != Role.ADMIN or broadcast is None or action not in ACTIONS:
        return "dash.note.bc_not_allowed"
    wanted, when = ACTIONS[action]
    if broadcast.status not in when:
        return "dash.note.bc_not_now"
    now = app.now()
    try:
        with app.db.atomic():
            engine.broadcasts.set_status(ident, wanted, now)
            app.store.audit(viewer.urn, f"broadcast.{wanted}", {"broadcast": ident}, now)
    except LifecycleError:
        return "dash.note.bc_not_now"
    return f"dash.note.bc_{action}"


def _asked(ctx: Context, items: list[Line]) -> tuple[Line, str] | None:
    """Return the broadcast and action an administrator asked to confirm, if any."""
    ident, action = ctx.arg("confirm"), ctx.arg("do")
    if ctx.viewer.role != Role.ADMIN or action not in ACTIONS:
        return None
    found = [item for item in items if str(item.broadcast.id) == ident]
    return (found[0], action) if found and action in found[0].actions() else None


def view(ctx: Context) -> Response:
    """Render the broadcasts page (with a confirmation box when an action was asked)."""
    items = lines(ctx.board.engine, ctx.viewer, ctx.now)
    zone = ctx.board.app.settings.timezone

    def when(moment: datetime | None) -> str:
        return local_time(moment, zone) if moment else "—"

    admin = ctx.viewer.role == Role.ADMIN
    return ctx.render(
        "broadcasts.html", items=items, confirm=_asked(ctx, items), when=when, admin=admin
    )


def data(ctx: Context) -> list[dict[str, object]]:
    """Return each visible broadcast's status and counts."""
    return [
        {
            "id": item.broadcast.id,
            "status": str(item.broadcast.status),
            "total": item.progress.total,
            "sent": item.progress.sent,
            "failed": item.progress.failed,
            "stopped": item.progress.stopped,
            "remaining": item.progress.remaining,
            "per_minute": item.per_minute,
            "finish": item.finish.isoformat() if item.finish else None,
        }
        for item in lines(ctx.board.engine, ctx.viewer, ctx.now)
    ]


def act_view(ctx: Context) -> Response:
    """Pause, resume or cancel after the confirmation (administrators only)."""
    ident = ctx.arg("id") or ""
    note = act(
        ctx.board.app,
        ctx.board.engine,
        ctx.viewer,
        int(ident) if ident.isdigit() else 0,
        ctx.arg("do") or "",
    )
    return ctx.back("broadcasts", note)


PAGE = Page("broadcasts", "dash.nav.broadcasts", OVERSEERS, view, data, actions={"act": act_view})
