"""A document asked about as a whole: what it is, whether it is in force, what it governs."""

from __future__ import annotations

from datetime import date

from bot.core.i18n import Strings
from bot.core.messages import Button, Reply
from bot.law.citation import Citation
from bot.law.library import LawDocument, LawLibrary
from bot.law.notes import citizen_text
from bot.qa.answers import clipped, document_name

QUOTE = 300
"""Characters of Điều 1 (the scope) quoted in the overview."""

STRINGS = (
    "qa.document.number",
    "qa.document.issued",
    "qa.document.start",
    "qa.document.in_force",
    "qa.document.not_yet",
    "qa.document.ended",
    "qa.document.replaced",
    "qa.document.scope",
    "qa.document.part",
    "qa.document.ask",
)

SURE_ENOUGH = 0.75
"""An entry less sure than this yields to the overview when a document is asked about by name
alone: "luật hôn nhân gia đình" got the entry on obstructing a marriage (0.68)."""


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "?"


def _status(strings: Strings, document: LawDocument, today: date, locale: str) -> str:
    """Return whether the document is in force today, not yet, or no longer (and why)."""
    if document.in_force(today):
        return strings.get("qa.document.in_force", locale)
    if document.in_force_from is not None and today < document.in_force_from:
        return strings.get("qa.document.not_yet", locale, start=_day(document.in_force_from))
    if document.replaced_by:
        return strings.get(
            "qa.document.replaced",
            locale,
            end=_day(document.in_force_until),
            other=document.replaced_by,
        )
    return strings.get("qa.document.ended", locale, end=_day(document.in_force_until))


def _scope(strings: Strings, document: LawDocument, locale: str) -> str:
    """Return Điều 1 quoted (its scope, in Vietnamese laws and decrees), or what the library has."""
    numbers = sorted(document.articles)
    name = document_name(document)
    if not document.complete and numbers:
        listed = ", ".join(str(n) for n in numbers)
        example = next((n for n in numbers if n != 1), numbers[0])
        part = strings.get(
            "qa.document.part", locale, articles=listed, example=example, document=name
        )
    else:
        part = strings.get("qa.document.ask", locale, document=name)
    first = document.articles.get(1)
    if first is None:
        return part
    quote = clipped(citizen_text(first.text), QUOTE)
    scope = strings.get("qa.document.scope", locale, title=citizen_text(first.title), quote=quote)
    return f"{scope}\n\n{part}"


def _about(strings: Strings, document: LawDocument, locale: str) -> str:
    """Return "Luật … 2022, số 13/2022/QH15, ban hành ngày …, có hiệu lực từ ngày …"."""
    name = document_name(document)
    label = name if document.title in name else f"{name} ({document.title})"
    parts = [label]
    if document.number not in label:
        parts.append(strings.get("qa.document.number", locale, number=document.number))
    if document.issued is not None:
        parts.append(strings.get("qa.document.issued", locale, day=_day(document.issued)))
    if document.in_force_from is not None:
        parts.append(strings.get("qa.document.start", locale, day=_day(document.in_force_from)))
    return ", ".join(parts) + "."


def overview(
    law: LawLibrary, strings: Strings, number: str, today: date, locale: str = "vi"
) -> tuple[Reply, tuple[Citation, ...]] | None:
    """Return the overview message of document ``number`` and what it cites (Điều 1)."""
    document = law.document(number)
    if document is None:
        return None
    about = _about(strings, document, locale)
    parts = [about, _status(strings, document, today, locale), _scope(strings, document, locale)]
    if 1 not in document.articles:
        return Reply("\n\n".join(parts)), ()
    label = strings.get("qa.article_button", locale, article=1)
    button = Button(label, f"qa:art:{document.number}:1")
    return Reply("\n\n".join(parts), (button,)), (Citation(document.number, 1),)
