"""Phrase tables: word sequences matched with or without diacritics, as nlu.roles reads them."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from nlu.normalize import fold, normalize


class Words(Protocol):
    """A message's words, folded, and whether it is typed with diacritics."""

    @property
    def words(self) -> tuple[str, ...]: ...  # noqa: D102

    @property
    def bare(self) -> tuple[str, ...]: ...  # noqa: D102

    @property
    def marked(self) -> bool: ...  # noqa: D102


def same(word: str, bare: str, known: tuple[str, str], marked: bool) -> bool:
    """Return whether a message word (and its folded form) is the known (word, folded) pair.

    A word typed with diacritics must match exactly; a word typed without them matches folded,
    unless the message is ``marked`` (typed with diacritics): there "ma túy" holds no "má".
    """
    return word == known[0] or (not marked and word == bare and bare == known[1])


EXACT = "\x00"
"""The folded form of the words of a phrase that matches only as typed: no folded word is it."""

MARKED_SHARE = 0.4
"""Share of a message's words that carry diacritics for it to count as typed with them."""


def is_marked(words: Sequence[str], bare: Sequence[str]) -> bool:
    """Return whether a message is typed with diacritics (not only a teencode word or two)."""
    marked = sum(w != b for w, b in zip(words, bare, strict=True))
    return marked >= 2 and marked >= MARKED_SHARE * len(words)


@dataclass(frozen=True)
class PhraseTable:
    """Word sequences (with diacritics) indexed by their folded first word, longest first."""

    index: dict[str, tuple[tuple[tuple[tuple[str, str], ...], str], ...]]

    @classmethod
    def build(
        cls, pairs: Sequence[tuple[str, str]], exact: frozenset[str] = frozenset()
    ) -> PhraseTable:
        """Build from (phrase, value) pairs; ``exact`` phrases match only as typed."""
        index: dict[str, list[tuple[tuple[tuple[str, str], ...], str]]] = {}
        for phrase, value in pairs:
            sequence = tuple(
                (w, EXACT if phrase in exact else fold(w)) for w in normalize(phrase).split()
            )
            index.setdefault(fold(sequence[0][0]), []).append((sequence, value))
        return cls({k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in index.items()})

    def match(self, reader: Words, at: int) -> tuple[str, int] | None:
        """Return the value and length of the longest sequence at ``at``, if any."""
        if not 0 <= at < len(reader.words):
            return None
        for sequence, value in self.index.get(reader.bare[at], ()):
            end = at + len(sequence)
            if end <= len(reader.words) and all(
                same(reader.words[i], reader.bare[i], known, reader.marked)
                for i, known in zip(range(at, end), sequence, strict=True)
            ):
                return value, len(sequence)
        return None

    def covers(self, reader: Words, at: int) -> bool:
        """Return whether a phrase starts at ``at``, or one of two words or more just before it."""
        before = self.match(reader, at - 1)
        return self.match(reader, at) is not None or (before is not None and before[1] > 1)


@functools.lru_cache(maxsize=8)
def folded_pairs(options: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Return each option with its folded form."""
    return tuple((o, fold(o)) for o in options)
