"""Poll and quiz content (issue 17): shipped files valid, every mistake reported as file:line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.polls.definitions import load_polls
from bot.polls.feature import check
from bot.polls.quizfiles import load_quizzes
from bot.polls.records import Kind
from bot.runtime.content import Content
from tests.conftest import ROOT

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 23)

POLL = """polls:
  - key: a-poll
    question: {vi: "Câu hỏi?", en: "Question?"}
    options: ["Có", "Không"]
    opens: 2026-12-01 08:00
    closes: 2026-12-05 21:00
"""

POLL_ERRORS = [
    (
        "unknown key",
        POLL.replace("    opens:", "    open_at: x\n    opens:"),
        5,
        "unknown key 'open_at'",
    ),
    ("one option", POLL.replace('["Có", "Không"]', '["Có"]'), 4, "2 to 6 options"),
    ("seven options", POLL.replace('["Có", "Không"]', str(list("abcdefg"))), 4, "2 to 6 options"),
    ("closes before opens", POLL.replace("12-05 21:00", "11-05 21:00"), 6, "after opens"),
    ("bad time", POLL.replace("2026-12-01 08:00", "mai"), 5, "date and time"),
    ("bad key", POLL.replace("a-poll", "A Poll"), 2, "lowercase"),
    ("no Vietnamese", POLL.replace('vi: "Câu hỏi?", ', ""), 3, "Vietnamese"),
    (
        "options on a number poll",
        POLL.replace("    options:", "    kind: number\n    options:"),
        5,
        "only a choice",
    ),
    ("unknown province", POLL + "    audience: {provinces: ['99']}\n", 7, "unknown province"),
    ("long option", POLL.replace('"Không"', '"' + "x" * 41 + '"'), 4, "1 to 40"),
]


@pytest.mark.parametrize(
    ("label", "text", "line", "message"), POLL_ERRORS, ids=[e[0] for e in POLL_ERRORS]
)
def test_poll_errors(tmp_path: Path, label: str, text: str, line: int, message: str) -> None:
    (tmp_path / "x.yml").write_text(text, encoding="utf-8")
    _, problems = load_polls(tmp_path, ZONE)
    assert any(p.line == line and message in p.message for p in problems), problems
    assert all(p.file.endswith("x.yml") for p in problems)


def test_a_valid_poll_and_duplicate_keys(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(POLL, encoding="utf-8")
    (tmp_path / "b.yml").write_text(POLL, encoding="utf-8")
    polls, problems = load_polls(tmp_path, ZONE)
    assert [p.key for p in polls] == ["a-poll"]
    assert polls[0].kind == Kind.CHOICE
    assert polls[0].opens_at.isoformat() == "2026-12-01T08:00:00+07:00"
    assert [(p.line, "used in" in p.message) for p in problems] == [(2, True)]


QUIZ = (ROOT / "content" / "quizzes" / "thang-hanh-dong-2026.yml").read_text(encoding="utf-8")

QUIZ_ERRORS = [
    (
        "an article the corpus lacks",
        "article: 8, clause: 1}",
        "article: 999, clause: 1}",
        "not in the law library",
    ),
    (
        "a clause the article lacks",
        "article: 8, clause: 1}",
        "article: 8, clause: 9}",
        "not in the law library",
    ),
    ("an answer out of range", "    answer: 2\n", "    answer: 7\n", "one of the options"),
    (
        "no citation",
        "    citation: {document: 102/2016/QH13, article: 1}\n",
        "",
        "missing key 'citation'",
    ),
]


@pytest.mark.parametrize(
    ("label", "old", "new", "message"), QUIZ_ERRORS, ids=[e[0] for e in QUIZ_ERRORS]
)
def test_quiz_errors(
    tmp_path: Path, content: Content, label: str, old: str, new: str, message: str
) -> None:
    assert old in QUIZ
    (tmp_path / "q.yml").write_text(QUIZ.replace(old, new, 1), encoding="utf-8")
    quizzes, problems = load_quizzes(tmp_path, content.law, TODAY)
    assert quizzes == []
    assert any(message in p.message and p.line > 1 for p in problems), problems


def test_a_repealed_law_cannot_be_cited(tmp_path: Path, content: Content) -> None:
    repealed = next(d for d in content.law.documents.values() if d.in_force_until is not None)
    number = min(repealed.articles)
    text = QUIZ.replace(
        "{document: 102/2016/QH13, article: 1}",
        f"{{document: {repealed.number}, article: {number}}}",
    )
    (tmp_path / "q.yml").write_text(text, encoding="utf-8")
    _, problems = load_quizzes(tmp_path, content.law, TODAY)
    assert any("not in force" in p.message for p in problems), problems


def test_shipped_quiz_and_polls_are_valid(content: Content) -> None:
    assert check(ROOT / "content", TODAY) == []
    quizzes, _ = load_quizzes(ROOT / "content" / "quizzes", content.law, TODAY)
    assert [q.key for q in quizzes] == ["thang-hanh-dong-2026"]
    assert 5 <= len(quizzes[0].questions) <= 10
    for question in quizzes[0].questions:
        assert content.law.has(
            question.citation.document, question.citation.article, question.citation.clause
        )
