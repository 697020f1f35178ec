"""Helpers for the reporting tests: register staff through chat, read what was stored."""

from __future__ import annotations

from bot.core.records import Role
from bot.reports.invites import Invites
from bot.reports.store import ReportStore
from bot.runtime.assembly import Runtime
from tests.chat import Chat


def staff(runtime: Runtime, urn: str, role: Role, unit: str) -> Chat:
    """Register ``urn`` as staff of ``unit`` through /dangky with a fresh invite code."""
    code, _ = Invites(runtime.app.db).create(unit, role, "test", runtime.app.now())
    chat = Chat(runtime, urn)
    chat.say(f"/dangky {code}")
    assert "đã được đăng ký" in chat.text()
    return chat


def action_month_report(runtime: Runtime) -> Chat:
    """Register an officer of ward 00070 and open the Action Month report at its first question."""
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/baocao")
    chat.press("Tháng hành động")
    return chat


def stored(runtime: Runtime, unit: str = "00070", period: str = "thd-2026") -> dict[str, int]:
    report = ReportStore(runtime.app.db).get("thd", period, unit)
    return report.values if report else {}


def audit_actions(runtime: Runtime) -> list[str]:
    return [row["action"] for row in runtime.app.db.table("audit").rows]
