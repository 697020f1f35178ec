"""A document asked about as a whole: its name, dates, whether it is in force, its scope."""

from __future__ import annotations

from datetime import date

import pytest

from bot.qa.engine import QA
from bot.qa.overview import overview
from bot.runtime.content import Content


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


def test_decree_in_force_quotes_its_scope(qa: QA) -> None:
    answer = qa.answer("Nghị định 125/2021 về gì")
    assert not answer.fallback
    assert "ban hành ngày 28/12/2021" in answer.text
    assert "đang có hiệu lực" in answer.text
    assert "Phạm vi điều chỉnh" in answer.text
    assert "Điều 1, 6, 8, 13" in answer.text  # the library holds part of the decree
    assert [(c.document, c.article) for c in answer.citations] == [("125/2021/NĐ-CP", 1)]
    assert answer.replies[0].buttons[0].payload == "qa:art:125/2021/NĐ-CP:1"


def test_replaced_decree_names_what_replaced_it(qa: QA) -> None:
    found = overview(qa.law, qa.strings, "144/2021/NĐ-CP", date(2026, 12, 6))
    assert found is not None
    text = found[0].text
    assert "hết hiệu lực từ ngày 15/12/2025" in text
    assert "282/2025/NĐ-CP" in text


def test_decree_not_yet_in_force(qa: QA) -> None:
    found = overview(qa.law, qa.strings, "283/2026/NĐ-CP", date(2026, 9, 1))
    assert found is not None
    assert "chưa có hiệu lực; có hiệu lực từ ngày 10/09/2026" in found[0].text


def test_code_without_article_one_lists_what_the_library_holds(qa: QA) -> None:
    answer = qa.answer("bộ luật hình sự")
    assert "Bộ luật Hình sự 2015, số 100/2015/QH13" in answer.text
    assert "Điều 19, 134" in answer.text
    assert answer.citations == ()


def test_overview_in_english(qa: QA) -> None:
    text = qa.answer("decree 125/2021", locale="en").text
    assert "in force from 01/01/2022" in text


def test_a_sure_faq_answer_comes_first(qa: QA) -> None:
    answer = qa.answer("Nghị định 282/2025 quy định gì")
    assert answer.faq_id == "dv-penalties-overview"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("luat hon nhan gia dinh", "52/2014/QH13"),
        ("luật trẻ em", "102/2016/QH13"),
        ("bộ luật hình sự", "100/2015/QH13"),
    ],
)
def test_a_law_named_alone_gets_its_overview_before_an_unsure_entry(
    qa: QA, text: str, number: str
) -> None:
    # Twenty-third session: "luật hôn nhân gia đình" got the entry on obstructing a marriage (0.68)
    # and "luật trẻ em" the entry on acts banned against children (0.59).
    answer = qa.answer(text)
    assert f"số {number}" in answer.text, text
    assert answer.faq_id is None, text
