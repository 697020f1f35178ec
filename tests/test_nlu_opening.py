"""Openings that only greet or ask leave to ask are taken off; spoken ages become digits."""

from __future__ import annotations

import pytest

from bot.qa.age import under_age
from bot.runtime.content import Content
from nlu.normalize import fold
from nlu.numbers import spoken_ages
from nlu.opening import without_opening

OPENINGS = [
    ("leave-to-ask", "cho em hỏi xíu, bị chồng đánh thì làm sao", "bi chong danh thi lam sao"),
    ("lawyer", "Chào luật sư, bị chồng đánh thì làm sao", "bi chong danh thi lam sao"),
    ("greet-then-ask", "Xin chào, cho tôi hỏi đánh vợ bị phạt", "danh vo bi phat"),
    ("polite-greeting", "Dạ em chào admin, bị chồng đánh thì làm sao", "bi chong danh thi lam sao"),
    ("vocative", "Anh chị ơi cho em hỏi, bị chồng đánh ạ", "bi chong danh a"),
    ("teacher-vocative", "cô ơi em bị bố đánh", "em bi bo danh"),
    ("want-to-ask", "tôi muốn hỏi về việc ly hôn thì chia tài sản", "ly hon thi chia tai san"),
    ("time-of-day", "chào buổi sáng, tôi bị chồng đánh", "toi bi chong danh"),
    ("addressee-first", "Luật sư cho tôi hỏi chồng đánh vợ bị phạt", "chong danh vo bi phat"),
]
KEPT = [
    ("greeting-alone", "xin chào bạn"),
    ("lawyer-alone", "chào luật sư"),
    ("co-is-also-co", "có ai ở đó không"),
    ("no-opening", "chồng em đánh em"),
]


@pytest.mark.parametrize(("text", "rest"), [o[1:] for o in OPENINGS], ids=[o[0] for o in OPENINGS])
def test_an_opening_is_taken_off(text: str, rest: str) -> None:
    assert without_opening(fold(text)) == rest


@pytest.mark.parametrize("text", [k[1] for k in KEPT], ids=[k[0] for k in KEPT])
def test_a_message_that_is_only_a_greeting_or_has_none_is_kept(text: str) -> None:
    assert without_opening(fold(text)) == fold(text)


def test_ban_after_leave_to_ask_is_the_verb_to_sell() -> None:
    text = "cho tôi hỏi bán con gái cho người ta có bị tội không"
    assert without_opening(fold(text)).startswith("ban con gai")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("con toi muoi lam tuoi", "con toi 15 tuoi"),
        ("be ba tuoi", "be 3 tuoi"),
        ("hai muoi mot tuoi", "21 tuoi"),
        ("muoi tuoi", "10 tuoi"),
        ("nam nay muoi bon tuoi", "nam nay 14 tuoi"),
        ("ba toi 50 tuoi", "ba toi 50 tuoi"),
        ("ba toi bi danh", "ba toi bi danh"),
        # Thirty-first session: a school grade up to 9 tells a child's age.
        ("em hoc lop 8, bi ep", "em hoc lop 8 14 tuoi, bi ep"),
        ("con lop 6a bi danh", "con lop 6a 12 tuoi bi danh"),
        ("con hoc lop 12", "con hoc lop 12"),
    ],
)
def test_ages_spoken_in_words_become_digits(text: str, expected: str) -> None:
    assert spoken_ages(text) == expected


def test_a_spoken_age_is_an_age() -> None:
    """Voice typing writes "mười lăm tuổi"; the article for a child's age must still be chosen."""
    assert under_age("con tôi mười lăm tuổi bị dụ đi lấy chồng") is True
    assert under_age("em gái tôi hai mươi tuổi") is False


def test_regression_an_opening_no_longer_lowers_a_short_question(content: Content) -> None:
    """ "cho em hỏi xíu, bị chồng đánh …" got "not sure"; "Dạ em chào ad, …" a greeting."""
    plain = content.qa.answer("bị chồng đánh thì làm sao")
    for opening in ("cho em hỏi xíu, ", "Dạ em chào ad, ", "Chào luật sư, ", "Bot ơi, "):
        answer = content.qa.answer(opening + "bị chồng đánh thì làm sao")
        assert (answer.intent, answer.faq_id) == ("ask_law", plain.faq_id), opening
        assert answer.confidence == pytest.approx(plain.confidence, abs=0.05), opening


def test_regression_a_long_run_of_names_is_read_in_linear_time() -> None:
    """Review: "anh chị" could be read as one name or two, so a long run of them with no "ơi"
    made the pattern try every split (22 pairs took a second, each more pair twice that)."""
    text = "anh chị " * 30 + "chồng đánh tôi"
    assert without_opening(fold(text)) == fold(text)
    assert without_opening(fold("Anh chị ơi cho em hỏi, bị chồng đánh ạ")) == "bi chong danh a"
    plea = "các bạn ơi, bị chồng đánh thì làm sao"
    assert without_opening(fold(plea)) == "bi chong danh thi lam sao"
