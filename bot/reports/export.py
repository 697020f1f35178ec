"""Roll-ups as spreadsheets (xlsx with openpyxl, or csv): one sheet per level, totals, progress."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.core.units import Units
from bot.reports.forms import Slot
from bot.reports.rollup import Rollup, Row
from bot.reports.store import display_ref
from bot.reports.view import day

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is written
    from openpyxl.worksheet.worksheet import Worksheet

Text = Callable[..., str]
"""A UI string getter in the export's locale: ``text(key, **values)``."""
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def slot_header(text: Text, slot: Slot, locale: str) -> str:
    """Return a column title: the field's short label and unit, or its female/male part."""
    label = slot.field.short_label(locale)
    if slot.part is not None:
        return text(f"rep.part.{slot.part}.label", label=label)
    return f"{label} ({slot.field.unit.get(locale)})"


def _title_rows(rollup: Rollup, text: Text, locale: str, at: datetime) -> list[list[Any]]:
    period = rollup.period
    return [
        [rollup.form.title.get(locale)],
        [
            text(
                "rep.x.heading",
                unit=rollup.scope.name,
                period=text(f"rep.period.{period.kind}", year=period.year),
                start=day(period.start),
                end=day(period.end),
            )
        ],
        [text("rep.x.asof", due=day(period.due), at=at.strftime("%H:%M %d/%m/%Y"))],
        [],
    ]


def _values(rollup: Rollup, row: Row) -> list[int | None]:
    return [row.values.get(slot.code) for slot in rollup.form.slots]


def _write(
    sheet: Worksheet, head: list[list[Any]], columns: list[str], rows: list[list[Any]]
) -> None:
    from openpyxl.styles import Font

    for line in head:
        sheet.append(line)
    sheet.append(columns)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"C{sheet.max_row + 1}"
    for line in rows:
        sheet.append(line)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.column_dimensions["B"].width = 32


def _headers(text: Text, *keys: str) -> list[str]:
    return [text(f"rep.x.{key}") for key in keys]


def _where(units: Units, row: Row) -> list[Any]:
    province = units.province_of(row.unit.code)
    return [row.unit.code, row.unit.name, province.name if province else ""]


def _total_row(rollup: Rollup, text: Text, *counts: Any) -> list[Any]:
    totals = rollup.totals
    return ["", text("rep.x.total"), *counts, *(totals.get(s.code, 0) for s in rollup.form.slots)]


def commune_rows(
    rollup: Rollup, units: Units, text: Text, locale: str
) -> tuple[list[str], list[list[Any]]]:
    """Return the communes table (columns and rows, totals last) shared by xlsx and csv."""
    columns = _headers(text, "code", "unit", "province", "status")
    columns += [slot_header(text, s, locale) for s in rollup.form.slots]
    rows = [
        [*_where(units, r), text(f"rep.status.{r.status}"), *_values(rollup, r)]
        for r in rollup.communes
    ]
    share = f"{rollup.reported}/{len(rollup.communes)}"
    return columns, [*rows, _total_row(rollup, text, "", share)]


def _province_sheet(
    sheet: Worksheet, rollup: Rollup, text: Text, locale: str, head: list[list[Any]]
) -> None:
    columns = _headers(text, "code", "unit", "reported", "communes")
    columns += [slot_header(text, s, locale) for s in rollup.form.slots]
    rows = [
        [r.unit.code, r.unit.name, r.reported, r.communes, *_values(rollup, r)] for r in rollup.rows
    ]
    rows.append(_total_row(rollup, text, rollup.reported, len(rollup.communes)))
    _write(sheet, head, columns, rows)


def _progress_row(units: Units, text: Text, row: Row, zone: Any) -> list[Any]:
    report = row.report
    if report is None:
        return [*_where(units, row), text(f"rep.status.{row.status}"), "", "", None]
    sent = report.submitted_at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
    status = text(f"rep.status.{row.status}")
    return [*_where(units, row), status, sent, display_ref(report.ref), report.version]


def _progress_sheet(sheet: Worksheet, rollup: Rollup, units: Units, text: Text, zone: Any) -> None:
    done = rollup.reported
    share = f"{done}/{len(rollup.communes)}"
    head = [[text("rep.x.progress", reported=share, on_time=f"{rollup.on_time}/{done}")], []]
    columns = _headers(text, "code", "unit", "province", "status", "sent", "ref", "version")
    rows = [_progress_row(units, text, row, zone) for row in rollup.communes]
    _write(sheet, head, columns, rows)


def xlsx_bytes(rollup: Rollup, units: Units, text: Text, locale: str, at: datetime) -> bytes:
    """Return the roll-up as an xlsx workbook: provinces (national), communes, progress."""
    from openpyxl import Workbook

    book = Workbook()
    head = _title_rows(rollup, text, locale, at)
    sheet = book.active
    assert sheet is not None
    if rollup.scope.level == "national":
        sheet.title = text("rep.x.sheet_provinces")
        _province_sheet(sheet, rollup, text, locale, head)
        sheet = book.create_sheet()
    sheet.title = text("rep.x.sheet_communes")
    _write(sheet, head, *commune_rows(rollup, units, text, locale))
    _progress_sheet(book.create_sheet(text("rep.x.sheet_progress")), rollup, units, text, at.tzinfo)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rollup: Rollup, units: Units, text: Text, locale: str) -> bytes:
    """Return the communes table as UTF-8 csv (with a byte-order mark, so Excel reads it)."""
    columns, rows = commune_rows(rollup, units, text, locale)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def file_name(rollup: Rollup, suffix: str) -> str:
    """Return a file name naming the form, period and unit (``thd-thd-2026-01.xlsx``)."""
    return f"baocao-{rollup.form.id}-{rollup.period.id}-{rollup.scope.code}.{suffix}"
