"""The knowledge base (content/faq/*.yml): typed entries, loaded and checked against the law.

Optional entry keys: ``questions_en``, English variants of the question, checked like
``questions`` but with no minimum (``/lang en`` questions match them); ``asks``, the kinds of
question the answer serves (``ASKS``: definition = is it…?, fine, prison, report = where to
report?, help = what can I do?), inferred when left out (see bot/qa/kinds.py); ``either_way:
true``, the answer holds whoever acts on whom, so the roles its questions name (husband on wife)
never pass it over for a message that names them the other way round.
"""

from __future__ import annotations

__all__ = ["Faq", "FaqEntry", "load_faq"]

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.core.problems import Problem
from bot.core.yamlfile import LineDict, LineList, fold_key, load_yaml
from bot.law.citation import Citation
from bot.law.library import LawLibrary
from bot.qa.entries import Faq, FaqEntry
from bot.qa.kinds import inferred_asks
from nlu.normalize import fold

TOPICS = (
    "dv_definition",
    "dv_reporting",
    "dv_protection_order",
    "dv_victim_rights",
    "dv_penalties",
    "dv_other",
    "support_services",
    "legal_aid",
    "sexual_harassment_work",
    "gender_equality_work",
    "gender_discrimination",
    "gender_equality_general",
    "child_marriage",
    "marriage_family",
    "sex_selection",
    "children_protection",
)
"""Every topic an entry may have."""

MIN_QUESTIONS = 4
MAX_ANSWER = 700
ENTRY_KEYS = frozenset({"id", "topic", "questions", "questions_en", "asks", "answer", "more"})
ENTRY_KEYS |= {"citations", "either_way"}
ASKS = ("definition", "fine", "prison", "report", "help")
"""The kinds of question an entry may serve (``asks:``)."""
REQUIRED_KEYS = ("id", "topic", "questions", "answer", "citations")
CITATION_KEYS = frozenset({"document", "article", "clause"})
LOCALES = frozenset({"vi", "en"})
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class _Checker:
    """Validates entries of one file; remembers ids and questions seen across files."""

    law: LawLibrary
    today: date
    ids: dict[str, str]
    questions: dict[str, str]
    file: str = ""
    english: dict[str, str] = field(default_factory=dict)

    def entry(self, data: Any, line: int) -> tuple[FaqEntry | None, list[Problem]]:
        if not isinstance(data, LineDict):
            return None, [Problem(self.file, line, "entry must be a mapping")]
        problems = [self._at(data, k, f"unknown key {k!r}") for k in data if k not in ENTRY_KEYS]
        problems += [
            Problem(self.file, data.line, f"missing key {k!r}")
            for k in REQUIRED_KEYS
            if k not in data
        ]
        if problems:
            return None, problems
        problems += self._id(data) + self._topic(data)
        problems += self._questions(data, "questions", self.questions, MIN_QUESTIONS)
        if "questions_en" in data:
            problems += self._questions(data, "questions_en", self.english, 1)
        answer, found = self._texts(data, "answer", MAX_ANSWER)
        more, found_more = self._texts(data, "more", None) if "more" in data else (None, [])
        citations, found_citations = self._citations(data)
        problems += found + found_more + found_citations + self._asks(data)
        if not isinstance(data.get("either_way", False), bool):
            problems.append(self._at(data, "either_way", "either_way must be true or false"))
        if problems or answer is None:
            return None, problems
        english = tuple(data.get("questions_en") or ())
        asks = (
            tuple(data["asks"])
            if "asks" in data
            else inferred_asks(self.law, citations, str(data["topic"]), answer.get("vi", ""))
        )
        entry = FaqEntry(
            data["id"],
            data["topic"],
            tuple(data["questions"]),
            answer,
            citations,
            more,
            english,
            asks,
            bool(data.get("either_way", False)),
        )
        return entry, []

    def _asks(self, data: LineDict) -> list[Problem]:
        if "asks" not in data:
            return []
        asks = data["asks"]
        if not isinstance(asks, LineList) or not asks:
            return [self._at(data, "asks", f"asks must be a list of kinds from {list(ASKS)}")]
        return [
            Problem(
                self.file, asks.line_of(i), f"asks: unknown kind {kind!r} (known: {list(ASKS)})"
            )
            for i, kind in enumerate(asks)
            if kind not in ASKS
        ]

    def _at(self, data: LineDict, key: str, message: str) -> Problem:
        return Problem(self.file, data.line_of(key), message)

    def _id(self, data: LineDict) -> list[Problem]:
        entry_id = data["id"]
        if not isinstance(entry_id, str) or not _ID.match(entry_id):
            return [self._at(data, "id", f"id {entry_id!r} must be kebab-case")]
        if entry_id in self.ids:
            return [
                self._at(data, "id", f"duplicate id {entry_id!r} (first in {self.ids[entry_id]})")
            ]
        self.ids[entry_id] = f"{self.file}:{data.line_of('id')}"
        return []

    def _topic(self, data: LineDict) -> list[Problem]:
        if data["topic"] in TOPICS:
            return []
        return [self._at(data, "topic", f"unknown topic {data['topic']!r}")]

    def _questions(
        self, data: LineDict, key: str, owners: dict[str, str], minimum: int
    ) -> list[Problem]:
        questions = data[key]
        if not isinstance(questions, LineList) or not all(isinstance(q, str) for q in questions):
            return [self._at(data, key, f"{key} must be a list of texts")]
        problems = []
        if len(questions) < minimum:
            message = f"{key}: needs at least {minimum} questions, has {len(questions)}"
            problems.append(self._at(data, key, message))
        seen: set[str] = set()
        for index, question in enumerate(questions):
            line = questions.line_of(index)
            if fold_key(question) in seen:
                problems.append(Problem(self.file, line, f"repeated question {question!r}"))
            seen.add(fold_key(question))
            owner = owners.setdefault(fold(question), str(data["id"]))
            if owner != data["id"]:
                problems.append(Problem(self.file, line, f"question also in entry {owner!r}"))
        return problems

    def _texts(
        self, data: LineDict, key: str, limit: int | None
    ) -> tuple[dict[str, str] | None, list[Problem]]:
        value = data[key]
        if not isinstance(value, LineDict) or not isinstance(value.get("vi"), str):
            return None, [self._at(data, key, f"{key} needs a 'vi' text")]
        problems = [
            Problem(self.file, value.line_of(k), f"{key}: unknown locale {k!r}")
            for k in value
            if k not in LOCALES or not isinstance(value[k], str)
        ]
        if limit is not None and len(value["vi"].strip()) > limit:
            message = f"{key}.vi has {len(value['vi'].strip())} characters (max {limit})"
            problems.append(Problem(self.file, value.line_of("vi"), message))
        return {k: str(v).strip() for k, v in value.items()}, problems

    def _citations(self, data: LineDict) -> tuple[tuple[Citation, ...], list[Problem]]:
        items = data["citations"]
        if not isinstance(items, LineList) or not items:
            return (), [self._at(data, "citations", "needs at least one citation")]
        citations: list[Citation] = []
        problems: list[Problem] = []
        for index, item in enumerate(items):
            citation, found = self._citation(item, items.line_of(index))
            problems += found
            if citation is not None:
                citations.append(citation)
        return tuple(citations), problems

    def _citation(self, item: Any, line: int) -> tuple[Citation | None, list[Problem]]:
        if not isinstance(item, dict) or not {"document", "article"} <= set(item):
            return None, [Problem(self.file, line, "citation needs document and article")]
        unknown = [k for k in item if k not in CITATION_KEYS]
        if unknown:
            return None, [Problem(self.file, line, f"citation: unknown key {unknown[0]!r}")]
        document, article, clause = item["document"], item["article"], item.get("clause")
        if not isinstance(article, int) or not (clause is None or isinstance(clause, int)):
            return None, [Problem(self.file, line, "citation article and clause must be numbers")]
        citation = Citation(str(document), article, clause)
        return citation, self._law_problems(citation, line)

    def _law_problems(self, citation: Citation, line: int) -> list[Problem]:
        where = f"Điều {citation.article}" + (
            f" khoản {citation.clause}" if citation.clause is not None else ""
        )
        if not self.law.has(citation.document, citation.article, citation.clause):
            message = f"citation {where} of {citation.document} is not in the law library"
            return [Problem(self.file, line, message)]
        document = self.law.document(citation.document)
        if document is not None and not document.in_force(self.today):
            message = f"citation of {citation.document}, not in force on {self.today.isoformat()}"
            return [Problem(self.file, line, message)]
        return []


def load_faq(directory: Path, law: LawLibrary, today: date) -> tuple[Faq, list[Problem]]:
    """Load every ``*.yml`` under ``directory``; invalid entries are reported and left out."""
    checker = _Checker(law, today, {}, {})
    entries: list[FaqEntry] = []
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yml")):
        data, found = load_yaml(path)
        checker.file = str(path)
        problems += found
        if not isinstance(data, LineDict) or not isinstance(data.get("entries"), LineList):
            problems.append(Problem(str(path), 1, "expected a mapping with 'entries:' (a list)"))
            continue
        problems += [
            Problem(str(path), data.line_of(k), f"unknown key {k!r}")
            for k in data
            if k != "entries"
        ]
        for index, item in enumerate(data["entries"]):
            entry, found = checker.entry(item, data["entries"].line_of(index))
            problems += found
            if entry is not None:
                entries.append(entry)
    return Faq(tuple(entries)), problems
