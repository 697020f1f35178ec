"""Reporting in chat: amendments (versions, lock date, other units, stale copies) and English."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.core.records import Role
from bot.reports.store import ReportStore
from bot.runtime.assembly import Runtime
from tests.conftest import Clock
from tests.reporting import staff, stored

# --- amendments ---------------------------------------------------------------------------------


def test_amend_is_versioned_and_audited_until_the_lock_date(runtime: Runtime, clock: Clock) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/bc thd: 3 buổi truyền thông, 500 tờ rơi")
    chat.press("Lưu báo cáo")
    chat.say("/sua")
    assert "Lưu" not in " ".join(chat.labels())
    chat.press("Sửa một mục")
    chat.press("Tờ rơi, tài liệu (500)")
    chat.say("650")
    assert "500 → 650 tờ" in chat.text()
    chat.press("Lưu báo cáo")
    assert "lần 2" in chat.text()
    report = ReportStore(runtime.app.db).get("thd", "thd-2026", "00070")
    assert report is not None
    versions = ReportStore(runtime.app.db).versions(report)
    assert [(v.version, v.values.get("leaflets")) for v in versions] == [(1, 500), (2, 650)]
    amend = [r for r in runtime.app.db.table("audit").rows if r["action"] == "report.amend"]
    assert json.loads(amend[0]["detail"])["changed"] == ["leaflets"]
    clock.now = datetime(2027, 1, 8, 16, 59, tzinfo=UTC)
    chat.say("/sua")
    assert "Sửa một mục" in chat.labels()
    clock.now = datetime(2027, 1, 8, 17, 0, tzinfo=UTC)
    chat.say(f"/sua BC-{report.ref}")
    assert "đã khóa sổ ngày 08/01/2027" in chat.text()


def test_locked_period_and_forged_payloads(runtime: Runtime, clock: Clock) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    clock.now = datetime(2026, 7, 20, 3, 0, tzinfo=UTC)
    chat.say("/baocao")
    chat.press("Công tác bình đẳng giới")
    assert chat.labels()[:2] == ["6 tháng đầu năm 2026", "Năm 2026"]
    chat.press_payload("rep:p:nam-2025")
    assert "đã khóa sổ ngày 29/01/2026" in chat.text()
    chat.press_payload("rep:p:6t-2026")
    assert "không còn hiệu lực" in chat.text()
    for payload in ("rep:save", "rep:f:zzz", "rep:e:nothing", "rep:v:abc", "rep:u:x", "rep:q"):
        chat.press_payload(payload)
        assert "không còn hiệu lực" in chat.text(), payload
    chat.press_payload("rep:r:000000")
    assert "Không tìm thấy báo cáo" in chat.text()
    clock.now = datetime(2027, 1, 9, 3, 0, tzinfo=UTC)
    chat.say("/bc thd: 5 tờ rơi")
    assert "Hiện không có kỳ báo cáo" in chat.text()
    assert runtime.app.db.table("reports").count == 0


def test_another_unit_is_refused(runtime: Runtime) -> None:
    other = staff(runtime, "web:other", Role.OFFICER, "00004")
    other.say("/bc thd: 5 tờ rơi")
    other.press("Lưu báo cáo")
    ref = ReportStore(runtime.app.db).get("thd", "thd-2026", "00004").ref  # type: ignore[union-attr]
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/baocao 00004")
    assert "đơn vị mình phụ trách" in chat.text()
    chat.say(f"/sua BC-{ref}")
    assert "đơn vị mình phụ trách" in chat.text()
    chat.press_payload(f"rep:r:{ref}")
    assert "đơn vị mình phụ trách" in chat.text()
    assert stored(runtime, "00004") == {"leaflets": 5}


def test_supervisor_reports_for_a_commune_of_the_province(runtime: Runtime) -> None:
    sup = staff(runtime, "web:sup", Role.SUPERVISOR, "01")
    sup.say("/baocao")
    assert "/baocao MÃ_XÃ" in sup.text()
    sup.say("/baocao 00700")
    assert "đơn vị mình phụ trách" in sup.text()
    sup.say("/baocao 00004")
    sup.press("Tháng hành động")
    sup.say("2")
    sup.press("Xong")
    sup.press("Lưu báo cáo")
    assert stored(runtime, "00004") == {"launch_events": 2}


def test_growth_over_ten_times_needs_confirmation(runtime: Runtime) -> None:
    ReportStore(runtime.app.db).save(
        ("thd", "thd-2025", "00070"), {"leaflets": 40}, "test", runtime.app.now()
    )
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/bc thd: 500 tờ rơi")
    assert "cao gấp hơn 10 lần kỳ trước (40)" in chat.text()
    assert "Số liệu đúng, lưu báo cáo" in chat.labels()
    chat.press("Số liệu đúng")
    assert stored(runtime) == {"leaflets": 500}


def test_amendment_on_a_stale_copy_is_refused(runtime: Runtime) -> None:
    first = staff(runtime, "web:first", Role.OFFICER, "00070")
    first.say("/bc thd: 500 tờ rơi")
    first.press("Lưu báo cáo")
    second = staff(runtime, "web:second", Role.OFFICER, "00070")
    first.say("/sua")
    second.say("/sua")
    for chat, value in ((second, "600"), (first, "700")):
        chat.press("Sửa một mục")
        chat.press("Tờ rơi, tài liệu")
        chat.say(value)
        chat.press("Lưu báo cáo")
    assert "đã được người khác gửi hoặc sửa" in first.text()
    assert stored(runtime) == {"leaflets": 600}


def test_english_officer(runtime: Runtime) -> None:
    chat = staff(runtime, "web:en", Role.OFFICER, "00070")
    chat.say("/lang en")
    chat.say("/bc thd: 3 buổi truyền thông 250 người (140 nữ, 110 nam)")
    assert "Report: Action Month 2026 — Phường Hoàn Kiếm" in chat.text()
    assert "• Sessions: 3 sessions" in chat.text()
    assert "250 people (women 140, men 110)" in chat.text()
    chat.press("Save report")
    assert "Receipt number: BC-" in chat.text()
