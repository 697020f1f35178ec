"""The services directory: content checks on planted errors, phones, levels, shelter safety."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.core.phones import is_valid_phone
from bot.core.problems import Problem
from bot.core.units import official_units
from bot.services import chat as services
from bot.services.directory import Directory, Entry, load_directory
from bot.services.lookup import answer_text, entry_line, find_help, help_lines
from tests.conftest import CONTENT_DAY, ROOT

TODAY = CONTENT_DAY
SHIPPED = ROOT / "content" / "services"
UNITS = official_units()


def say(key: str, **values: object) -> str:
    """A stand-in for UI strings: the key and its values, enough to test structure."""
    return key + "".join(f"|{v}" for v in values.values())


def entry(**fields: object) -> Entry:
    base: dict[str, object] = {
        "id": "x",
        "kind": "police",
        "name": "Công an",
        "unit": "00070",
        "last_verified": TODAY,
        "source": "https://example.org/x",
    }
    return Entry(**(base | fields))  # type: ignore[arg-type]


def test_shipped_directory_is_valid_today() -> None:
    assert services.check(ROOT / "content", TODAY) == []


def test_shipped_directory_has_national_lines_and_an_example_province() -> None:
    directory, _ = load_directory(SHIPPED, UNITS, TODAY)
    phones = {e.phone for e in directory.at("VN")}
    assert {"113", "111", "1900 969 680", "1800 1233"} <= phones
    assert directory.at("01"), "the documented example province (Hà Nội) has entries"
    assert all(not e.address for e in directory.all() if e.hides_address)


def test_shipped_entries_go_stale_after_twelve_months() -> None:
    problems = services.check(ROOT / "content", date(2027, 11, 24))
    assert problems
    assert all("not verified for over 12 months" in p.message for p in problems)
    assert all(p.warning for p in problems)  # the bot keeps serving; `binhdang check` fails


PLANTED = """\
entries:
  - id: ok-entry
    kind: police
    name: "Công an"
    unit: "00070"
    last_verified: 2026-06-01
    source: "https://example.org/a"
  - id: bad-unit
    kind: police
    name: "X"
    unit: "99999"
    last_verified: 2026-06-01
    source: "https://example.org/b"
  - id: bad-phone
    kind: hotline
    name: "X"
    phone: "12 34"
    unit: "VN"
    last_verified: 2026-06-01
    source: "https://example.org/c"
  - id: stale
    kind: hotline
    name: "X"
    unit: "VN"
    last_verified: 2025-01-01
    source: "https://example.org/d"
  - id: unknown-key
    kind: hotline
    name: "X"
    colour: red
    unit: "VN"
    last_verified: 2026-06-01
    source: "https://example.org/e"
  - id: ok-entry
    kind: hotline
    name: "Twice"
    unit: "VN"
    last_verified: 2026-06-01
    source: "https://example.org/f"
  - id: shelter-with-address
    kind: shelter
    name: "Nhà tạm lánh"
    address: "Số 1 phố X"
    unit: "01"
    last_verified: 2026-06-01
    source: "https://example.org/g"
  - id: octal-unit
    kind: police
    name: "X"
    unit: 00070
    last_verified: 2026-06-01
    source: "https://example.org/h"
  - id: no-url
    kind: police
    name: "X"
    unit: "00070"
    last_verified: 2026-06-01
    source: "binhdang:proposal:3"
