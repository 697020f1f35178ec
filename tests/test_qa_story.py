"""A story of harm in the family that no entry is sure of gets the entry on what violence is."""

from __future__ import annotations

import pytest

from bot.qa.engine import QA
from bot.qa.likely import STORY_BASIS
from bot.runtime.content import Content
from nlu.normalize import fold
from tests.matches import told

LETTER = (
    "Em năm nay ba mươi tuổi, lấy chồng đã được bốn năm. Ngày mới cưới anh chiều em lắm, nhưng "
    "từ khi em sinh bé thứ hai thì anh thay đổi hẳn. Anh hay cáu gắt vô cớ, tiền lương giữ hết "
    "không đưa em đồng nào, em xin tiền mua sữa cho con thì anh mắng là phá của. Mỗi lần cãi nhau "
    "anh lại đập phá đồ đạc, có lần còn xô em ngã vào tường. Mẹ chồng thì bảo đàn bà phải biết "
    "nhẫn nhịn. Em thấy mệt mỏi và bế tắc lắm."
)
"""A letter of my own (tenth session): no question, no entry sure of it, a husband who harms."""

NO_ROLES = (
    "Nhà tôi ở quê, mấy năm nay làm ăn khó khăn, ruộng vườn mất mùa liên tiếp, các con đi làm xa "
    "cả. Tôi nghe nói năm nay xã có tổ chức tháng hành động về bình đẳng giới, có nhiều buổi nói "
    "chuyện về bạo lực gia đình ở nhà văn hóa thôn. Tôi muốn biết thêm về những chuyện này vì "
    "thấy quanh xóm cũng nhiều nhà lục đục, nhưng không biết bắt đầu từ đâu cho phải."
)
"""As long, on the subject, but nobody harms anybody in it."""


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


UNSURE = (("mf-child-custody", 0.27), ("mf-divorce-for-violence", 0.25))


def test_a_letter_of_harm_gets_the_definition_entry_among_its_first_three_under_a_hedge(
    qa: QA,
) -> None:
    answer = told(qa, LETTER, (*UNSURE, ("dv-economic-control", 0.22), ("dv-verbal-abuse", 0.2)))
    assert answer.tentative
    assert not answer.fallback
    assert answer.faq_id == "dv-economic-control"
    assert f"{answer.citations[0].document}:{answer.citations[0].article}" == STORY_BASIS
    assert answer.text.startswith("Mình chưa chắc đã hiểu đúng câu hỏi của bạn. Nếu bạn muốn hỏi")


@pytest.mark.parametrize(
    ("why", "text", "matches"),
    [
        ("fourth, too far down", LETTER, (*UNSURE, ("mf-debts", 0.24), ("dv-verbal-abuse", 0.2))),
        ("nobody harms anybody", NO_ROLES, (*UNSURE, ("dv-verbal-abuse", 0.2))),
        ("a short question", "chồng giữ hết lương không đưa vợ", (("dv-economic-control", 0.2),)),
    ],
)
def test_otherwise_the_bot_says_it_is_not_sure(
    qa: QA, why: str, text: str, matches: tuple[tuple[str, float], ...]
) -> None:
    answer = told(qa, text, matches)
    assert answer.fallback, why
    assert not answer.citations, why


def test_the_letter_end_to_end_with_and_without_diacritics(qa: QA) -> None:
    for text in (LETTER, fold(LETTER)):
        answer = qa.answer(text)
        # hedged on what domestic violence is, or (since the twenty-fifth session's variants on
        # a husband who keeps all the money) sure of the entry on economic control: both on Điều 3
        assert answer.tentative or answer.faq_id == "dv-economic-control"
        assert (answer.citations[0].document, answer.citations[0].article) == ("13/2022/QH15", 3)


def test_an_emergency_story_stays_an_emergency(qa: QA) -> None:
    danger = LETTER + " Tối nay anh ấy lại cầm dao dọa giết em."
    answer = qa.answer(danger)
    assert answer.emergency
    assert not answer.tentative


def test_an_english_letter_is_read_the_same_way(qa: QA) -> None:
    letter = (
        "My husband has been drinking for years. Every night he comes home and shouts at me, "
        "calls me useless and last week he pushed me against the wall in front of our children. "
        "His mother says I should just put up with it. I am so tired and I do not know what to do."
    )
    answer = qa.answer(letter, "en")
    assert not answer.fallback
    assert (answer.citations[0].document, answer.citations[0].article) == ("13/2022/QH15", 3)
    assert "domestic violence" in answer.text
