"""``binhdang services export|import``: CSV round trip, row-numbered problems, audited import."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.runtime.assembly import Runtime
from bot.services.catalog import Catalog
from bot.services.csvfile import (
    COLUMNS,
    READ_ONLY,
    apply_import,
    changed_entries,
    read_csv,
    write_csv,
)
from bot.services.directory import FIELDS
from bot.storage.database import open_database
from tests.conftest import CONTENT_DAY, NOW, ROOT, TEST_CACHE

TODAY = CONTENT_DAY


def exported(catalog: Catalog) -> str:
    stream = io.StringIO()
    write_csv(catalog.directory().all(), catalog.units, stream)
    return stream.getvalue()


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def as_csv(rows: list[dict[str, str]]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue()


def test_every_field_is_a_column() -> None:
    assert set(COLUMNS) - READ_ONLY == set(FIELDS)


def test_round_trip_changes_nothing(runtime: Runtime) -> None:
    catalog = Catalog(runtime.app)
    text = exported(catalog)
    assert rows_of(text)[0]["unit_name"]
    entries, problems = read_csv(io.StringIO(text), "d.csv", catalog.units, TODAY)
    assert problems == []
    assert entries == catalog.directory().all()
    assert changed_entries(entries, catalog.directory(), TODAY) == []


def test_import_saves_changed_rows_audited(runtime: Runtime) -> None:
    catalog = Catalog(runtime.app)
    rows = rows_of(exported(catalog))
    rows[0]["hours"] = "24/7"
    rows[0]["last_verified"] = "2026-10-01"
    rows.append(rows[1] | {"id": "new-entry", "unit": "00070", "kind": "police"})
    entries, problems = read_csv(io.StringIO(as_csv(rows)), "d.csv", catalog.units, TODAY)
    assert problems == []
    changed = changed_entries(entries, catalog.directory(), TODAY)
    assert [e.id for e in changed] == [rows[0]["id"], "new-entry"]
    apply_import(catalog, changed, "cli:test", NOW)
    assert catalog.directory().get(rows[0]["id"]).hours == "24/7"  # type: ignore[union-attr]
    details = [json.loads(r["detail"]) for r in runtime.app.db.query("select detail from audit")]
    assert set(details[0]["fields"]) == {"hours", "last_verified"}
    assert {d["entry"] for d in details} == {rows[0]["id"], "new-entry"}


def test_changed_row_keeping_its_date_is_dated_today(runtime: Runtime) -> None:
    catalog = Catalog(runtime.app)
    rows = rows_of(exported(catalog))
    rows[0]["note"] = "Ghi chú mới"
    entries, _ = read_csv(io.StringIO(as_csv(rows)), "d.csv", catalog.units, date(2026, 12, 5))
    changed = changed_entries(entries, catalog.directory(), date(2026, 12, 5))
    assert [e.last_verified for e in changed] == [date(2026, 12, 5)]


def test_import_problems_name_the_row(runtime: Runtime) -> None:
    catalog = Catalog(runtime.app)
    rows = rows_of(exported(catalog))
    assert rows[0]["kind"] == "shelter"
    rows[0]["address"] = "Số 1 phố Bí Mật"
    rows[1]["unit"] = "99"
    rows[2]["phone"] = "1900 96"
    rows[3]["last_verified"] = "2024-01-01"
    rows[4]["id"] = rows[5]["id"]
    extra = io.StringIO()
    csv.writer(extra).writerow([*({**rows[5], "id": "extra"}[c] for c in COLUMNS), "x"])
    text = as_csv(rows) + extra.getvalue()
    entries, problems = read_csv(io.StringIO(text), "d.csv", catalog.units, TODAY)
    assert [(p.line, p.message) for p in problems] == [
        (2, "address: a shelter must not have an address: phone only"),
        (3, "unit: unknown unit code '99'"),
        (4, "phone: malformed phone number '1900 96'"),
        (5, "last_verified: not verified for over 12 months (last_verified 2024-01-01)"),
        (7, f"duplicate id {rows[5]['id']!r} (first on row 6)"),
        (len(rows) + 2, "more cells than columns"),
    ]
    assert len(entries) == len(rows) - 5  # row 6 and every row after the duplicate


def test_import_header_problems(runtime: Runtime) -> None:
    catalog = Catalog(runtime.app)
    entries, problems = read_csv(io.StringIO("id,name,colour\n"), "d.csv", catalog.units, TODAY)
    assert entries == []
    assert [p.message for p in problems] == [
        "missing column 'kind'",
        "missing column 'unit'",
        "missing column 'last_verified'",
        "missing column 'source'",
        "unknown column 'colour'",
    ]


def run_cli(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_cli_export_then_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.yml"
    config.write_text(
        f"storage:\n  db_path: {tmp_path / 'bot.db'}\n"
        f"paths:\n  content: {ROOT / 'content'}\n  cache: {TEST_CACHE}\n",
        encoding="utf-8",
    )
    out = tmp_path / "directory.csv"
    code, text, _ = run_cli(
        ["services", "export", "--config", str(config), "--out", str(out)], monkeypatch
    )
    assert code == 0
    assert "wrote 12 entries" in text
    rows = rows_of(out.read_text(encoding="utf-8-sig"))
    rows[0]["hours"] = "24/7"
    out.write_text(as_csv(rows), encoding="utf-8-sig")
    load = ["services", "import", "--config", str(config), str(out)]
    code, text, _ = run_cli(load, monkeypatch)
    assert (code, text.strip()) == (0, f"{len(rows)} rows: changed 1, unchanged {len(rows) - 1}")
    db = open_database(tmp_path / "bot.db")
    assert [r["action"] for r in db.query("select action from audit")] == ["services.import"]
    db.close()
    rows[1]["unit"] = "99"
    out.write_text(as_csv(rows), encoding="utf-8-sig")
    code, _, errors = run_cli(
        ["services", "import", "--config", str(config), str(out)], monkeypatch
    )
    assert code == 1
    assert f"{out}:3: unit: unknown unit code '99'" in errors
    assert "nothing imported" in errors
