"""Issue 7 "done when": a scripted `binhdang chat` session from invite to roll-up and export."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli import admin as admin_commands
from bot.cli import main as cli
from bot.cli import report as report_commands
from bot.cli import run as core_commands
from bot.core.configfile import settings_or_raise
from bot.core.i18n import load_strings
from bot.reports.export import slot_header
from bot.reports.formfiles import load_forms
from bot.reports.store import ReportStore
from bot.runtime.assembly import Runtime, build_runtime
from bot.runtime.content import Content
from bot.storage.database import open_database
from tests.conftest import ROOT, Clock
from tests.test_cli import config_for

EXAMPLE = (
    "/bc thang hanh dong: 3 buoi truyen thong 250 nguoi (140 nu, 110 nam), "
    "2 tin bai tren loa, 500 to roi"
)


class Binhdang:
    """Runs ``binhdang`` commands in-process on one temp config (shared content, fixed clock)."""

    def __init__(self, config: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.config, self.monkeypatch = config, monkeypatch

    def __call__(self, *argv: str, stdin: str = "") -> str:
        out = io.StringIO()
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        self.monkeypatch.setattr(sys, "stdout", out)
        code = cli.main([*argv, "--config", self.config])
        assert code == 0, out.getvalue()
        return out.getvalue()

    def invite(self, unit: str, role: str) -> str:
        out = self("admin", "invite", "--unit", unit, "--role", role)
        found = re.search(r"code: (\S+)", out)
        assert found, out
        return found.group(1)

    def chat(self, user: str, *lines: str) -> str:
        return self("chat", "--user", user, stdin="\n".join(lines) + "\n")


@pytest.fixture
def binhdang(
    tmp_path: Path, content: Content, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Binhdang]:
    built: list[Runtime] = []

    def load_runtime(config: str | None = None, clock_: object = None) -> Runtime:
        settings = settings_or_raise(config)
        db = open_database(settings.storage.db_path)
        built.append(build_runtime(settings, clock=clock, db=db, content=content))
        return built[-1]

    for module in (core_commands, admin_commands, report_commands):
        monkeypatch.setattr(module, "load_runtime", load_runtime)
    yield Binhdang(config_for(tmp_path), monkeypatch)
    for runtime in built:
        runtime.app.db.close()


def test_issue_7_done_when(binhdang: Binhdang, tmp_path: Path) -> None:
    officer, other, supervisor = (
        binhdang.invite("00070", "officer"),
        binhdang.invite("00004", "officer"),
        binhdang.invite("01", "supervisor"),
    )
    guided = binhdang.chat(
        "web:o70",
        f"/dangky {officer}",
        "/baocao",
        "1",  # Tháng hành động
        *("1", "120", "3", "250", "140", "110", "0", "2"),
        "xem tóm tắt",
        "1",  # Lưu báo cáo
    )
    assert "Phường Hoàn Kiếm" in guided
    assert "Số biên nhận: BC-" in guided
    one_line = binhdang.chat("web:o04", f"/dangky {other}", EXAMPLE, "1")
    assert "• Tờ rơi, tài liệu: 500 tờ" in one_line
    assert "Số biên nhận: BC-" in one_line
    amended = binhdang.chat("web:o70", "/sua", "1", "12", "650", "1")  # Sửa > Tờ rơi > 650 > Lưu
    assert "— → 650 tờ" in amended
    assert "lần 2" in amended
    summary = binhdang.chat("web:sup", f"/dangky {supervisor}", "/tonghop")
    assert "Đã báo cáo: 2/126 xã, phường" in summary
    assert "• Buổi truyền thông: 6 buổi" in summary
    assert "• Người dự truyền thông: 500 người (nữ 280, nam 220)" in summary
    assert "• Tờ rơi, tài liệu: 1.150 tờ" in summary
    missing = summary.split("Chưa báo cáo (124): ")[1]
    assert "Phường Ngọc Hà" in missing
    assert "Phường Hoàn Kiếm" not in missing
    assert "Phường Ba Đình" not in missing

    out = tmp_path / "thd.xlsx"
    printed = binhdang(
        "report",
        "export",
        "--form",
        "thd",
        "--period",
        "thd-2026",
        "--unit",
        "01",
        "--out",
        str(out),
    )
    assert "2/126" in printed
    header, *rows = [
        list(r) for r in load_workbook(out)["Xã, phường"].iter_rows(min_row=5, values_only=True)
    ]
    db = open_database(tmp_path / "bot.db")
    stored = [r.values for r in ReportStore(db).for_period("thd", "thd-2026")]
    db.close()
    titles = column_titles()
    for index, title in enumerate(header):
        code = titles.get(str(title))
        if code is not None:
            expected = sum(values.get(code, 0) for values in stored)
            assert rows[-1][index] == expected, title
            assert isinstance(rows[-1][index], int)
    assert rows[-1][header.index("Tờ rơi, tài liệu (tờ)")] == 1150


def column_titles() -> dict[str, str]:
    """Return the export's column title of each slot of the Action Month form."""
    strings = load_strings(ROOT / "content" / "strings")[0]
    form = load_forms(ROOT / "content")[0].get("thd")
    assert form is not None

    def text(key: str, **values: object) -> str:
        return strings.get(key, "vi", **values)

    return {slot_header(text, slot, "vi"): slot.code for slot in form.slots}


def test_invite_refuses_a_role_that_does_not_fit_the_unit(
    binhdang: Binhdang, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(
            ["admin", "invite", "--unit", "01", "--role", "officer", "--config", binhdang.config]
        )
        == 2
    )
    assert "không hợp với cấp" in capsys.readouterr().err


def test_issue14_xuat_in_the_terminal_saves_the_xlsx_and_prints_its_path(
    binhdang: Binhdang, tmp_path: Path
) -> None:
    officer, supervisor = binhdang.invite("00070", "officer"), binhdang.invite("01", "supervisor")
    denied = binhdang.chat("web:o70", f"/dangky {officer}", "/tonghop", "/xuat")
    assert "Lệnh /tonghop chỉ dành cho: cán bộ theo dõi cấp tỉnh, quản trị toàn quốc" in denied
    assert "Lệnh /xuat chỉ dành cho" in denied
    assert "không biết lệnh này" not in denied
    folder = tmp_path / "exports"
    lines = f"/dangky {supervisor}\n/xuat\n/xuat\n"
    printed = binhdang("chat", "--user", "web:sup", "--save-dir", str(folder), stdin=lines)
    saved = sorted(folder.glob("*.xlsx"))
    assert len(saved) == 2  # the second export does not overwrite the first
    for path in saved:
        assert str(path) in printed
        assert load_workbook(path)["Xã, phường"] is not None


def test_issue14_a_citizen_still_gets_unknown_command(binhdang: Binhdang) -> None:
    assert "không biết lệnh này" in binhdang.chat("web:c", "/tonghop")
