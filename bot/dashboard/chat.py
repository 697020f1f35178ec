"""In chat: ``/bangdieukhien`` and a staff menu button answer with a one-time sign-in link."""

from __future__ import annotations

import re

from bot.core.app import App
from bot.core.config import Settings
from bot.core.records import STAFF
from bot.core.router import Router, folded_words
from bot.core.turn import Outcome, Turn
from bot.dashboard.signin import LINK_TTL, LINKS, SESSIONS, SignIns
from bot.storage.store import USER_TABLES

PREFIX = "/dashboard"
"""Where the dashboard's pages live on the web server."""
COMMANDS = ("bangdieukhien", "dashboard")
WORDS = re.compile(
    r"\b(dashboard|bang dieu khien|trang (quan tri|theo doi|thong ke)|link dang nhap)\b"
)
"""Staff asking for the dashboard in words ("xem dashboard", "cho link bảng điều khiển")."""


def base_url(settings: Settings) -> str:
    """Return the address staff open: ``dashboard.public_url`` or the web server's own."""
    public = settings.dashboard.public_url.rstrip("/")
    return public or f"http://{settings.web.host}:{settings.web.port}"


def link_url(settings: Settings, token: str) -> str:
    """Return the sign-in address for a link token."""
    return f"{base_url(settings)}{PREFIX}/login/{token}"


class LinkChat:
    """Answers staff who ask for the dashboard with a fresh one-time link."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.signins = SignIns(app.db)

    def link(self, turn: Turn) -> Outcome:
        """Issue a link bound to the user, role and unit; citizens never reach this."""
        if not self.app.settings.web.enabled:
            return turn.reply(turn.say("dash.chat.off"))
        token = self.signins.issue(turn.user, turn.now)
        url = link_url(self.app.settings, token)
        self.app.store.audit(turn.user.urn, "dashboard.link", {"role": turn.user.role}, turn.now)
        minutes = int(LINK_TTL.total_seconds() // 60)
        return turn.reply(turn.say("dash.chat.link", url=url, minutes=minutes))


def register(router: Router, app: App) -> None:
    """Register ``/bangdieukhien``, its menu button (staff only) and the user data it keeps."""
    for table in (LINKS, SESSIONS):
        if table not in USER_TABLES:
            USER_TABLES.append(table)
    chat = LinkChat(app)
    router.command(COMMANDS, chat.link, roles=STAFF, help_key="dash.help.command")
    router.button("dash", chat.link, roles=STAFF)
    router.text(folded_words(WORDS), chat.link, roles=STAFF)
    router.menu_item("dash.menu", "dash:link", roles=STAFF)
