"""The dashboard's pages as a registry: each page has a view, a JSON data view and actions.

Other packages add pages with ``add_page`` (polls and quizzes, for instance) before the web
server starts; the navigation lists every page the viewer's role may open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from bot.broadcasts.engine import Engine
from bot.core.app import App
from bot.core.records import Role
from bot.core.units import Unit
from bot.dashboard.cache import RollupCache
from bot.dashboard.chat import PREFIX
from bot.dashboard.scope import Forbidden, unit_in_scope
from bot.dashboard.signin import Viewer
from bot.reports.context import Reporting
from bot.services.catalog import Catalog

GUARD = {
    "cache-control": "no-store",
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
}
"""Added on the dashboard to the web guard's headers (bot/channels/webguard.py)."""
ALL_STAFF = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN})
OVERSEERS = frozenset({Role.SUPERVISOR, Role.ADMIN})


@dataclass(frozen=True)
class Board:
    """What the pages read: the app, report forms and units, services catalog, broadcasts."""

    app: App
    rep: Reporting
    catalog: Catalog
    engine: Engine
    templates: Environment
    rollups: RollupCache


@dataclass(frozen=True)
class Context:
    """One signed-in request: who asks, what they ask, and helpers to answer."""

    board: Board
    request: Request
    viewer: Viewer
    now: datetime
    form: Mapping[str, str] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        """Return a UI string in the viewer's language."""
        return self.board.app.strings.get(key, self.viewer.locale, **values)

    def arg(self, name: str) -> str | None:
        """Return a query or form value, or None when absent or empty."""
        value = self.form.get(name) or self.request.query_params.get(name)
        return value or None

    def unit(self) -> Unit:
        """Return the unit asked for (``?unit=``), or the viewer's own; Forbidden outside."""
        return unit_in_scope(self.board.rep.units, self.viewer, self.arg("unit"))

    def render(self, template: str, **values: Any) -> Response:
        """Return a page rendered from a template, with the navigation and CSRF token."""
        own = self.board.rep.units.get(self.viewer.unit or "")
        shared = {
            "note": self._note(),
            "path": self.request.url.path,
            "query": self.query(),
            "unit_label": own.name if own else "",
        }
        page = self.board.templates.get_template(template).render(
            t=self.t,
            viewer=self.viewer,
            nav=navigation(self),
            prefix=PREFIX,
            csrf=self.viewer.csrf,
            **{**shared, **values},
        )
        return HTMLResponse(page)

    def json(self, data: Any) -> Response:
        """Return data as JSON (the same figures the page shows)."""
        return JSONResponse(data)

    def back(self, slug: str, note: str, **query: str) -> Response:
        """Redirect (303) to a page, carrying a short note to show there."""
        target = f"{PREFIX}/{slug}?{urlencode({**query, 'note': note})}"
        return RedirectResponse(target, status_code=303)

    def query(self, **changes: str) -> str:
        """Return the current unit/form/period selection as a query string, with ``changes``."""
        keep = {k: v for k in ("unit", "form", "period") if (v := self.arg(k))}
        return urlencode({**keep, **changes})

    def _note(self) -> str:
        key = self.request.query_params.get("note", "")
        if not (key.startswith("dash.note.") and self.board.app.strings.has(key)):
            return ""
        return self.t(key, n=self.request.query_params.get("n", ""))


View = Callable[[Context], Response]
Data = Callable[[Context], Any]


@dataclass(frozen=True)
class Page:
    """A dashboard page: its address, menu title, who may open it and how it answers."""

    slug: str
    title_key: str
    roles: frozenset[Role]
    view: View
    data: Data | None = None
    files: Mapping[str, View] = field(default_factory=dict)
    """Extra GET addresses under the page (downloads): ``/dashboard/<slug>/<name>``."""
    actions: Mapping[str, View] = field(default_factory=dict)
    """POST addresses under the page (CSRF-checked): ``/dashboard/<slug>/<name>``."""

    def check(self, viewer: Viewer) -> None:
        """Raise Forbidden unless the viewer's role may open this page."""
        if viewer.role not in self.roles:
            raise Forbidden(self.slug)


PAGES: list[Page] = []
"""Every page in menu order; the built-in ones are added by ``bot.dashboard.web``."""


def add_page(page: Page) -> None:
    """Add a page to the dashboard (a package such as polls calls this at start-up)."""
    if any(p.slug == page.slug for p in PAGES):
        raise ValueError(f"dashboard page {page.slug!r} added twice")
    PAGES.append(page)


def find(slug: str) -> Page | None:
    """Return the page with this slug, or None."""
    return next((p for p in PAGES if p.slug == slug), None)


def navigation(ctx: Context) -> list[tuple[str, str, bool]]:
    """Return ``(address, title, current)`` for each page the viewer may open."""
    here = ctx.request.url.path.removeprefix(PREFIX).strip("/").split("/")[0] or "overview"
    return [
        (f"{PREFIX}/{p.slug}", ctx.t(p.title_key), p.slug == here)
        for p in PAGES
        if ctx.viewer.role in p.roles
    ]
