"""A known dashboard fixture: staff of Hà Nội and Tuyên Quang, three reports, one broadcast."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from bot.broadcasts.records import Audience, Status
from bot.broadcasts.repository import Broadcasts
from bot.core.records import Role, Stat, User
from bot.reports.store import ReportStore
from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.reporting import staff

HANOI, TUYEN_QUANG = "01", "08"
ADMIN, SUPERVISOR, OTHER_SUPERVISOR, OFFICER = (
    "telegram:900",
    "zalo:sup01",
    "telegram:sup08",
    "web:officer70",
)
LINK = re.compile(r"https?://\S+/dashboard/login/[A-Za-z0-9_-]+")
HANOI_VALUES = {
    "00070": {
        "sessions": 3,
        "session_people": 250,
        "session_people_nu": 140,
        "session_people_nam": 110,
        "leaflets": 500,
    },
    "00004": {"sessions": 2, "leaflets": 100, "dv_cases": 1},
}


def report(runtime: Runtime, unit: str, values: dict[str, int], when: datetime) -> None:
    """Store an Action Month 2026 report for ``unit`` sent at ``when``."""
    ReportStore(runtime.app.db).save(("thd", "thd-2026", unit), values, "test", when)


def fill(runtime: Runtime) -> Runtime:
    """Register the staff, store three reports, question stats and a sending broadcast."""
    staff(runtime, ADMIN, Role.ADMIN, "VN")
    staff(runtime, SUPERVISOR, Role.SUPERVISOR, HANOI)
    staff(runtime, OTHER_SUPERVISOR, Role.SUPERVISOR, TUYEN_QUANG)
    staff(runtime, OFFICER, Role.OFFICER, "00070")
    report(runtime, "00070", HANOI_VALUES["00070"], datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    report(runtime, "00004", HANOI_VALUES["00004"], datetime(2026, 11, 22, 2, 0, tzinfo=UTC))
    report(runtime, "00700", {"sessions": 7}, datetime(2026, 11, 22, 4, 0, tzinfo=UTC))
    store = runtime.app.store
    for intent, topic in [("faq", "marriage_family")] * 3 + [
        ("fallback", None),
        ("emergency", None),
    ]:
        store.record_stat(Stat("2026-11-22", "telegram", intent, topic, 0.9))
    now = runtime.app.now()
    broadcasts = Broadcasts(runtime.app.db)
    ident = broadcasts.create({"vi": "Tin Tháng hành động"}, Audience(), ADMIN, now)
    assert ident is not None
    broadcasts.set_status(ident, Status.SCHEDULED, now, send_at=now)
    users = [User(f"telegram:{n}", subscribed=True) for n in range(5)]
    scheduled = broadcasts.get(ident)
    assert scheduled is not None
    broadcasts.start(scheduled, users, now)
    return runtime


def link_path(runtime: Runtime, urn: str) -> str:
    """Ask the bot for the dashboard as ``urn``; return the link's path from the chat reply."""
    chat = Chat(runtime, urn)
    chat.say("/bangdieukhien")
    found = LINK.search(chat.text())
    assert found, chat.text()
    return urlsplit(found.group(0)).path
