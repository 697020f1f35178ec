"""Query expansion with groups of everyday words for one legal idea (content/nlu/synonyms.yml)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nlu.normalize import fold


@dataclass(frozen=True)
class Synonyms:
    """Each group's pattern (any phrase, whole words), the canonical phrase it adds, its phrases."""

    groups: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = ()

    @classmethod
    def build(cls, groups: Sequence[Sequence[str]]) -> Synonyms:
        """Build from phrase groups; the first phrase of each group is the canonical one."""
        built = []
        for group in groups:
            phrases = sorted({fold(p) for p in group if fold(p).strip()}, key=len, reverse=True)
            if len(phrases) < 2:
                continue
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")
            built.append((pattern, fold(group[0]), tuple(phrases)))
        return cls(tuple(built))

    def expand(self, folded: str) -> str:
        """Return ``folded`` followed by the canonical phrase of every group it mentions."""
        added = [
            canonical
            for pattern, canonical, phrases in self.groups
            if any(p in folded for p in phrases) and pattern.search(folded)  # substrings first
        ]
        return " ".join([folded, *added]) if added else folded


def parse_synonyms(data: Mapping[str, object]) -> Synonyms:
    """Build Synonyms from the ``synonyms.yml`` mapping (already validated)."""
    groups = data.get("groups")
    items = groups if isinstance(groups, list) else []
    return Synonyms.build([[str(p) for p in g] for g in items if isinstance(g, list)])
