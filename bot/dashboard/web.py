"""The dashboard's routes on the shared web server: sign-in, sign-out, pages, data and actions."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.broadcasts.feature import build_engine
from bot.channels.webguard import SecurityHeaders, read_body
from bot.core.app import App
from bot.dashboard import campaign, polls, questions, reportpages, services
from bot.dashboard.cache import RollupCache
from bot.dashboard.chat import PREFIX
from bot.dashboard.pages import GUARD, PAGES, Board, Context, Page, find
from bot.dashboard.scope import Forbidden
from bot.dashboard.signin import IDLE, SignIns, Viewer
from bot.reports.context import Reporting
from bot.services.catalog import Catalog

COOKIE = "binhdang_dashboard"
MAX_FORM = 16_000
"""Bytes of a submitted form the dashboard reads."""
Handler = Callable[[Request], Awaitable[Response]]


def builtin_pages() -> None:
    """Add the built-in pages once (reports, broadcasts, services, questions, polls)."""
    for page in (*reportpages.PAGES, campaign.PAGE, services.PAGE, questions.PAGE, polls.PAGE):
        if find(page.slug) is None:
            PAGES.append(page)


def templates() -> Environment:
    """Return the Jinja environment reading the package's templates, HTML-escaping values."""
    return Environment(
        loader=PackageLoader("bot.dashboard", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Dashboard:
    """Signs staff in with one-time links and serves the pages their role and unit allow."""

    def __init__(self, app: App) -> None:
        builtin_pages()
        rep, catalog = Reporting.build(app), Catalog(app)
        engine = build_engine(app)
        self.board = Board(app, rep, catalog, engine, templates(), RollupCache(rep))
        self.signins = SignIns(app.db)

    @property
    def app(self) -> App:
        """Return the application."""
        return self.board.app

    def routes(self) -> list[BaseRoute]:
        """Return the dashboard's routes, all under ``/dashboard``."""
        static = StaticFiles(directory=str(Path(__file__).parent / "static"))
        return [
            Mount(
                PREFIX,
                routes=[
                    Route("/login/{token}", self.login_page, methods=["GET"]),
                    Route("/login/{token}", self.login, methods=["POST"]),
                    Route("/logout", self.logout, methods=["POST"]),
                    Route("/lang", self.language, methods=["POST"]),
                    Mount("/static", app=static, name="dashboard-static"),
                    Route("/", self.page, methods=["GET"]),
                    Route("/api/{slug}", self.data, methods=["GET"]),
                    Route("/{slug}", self.page, methods=["GET"]),
                    Route("/{slug}/{name}", self.file, methods=["GET"]),
                    Route("/{slug}/{name}", self.action, methods=["POST"]),
                ],
                middleware=[Middleware(SecurityHeaders, extra=GUARD)],
            )
        ]

    def _bare(self, template: str, status: int, locale: str = "vi", **values: object) -> Response:
        strings = self.app.strings

        def t(key: str, **more: object) -> str:
            return strings.get(key, locale, **more)

        page = self.board.templates.get_template(template)
        body = page.render(t=t, prefix=PREFIX, locale=locale, **values)
        return HTMLResponse(body, status_code=status)

    async def login_page(self, request: Request) -> Response:
        """Show a button that signs in (a GET never uses the link: previews must not burn it)."""
        return self._bare("login.html", 200, token=request.path_params["token"])

    def _secure(self, request: Request) -> bool:
        """Return whether the cookie must be Secure: served or published over HTTPS."""
        public = self.app.settings.dashboard.public_url
        return request.url.scheme == "https" or public.startswith("https://")

    async def login(self, request: Request) -> Response:
        """Use the link once and open a session; a used, expired or unknown link is refused."""
        token, now = request.path_params["token"], self.app.now()
        urn = self.signins.link_owner(token)
        user = self.app.store.get_user(urn) if urn else None
        ident = self.signins.redeem(token, user, now)
        if ident is None or user is None:
            return self._bare("refused.html", 403)
        self.app.store.audit(user.urn, "dashboard.signin", {"role": str(user.role)}, now)
        response = RedirectResponse(f"{PREFIX}/", status_code=303)
        response.set_cookie(
            COOKIE,
            ident,
            max_age=int(IDLE.total_seconds()),
            path=PREFIX,
            httponly=True,
            samesite="strict",
            secure=self._secure(request),
        )
        return response

    def _viewer(self, request: Request, now: datetime) -> Viewer | None:
        ident = request.cookies.get(COOKIE, "")
        if not ident:
            return None
        urn = self.signins.session_owner(ident)
        user = self.app.store.get_user(urn) if urn else None
        return self.signins.viewer(ident, user, now)

    async def _guard(
        self,
        request: Request,
        run: Callable[[Context], Response],
        page: Page | None = None,
        post: bool = False,
    ) -> Response:
        """Answer for a signed-in viewer only, inside their role's pages and unit's scope."""
        now = self.app.now()
        viewer = self._viewer(request, now)
        if viewer is None:
            return self._refuse(request, "signedout.html", 401, "vi")
        ctx = Context(self.board, request, viewer, now)
        if post:
            form = await _form(request)
            if form is None or not hmac.compare_digest(form.get("csrf", ""), viewer.csrf):
                return self._refuse(request, "forbidden.html", 403, viewer.locale)
            ctx = replace(ctx, form=form)
        try:
            if page is not None:
                page.check(viewer)
            return run(ctx)
        except Forbidden:
            return self._refuse(request, "forbidden.html", 403, viewer.locale)
        except LookupError:
            return self._refuse(request, "notfound.html", 404, viewer.locale)

    def _refuse(self, request: Request, template: str, status: int, locale: str) -> Response:
        if request.url.path.startswith(f"{PREFIX}/api/"):
            return JSONResponse({"error": template.split(".")[0]}, status)
        return self._bare(template, status, locale)

    async def page(self, request: Request) -> Response:
        """Serve a page (``/dashboard/`` is the overview)."""
        page = find(request.path_params.get("slug", "overview"))
        if page is None:
            return self._bare("notfound.html", 404)
        return await self._guard(request, page.view, page)

    async def data(self, request: Request) -> Response:
        """Serve a page's figures as JSON, scoped exactly as the page."""
        page = find(request.path_params["slug"])
        if page is None or page.data is None:
            return JSONResponse({"error": "notfound"}, status_code=404)
        view = page.data
        return await self._guard(request, lambda ctx: ctx.json(view(ctx)), page)

    async def file(self, request: Request) -> Response:
        """Serve a page's download (the indicators as .xlsx or .csv)."""
        return await self._sub(request, post=False)

    async def action(self, request: Request) -> Response:
        """Run a page's action (a POST with the session's CSRF token)."""
        return await self._sub(request, post=True)

    async def _sub(self, request: Request, post: bool) -> Response:
        page = find(request.path_params["slug"])
        table = (page.actions if post else page.files) if page else {}
        view = table.get(request.path_params["name"])
        if page is None or view is None:
            return self._bare("notfound.html", 404)
        return await self._guard(request, view, page, post)

    async def logout(self, request: Request) -> Response:
        """End the session (CSRF-checked) and forget the cookie."""

        def run(ctx: Context) -> Response:
            self.signins.end(request.cookies.get(COOKIE, ""))
            response = self._bare("signedout.html", 200, ctx.viewer.locale, bye=True)
            response.delete_cookie(COOKIE, path=PREFIX)
            return response

        return await self._guard(request, run, post=True)

    async def language(self, request: Request) -> Response:
        """Switch the session's page language between Vietnamese and English."""

        def run(ctx: Context) -> Response:
            locale = "en" if ctx.form.get("locale") == "en" else "vi"
            self.signins.set_locale(request.cookies.get(COOKIE, ""), locale)
            back = ctx.form.get("back", "")
            target = back if back.startswith(f"{PREFIX}/") else f"{PREFIX}/"
            return RedirectResponse(target, status_code=303)

        return await self._guard(request, run, post=True)


async def _form(request: Request) -> dict[str, str] | None:
    """Return a URL-encoded form body, or None when too large or not a form."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return None
    body = await read_body(request, MAX_FORM)
    if body is None:
        return None
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return None
