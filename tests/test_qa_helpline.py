"""The help line of an unsure answer fits what the message tells (twentieth session)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.qa.engine import QA
from bot.qa.helpline import CHILD_HARM, harm_help
from bot.qa.texts import DEFAULT_FOOTER
from bot.runtime.content import Content
from nlu.normalize import fold
from tests.matches import told


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


HELP = [
    (
        "harm",
        "chồng đánh tôi rồi xin lỗi, lần này lần thứ 5 rồi, tôi có nên tha không",
        DEFAULT_FOOTER,
    ),
    (
        "child-speaker",
        "bố tôi hay chửi mẹ tôi mỗi lần say, tôi 15 tuổi tôi phải làm sao",
        CHILD_HARM,
    ),
    ("child-patient", "chồng đánh con tôi bầm mình, tôi muốn kiện thì đi đâu", CHILD_HARM),
    ("no-harm", "phụ nữ có được đứng tên sổ đỏ không", None),
    # twenty-first session: no one acts on anyone, but a child's age and sexual words tell of harm
    ("child-sexual", "Bạn học nhắn tin tục tĩu cho con gái tôi 12 tuổi qua Zalo", CHILD_HARM),
    ("adult-sexual", "quấy rối tình dục là gì", None),
    # twenty-fifth session: the southern "má tui bị ba tui đánh" was off the bot's subject
    ("southern-child", "má tui bị ba tui đánh hoài, tui mới 14 tuổi, tui phải gọi ai", CHILD_HARM),
]


@pytest.mark.parametrize(("text", "key"), [h[1:] for h in HELP], ids=[h[0] for h in HELP])
def test_harm_help_names_the_hotlines_for_a_story_of_harm(
    qa: QA, text: str, key: str | None
) -> None:
    for question in (text, fold(text)):
        assert harm_help(qa.parse(question), qa.subject) == key, question


def test_regression_an_unsure_answer_to_a_story_of_harm_gives_the_violence_hotline(qa: QA) -> None:
    # Twentieth session: "not sure" gave only legal aid (office hours) and 113.
    answer = qa.answer("chồng đánh tôi rồi xin lỗi, lần này lần thứ 5 rồi, tôi có nên tha không")
    assert "1900 969 680" in answer.text


@pytest.mark.parametrize("act", ["chửi", "đánh"])
def test_regression_a_child_who_asks_which_number_to_call_gets_111(qa: QA, act: str) -> None:
    # Twentieth session: a 15-year-old whose father beats her mother got "not sure" with legal aid
    # ("đánh": "out of scope", for "ba" alone is "three" and "đánh má" was not the bot's subject).
    answer = qa.answer(f"ba tui hay {act} má tui mỗi lần say, tui 15 tuổi tui gọi số mấy")
    assert answer.intent != "out_of_scope"
    assert "111" in answer.text


def test_an_unsure_answer_to_another_question_keeps_legal_aid(qa: QA) -> None:
    parse = qa.parse("Con gái có được chia thừa kế như con trai không")
    unsure = replace(parse, faq=(), intent="ask_law")
    answer = qa.answer_parse(unsure)
    assert answer.fallback or answer.tentative
    assert "1800 1233" in answer.text
    assert "1900 969 680" not in answer.text


CHILD_TELLS = "ba tui hay chửi má tui mỗi lần say, tui 15 tuổi tui gọi số mấy"


@pytest.mark.parametrize("confidence", [0.9, 0.44], ids=["sure", "likely"])
def test_regression_an_entry_answering_a_child_who_tells_of_harm_ends_with_111(
    qa: QA, confidence: float
) -> None:
    # Twenty-eighth session: after retraining, the entry on insults in the family became the likely
    # answer here, and its footer (113, 1900 969 680) had no 111.
    answer = told(qa, CHILD_TELLS, (("xp-insulting-family-member", confidence),))
    assert answer.faq_id == "xp-insulting-family-member"
    assert answer.text.rstrip().endswith(qa.strings.get(CHILD_HARM, "vi"))


def test_an_entry_answering_an_adult_keeps_its_topic_footer(qa: QA) -> None:
    answer = told(qa, "chồng hay chửi tôi mỗi lần say", (("xp-insulting-family-member", 0.9),))
    assert "111" not in answer.text
