"""Entries on sex selection answer only questions that name a foetus's sex, and those on threats of
harm no threat to leave (bot.qa.topicwords)."""

from __future__ import annotations

import pytest

from bot.qa.engine import QA
from bot.runtime.content import Content


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


@pytest.mark.parametrize(
    "question",
    [
        # thirty-fourth session: it got the fines for aborting a foetus because of its sex
        "Vợ muốn phá thai mà chồng không đồng ý thì có được phá không?",
        "phá thai có cần chồng đồng ý không",
    ],
)
def test_an_abortion_that_names_no_sex_gets_no_sex_selection_entry(qa: QA, question: str) -> None:
    answer = qa.answer(question)
    assert not (answer.faq_id or "").startswith("ss-"), answer.faq_id


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Mẹ chồng bắt em phá thai vì thấy là con gái, em phải làm gì?", "ss-forced-abortion"),
        ("Lựa chọn giới tính thai nhi bị xử phạt bao nhiêu tiền?", "ss-penalties"),
        ("bác sĩ nói cho biết thai là trai hay gái có bị phạt không", "ss-prohibited"),
    ],
)
def test_sex_selection_still_gets_its_entries(qa: QA, question: str, entry: str) -> None:
    assert qa.answer(question).faq_id == entry


def test_a_threat_to_leave_gets_no_entry_on_threats_of_harm(qa: QA) -> None:
    # Thirty-fifth session: "anh ấy dọa bỏ em" got the emergency answer and the entry on threats.
    for question in ("anh ấy dọa bỏ em", "chồng dọa ly hôn"):
        assert not (qa.answer(question).faq_id or "").startswith("dv-threats"), question
    assert qa.answer("chồng dọa giết em").faq_id in ("dv-threats", "dv-threats-fine")
