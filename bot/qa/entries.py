"""The knowledge base's entries: one question with its answer and citations, and all of them."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from bot.law.citation import Citation
from nlu.training import FaqExample


def _article(citation: Citation) -> str:
    """Return the article a citation names, as "document:article"."""
    return f"{citation.document}:{citation.article}"


@dataclass(frozen=True)
class FaqEntry:
    """One question-and-answer entry of the knowledge base."""

    id: str
    topic: str
    questions: tuple[str, ...]
    answer: Mapping[str, str]
    citations: tuple[Citation, ...]
    more: Mapping[str, str] | None = None
    questions_en: tuple[str, ...] = ()
    asks: tuple[str, ...] = ("definition",)
    """The kinds of question the answer serves (given, or inferred from the first citation)."""
    either_way: bool = False
    """The answer holds whoever acts on whom: its questions' roles never pass it over."""

    @property
    def basis(self) -> str:
        """Return the article the answer mainly rests on, as "document:article"."""
        return _article(self.citations[0])

    @property
    def articles(self) -> frozenset[str]:
        """Return every article the answer cites, as "document:article"."""
        return frozenset(map(_article, self.citations))

    def answer_text(self, locale: str = "vi") -> str:
        """Return the answer in ``locale``, falling back to Vietnamese."""
        return self.answer.get(locale) or self.answer["vi"]

    def more_text(self, locale: str = "vi") -> str | None:
        """Return the longer explanation in ``locale`` (Vietnamese fallback), if any."""
        if self.more is None:
            return None
        return self.more.get(locale) or self.more.get("vi")


@dataclass(frozen=True)
class Faq:
    """All valid entries, in file order."""

    entries: tuple[FaqEntry, ...]

    def get(self, entry_id: str) -> FaqEntry | None:
        """Return the entry with ``entry_id``, if any."""
        return self._by_id.get(entry_id)

    @functools.cached_property
    def _by_id(self) -> dict[str, FaqEntry]:
        """Entries by id (the first of a repeated id, as a search in file order finds it)."""
        found: dict[str, FaqEntry] = {}
        for entry in self.entries:
            found.setdefault(entry.id, entry)
        return found

    def examples(self) -> tuple[FaqExample, ...]:
        """Return what the NLU matcher trains on."""
        return tuple(_example(entry) for entry in self.entries)


def _example(entry: FaqEntry) -> FaqExample:
    """Return what the NLU matcher trains on from one entry."""
    texts = (entry.questions, entry.answer["vi"], entry.basis, entry.questions_en)
    return FaqExample(entry.id, entry.topic, *texts, entry.asks, entry.either_way)
