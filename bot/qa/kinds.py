"""Kinds of sanction in the law: which documents answer "the fine?" and which "prison?".

The Penal Code answers prison questions; a sanction decree ("Nghị định quy định xử phạt …")
answers fine questions. An FAQ entry without ``asks:`` serves the kind of its first citation:
``prison`` for the Penal Code, ``fine`` for a sanction decree; otherwise its topic decides
(reporting: ``report``; services and legal aid: ``help``; anything else: ``definition``), and
also ``help`` when its answer tells the reader what to do ("Bạn có thể báo …"). In an answer, the
citations of the kind asked about come first (``sanction_first``).
"""

from __future__ import annotations

import functools
import re
from typing import Protocol, TypeVar

from bot.law.library import LawLibrary
from nlu.normalize import fold

PENAL_CODE = "100/2015/QH13"
SANCTION_TITLE = "nghi dinh quy dinh xu phat"
"""Folded start of the title of a sanction decree (administrative fines)."""
TOPIC_ASKS = {"dv_reporting": "report", "support_services": "help", "legal_aid": "help"}
_FIRST_STEPS = r"\bban (co the|nen)\b|\bhay (goi|bao)\b"
"""Folded words with which an answer tells the reader what to do ("Bạn có thể báo …")."""
STEPS = re.compile(
    _FIRST_STEPS
    + r"|\bhay (luu|giu|di kham|nho)\b|\bnen lam\b|\bem co the\b|(?:^|[.:] )co the bao\b"
)
"""The same and more ("Hãy lưu tin nhắn", a child's "Em có thể", a sentence "Có thể báo UBND
xã"), for follow-ups."""
_OFFERS_STEPS = re.compile(_FIRST_STEPS + r"|\bcan tu van\b")
"""The first words, or a hotline's "Cần tư vấn", as the kinds of entries were first inferred (the
kinds are features of the model: a change here retrains it and moves near-threshold answers)."""


class _Cited(Protocol):
    """Anything that names a document (a citation)."""

    @property
    def document(self) -> str: ...


C = TypeVar("C", bound=_Cited)


def inferred_asks(
    law: LawLibrary, citations: tuple[_Cited, ...], topic: str, answer: str
) -> tuple[str, ...]:
    """Return the kinds an entry without ``asks:`` serves, and help when it gives steps."""
    sanction = sanction_kind(law, citations[0].document) if citations else None
    kind = sanction or TOPIC_ASKS.get(topic, "definition")
    offers = kind != "help" and _OFFERS_STEPS.search(fold(answer)) is not None
    return (kind, "help") if offers else (kind,)


def sanction_kind(law: LawLibrary, document: str) -> str | None:
    """Return "prison" for the Penal Code, "fine" for a sanction decree, else None."""
    found = law.document(document)
    return None if found is None else _kind(found.number, found.title)


@functools.lru_cache(maxsize=256)
def _kind(number: str, title: str) -> str | None:
    """Return the kind of sanction a document of this number and title answers (cached)."""
    if number == PENAL_CODE:
        return "prison"
    return "fine" if fold(title).startswith(SANCTION_TITLE) else None


def sanction_first(
    law: LawLibrary, citations: tuple[C, ...], asked: frozenset[str]
) -> tuple[C, ...]:
    """Return the citations with the kind of sanction asked about first (order kept otherwise).

    "có bị đi tù không" puts the Penal Code first, "bị phạt bao nhiêu" the sanction decree.
    """
    wanted = [k for k in ("prison", "fine") if k in asked]
    if not wanted:
        return citations

    def rank(citation: C) -> int:
        kind = sanction_kind(law, citation.document)
        return wanted.index(kind) if kind in wanted else len(wanted)

    return tuple(sorted(citations, key=rank))
