"""One-line reports: header, digits or words, diacritics optional, unknowns kept apart."""

from __future__ import annotations

import pytest

from bot.reports.formfiles import load_forms
from bot.reports.forms import Forms
from bot.reports.numbers import sex_split
from bot.reports.parse import is_report_line, parse_body, split_header
from tests.conftest import ROOT

EXAMPLE = {
    "sessions": 3,
    "session_people": 250,
    "session_people_nu": 140,
    "session_people_nam": 110,
    "news_loudspeaker": 2,
    "leaflets": 500,
}


@pytest.fixture(scope="module")
def forms() -> Forms:
    return load_forms(ROOT / "content")[0]


PLAIN = "3 buoi truyen thong 250 nguoi (140 nu, 110 nam), 2 tin bai tren loa, 500 to roi"
ACCENTED = "3 buổi truyền thông 250 người (140 nữ, 110 nam), 2 tin bài trên loa, 500 tờ rơi"
WORDS = ACCENTED.replace("3 buổi", "ba buổi").replace("2 tin", "hai tin")


@pytest.mark.parametrize(
    "text",
    [
        f"bc thang hanh dong: {PLAIN}",
        f"bc tháng hành động: {ACCENTED}",
        f"BC Tháng Hành Động: {WORDS}",
        f"bc thang hanh dong: {PLAIN.replace('3 buoi', 'ba buoi').replace('2 tin', 'hai tin')}",
        "báo cáo thd: 3 buổi truyền thông 250 người (140 nữ và 110 nam); 2 tin bài trên loa; "
        "tờ rơi: 500",
        f"/bc thang hanh dong {PLAIN}",
        f"bc thang hd - {PLAIN}",
        f"bc tháng hành động – {ACCENTED}",
        f"bc thd: - {PLAIN}",
    ],
    ids=[
        "no-diacritics",
        "diacritics",
        "words-and-case",
        "words-no-diacritics",
        "label-first",
        "command",
        "issue-15-dash-after-form-name",
        "en-dash-after-form-name",
        "dash-after-colon",
    ],
)
def test_the_example_parses(forms: Forms, text: str) -> None:
    assert is_report_line(text)
    form, body = split_header(text, forms)
    assert form is not None
    assert form.id == "thd"
    parsed = parse_body(form, body)
    assert (parsed.values, parsed.unknown, parsed.invalid) == (EXAMPLE, [], [])


@pytest.mark.parametrize(
    ("body", "values", "unknown", "invalid"),
    [
        (
            "2 lớp tập huấn 40 học viên (25 nữ, 15 nam)",
            {"trainings": 2, "trainees": 40, "trainees_nu": 25, "trainees_nam": 15},
            [],
            [],
        ),
        ("3 cái gì đó, 2 tin bài", {}, [(3, "3 cái gì đó"), (2, "2 tin bài")], []),
        ("-3 vụ bạo lực gia đình", {}, [], [("dv_cases", "rep.num.negative", "-3")]),
        ("10^12 tờ rơi", {}, [], [("leaflets", "rep.err.above_max", "10^12")]),
        ("2,5 buổi truyền thông", {}, [], [("sessions", "rep.num.not_whole", "2,5")]),
        ("150 người", {}, [(150, "150 người")], []),
        (
            "2 buổi truyền thông 50 người, 3 buổi 70 người",
            {"sessions": 5, "session_people": 120},
            [],
            [],
        ),
        ("tư vấn tâm lý cho 2 nạn nhân", {"dv_victims": 2}, [], []),
        (
            "năm buổi truyền thông, 1 cuộc mít tinh 300 người",
            {"sessions": 5, "launch_events": 1, "launch_people": 300},
            [],
            [],
        ),
        (
            "2 cuộc thi 45 bài dự thi, 1 địa chỉ tin cậy, 4 bài đăng zalo",
            {"contests": 2, "contest_people": 45, "trusted_addresses": 1, "news_social": 4},
            [],
            [],
        ),
    ],
    ids=[
        "training-by-sex",
        "unknown-asked",
        "negative",
        "too-big",
        "decimal",
        "people-without-activity",
        "same-field-twice-adds",
        "number-words-not-guessed",
        "word-number-five",
        "contest-models-social",
    ],
)
def test_body(
    forms: Forms,
    body: str,
    values: dict[str, int],
    unknown: list[tuple[int, str]],
    invalid: list[tuple[str, str, str]],
) -> None:
    form = forms.get("thd")
    assert form is not None
    parsed = parse_body(form, body)
    assert (parsed.values, parsed.unknown, parsed.invalid) == (values, unknown, invalid)


@pytest.mark.parametrize(
    ("text", "form_id"),
    [
        ("bc bdg: 4 buổi", "bdg"),
        ("bc binh dang gioi: 4 buoi", "bdg"),
        ("bc: 4 buổi", None),
        ("báo cáo: 5 tin zalo", None),
    ],
    ids=["short-alias", "alias-no-diacritics", "no-form", "no-form-words"],
)
def test_header(forms: Forms, text: str, form_id: str | None) -> None:
    form, _ = split_header(text, forms)
    assert (form.id if form else None) == form_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bc thd: 3 buổi", True),
        ("báo cáo tháng hành động: 3 buổi", True),
        ("báo cáo bạo lực ở đâu", False),
        ("bạn có biết không", False),
        ("bcd 3", False),
    ],
    ids=["bc", "bao-cao", "citizen-question", "other", "other-prefix"],
)
def test_is_report_line(text: str, expected: bool) -> None:
    assert is_report_line(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150 người, 90 nữ 60 nam", (150, 90, 60)),
        ("nữ 90, nam 60", (None, 90, 60)),
        ("1.200 người (700 nữ, 500 nam)", (1200, 700, 500)),
        ("90 nữ", None),
        ("3 buổi 150 người 90 nữ 60 nam", None),
    ],
    ids=["total-first", "parts-only", "thousands", "one-part", "two-totals"],
)
def test_sex_split_reads_a_total_with_women_and_men(
    text: str, expected: tuple[int | None, int, int] | None
) -> None:
    assert sex_split(text) == expected
