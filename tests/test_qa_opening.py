"""An answer's bare "Có." / "Yes." is kept for yes-or-no questions and dropped for open ones."""

from __future__ import annotations

import pytest

from bot.qa.engine import QA
from bot.qa.opening import asks_something, fit_opening
from bot.runtime.content import Content

ANSWER = "Có. Cưỡng ép tảo hôn là bạo lực gia đình."


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("ép tảo hôn có phải bạo lực gia đình không", True),
        ("ep tao hon co phai bao luc gia dinh ko", True),
        ("Bố mẹ ép em cưới. Họ có bị phạt không?", True),
        ("tôi muốn ly hôn nhưng chồng không ký, tôi có ly hôn được không", True),
        ("is forced marriage a crime?", True),
        ("chồng đánh vợ", True),
        ("", True),
        ("em 16 tuổi bố mẹ bắt nghỉ học lấy chồng, em không muốn thì phải làm sao", False),
        ("ep tao hon bi phat bao nhieu", False),
        ("nghỉ thai sản được mấy tháng", False),
        ("Chồng ép tôi phá thai. Tôi báo ở đâu?", False),
        ("bị chồng ép sinh thêm con trai thì sao", False),
        ("what can I do if my parents force me to marry", False),
    ],
)
def test_bare_yes_is_kept_only_for_yes_or_no_questions(question: str, kept: bool) -> None:
    expected = ANSWER if kept else "Cưỡng ép tảo hôn là bạo lực gia đình."
    assert fit_opening(ANSWER, question) == expected


@pytest.mark.parametrize(
    "answer",
    ["Không. Vợ, chồng bình đẳng.", "Được. Bạn có quyền.", "Yes. You can.", "No. It is not."],
)
def test_every_bare_word_goes_before_an_open_question(answer: str) -> None:
    assert fit_opening(answer, "what should I do, phải làm sao") == answer.split(" ", 1)[1]


def test_an_answer_without_a_bare_word_is_untouched() -> None:
    answer = "Có thể. Người xúc phạm nghiêm trọng nhân phẩm bị phạt."
    assert fit_opening(answer, "bị phạt bao nhiêu") == answer


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("chồng tôi đánh tôi gãy tay, tôi muốn kiện thì làm thế nào", True),
        ("chồng dọa giết tôi, ly hôn tôi có bị thiệt không", True),
        ("what can i do, he hit me", True),
        ("cứu tôi với chồng tôi đang đánh tôi", False),
        ("ai cứu tôi với", False),
        ("my husband is beating me", False),
    ],
)
def test_a_question_in_words_is_told_from_a_cry_for_help(text: str, asks: bool) -> None:
    assert asks_something(text) is asks


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


def test_a_child_asking_what_to_do_gets_no_bare_yes(qa: QA) -> None:
    """Found as a new user would: "em không muốn thì phải làm sao" was answered "Có. …"."""
    answer = qa.answer("em 16 tuổi bố mẹ bắt nghỉ học lấy chồng, em không muốn thì phải làm sao")
    assert answer.faq_id is not None
    assert not answer.replies[0].text.startswith(("Có.", "Không.", "Được."))


def test_an_emergency_that_asks_in_words_offers_questions(qa: QA) -> None:
    """Found as a new user would: "… gãy tay, muốn kiện thì làm thế nào" got the hotlines only."""
    answer = qa.answer("chồng tôi đánh tôi gãy tay, tôi muốn kiện thì làm thế nào")
    assert answer.emergency
    assert len(answer.replies) > 1
    assert answer.replies[-1].buttons
