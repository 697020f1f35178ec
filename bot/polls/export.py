"""Poll results as an .xlsx workbook (openpyxl, as bot/export.py): the suppressed tables only."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from bot.core.i18n import Strings
from bot.polls.summary import Line, PollResults, Table
from bot.polls.view import local

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(text: str) -> Any:
    """Return a count as a number so sheets can sum it, and "< 5" as text."""
    return int(text) if text.isdigit() else text


def _line(line: Line) -> list[Any]:
    return [line.label, *map(_cell, line.cells), _cell(line.total)]


def _table_rows(table: Table, total: str) -> list[list[Any]]:
    return [[table.title], ["", *table.columns, total], *map(_line, table.rows), _line(table.total)]


def rows(found: PollResults, strings: Strings, now: datetime, zone: str) -> list[list[Any]]:
    """Return the sheet's rows: title, overall counts and shares, then each breakdown."""

    def t(key: str, **values: object) -> str:
        return strings.get(key, found.locale, **values)

    total = t("poll.results.total")
    columns = found.tables[0].columns if found.tables else ()
    head: list[list[Any]] = [
        [t("poll.results.title", question=found.question)],
        [local(now, zone)],
        [],
        ["", *columns, total],
        _line(found.overall),
        ["%", *found.overall.shares],
        [t("poll.results.stats", median=found.median, mean=found.mean)] if found.median else [],
        [],
    ]
    for table in found.tables:
        head += [*_table_rows(table, total), []]
    return [*head, [t("poll.results.note")]]


def xlsx_bytes(found: PollResults, strings: Strings, now: datetime, zone: str) -> bytes:
    """Return the results workbook (openpyxl is imported only now)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kết quả" if found.locale == "vi" else "Results"
    for row in rows(found, strings, now, zone):
        sheet.append(row)
    for row_cells in sheet.iter_rows(min_row=1, max_row=1):
        for cell in row_cells:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def file_name(found: PollResults) -> str:
    """Return the export's file name."""
    return f"khao-sat-{found.poll.key}.xlsx"
