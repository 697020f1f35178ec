"""Law text in answers: the "Căn cứ:" citation line and an article split into messages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.core.i18n import Strings
from bot.core.messages import Reply
from bot.core.transport import split_text
from bot.law.citation import Citation
from bot.law.library import Article, LawDocument, LawLibrary
from bot.law.notes import citizen_text

MESSAGE_LIMIT = 3500
"""Characters per message when an article is sent in full (Telegram allows 4096)."""

_YEAR = re.compile(r"^\d+/(\d{4})/")


def clipped(text: str, limit: int) -> str:
    """Return ``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def document_name(document: LawDocument) -> str:
    """Return how answers name a document: "Luật Phòng, chống bạo lực gia đình 2022"."""
    if document.title.startswith("Nghị định"):
        return document.short
    found = _YEAR.match(document.number)
    return f"{document.title} {found.group(1)}" if found else document.title


def _name(law: LawLibrary, number: str) -> str:
    document = law.document(number)
    return document_name(document) if document is not None else number


def _where(strings: Strings, citation: Citation, locale: str) -> str:
    if citation.clause is None:
        return strings.get("qa.cite.article", locale, article=citation.article)
    return strings.get("qa.cite.clause", locale, article=citation.article, clause=citation.clause)


def cite_line(law: LawLibrary, strings: Strings, citations: Sequence[Citation], locale: str) -> str:
    """Return "Căn cứ: Điều 19 Luật ...; Điều 7 Luật ..." (clauses of a cited article left out)."""
    whole = {(c.document, c.article) for c in citations if c.clause is None}
    kept = [
        c
        for c in dict.fromkeys(citations)
        if c.clause is None or (c.document, c.article) not in whole
    ]
    groups: dict[str, list[str]] = {}
    for citation in kept:
        groups.setdefault(citation.document, []).append(_where(strings, citation, locale))
    items = [
        strings.get("qa.cite.group", locale, places=", ".join(places), document=_name(law, number))
        for number, places in groups.items()
    ]
    return strings.get("qa.cite.line", locale, items="; ".join(items)) if items else ""


class ArticleReplies:
    """Renders an article (or one clause) as messages of at most MESSAGE_LIMIT characters."""

    STRINGS = (
        "qa.cite.article",
        "qa.cite.clause",
        "qa.cite.group",
        "qa.cite.line",
        "qa.article_heading",
        "qa.article_missing",
        "qa.article_repealed",
    )

    def __init__(self, law: LawLibrary, strings: Strings, today: date) -> None:
        self.law, self.strings, self.today = law, strings, today

    def replies(
        self, number: str, article: int, clause: int | None, locale: str = "vi"
    ) -> list[Reply]:
        """Return the article's messages, or one message saying the library lacks it."""
        document = self.law.document(number)
        found = self.law.article(number, article)
        if (
            document is None
            or found is None
            or (clause is not None and found.clause(clause) is None)
        ):
            place = _where(self.strings, Citation(number, article, clause), locale)
            text = self.strings.get(
                "qa.article_missing", locale, place=place, document=_name(self.law, number)
            )
            return [Reply(text)]
        place = _where(self.strings, Citation(number, article, clause), locale)
        heading = self.strings.get(
            "qa.article_heading",
            locale,
            place=place,
            title=citizen_text(found.title),
            document=document_name(document),
        )
        blocks = self._blocks(found, clause)
        if not document.in_force(self.today):
            blocks.append(self.strings.get("qa.article_repealed", locale))
        return [Reply(text) for text in _pack([heading, *blocks])]

    def _blocks(self, article: Article, clause: int | None) -> list[str]:
        chosen = article.clause(clause) if clause is not None else None
        if chosen is not None:
            return [f"{chosen.number}. {citizen_text(chosen.text)}"]
        if article.clauses:
            return [f"{c.number}. {citizen_text(c.text)}" for c in article.clauses]
        return [line for line in citizen_text(article.text).split("\n") if line.strip()]


def _pack(blocks: Sequence[str]) -> list[str]:
    """Join blocks into messages of at most MESSAGE_LIMIT characters, cut between blocks."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        for piece in split_text(block, MESSAGE_LIMIT):
            if current and len(current) + 1 + len(piece) > MESSAGE_LIMIT:
                messages.append(current)
                current = piece
            else:
                current = f"{current}\n{piece}" if current else piece
    if current:
        messages.append(current)
    return messages
