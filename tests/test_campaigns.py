"""The Action Month calendar: shipped content, real slogans, lock-screen safety, content errors."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.broadcasts.campaigns import load_calendars
from bot.broadcasts.feature import check
from bot.broadcasts.lockscreen import first_line, preview_problems, unsafe_words

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "campaigns.md"


def _shipped():  # type: ignore[no-untyped-def]
    calendars, problems = load_calendars(ROOT / "content")
    assert problems == [], "\n".join(map(str, problems))
    return calendars


def test_shipped_content_passes_check() -> None:
    assert check(ROOT / "content", date(2026, 11, 23)) == []


def test_one_message_a_day_through_the_action_month() -> None:
    (calendar,) = _shipped()
    assert (calendar.start, calendar.end) == (date(2026, 11, 15), date(2026, 12, 15))
    days = {entry.send_at.date() for entry in calendar.entries}
    expected = {date(2026, 11, 15) + timedelta(days=n) for n in range(31)}
    assert days == expected
    assert all(entry.send_at.utcoffset() == timedelta(hours=7) for entry in calendar.entries)


def test_related_days_from_the_corpus() -> None:
    (calendar,) = _shipped()
    assert calendar.related["elimination_day"].start == date(2026, 11, 25)
    assert calendar.related["sixteen_days"].end == date(2026, 12, 10)
    on_25 = [e for e in calendar.entries if e.send_at.date() == date(2026, 11, 25)]
    assert "elimination_day" in on_25[0].related


def test_no_theme_is_invented_for_2026() -> None:
    (calendar,) = _shipped()
    assert calendar.theme is None


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_every_slogan_is_verbatim_in_the_corpus() -> None:
    corpus = unicodedata.normalize("NFC", CORPUS.read_text(encoding="utf-8"))
    (calendar,) = _shipped()
    slogans = [s for entry in calendar.entries for s in entry.slogans]
    assert len(slogans) >= 30
    missing = [s for s in slogans if unicodedata.normalize("NFC", s) not in corpus]
    assert missing == []


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_every_earlier_theme_is_verbatim_in_the_corpus() -> None:
    """Thirty-sixth session: "năm 2025 chủ đề tháng hành động là gì" got 2026's missing theme."""
    corpus = unicodedata.normalize("NFC", CORPUS.read_text(encoding="utf-8"))
    (calendar,) = _shipped()
    themes = dict(calendar.past_themes)
    assert sorted(themes) == list(range(2016, 2026))
    firsts = {2016, 2017, 2018, 2019, 2021, 2025}  # 2020 and 2022–2024 repeat the year before
    missing = [y for y in firsts if f'"{unicodedata.normalize("NFC", themes[y])}"' not in corpus]
    assert missing == []


def test_every_first_line_is_lock_screen_safe() -> None:
    (calendar,) = _shipped()
    for entry in calendar.entries:
        for text in entry.texts.values():
            assert preview_problems(text) == [], first_line(text)


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Bạo lực gia đình là tội ác", ["bạo lực"]),
        ("bao luc gia dinh", ["bạo lực"]),
        ("BẠO HÀNH trẻ em", ["bạo hành"]),
        ("Phòng chống BLGĐ", ["blgđ"]),
        ("Stop violence against women", ["violence"]),
        ("Bình đẳng giới bắt đầu từ gia đình", []),
        ("Đánh giá kết quả tháng hành động", []),
        ("Hiệp hội phụ nữ", []),
    ],
    ids=["plain", "no-diacritics", "upper", "abbreviation", "english", "safe", "danh-gia", "hiep"],
)
def test_unsafe_words(line: str, found: list[str]) -> None:
    assert unsafe_words(line) == found


def test_first_line_skips_blank_lines_and_limits_length() -> None:
    assert first_line("\n\n  Xin chào \nbạo lực") == "Xin chào"
    assert preview_problems("x" * 81) == ["first line has 81 characters (at most 80)"]
    assert preview_problems("") == ["text is empty"]


GOOD_ENTRY = """  - date: 2026-11-15
    time: "08:00"
    audience: all
    text:
      vi: "Xin chào\\nNội dung"
"""


def _calendar_text(entries: str, end: str = "2026-11-15") -> str:
    return (
        "year: 2026\n"
        "timezone: Asia/Ho_Chi_Minh\n"
        "campaign:\n"
        "  name: Tháng hành động\n"
        "  start: 2026-11-15\n"
        f"  end: {end}\n"
        "related_days:\n"
        "  d25:\n"
        "    name: Ngày 25/11\n"
        "    start: 2026-11-25\n"
        "entries:\n" + entries
    )


CASES = [
    (
        "unsafe first line",
        GOOD_ENTRY.replace("Xin chào", "Bạo lực gia đình"),
        16,
        "lock screen: first line names 'bạo lực'",
    ),
    ("missing day", GOOD_ENTRY, 11, "no message on 2026-11-16"),
    ("unknown key", GOOD_ENTRY + "    colour: orange\n", 17, "unknown key 'colour'"),
    ("bad time", GOOD_ENTRY.replace('"08:00"', '"8h"'), 13, "time must be HH:MM"),
    (
        "bad province",
        GOOD_ENTRY.replace("audience: all", "audience: {provinces: ['99']}"),
        14,
        "unknown province code '99'",
    ),
    (
        "bad channel",
        GOOD_ENTRY.replace("audience: all", "audience: {channels: [sms]}"),
        14,
        "unknown channel 'sms'",
    ),
    (
        "slogan not quoted",
        GOOD_ENTRY + "    slogans: ['Nam, nữ bình quyền']\n",
        15,
        "not quoted verbatim",
    ),
    ("related day outside its date", GOOD_ENTRY + "    related: [d25]\n", 17, "outside 'd25'"),
    ("unknown related day", GOOD_ENTRY + "    related: [nope]\n", 17, "unknown related day"),
    ("duplicate entry", GOOD_ENTRY + GOOD_ENTRY, 17, "two entries at the same date and time"),
    ("no Vietnamese", GOOD_ENTRY.replace("vi:", "en:"), 16, "vi must be non-empty text"),
    ("image not https", GOOD_ENTRY + "    image: http://x.vn/a.png\n", 17, "https://"),
    ("too long", GOOD_ENTRY.replace("Nội dung", "a" * 1001), 16, "at most 1000"),
    ("empty past theme", GOOD_ENTRY + "past_themes:\n  2025: ''\n", 17, "map years to themes"),
]


@pytest.mark.parametrize(("label", "entries", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_content_errors(tmp_path: Path, label: str, entries: str, line: int, message: str) -> None:
    folder = tmp_path / "campaigns"
    folder.mkdir()
    end = "2026-11-16" if label == "missing day" else "2026-11-15"
    (folder / "2026.yml").write_text(_calendar_text(entries, end), encoding="utf-8")
    problems = check(tmp_path, date(2026, 11, 23))
    assert any(message in p.message and p.line == line for p in problems), problems
    assert all(str(p).startswith(str(folder / "2026.yml")) for p in problems)


def test_year_must_match_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "2027.yml").write_text(_calendar_text(GOOD_ENTRY), encoding="utf-8")
    problems = check(tmp_path, date(2026, 11, 23))
    assert [p.message for p in problems] == ["year 2026 does not match the file"]
