"""The law quiz: one question at a time, the right answer and its article after each, a score.

```mermaid
stateDiagram-v2
    [*] --> question: menu "Đố vui pháp luật", /dovui, "chơi đố vui", or a broadcast's "Bắt đầu"
    question --> question: an answer (explained, with its article), next question
    question --> [*]: the last answer, then the score
    question --> [*]: "hủy", or a question of its own (handed on with Turn.leave)
```
The session holds ``quiz`` with ``{"quiz": key, "n": index, "score": right so far}``. Danger words
still get the emergency answer first; the quiz waits where it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.core.app import App
from bot.core.messages import Button, Reply
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.law.citation import Citation
from bot.law.library import LawLibrary
from bot.polls.records import Quiz, text_for
from bot.polls.repository import record_score
from nlu.normalize import fold

FLOW = "quiz"
PREFIX = "quiz"
LEAVE_WORDS = 4
"""Words from which a message that is no option is a question of its own, not an answer."""
STOP_WORDS = frozenset({"thoi", "stop"})
"""Folded words that also stop the quiz, besides the flows' ``CANCEL_WORDS`` (bot.core.turn)."""
WANTS = r"^\W*(?:(?:cho )?(?:toi|minh|em|tui) )?(?:muon )?"
"""Folded words before what one asks for: "cho tôi", "tôi muốn" (the quiz, the polls)."""
_ASKS = re.compile(
    WANTS + r"(?:choi|xem|lam|bat dau|thi|mo)? ?"
    r"(?:cau |bai |tro choi )?(?:do vui|cau do|trac nghiem|quiz)"
    r"(?: (?:thang hanh dong|phap luat|ve binh dang gioi|binh dang gioi|luat))?\W*$"
)
"""Words alone that ask for the quiz, folded: "xem câu đố tháng hành động", "chơi đố vui"."""


def only_asks(pattern: re.Pattern[str], text: str) -> bool:
    """Return whether a message, folded, is only words that ``pattern`` reads as asking."""
    return pattern.match(fold(text)) is not None


def asks_for_quiz(text: str) -> bool:
    """Return whether a message only asks to play the quiz."""
    return only_asks(_ASKS, text)


def cite(law: LawLibrary, turn: Turn, citation: Citation) -> str:
    """Return "Căn cứ: khoản 1 Điều 8 Luật Hôn nhân và gia đình 2014."."""
    values = {"article": citation.article, "clause": citation.clause}
    where = turn.t("poll.quiz.clause" if citation.clause else "poll.quiz.article", **values)
    return turn.t("poll.quiz.cite", where=where, document=document_name(law, citation.document))


def document_name(law: LawLibrary, number: str) -> str:
    """Return how answers name a document: "Luật Hôn nhân và gia đình 2014", "Nghị định ..."."""
    document = law.document(number)
    if document is None:
        return number
    if document.title.startswith("Nghị định") or document.issued is None:
        return document.short
    return f"{document.title} {document.issued.year}"


def current(quizzes: Sequence[Quiz], key: str = "") -> Quiz | None:
    """Return the quiz with ``key``, or the last one shipped when no key is given."""
    if key:
        return next((q for q in quizzes if q.key == key), None)
    return quizzes[-1] if quizzes else None


