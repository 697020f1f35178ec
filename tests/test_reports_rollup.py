"""Roll-ups: /tonghop totals, statuses and silent communes; /xuat as a document; reminders."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from bot.core.records import Role
from bot.reports.context import Reporting
from bot.reports.rollup import Status, build_rollup
from bot.reports.store import ReportStore
from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.conftest import Clock
from tests.reporting import staff


def report(
    runtime: Runtime, unit: str, values: dict[str, int], when: datetime | None = None
) -> None:
    at = when or runtime.app.now()
    ReportStore(runtime.app.db).save(("thd", "thd-2026", unit), values, "test", at)


@pytest.fixture
def filled(runtime: Runtime) -> Runtime:
    report(
        runtime,
        "00070",
        {
            "sessions": 3,
            "session_people": 250,
            "session_people_nu": 140,
            "session_people_nam": 110,
            "leaflets": 500,
        },
    )
    report(
        runtime,
        "00004",
        {"sessions": 2, "leaflets": 100, "dv_cases": 1},
        datetime(2026, 12, 26, 3, 0, tzinfo=UTC),
    )
    report(runtime, "00700", {"sessions": 7})
    return runtime


def test_rollup_totals_and_statuses(filled: Runtime) -> None:
    rep = Reporting.build(filled.app)
    form = rep.forms.get("thd")
    assert form is not None
    period = form.period_by_id("thd-2026")
    assert period is not None
    hanoi = build_rollup(rep, form, period, "01")
    assert hanoi.totals == {
        "sessions": 5,
        "session_people": 250,
        "session_people_nu": 140,
        "session_people_nam": 110,
        "leaflets": 600,
        "dv_cases": 1,
    }
    assert (hanoi.reported, hanoi.on_time, len(hanoi.communes)) == (2, 1, 126)
    assert [r.unit.code for r in hanoi.with_status(Status.LATE)] == ["00004"]
    nation = build_rollup(rep, form, period, "VN")
    assert nation.totals["sessions"] == 12
    assert len(nation.rows) == 34
    assert len(nation.communes) == 3321
    assert [r.reported for r in nation.rows if r.unit.code in ("01", "08")] == [2, 1]


def test_supervisor_tonghop_totals_and_missing_communes(filled: Runtime) -> None:
    sup = staff(filled, "web:sup", Role.SUPERVISOR, "01")
    sup.say("/tonghop")
    text = sup.text()
    assert "Tổng hợp Tháng hành động 2026 — Thành phố Hà Nội" in text
    assert "Đã báo cáo: 2/126 xã, phường (2%); đúng hạn: 1/2." in text
    assert "• Buổi truyền thông: 5 buổi" in text
    assert "• Người dự truyền thông: 250 người (nữ 140, nam 110)" in text
    assert "• Tờ rơi, tài liệu: 600 tờ" in text
    assert "Nộp muộn (1): Phường Ba Đình" in text
    missing = text.split("Chưa báo cáo (124): ")[1]
    assert "Phường Ngọc Hà" in missing
    assert "Phường Hoàn Kiếm" not in missing
    assert "và 84 đơn vị khác" in missing


def test_admin_gets_the_national_rollup_by_province(filled: Runtime) -> None:
    admin = staff(filled, "web:admin", Role.ADMIN, "VN")
    admin.say("/tonghop thd-2026")
    assert "Đã báo cáo: 3/3.321" in admin.text()
    assert "• Thành phố Hà Nội: 2/126" in admin.text()
    assert "• Buổi truyền thông: 12 buổi" in admin.text()
    admin.say("/tonghop thd-2026 01")
    assert "Đã báo cáo: 2/126" in admin.text()


def test_tonghop_bad_period_other_province_and_officers(filled: Runtime) -> None:
    sup = staff(filled, "web:sup", Role.SUPERVISOR, "01")
    sup.say("/tonghop hôm qua")
    assert "Không có kỳ báo cáo này" in sup.text()
    sup.say("/tonghop thd")  # the form's code without the year: the latest Action Month
    assert "Tổng hợp Tháng hành động 2026" in sup.text()
    sup.say("/tonghop 08")
    assert "đơn vị mình phụ trách" in sup.text()
    sup.press_payload("sum:thd:thd-2026:08")
    assert "đơn vị mình phụ trách" in sup.text()
    officer = staff(filled, "web:officer", Role.OFFICER, "00070")
    officer.say("/tonghop")
    assert "chỉ dành cho: cán bộ theo dõi cấp tỉnh, quản trị toàn quốc" in officer.text()
    officer.press_payload("sum:thd:thd-2026:01")
    assert "hết hiệu lực" in officer.text()


def test_xuat_sends_an_xlsx_document(filled: Runtime) -> None:
    sup = staff(filled, "web:sup", Role.SUPERVISOR, "01")
    sup.say("/xuat")
    document = sup.last[0].document
    assert document is not None
    assert document.filename == "baocao-thd-thd-2026-01.xlsx"
    book = load_workbook(io.BytesIO(document.data))
    assert book.sheetnames == ["Xã, phường", "Tiến độ"]


# --- reminders ----------------------------------------------------------------------------------


async def run_reminders(runtime: Runtime, now: datetime) -> list[tuple[str, str]]:
    job = next(j for j in runtime.router.jobs if j.name == "reports.reminders")
    await job.function(now)
    return [(row["urn"], row["key"]) for row in runtime.app.db.table("notifications").rows]


async def test_reminders_fire_once_per_unit_at_the_right_time(
    runtime: Runtime, clock: Clock
) -> None:
    staff(runtime, "web:o70", Role.OFFICER, "00070")
    staff(runtime, "web:o04", Role.OFFICER, "00004")
    staff(runtime, "web:sup", Role.SUPERVISOR, "01")
    Chat(runtime, "web:citizen").say("/start")
    report(runtime, "00004", {"sessions": 1})
    # due 25/12/2026; 3 days before at 08:00 Hà Nội = 22/12 01:00 UTC
    assert await run_reminders(runtime, datetime(2026, 12, 22, 0, 59, tzinfo=UTC)) == []
    first = await run_reminders(runtime, datetime(2026, 12, 22, 1, 0, tzinfo=UTC))
    assert first == [("web:o70", "remind:thd:thd-2026:00070:web:o70")]
    assert await run_reminders(runtime, datetime(2026, 12, 23, 5, 0, tzinfo=UTC)) == first
    due = await run_reminders(runtime, datetime(2026, 12, 25, 1, 0, tzinfo=UTC))
    assert due == [*first, ("web:sup", "silent:thd:thd-2026:01:web:sup")]
    assert await run_reminders(runtime, datetime(2026, 12, 26, 1, 0, tzinfo=UTC)) == due
    text = runtime.app.db.execute(
        "select text from notifications where urn = 'web:sup'"
    ).fetchone()[0]
    assert "Còn 125/126 xã, phường chưa báo cáo" in text
    assert "Phường Hoàn Kiếm" in text
    assert "Phường Ba Đình" not in text


async def test_reminders_survive_a_restart(runtime: Runtime) -> None:
    staff(runtime, "web:o70", Role.OFFICER, "00070")
    now = datetime(2026, 12, 22, 2, 0, tzinfo=UTC)
    first = await run_reminders(runtime, now)
    again = Runtime(runtime.app, type(runtime.router)(), runtime.dispatcher)
    from bot.reports import chat as reports

    reports.register(again.router, again.app)
    assert await run_reminders(again, now) == first
    assert len(first) == 1
