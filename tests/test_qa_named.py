"""A question that names a law gets that law's articles first (twenty-eighth session)."""

from __future__ import annotations

import pytest

from bot.law.citation import Citation
from bot.qa.named import asked_first, named_documents, named_first
from bot.runtime.content import Content
from nlu.normalize import fold
from nlu.parse import Parse
from tests.matches import told

LABOUR_CODE = Citation("45/2019/QH14", 3)
DECREE_145 = Citation("145/2020/NĐ-CP", 84)
FINE = Citation("282/2025/NĐ-CP", 37)
PENAL = Citation("100/2015/QH13", 185)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("quấy rối tình dục được quy định thế nào trong Nghị định 145/2020?", ["145/2020/NĐ-CP"]),
        ("theo bo luat lao dong 2019 va luat binh dang gioi", ["45/2019/QH14", "73/2006/QH11"]),
        ("nđ 282 phạt bao nhiêu", ["282/2025/NĐ-CP"]),
        ("luật sư ơi cho em hỏi", []),
        ("nghị định 1450 không có", []),
    ],
)
def test_named_documents_finds_numbers_and_aliases(
    content: Content, text: str, numbers: list[str]
) -> None:
    assert named_documents(content.law, text) == numbers


def test_named_first_moves_the_named_law_ahead_and_keeps_the_rest_in_order(
    content: Content,
) -> None:
    citations = (LABOUR_CODE, FINE, DECREE_145)
    text = "theo Nghị định 145/2020"
    assert named_first(content.law, citations, text) == (DECREE_145, LABOUR_CODE, FINE)
    assert named_first(content.law, citations, "có bị phạt không") == citations


def test_a_named_law_goes_before_the_kind_of_sanction_asked(content: Content) -> None:
    text = "theo Bộ luật Hình sự chồng đánh vợ bị phạt bao nhiêu"
    parse = Parse(text, "ask_law", 0.9, False, (), asks=frozenset({"fine"}))
    assert asked_first(content.law, (FINE, PENAL), parse) == (PENAL, FINE)


@pytest.mark.parametrize("form", [str, fold], ids=["as given", "no diacritics"])
def test_regression_the_answer_rests_on_the_decree_the_question_names(
    content: Content, form: object
) -> None:
    # it rested on Bộ luật Lao động Điều 3, the entry's first citation
    text = (
        "Hành vi quấy rối tình dục tại nơi làm việc được quy định thế nào trong Nghị định 145/2020?"
    )
    answer = told(content.qa, form(text), (("sh-definition", 0.65),))  # type: ignore[operator]
    first = answer.citations[0]
    assert (first.document, first.article) == ("145/2020/NĐ-CP", 84)
