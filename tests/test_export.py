"""Exports: xlsx sheets per level with numbers as numbers and totals matching the stored reports."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.reports.context import Reporting
from bot.reports.export import csv_bytes, file_name, xlsx_bytes
from bot.reports.rollup import Rollup, build_rollup
from bot.runtime.assembly import Runtime
from tests.test_reports_rollup import filled, report

__all__ = ["filled"]


def rollup_of(runtime: Runtime, scope: str) -> tuple[Reporting, Rollup]:
    rep = Reporting.build(runtime.app)
    form = rep.forms.get("thd")
    assert form is not None
    period = form.period_by_id("thd-2026")
    assert period is not None
    return rep, build_rollup(rep, form, period, scope)


def text_of(runtime: Runtime) -> Any:
    strings = runtime.app.strings
    return lambda key, **values: strings.get(key, "vi", **values)


def table(sheet: Worksheet) -> tuple[list[Any], list[list[Any]]]:
    """Return the header row (the one starting with "Mã") and the rows under it."""
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == "Mã")
    return rows[start], rows[start + 1 :]


def column(header: list[Any], title: str) -> int:
    return header.index(title)


def workbook(runtime: Runtime, scope: str) -> Any:
    rep, rollup = rollup_of(runtime, scope)
    at = datetime(2026, 11, 23, 10, 0, tzinfo=rep.zone)
    return load_workbook(io.BytesIO(xlsx_bytes(rollup, rep.units, text_of(runtime), "vi", at)))


def test_province_sheet_totals_match_stored_reports(filled: Runtime) -> None:
    book = workbook(filled, "01")
    assert book.sheetnames == ["Xã, phường", "Tiến độ"]
    sheet = book["Xã, phường"]
    assert "Tháng hành động" in str(sheet["A1"].value)
    assert "Thành phố Hà Nội" in str(sheet["A2"].value)
    assert "15/11/2026–15/12/2026" in str(sheet["A2"].value)
    header, rows = table(sheet)
    assert len(rows) == 126 + 1
    total = rows[-1]
    assert total[1] == "Tổng cộng"
    checks = {
        "Buổi truyền thông (buổi)": 5,
        "Người dự truyền thông (người)": 250,
        "Người dự truyền thông — nữ": 140,
        "Người dự truyền thông — nam": 110,
        "Tờ rơi, tài liệu (tờ)": 600,
        "Vụ bạo lực gia đình (vụ)": 1,
    }
    for title, value in checks.items():
        cell = total[column(header, title)]
        assert cell == value, title
        assert isinstance(cell, int)
    hoan_kiem = next(r for r in rows if r[0] == "00070")
    assert hoan_kiem[column(header, "Tờ rơi, tài liệu (tờ)")] == 500
    assert hoan_kiem[column(header, "Tình trạng")] == "Đã báo cáo"
    silent = next(r for r in rows if r[0] == "00008")
    assert silent[column(header, "Tình trạng")] == "Chưa báo cáo"
    assert silent[column(header, "Tờ rơi, tài liệu (tờ)")] is None


def test_national_export_has_a_province_sheet(filled: Runtime) -> None:
    book = workbook(filled, "VN")
    assert book.sheetnames == ["Tỉnh, thành", "Xã, phường", "Tiến độ"]
    header, rows = table(book["Tỉnh, thành"])
    assert len(rows) == 34 + 1
    hanoi = next(r for r in rows if r[0] == "01")
    assert hanoi[column(header, "Số xã đã báo cáo")] == 2
    assert hanoi[column(header, "Tổng số xã, phường")] == 126
    assert rows[-1][column(header, "Buổi truyền thông (buổi)")] == 12
    _, communes = table(book["Xã, phường"])
    assert len(communes) == 3321 + 1


def test_progress_sheet_lists_status_receipt_and_version(filled: Runtime) -> None:
    report(filled, "00070", {"sessions": 4})
    header, rows = table(workbook(filled, "01")["Tiến độ"])
    row = next(r for r in rows if r[0] == "00070")
    assert str(row[column(header, "Số biên nhận")]).startswith("BC-")
    assert row[column(header, "Lần sửa")] == 2
    late = next(r for r in rows if r[0] == "00004")
    assert late[column(header, "Tình trạng")] == "Nộp muộn"


def test_csv_matches_and_opens_in_excel(filled: Runtime) -> None:
    rep, rollup = rollup_of(filled, "01")
    data = csv_bytes(rollup, rep.units, text_of(filled), "vi")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, total = rows[0], rows[-1]
    assert total[column(header, "Tờ rơi, tài liệu (tờ)")] == "600"
    assert total[column(header, "Tình trạng")] == "2/126"
    assert file_name(rollup, "csv") == "baocao-thd-thd-2026-01.csv"


@pytest.mark.parametrize("scope", ["00070"], ids=["commune"])
def test_commune_export_has_one_row(filled: Runtime, scope: str) -> None:
    _, rows = table(workbook(filled, scope)["Xã, phường"])
    assert [r[0] for r in rows] == ["00070", None]
