"""The likely answer: a legal question no entry is sure of, whose best match leads by far."""

from __future__ import annotations

import pytest

from bot.qa.engine import QA
from bot.qa.faq import FaqEntry
from bot.qa.suggestions import question
from bot.runtime.content import Content
from nlu.parse import Parse
from tests.matches import told


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


@pytest.fixture(scope="module")
def entry(qa: QA) -> FaqEntry:
    found = qa.faq.get("dv-eviction")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def other(qa: QA) -> FaqEntry:
    found = qa.faq.get("mf-child-custody")
    assert found is not None
    return found


STORY = "Mẹ chồng đuổi tôi ra khỏi nhà từ tết, chồng bênh mẹ. Giờ tôi phải làm sao?"


def test_a_clear_best_match_under_the_threshold_is_answered_under_a_hedge(
    qa: QA, entry: FaqEntry, other: FaqEntry
) -> None:
    answer = told(qa, STORY, ((entry.id, 0.36), (other.id, 0.12)))
    assert answer.tentative
    assert not answer.fallback
    assert answer.faq_id == entry.id
    assert answer.text.startswith("Mình chưa chắc đã hiểu đúng câu hỏi của bạn. Nếu bạn muốn hỏi")
    assert f"“{question(entry)}”" in answer.text
    assert answer.citations[0] == entry.citations[0]
    labels = [b.label for r in answer.replies for b in r.buttons]
    assert f"Đọc Điều {entry.citations[0].article}" in labels


def test_the_hedge_speaks_english_in_english(qa: QA, entry: FaqEntry, other: FaqEntry) -> None:
    text = "My mother-in-law threw me out of the house and my husband took her side."
    answer = told(qa, text, ((entry.id, 0.36), (other.id, 0.12)), "en")
    assert answer.tentative
    assert answer.text.startswith("I am not sure I understood your question. If you are asking")


@pytest.mark.parametrize(
    ("why", "text", "best", "second"),
    [
        ("a close second", STORY, 0.36, 0.25),
        ("too unsure", STORY, 0.29, 0.05),
        ("under the floor since the fourteenth session (0.35)", STORY, 0.33, 0.05),
        ("not our subject", "Trộm cắp tài sản dưới 2 triệu nhiều lần bị xử lý thế nào?", 0.41, 0.2),
        ("not our subject, folded", "hai nguoi cung dung ten so do duoc khong", 0.32, 0.16),
    ],
)
def test_otherwise_the_bot_says_it_is_not_sure(
    qa: QA, entry: FaqEntry, other: FaqEntry, why: str, text: str, best: float, second: float
) -> None:
    answer = told(qa, text, ((entry.id, best), (other.id, second)))
    assert answer.fallback, why
    assert not answer.citations, why


def test_emergencies_and_other_intents_never_get_a_likely_answer(
    qa: QA, entry: FaqEntry, other: FaqEntry
) -> None:
    matches = ((entry.id, 0.4), (other.id, 0.1))
    services = qa.answer_parse(Parse(STORY, "find_services", 0.9, False, matches))
    assert not services.tentative
    danger = qa.answer_parse(Parse("chồng đang đánh tôi", "emergency", 0.99, True, matches))
    assert danger.emergency
    assert not danger.tentative


def test_the_hedge_names_a_question_written_out_not_a_short_label(qa: QA) -> None:
    entry = qa.faq.get("dv-duty-to-report")
    assert entry is not None
    named = question(entry)
    assert named[:1].isupper()
    assert named.endswith("?")
    assert len(named) <= 160


@pytest.mark.parametrize(
    ("text", "declined"),
    [
        ("vợ tôi bị trầm cảm sau sinh, hay đánh con, tôi nên làm gì", False),
        ("tôi muốn mua quà cho vợ", True),
        ("chồng tôi thích ăn phở", True),
    ],
)
def test_a_harm_told_in_everyday_words_is_never_out_of_scope(
    qa: QA, text: str, declined: bool
) -> None:
    """Found as a new user would: a wife with postpartum depression beating the child got
    "out of scope"; it gets "not sure" with the closest questions and the hotline now."""
    parse = Parse(text, "out_of_scope", 0.6, False, (("dv-parents-beat-children", 0.2),))
    answer = qa.answer_parse(parse)
    assert answer.replies[0].text.startswith("Xin lỗi") is declined
    assert answer.fallback