class QuizChat:
    """Runs quizzes in chat."""

    def __init__(self, app: App, quizzes: Sequence[Quiz]) -> None:
        self.app, self.quizzes = app, list(quizzes)

    def start(self, turn: Turn, key: str = "") -> Outcome:
        """Show the introduction and the first question."""
        quiz = current(self.quizzes, key)
        if quiz is None:
            return turn.end(turn.say("poll.quiz.none"))
        intro = Reply(f"{text_for(quiz.title, turn.locale)}\n{text_for(quiz.intro, turn.locale)}")
        data = {"quiz": quiz.key, "n": 0, "score": 0}
        return turn.goto(FLOW, data, intro, self._question(turn, quiz, 0))

    def command(self, turn: Turn) -> Outcome:
        """``/dovui [key]``."""
        words = turn.text.split()
        return self.start(turn, words[1] if len(words) > 1 else "")

    def _question(self, turn: Turn, quiz: Quiz, n: int) -> Reply:
        question = quiz.questions[n]
        text = turn.t(
            "poll.quiz.question",
            number=n + 1,
            total=len(quiz.questions),
            question=text_for(question.text, turn.locale),
        )
        buttons = tuple(
            Button(text_for(option, turn.locale), f"{PREFIX}:a:{n}:{i}")
            for i, option in enumerate(question.options, start=1)
        )
        return Reply(text, buttons)

    def button(self, turn: Turn) -> Outcome:
        """Handle ``quiz:start[:key]`` and ``quiz:a:<question>:<option>``."""
        parts = (turn.incoming.button or "").split(":")
        if len(parts) >= 2 and parts[1] == "start":
            return self.start(turn, parts[2] if len(parts) > 2 else "")
        quiz, data = self._running(turn)
        if quiz is None or len(parts) != 4 or not parts[2].isdigit() or not parts[3].isdigit():
            return self.start(turn)
        n = int(data["n"])
        if int(parts[2]) != n:
            return turn.reply(turn.say("poll.quiz.stale"), self._question(turn, quiz, n))
        return self._answer(turn, quiz, data, int(parts[3]))

    def _running(self, turn: Turn) -> tuple[Quiz | None, dict[str, int | str]]:
        data = turn.session.data
        if turn.session.flow() != FLOW or not isinstance(data.get("n"), int):
            return None, {}
        quiz = current(self.quizzes, str(data.get("quiz", "")))
        if quiz is None or not 0 <= data["n"] < len(quiz.questions):
            return None, {}
        return quiz, dict(data)

    def _answer(self, turn: Turn, quiz: Quiz, data: dict[str, int | str], option: int) -> Outcome:
        n = int(data["n"])
        question = quiz.questions[n]
        right = option == question.answer
        values = {
            "answer": text_for(question.options[question.answer - 1], turn.locale),
            "explanation": text_for(question.explanation, turn.locale),
            "citation": cite(self.app.parts.get(LawLibrary), turn, question.citation),
        }
        feedback = turn.say("poll.quiz.right" if right else "poll.quiz.wrong", **values)
        score = int(data["score"]) + int(right)
        if n + 1 < len(quiz.questions):
            data = {**data, "n": n + 1, "score": score}
            return turn.goto(FLOW, data, feedback, self._question(turn, quiz, n + 1))
        day = turn.now.date().isoformat()
        record_score(self.app.db, quiz.key, score, len(quiz.questions), day, turn.user.channel)
        total = len(quiz.questions)
        return turn.end(feedback, turn.say("poll.quiz.score", score=score, total=total))

    def typed(self, turn: Turn) -> Outcome:
        """Text during the quiz: an option's number or words, else a reminder of the question."""
        choice = turn.choice()
        if choice is not None and choice.startswith(f"{PREFIX}:"):
            return self.button(replace(turn, incoming=replace(turn.incoming, button=choice)))
        quiz, data = self._running(turn)
        if quiz is None:
            return self.start(turn)
        if turn.cancels(STOP_WORDS):
            return turn.end(turn.say("poll.quiz.left"))
        if len(turn.text.split()) >= LEAVE_WORDS:
            return turn.leave(turn.say("poll.quiz.left"))
        return turn.reply(turn.say("poll.quiz.pick"), self._question(turn, quiz, int(data["n"])))

    def register(self, router: Router) -> None:
        """Register /dovui, the ``quiz`` buttons (the menu's included) and the quiz flow."""
        router.command(["dovui", "quiz"], self.command, help_key="poll.help.quiz")
        router.text(asks_for_quiz, self.start)
        router.button(PREFIX, self.button)
        router.state(FLOW, self.typed)
