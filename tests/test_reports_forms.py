"""Report forms as data: shipped forms load, planted errors have file:line, periods, rules."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.reports import chat as reports
from bot.reports.formfiles import load_forms
from bot.reports.forms import Form, Forms
from bot.reports.numbers import NumberProblem, parse_count
from bot.reports.periods import PeriodKind, parse_period
from bot.reports.rules import growth_issues, rule_issues
from tests.conftest import ROOT

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def forms() -> Forms:
    loaded, problems = load_forms(ROOT / "content")
    assert problems == []
    return loaded


def thd(forms: Forms) -> Form:
    form = forms.get("thd")
    assert form is not None
    return form


def test_shipped_forms_load_and_check_passes(forms: Forms) -> None:
    assert {f.id for f in forms.items} == {"thd", "bdg"}
    assert reports.check(ROOT / "content", TODAY) == []


def test_action_month_has_the_indicators_of_the_issue(forms: Forms) -> None:
    codes = {slot.code for slot in thd(forms).slots}
    wanted = {
        "launch_events",
        "sessions",
        "session_people_nu",
        "session_people_nam",
        "trainees_nu",
        "news_loudspeaker",
        "news_radio",
        "news_web",
        "news_social",
        "banners",
        "leaflets",
        "contests",
        "trusted_addresses",
        "models",
        "dv_cases",
        "dv_victims_supported",
    }
    assert wanted <= codes
    dv = [s for s in thd(forms).fields if s.code.startswith("dv_")]
    assert all(s.counts_only for s in dv)


@pytest.mark.parametrize(
    ("form", "period", "due", "lock", "open_now"),
    [
        ("thd", "thd-2026", date(2026, 12, 25), date(2027, 1, 8), True),
        ("thd", "thd-2025", date(2025, 12, 25), date(2026, 1, 8), False),
        ("bdg", "6t-2026", date(2026, 7, 15), date(2026, 7, 29), False),
        ("bdg", "nam-2026", date(2027, 1, 15), date(2027, 1, 29), True),
    ],
    ids=["action-month-now", "action-month-last-year", "half-year-locked", "year-open"],
)
def test_period_dates(
    forms: Forms, form: str, period: str, due: date, lock: date, open_now: bool
) -> None:
    found = forms.get(form)
    assert found is not None
    p = found.period_by_id(period)
    assert p is not None
    assert (p.due, p.lock, p.open(TODAY)) == (due, lock, open_now)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thd-2026", (PeriodKind.ACTION_MONTH, 2026)),
        ("Tháng hành động 2026", (PeriodKind.ACTION_MONTH, 2026)),
        ("6t-2026", (PeriodKind.HALF_YEAR, 2026)),
        ("6 tháng đầu năm 2026", (PeriodKind.HALF_YEAR, 2026)),
        ("nam-2025", (PeriodKind.YEAR, 2025)),
        ("2026", (PeriodKind.YEAR, 2026)),
        ("hôm qua", None),
    ],
    ids=["id", "words", "half-id", "half-words", "year-id", "bare-year", "nonsense"],
)
def test_parse_period(text: str, expected: tuple[PeriodKind, int] | None) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("thd", date(2026, 12, 3), (PeriodKind.ACTION_MONTH, 2026)),
        ("tháng hành động", date(2027, 1, 10), (PeriodKind.ACTION_MONTH, 2026)),
        ("6t", date(2026, 12, 3), (PeriodKind.HALF_YEAR, 2026)),
        ("thd", None, None),
    ],
    ids=["action-month", "after-new-year", "half-year", "no-today"],
)
def test_a_period_without_its_year_is_the_latest_begun(
    text: str, today: date | None, expected: tuple[PeriodKind, int] | None
) -> None:
    # Eighth session: "/tonghop thd", as a supervisor types the form's code, said "no such period".
    assert parse_period(text, today) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250", 250),
        ("250 người", 250),
        ("1.200", 1200),
        ("1,200", 1200),
        ("hai mươi lăm", 25),
        ("ba", 3),
        ("mười hai", 12),
        ("hai trăm năm mươi", 250),
        ("10^12", 10**12),
        ("-3", NumberProblem.NEGATIVE),
        ("2,5", NumberProblem.NOT_WHOLE),
        ("abc", NumberProblem.NOT_NUMBER),
        ("để sau", NumberProblem.NOT_NUMBER),
        ("khoảng hai mươi", 20),
        ("140 nữ 110 nam", NumberProblem.SEVERAL),
        ("khoảng hai chục người", 20),  # twenty-ninth session: read as 2
        ("ba chục", 30),
    ],
    ids=[
        "digits",
        "with-unit",
        "dot-thousands",
        "comma-thousands",
        "words-25",
        "words-3",
        "words-12",
        "words-250",
        "power",
        "negative",
        "decimal",
        "text",
        "later",
        "about-20",
        "two-numbers",
        "two-tens",
        "three-tens",
    ],
)
def test_parse_count(text: str, expected: int | NumberProblem) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("values", "keys"),
    [
        ({"session_people": 250, "session_people_nu": 140, "session_people_nam": 110}, []),
        ({"session_people": 250, "session_people_nu": 300}, ["rep.err.part_over"]),
        (
            {"session_people": 250, "session_people_nu": 140, "session_people_nam": 100},
            ["rep.err.sum"],
        ),
        ({"dv_victims": 2, "dv_victims_supported": 3}, ["rep.err.at_most"]),
        ({"leaflets": 10**12}, ["rep.err.above_max"]),
    ],
    ids=["ok", "female-over-total", "parts-do-not-add-up", "supported-over-detected", "huge"],
)
def test_rules(forms: Forms, values: dict[str, int], keys: list[str]) -> None:
    assert [i.key for i in rule_issues(thd(forms), values)] == keys


def test_growth_over_ten_times_is_a_warning(forms: Forms) -> None:
    issues = growth_issues(
        thd(forms), {"leaflets": 5001, "sessions": 30}, {"leaflets": 500, "sessions": 3}
    )
    assert [(i.key, i.slots, i.blocking) for i in issues] == [
        ("rep.warn.growth", ("leaflets",), False)
    ]
    assert growth_issues(thd(forms), {"leaflets": 5001}, None) == []


PLANTED = [
    ("  - code: sessions\n", "  - code: sessions\n    colour: red\n", "fields.2.colour: Extra"),
    ("    of: sessions\n", "    of: nothing\n", "'of' must name an earlier field"),
    ("limit: dv_victims}", "limit: nobody}", "rule names unknown field 'nobody'"),
    ('words: ["tờ rơi",', 'words: ["học viên", "tờ rơi",', "word 'học viên' also names field"),
    ("    max: 500000\n", "    max: -1\n", "greater than 0"),
]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    PLANTED,
    ids=["unknown-key", "bad-of", "bad-rule", "dup-word", "bad-max"],
)
def test_planted_errors_have_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "reports", content / "reports")
    path = content / "reports" / "thang-hanh-dong.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    problems = reports.check(content, TODAY)
    assert any(message in p.message and p.file == str(path) for p in problems), problems
    assert any(abs(p.line - line) <= 2 for p in problems), (line, problems)


def test_missing_sum_rule_and_duplicate_alias(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "reports", content / "reports")
    path = content / "reports" / "binh-dang-gioi.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - {check: sum, total: trainees, parts: [trainees_nu, trainees_nam]}\n", ""
    )
    path.write_text(text.replace('"bdg",', '"bdg", "thd",'), encoding="utf-8")
    messages = [p.message for p in reports.check(content, TODAY)]
    assert "field 'trainees' is split by sex but has no 'sum' rule" in messages
    assert any("alias 'thd' also names form" in m for m in messages)
