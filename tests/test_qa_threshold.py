"""Issue 13: a message read as a legal question needs less FAQ confidence than other messages."""

from __future__ import annotations

import pytest

from bot.law.citation import Citation
from bot.qa.engine import QA
from bot.qa.faq import Faq, FaqEntry
from bot.runtime.content import Content
from nlu.parse import Parse

FAQ = Faq(
    (FaqEntry("dv-fine", "dv", ("q",), {"vi": "Phạt tiền."}, (Citation("282/2025/NĐ-CP", 37),)),)
)


def _answer(qa: QA, intent: str, confidence: float, legal: float | None = 0.35) -> bool:
    """Return whether the FAQ entry answered a parse of ``intent`` at ``confidence``."""
    bot = QA(qa.engine, FAQ, qa.law, qa.strings, 0.45, qa.articles.today, legal_threshold=legal)
    parse = Parse("q", intent, 0.8, False, (("dv-fine", confidence),))
    return bot.answer_parse(parse).faq_id == "dv-fine"


@pytest.mark.parametrize(
    ("intent", "confidence", "answered"),
    [
        ("ask_law", 0.40, True),
        ("find_services", 0.36, True),
        ("emergency", 0.38, True),
        ("ask_law", 0.30, False),
        ("out_of_scope", 0.40, False),
        ("greeting", 0.40, False),
        ("thanks", 0.44, False),
        ("out_of_scope", 0.45, True),
    ],
)
def test_legal_messages_need_less_confidence(
    content: Content, intent: str, confidence: float, answered: bool
) -> None:
    assert _answer(content.qa, intent, confidence) is answered


def test_without_a_legal_threshold_every_message_needs_the_threshold(content: Content) -> None:
    assert not _answer(content.qa, "ask_law", 0.40, legal=None)
    assert not _answer(content.qa, "ask_law", 0.40, legal=0.9)  # never above the threshold


def test_the_shipped_config_uses_the_legal_threshold(content: Content) -> None:
    assert content.qa.legal_threshold == pytest.approx(0.35)
    assert content.qa.threshold == pytest.approx(0.45)


def _bot(qa: QA) -> QA:
    return QA(qa.engine, FAQ, qa.law, qa.strings, 0.45, qa.articles.today, legal_threshold=0.35)


def test_an_answer_below_the_threshold_says_first_it_may_not_be_what_was_asked(
    content: Content,
) -> None:
    answer = _bot(content.qa).answer_parse(Parse("q", "ask_law", 0.8, False, (("dv-fine", 0.4),)))
    assert answer.tentative
    assert answer.text.startswith("Mình chưa chắc đã hiểu đúng ý bạn")
    assert "Phạt tiền." in answer.text
    assert "1800 1233" in answer.replies[0].text


def test_a_confident_answer_is_not_hedged(content: Content) -> None:
    answer = _bot(content.qa).answer_parse(Parse("q", "ask_law", 0.8, False, (("dv-fine", 0.5),)))
    assert not answer.tentative
    assert answer.text.startswith("Phạt tiền.")


def test_an_emergency_says_the_emergency_first_and_hedges_the_answer_after(
    content: Content,
) -> None:
    parse = Parse("q", "emergency", 0.99, True, (("dv-fine", 0.4),))
    answer = _bot(content.qa).answer_parse(parse)
    assert answer.emergency
    assert answer.replies[0].text.startswith("Nếu bạn hoặc ai đó đang gặp nguy hiểm")
    assert "Mình chưa chắc đã hiểu đúng ý bạn" in answer.replies[1].text
