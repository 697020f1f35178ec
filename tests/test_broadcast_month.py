"""Questions about the Action Month, answered from the campaign calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.broadcasts.campaigns import load_calendars
from bot.broadcasts.month import asks_about_month, current, latest_message
from tests.conftest import ROOT

ASKED = [
    "tháng hành động vì bình đẳng giới là gì",
    "thang hanh dong nam nay co chu de gi",
    "chiến dịch năm nay có thông điệp gì",
    "when is the action month",
    "tháng hành động bắt đầu từ 15/11 đúng không",  # folded, "đúng" is "dung" (dừng, stop)
]
NOT_ASKED = [
    "Tháng hành động vì trẻ em là tháng mấy",  # June, a law entry (Luật Trẻ em Điều 11)
    "báo cáo tháng hành động",  # the report flow
    "đăng ký nhận tin tháng hành động",  # subscribing
    "chồng đánh vợ trong tháng hành động thì bị phạt sao",  # a legal question
]


@pytest.mark.parametrize("text", ASKED)
def test_questions_about_the_month_are_recognised(text: str) -> None:
    assert asks_about_month(text)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_other_messages_naming_the_month_are_not(text: str) -> None:
    assert not asks_about_month(text)


def test_the_calendar_of_the_year_and_its_latest_message() -> None:
    calendars, problems = load_calendars(ROOT / "content")
    assert problems == []
    calendar = current(calendars, date(2026, 11, 23))
    assert calendar is not None
    assert calendar.year == 2026
    entry = latest_message(calendar, datetime(2026, 11, 23, 3, 0, tzinfo=UTC))
    assert entry is not None
    assert entry.send_at.day == 23
    assert latest_message(calendar, datetime(2026, 11, 1, tzinfo=UTC)) is None
    assert current(calendars, date(2030, 1, 1)) == max(calendars, key=lambda c: c.start)
    assert current([], date(2026, 11, 23)) is None
