"""The evaluator's safety figures: wrong answers, and misses with the right suggestion."""

from __future__ import annotations

from dataclasses import dataclass

from bot.law.citation import Citation
from nlu.evaluation import EvalItem, evaluate, format_report
from nlu.normalize import fold


@dataclass(frozen=True)
class Said:
    """A fake answer."""

    intent: str
    fallback: bool
    emergency: bool
    citations: tuple[Citation, ...]
    suggested: tuple[Citation, ...] = ()


FINE = Citation("282/2025/NĐ-CP", 37)
DEFINITION = Citation("13/2022/QH15", 3)
ITEMS = [
    EvalItem("right", "chồng đánh vợ bị phạt bao nhiêu", (("282/2025/NĐ-CP", 37),), "law", "core"),
    EvalItem("wrong", "đánh vợ phạt bao nhiêu tiền", (("282/2025/NĐ-CP", 37),), "law", "core"),
    EvalItem("tap", "vợ bị đánh thì sao", (("282/2025/NĐ-CP", 37),), "law", "core"),
    EvalItem("lost", "chuyện nhà tôi", (("282/2025/NĐ-CP", 37),), "law", "core"),
    EvalItem("off", "giá vàng hôm nay", (), "none", "out"),
]
ANSWERS = {
    "right": Said("ask_law", False, False, (FINE,)),
    "wrong": Said("ask_law", False, False, (DEFINITION, FINE), (FINE,)),
    "tap": Said("ask_law", True, False, (), (DEFINITION, FINE)),
    "lost": Said("ask_law", True, False, (), (DEFINITION,)),
    "off": Said("out_of_scope", True, False, ()),
}


def answer(question: str) -> Said:
    """Answer the fake way: by the item whose question (either form) this is."""
    item = next(i for i in ITEMS if question in (i.question, fold(i.question)))
    return ANSWERS[item.id]


def test_wrong_answers_and_one_tap_suggestions_are_counted() -> None:
    report = evaluate(answer, ITEMS)
    for variant in report.variants:
        assert (variant.citation.hits, variant.citation.total) == (1, 4)
        assert (variant.wrong.hits, variant.wrong.total) == (1, 4)
        assert (variant.one_tap.hits, variant.one_tap.total) == (2, 3)
        assert (variant.fallback.hits, variant.fallback.total) == (2, 4)
        assert variant.out_of_scope.rate == 1.0


def test_the_report_prints_the_safety_figures() -> None:
    text = format_report(evaluate(answer, ITEMS))
    assert "wrong answer" in text
    assert "missed, 1 tap away" in text
    assert "25.0% (1/4)" in text
    assert "66.7% (2/3)" in text


def test_the_misses_list_names_wrong_answers_and_misses_out_of_reach() -> None:
    text = format_report(evaluate(answer, ITEMS), verbose=True)
    assert "as given: wrong answers ['wrong']" in text
    assert "as given: missed, not one tap away ['lost']" in text
