"""The law a question names: its citations come first ("… theo Nghị định 145/2020 thế nào?").

An entry often rests on two documents, the law and the decree under it. A question that names one
of them by number or by an alias of content/law ("Bộ luật Lao động", "nđ 145") is answered with
that one's articles first; otherwise the kind of sanction asked about decides (``sanction_first``).
"""

from __future__ import annotations

import functools
import re

from bot.law.library import LawLibrary
from bot.qa.kinds import C, sanction_first
from nlu.normalize import fold
from nlu.parse import Parse

Names = tuple[tuple[str, str], ...]
"""Each folded name or number of a document, with the document's official number."""


def asked_first(law: LawLibrary, citations: tuple[C, ...], parse: Parse) -> tuple[C, ...]:
    """Return the citations with the law the question names first, then the sanction it asks."""
    return named_first(law, sanction_first(law, citations, parse.asks), parse.text)


def named_first(law: LawLibrary, citations: tuple[C, ...], text: str) -> tuple[C, ...]:
    """Return the citations of the documents ``text`` names first, in the order named."""
    named = named_documents(law, text)
    if not named:
        return citations

    def rank(citation: C) -> int:
        found = law.document(citation.document)
        number = found.number if found is not None else citation.document
        return named.index(number) if number in named else len(named)

    return tuple(sorted(citations, key=rank))


def named_documents(law: LawLibrary, text: str) -> list[str]:
    """Return the official numbers of the documents ``text`` names, first named first."""
    names = _names(law)
    numbers = dict(names)
    found = (numbers[m.group(1)] for m in _pattern(names).finditer(fold(text)))
    return list(dict.fromkeys(found))


@functools.lru_cache(maxsize=4)
def _names(law: LawLibrary) -> Names:
    """Return every folded name of every document with its number (once per library)."""
    pairs = {
        fold(name): document.number
        for document in law.documents.values()
        for name in (document.number, *document.aliases)
    }
    return tuple(sorted(pairs.items()))


@functools.lru_cache(maxsize=4)
def _pattern(names: Names) -> re.Pattern[str]:
    """Return one pattern for all names, the longest tried first, as whole words."""
    alternatives = sorted((re.escape(name) for name, _ in names), key=len, reverse=True)
    return re.compile(r"(?<![\w/])(" + "|".join(alternatives) + r")(?![\w/])")