"""


def test_check_reports_planted_errors_with_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "services"
    folder.mkdir()
    (folder / "planted.yml").write_text(PLANTED, encoding="utf-8")
    problems = services.check(tmp_path, TODAY)
    file = str(folder / "planted.yml")
    assert sorted(problems) == [
        Problem(file, 11, "unknown unit code '99999'"),
        Problem(file, 17, "malformed phone number '12 34'"),
        Problem(
            file, 25, "not verified for over 12 months (last_verified 2025-01-01)", warning=True
        ),
        Problem(file, 30, "unknown key 'colour'"),
        Problem(file, 34, "duplicate id 'ok-entry' (first at " + file + ":2)"),
        Problem(file, 43, "a shelter must not have an address: phone only"),
        Problem(file, 50, "'unit' must be text (quote it in YAML)"),
        Problem(file, 58, "source must be a URL, not 'binhdang:proposal:3'"),
    ]


def test_check_reports_a_file_without_entries(tmp_path: Path) -> None:
    folder = tmp_path / "services"
    folder.mkdir()
    (folder / "empty.yml").write_text("things: []\n", encoding="utf-8")
    assert [p.message for p in services.check(tmp_path, TODAY)] == [
        "expected a mapping with an 'entries' list"
    ]


def test_check_includes_alias_problems(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "services")
    (tmp_path / "services" / "place-names.yml").write_text(
        'aliases:\n  "7":\n    - x\n', encoding="utf-8"
    )
    assert [p.message for p in services.check(tmp_path, TODAY)] == ["unknown unit code '7'"]


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("113", True),
        ("111", True),
        ("1900 969 680", True),
        ("1800 1233", True),
        ("1800.1233", True),
        ("024 3333 5599", True),
        ("0912-345-678", True),
        ("116", False),
        ("12 34", False),
        ("1900 96", False),
        ("+84 912 345 678", False),
        ("091234567", False),
        ("abc", False),
    ],
    ids=lambda v: str(v),
)
def test_phone_shapes(phone: str, ok: bool) -> None:
    assert is_valid_phone(phone) is ok


def directory_with(*entries: Entry) -> Directory:
    shipped, _ = load_directory(SHIPPED, UNITS, TODAY)
    return shipped.merged(entries)


@pytest.mark.parametrize(
    ("code", "level", "source"),
    [
        ("00070", "commune", "00070"),
        ("00073", "province", "01"),
        ("01", "province", "01"),
        ("96", "national", "VN"),
        ("23764", "national", "VN"),
    ],
    ids=["commune-with-entries", "commune-falls-back", "province", "province-none", "commune-none"],
)
def test_find_help_levels(code: str, level: str, source: str) -> None:
    found = find_help(directory_with(entry()), UNITS, code)
    assert found is not None
    assert (found.level, found.source.code) == (level, source)


def test_find_help_unknown_code() -> None:
    assert find_help(directory_with(), UNITS, "12345") is None


def test_help_lines_say_which_level() -> None:
    found = find_help(directory_with(), UNITS, "00073")
    assert found is not None
    lines = help_lines(found, say, "Phường Cửa Nam")
    assert lines[0] == "svc.help.province_fallback|Phường Cửa Nam|Thành phố Hà Nội"
    assert lines[-1] == "svc.report.commune|Phường Cửa Nam"


def test_answer_ends_with_the_emergency_line() -> None:
    for code in ("00070", "00073", "96"):
        found = find_help(directory_with(entry()), UNITS, code)
        assert found is not None
        assert answer_text(found, say, code).endswith("svc.emergency")


@pytest.mark.parametrize("kind", ["shelter", "one_stop_centre", "trusted_address"])
def test_shelter_lines_never_show_an_address(kind: str) -> None:
    hidden = entry(kind=kind, address="Số 1 phố Bí Mật", note="gọi trước", phone="113")
    for full in (True, False):
        line = entry_line(hidden, say, full=full)
        assert "Bí Mật" not in line
        assert "svc.entry.hidden_address" in line
    found = find_help(directory_with(hidden), UNITS, "00070")
    assert found is not None
    assert "Bí Mật" not in answer_text(found, say, "x")
    assert "Bí Mật" not in "\n".join(help_lines(found, say, "x"))


def test_other_kinds_show_their_address_in_full_answers() -> None:
    line = entry_line(entry(address="Số 2 phố Y"), say, full=True)
    assert "svc.entry.address|Số 2 phố Y" in line


@pytest.mark.parametrize(
    ("code", "phone"),
    [
        ("22", "1800 1769"),
        ("25", "1800 8027"),
        ("38", "1800 1744"),
        ("48", "024 3333 5599"),
        ("79", "1900 545 559"),
    ],
    ids=["Quảng Ninh", "Phú Thọ", "Thanh Hóa", "Đà Nẵng", "TP.HCM"],
)
def test_issue14_provincial_entries_from_the_corpus(code: str, phone: str) -> None:
    directory, _ = load_directory(SHIPPED, UNITS, TODAY)
    entries = directory.at(code)
    assert phone in {e.phone for e in entries}
    for found in entries:
        assert found.source.startswith("http")
        assert found.source_date is not None
        assert found.last_verified <= TODAY


def test_issue14_pre_merger_legal_aid_numbers_are_not_shipped() -> None:
    directory, _ = load_directory(SHIPPED, UNITS, TODAY)
    phones = {(e.phone or "").replace(".", "").replace(" ", "") for e in directory.all()}
    assert not phones & {"0838346080", "0835079534", "0836024081", "02373989088"}
