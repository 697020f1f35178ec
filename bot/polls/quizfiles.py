"""Quizzes written as content: ``content/quizzes/*.yml``; every explanation cites the law.

A citation must name an article (and clause) present in the law library and in force on the day
of the check, as FAQ citations must; ``binhdang check`` reports each problem as ``file:line``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.core.problems import Problem
from bot.core.yamlfile import LineDict, LineList, load_yaml
from bot.law.citation import Citation
from bot.law.library import LawLibrary
from bot.polls.fields import Reader
from bot.polls.records import Question, Quiz

QUIZ_KEYS = ("key", "title", "intro", "questions")
QUESTION_KEYS = ("question", "options", "answer", "explanation", "citation")
CITATION_KEYS = ("document", "article", "clause")
MIN_QUESTIONS, MAX_QUESTIONS = 5, 10
MIN_CHOICES, MAX_CHOICES = 2, 4
CHOICE_MAX = 60
EXPLANATION_MAX = 600


class QuizReader(Reader):
    """Reads one quiz file and checks its citations against the law library."""

    def __init__(self, file: str, problems: list[Problem], law: LawLibrary, today: date) -> None:
        super().__init__(file, problems)
        self.law, self.today = law, today

    def quiz(self, data: LineDict) -> Quiz | None:
        """Return the quiz, or None (every problem reported)."""
        if not self.keys(data, QUIZ_KEYS, QUIZ_KEYS):
            return None
        key = self.key(data)
        title, intro = self.texts(data, "title", 80), self.texts(data, "intro", 500)
        questions = self.questions(data)
        if key is None or title is None or intro is None or questions is None:
            return None
        return Quiz(key, title, intro, questions, self.file)

    def questions(self, data: LineDict) -> tuple[Question, ...] | None:
        """Return the 5–10 questions, or None."""
        items = data["questions"]
        if not isinstance(items, LineList) or not MIN_QUESTIONS <= len(items) <= MAX_QUESTIONS:
            message = f"a quiz needs {MIN_QUESTIONS} to {MAX_QUESTIONS} questions"
            self.report(data.line_of("questions"), message)
            return None
        found = [self.question(item, items.line_of(i)) for i, item in enumerate(items)]
        kept = tuple(q for q in found if q is not None)
        return kept if len(kept) == len(found) else None

    def question(self, data: object, line: int) -> Question | None:
        """Return one question, or None."""
        if not isinstance(data, LineDict):
            self.report(line, "each question must be a mapping")
            return None
        if not self.keys(data, QUESTION_KEYS, QUESTION_KEYS):
            return None
        text, options = self.texts(data, "question", 300), self.options(data, "options", CHOICE_MAX)
        explanation = self.texts(data, "explanation", EXPLANATION_MAX)
        answer, citation = self.answer(data, options), self.citation(data)
        if None in (text, options, explanation, answer, citation):
            return None
        assert text
        assert options
        assert explanation
        assert answer
        assert citation
        return Question(text, options, answer, explanation, citation)

    def answer(self, data: LineDict, options: tuple[object, ...] | None) -> int | None:
        """Return the right option's number (1-based), checked against the options."""
        if options is not None and not MIN_CHOICES <= len(options) <= MAX_CHOICES:
            self.report(data.line_of("options"), f"{MIN_CHOICES} to {MAX_CHOICES} options")
            return None
        value = data["answer"]
        if isinstance(value, int) and options is not None and 1 <= value <= len(options):
            return value
        self.report(data.line_of("answer"), "answer must be the number of one of the options")
        return None

    def citation(self, data: LineDict) -> Citation | None:
        """Return the article the explanation rests on, if the law library holds it in force."""
        item, line = data["citation"], data.line_of("citation")
        if not isinstance(item, LineDict) or not self.keys(item, CITATION_KEYS, CITATION_KEYS[:2]):
            if not isinstance(item, LineDict):
                self.report(line, "citation needs document and article")
            return None
        article, clause = item["article"], item.get("clause")
        if not isinstance(article, int) or not (clause is None or isinstance(clause, int)):
            self.report(line, "citation article and clause must be numbers")
            return None
        citation = Citation(str(item["document"]), article, clause)
        return citation if self.in_law(citation, line) else None

    def in_law(self, citation: Citation, line: int) -> bool:
        """Report a citation missing from the law library or not in force today."""
        where = f"Điều {citation.article}" + (
            f" khoản {citation.clause}" if citation.clause else ""
        )
        if not self.law.has(citation.document, citation.article, citation.clause):
            self.report(line, f"citation {where} of {citation.document} is not in the law library")
            return False
        document = self.law.document(citation.document)
        if document is not None and not document.in_force(self.today):
            message = f"citation of {citation.document}, not in force on {self.today.isoformat()}"
            self.report(line, message)
            return False
        return True


def load_quizzes(directory: Path, law: LawLibrary, today: date) -> tuple[list[Quiz], list[Problem]]:
    """Load every ``*.yml`` under ``directory``, one quiz per file; keys are unique."""
    quizzes: list[Quiz] = []
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yml")):
        data, found = load_yaml(path)
        reader = QuizReader(str(path), found, law, today)
        quiz = reader.quiz(data) if isinstance(data, LineDict) else None
        if not isinstance(data, LineDict):
            reader.report(1, "expected a mapping with key, title, intro and questions")
        elif quiz is not None and any(q.key == quiz.key for q in quizzes):
            reader.report(data.line_of("key"), f"quiz key {quiz.key!r} used twice")
        elif quiz is not None:
            quizzes.append(quiz)
        problems += reader.problems
    return quizzes, problems
