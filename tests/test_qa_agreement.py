"""Issue 13: matches resting on the article a fine or prison question needs add up."""

from __future__ import annotations

import pytest

from bot.law.citation import Citation
from bot.qa.agreement import kind_agreed
from bot.qa.engine import QA
from bot.qa.faq import Faq, FaqEntry
from bot.runtime.content import Content
from nlu.parse import Parse

PENAL = Citation("100/2015/QH13", 185)
DECREE = Citation("282/2025/NĐ-CP", 37)
DEFINITION = Citation("13/2022/QH15", 3)


def _entry(entry_id: str, *citations: Citation) -> FaqEntry:
    return FaqEntry(entry_id, "dv", ("q",), {"vi": "a"}, citations)


FAQ = Faq(
    (
        _entry("fine-then-prison", DECREE, PENAL),
        _entry("prison", PENAL),
        _entry("definition", DEFINITION),
        _entry("fine", DECREE),
    )
)


def _parse(asks: frozenset[str]) -> Parse:
    matches = (("fine-then-prison", 0.4), ("prison", 0.3), ("definition", 0.2), ("fine", 0.5))
    return Parse("q", "ask_law", 0.4, False, matches, None, asks)


def test_a_prison_question_adds_up_the_matches_citing_its_penal_code_article(
    content: Content,
) -> None:
    raised = kind_agreed(_parse(frozenset({"prison"})), FAQ, content.law)
    assert raised.faq_id == "fine-then-prison"
    assert raised.faq_confidence == pytest.approx(1 - 0.6 * 0.7)
    assert raised.faq[1:] == _parse(frozenset()).faq[1:]


@pytest.mark.parametrize("asks", [frozenset(), frozenset({"definition"}), frozenset({"fine"})])
def test_matches_already_counted_by_nlu_or_resting_elsewhere_do_not_add(
    content: Content, asks: frozenset[str]
) -> None:
    # Same first-cited article ("fine"): nlu.calibration.agreed counted it already.
    assert kind_agreed(_parse(asks), FAQ, content.law) == _parse(asks)


def test_unknown_or_missing_matches_leave_the_parse_alone(content: Content) -> None:
    empty = Parse("q", "ask_law", 0.4, False, (), None, frozenset({"prison"}))
    assert kind_agreed(empty, FAQ, content.law) == empty
    unknown = Parse("q", "ask_law", 0.4, False, (("nope", 0.4), ("prison", 0.3)), None)
    assert kind_agreed(unknown, FAQ, content.law) == unknown


def test_agreeing_matches_turn_not_sure_into_an_answer(content: Content, qa: QA) -> None:
    other = QA(qa.engine, FAQ, qa.law, qa.strings, 0.45, qa.articles.today)
    answer = other.answer_parse(_parse(frozenset({"prison"})))
    assert not answer.fallback
    assert answer.faq_id == "fine-then-prison"
    assert answer.citations[0] == PENAL
    assert answer.confidence == pytest.approx(0.58)


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa
