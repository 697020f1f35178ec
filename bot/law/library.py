"""Law documents from content/law/*.yml: typed models, a validating loader and a library."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.core.problems import Problem
from bot.core.yamlfile import LineDict, LineList, load_yaml
from bot.law.importer import import_law
from nlu.normalize import fold

__all__ = ["Article", "Clause", "LawDocument", "LawLibrary", "import_law", "load_law"]

KINDS = ("luat", "bo_luat", "nghi_dinh")


def _spec(text: str) -> dict[str, str]:
    """Return a field spec from "name:type ..." pairs; a trailing "?" on the type allows null."""
    return dict(pair.split(":") for pair in text.split())


_DOCUMENT_FIELDS = _spec(
    "document:str title:str short:str kind:str issued:date? in_force_from:date? "
    "in_force_until:date? replaced_by:str? complete:bool source:str corpus_file:str "
    "aliases:list articles:list"
)
_ARTICLE_FIELDS = _spec("number:int title:str chapter:str? note:str? clauses:list text:str")
_CLAUSE_FIELDS = _spec("number:int text:str")
_DATE_TOKEN = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


@dataclass(frozen=True)
class Clause:
    """One numbered clause (khoản) of an article, its points a), b) ... inside the text."""

    number: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article (điều) of a law document, verbatim from the corpus."""

    document: str
    number: int
    title: str
    chapter: str | None
    clauses: tuple[Clause, ...]
    text: str
    note: str | None

    def clause(self, number: int) -> Clause | None:
        """Return clause ``number`` when the corpus holds it."""
        return next((clause for clause in self.clauses if clause.number == number), None)


@dataclass(frozen=True)
class LawDocument:
    """One law or decree; ``file`` is the content YAML it was loaded from."""

    number: str
    title: str
    short: str
    kind: str
    issued: date | None
    in_force_from: date | None
    in_force_until: date | None
    replaced_by: str | None
    complete: bool
    source: str
    aliases: tuple[str, ...]
    articles: Mapping[int, Article] = field(hash=False)
    file: str

    def in_force(self, on: date) -> bool:
        """Return whether the document is in force on day ``on`` (unknown dates do not limit)."""
        started = self.in_force_from is None or self.in_force_from <= on
        return started and (self.in_force_until is None or on < self.in_force_until)


class LawLibrary:
    """All law documents, looked up by official number or by alias."""

    def __init__(
        self,
        documents: Mapping[str, LawDocument],
        lines: Mapping[tuple[str, int, int | None], int] | None = None,
    ) -> None:
        self.documents: Mapping[str, LawDocument] = MappingProxyType(dict(documents))
        self._lines = dict(lines or {})
        self._names: dict[str, str] = {}
        for number, document in self.documents.items():
            for name in (number, *document.aliases):
                self._names.setdefault(fold(name), number)

    def document(self, number: str) -> LawDocument | None:
        """Return the document with this official number (case and diacritics ignored)."""
        found = self.documents.get(number)
        return found if found is not None else self.resolve(number)

    def resolve(self, name: str) -> LawDocument | None:
        """Return the document a number or alias ("nđ 125", "luật bình đẳng giới") names."""
        number = self._names.get(fold(name))
        return self.documents[number] if number is not None else None

    def article(self, document: str, number: int) -> Article | None:
        """Return article ``number`` of ``document`` when the corpus holds it."""
        found = self.document(document)
        return found.articles.get(number) if found is not None else None

    def has(self, document: str, article: int, clause: int | None = None) -> bool:
        """Return whether the article (and clause, if given) exists in the corpus."""
        found = self.article(document, article)
        return found is not None and (clause is None or found.clause(clause) is not None)

    def citation_line(self, document: str, article: int, clause: int | None = None) -> int | None:
        """Return the line of the article or clause in its content YAML file."""
        found = self.document(document)
        return self._lines.get((found.number, article, clause)) if found is not None else None


@dataclass
class _Reader:
    """Checks one file's mappings against field specs, collecting problems."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    lines: dict[tuple[str, int, int | None], int] = field(default_factory=dict)
    aliases_line: int = 1

    def report(self, line: int, message: str) -> None:
        """Record a problem at ``line``."""
        self.problems.append(Problem(self.file, line, message))

    def mapping(self, node: Any, spec: Mapping[str, str], line: int, what: str) -> bool:
        """Check keys and value types of ``node``; return whether it is usable."""
        if not isinstance(node, LineDict):
            self.report(line, f"{what} must be a mapping")
            return False
        before = len(self.problems)
        for key in node:
            if key not in spec:
                self.report(node.line_of(key), f"unknown key {key!r} in {what}")
        for key, kind in spec.items():
            if key not in node:
                self.report(node.line, f"missing key {key!r} in {what}")
            elif not _has_type(node[key], kind):
                shown = type(node[key]).__name__
                self.report(node.line_of(key), f"{key!r} must be {kind}, not {shown}")
        return len(self.problems) == before


def _has_type(value: Any, kind: str) -> bool:
    """Return whether ``value`` fits a field spec such as "str", "date?" or "list"."""
    if kind.endswith("?"):
        return value is None or _has_type(value, kind[:-1])
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and value > 0
    if kind == "date":
        return isinstance(value, date) and not isinstance(value, datetime)
    expected = {"str": str, "bool": bool, "list": LineList}[kind]
    return isinstance(value, expected)


def _clauses(reader: _Reader, document: str, article: LineDict) -> tuple[Clause, ...]:
    """Return the valid clauses of an article, reporting bad or repeated ones."""
    clauses: dict[int, Clause] = {}
    items: LineList = article["clauses"]
    for index, node in enumerate(items):
        line = items.line_of(index)
        if not reader.mapping(node, _CLAUSE_FIELDS, line, "clause"):
            continue
        number = node["number"]
        if number in clauses:
            reader.report(line, f"duplicate clause {number} in article {article['number']}")
        clauses[number] = Clause(number, node["text"])
        reader.lines[(document, article["number"], number)] = line
    return tuple(clauses.values())


def _articles(reader: _Reader, document: str, items: LineList) -> dict[int, Article]:
    """Return the valid articles of a document, reporting bad or repeated ones."""
    articles: dict[int, Article] = {}
    for index, node in enumerate(items):
        line = items.line_of(index)
        if not reader.mapping(node, _ARTICLE_FIELDS, line, "article"):
            continue
        number = node["number"]
        if number in articles:
            reader.report(line, f"duplicate article {number} in {document}")
        clauses = _clauses(reader, document, node)
        articles[number] = Article(
            document, number, node["title"], node["chapter"], clauses, node["text"], node["note"]
        )
        reader.lines[(document, number, None)] = line
    return articles


def _cross_checks(reader: _Reader, data: LineDict) -> None:
    """Report values that are well typed but wrong: kind, empty aliases, date order."""
    if data["kind"] not in KINDS:
        reader.report(data.line_of("kind"), f"kind must be one of {', '.join(KINDS)}")
    aliases: LineList = data["aliases"]
    for index, alias in enumerate(aliases):
        if not isinstance(alias, str) or not alias.strip():
            reader.report(aliases.line_of(index), "aliases must be non-empty strings")
    start, end = data["in_force_from"], data["in_force_until"]
    if start is not None and end is not None and end <= start:
        reader.report(data.line_of("in_force_until"), "in_force_until must be after in_force_from")


def _document(reader: _Reader, data: Any) -> LawDocument | None:
    """Return the document of one parsed file, or None when it has problems."""
    if not reader.mapping(data, _DOCUMENT_FIELDS, 1, "law document"):
        return None
    _cross_checks(reader, data)
    reader.aliases_line = data.line_of("aliases")
    articles = _articles(reader, data["document"], data["articles"])
    if reader.problems:
        return None
    same = ("title", "short", "kind", "issued", "in_force_from", "in_force_until", "replaced_by")
    return LawDocument(
        number=data["document"],
        aliases=tuple(data["aliases"]),
        articles=MappingProxyType(articles),
        file=reader.file,
        **{key: data[key] for key in (*same, "complete", "source")},
    )


def _bad_date_line(path: Path) -> int:
    """Return the line of the first impossible date such as 2022-02-30 (1 when none found)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for match in _DATE_TOKEN.finditer(line):
            try:
                date(*(int(part) for part in match.groups()))
            except ValueError:
                return number
    return 1


def _load_file(path: Path) -> tuple[LawDocument | None, _Reader]:
    """Load and validate one content/law file."""
    reader = _Reader(str(path))
    try:
        data, problems = load_yaml(path)
    except ValueError as err:  # an impossible date escapes the YAML loader as ValueError
        reader.report(_bad_date_line(path), f"invalid value: {err}")
        return None, reader
    reader.problems.extend(problems)
    if data is None and not problems:
        reader.report(1, "file is empty")
    if reader.problems:
        return None, reader
    return _document(reader, data), reader


def _alias_clashes(documents: Mapping[str, LawDocument], lines: Mapping[str, int]) -> list[Problem]:
    """Report aliases (compared without diacritics) that name two documents."""
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    for number, document in documents.items():
        for alias in sorted({fold(name) for name in (number, *document.aliases)}):
            other = owner.setdefault(alias, number)
            if other != number:
                message = f"alias {alias!r} also names {other}"
                problems.append(Problem(document.file, lines[number], message))
    return problems


def load_law(directory: Path) -> tuple[LawLibrary, list[Problem]]:
    """Load every content/law/*.yml; return the library and every problem found."""
    documents: dict[str, LawDocument] = {}
    lines: dict[tuple[str, int, int | None], int] = {}
    alias_lines: dict[str, int] = {}
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yml")):
        document, reader = _load_file(path)
        problems += reader.problems
        if document is None:
            continue
        if document.number in documents:
            first = documents[document.number].file
            problems.append(Problem(str(path), 1, f"{document.number} already in {first}"))
            continue
        documents[document.number] = document
        lines.update(reader.lines)
        alias_lines[document.number] = reader.aliases_line
    problems += _alias_clashes(documents, alias_lines)
    return LawLibrary(documents, lines), problems
