"""Teencode and abbreviation expansion (``ko`` -> ``không``, ``ck`` -> ``chồng``) from data."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nlu.normalize import fold, normalize

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_LEET = re.compile(r"^[^\W\d_]+(?:[0134][^\W\d_]+)+$")
"""A word with digits for letters inside it ("ch0ng", "h4y", "d4nh"), typed past word filters;
not "QH13", "10tr" or "4g", whose digits are at an end."""
_LEET_LETTERS = str.maketrans("0134", "oiea")
_AGE = re.compile(r"^(\d{1,2})t$")
"""An age typed short ("16t", "e 16t"): "16 tuổi"."""


@functools.lru_cache(maxsize=8192)
def _fold_word(word: str) -> str:
    """Return ``fold(word)``, cached: the same words come back in every message."""
    return fold(word)


@dataclass(frozen=True)
class ContextRule:
    """Use ``expand`` when a neighbour matches (``previous``/``next`` word lists) or at the end."""

    expand: str
    previous: frozenset[str] = frozenset()
    next: frozenset[str] = frozenset()
    last: bool = False

    def applies(self, previous: str | None, following: str | None) -> bool:
        """Return whether this rule fits between the folded ``previous`` and ``following`` words."""
        if following is None and self.last:
            return True
        return (previous is not None and previous in self.previous) or (
            following is not None and following in self.next
        )


@dataclass(frozen=True)
class Contextual:
    """An abbreviation whose expansion depends on its neighbours."""

    default: str
    rules: tuple[ContextRule, ...] = ()

    def choose(self, previous: str | None, following: str | None) -> str:
        """Return the expansion fitting this context."""
        for rule in self.rules:
            if rule.applies(previous, following):
                return rule.expand
        return self.default


@dataclass(frozen=True)
class Teencode:
    """The expansion table: plain words and context-dependent words, keyed by folded token."""

    words: Mapping[str, str] = field(default_factory=dict)
    contextual: Mapping[str, Contextual] = field(default_factory=dict)
    spoken: Mapping[str, str] = field(default_factory=dict)
    """Dialect words matched only as typed ("quánh"; folded it is "quanh", another word)."""

    @classmethod
    def build(
        cls,
        words: Mapping[str, str],
        contextual: Mapping[str, Contextual] | None = None,
        spoken: Mapping[str, str] | None = None,
    ) -> Teencode:
        """Build a table, folding keys so ``đc`` and ``dc`` both match (not spoken words)."""
        folded = {fold(key): normalize(value) for key, value in words.items()}
        context = {fold(key): value for key, value in (contextual or {}).items()}
        exact = {normalize(key): normalize(value) for key, value in (spoken or {}).items()}
        return cls(folded, context, exact)

    def expand(self, text: str) -> str:
        """Return normalised ``text`` with every known abbreviation expanded."""
        text = normalize(text)
        matches = list(_TOKEN.finditer(text))
        keys = [_fold_word(match.group()) for match in matches]
        parts: list[str] = []
        end = 0
        for index, match in enumerate(matches):
            replacement = self.spoken.get(match.group()) or self._replacement(keys, index)
            if replacement is not None:
                parts.append(text[end : match.start()])
                parts.append(replacement)
                end = match.end()
        parts.append(text[end:])
        return "".join(parts)

    def _replacement(self, keys: Sequence[str], index: int) -> str | None:
        key = keys[index]
        if age := _AGE.match(key):
            return f"{age.group(1)} tuổi"
        if _LEET.match(key):
            key = key.translate(_LEET_LETTERS)
            return self.words.get(key, key)
        if key in self.words:
            return self.words[key]
        rule = self.contextual.get(key)
        if rule is None:
            return None
        previous = keys[index - 1] if index > 0 else None
        following = keys[index + 1] if index + 1 < len(keys) else None
        return rule.choose(previous, following)


def parse_teencode(data: Mapping[str, object]) -> Teencode:
    """Build a Teencode table from the ``teencode.yml`` mapping (already validated)."""
    words = {str(k): str(v) for k, v in _mapping(data.get("words")).items()}
    contextual = {
        str(key): _contextual(_mapping(value))
        for key, value in _mapping(data.get("contextual")).items()
    }
    spoken = {str(k): str(v) for k, v in _mapping(data.get("spoken")).items()}
    return Teencode.build(words, contextual, spoken)


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


def _words(value: object) -> frozenset[str]:
    items = value if isinstance(value, list) else []
    return frozenset(fold(str(item)) for item in items)


def _contextual(data: Mapping[str, object]) -> Contextual:
    rules = data.get("rules")
    return Contextual(
        default=normalize(str(data.get("default", ""))),
        rules=tuple(
            ContextRule(
                expand=normalize(str(rule.get("expand", ""))),
                previous=_words(rule.get("previous")),
                next=_words(rule.get("next")),
                last=bool(rule.get("last", False)),
            )
            for rule in (rules if isinstance(rules, list) else [])
            if isinstance(rule, Mapping)
        ),
    )
