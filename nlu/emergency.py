"""Emergency detection: danger now, violence in progress, abuse of a child, suicidal thoughts."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Category:
    """A named group of patterns; a weak one yields to general legal questions."""

    name: str
    strong: bool
    patterns: tuple[re.Pattern[str], ...]
    joined: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    """The patterns as one expression: one search instead of one a pattern."""

    def __post_init__(self) -> None:
        """Join the patterns (none of them uses back-references or global flags)."""
        object.__setattr__(self, "joined", join_patterns([p.pattern for p in self.patterns]))

    def matches(self, prepared: str) -> bool:
        """Return whether any pattern matches ``prepared``."""
        return self.joined is not None and self.joined.search(prepared) is not None


@dataclass(frozen=True)
class EmergencyDetector:
    """Matches prepared text (normalised, teencode expanded, folded) against the patterns."""

    categories: tuple[Category, ...]
    exclude: tuple[re.Pattern[str], ...] = ()
    danger: re.Pattern[str] | None = None
    """Words of harm by a person; the intent model alone may call an emergency only with one."""

    def category(self, prepared: str) -> str | None:
        """Return the first matching category name, or None when no danger signal is found."""
        excluded: bool | None = None
        for category in self.categories:
            if not category.matches(prepared):
                continue
            if category.strong:
                return category.name
            if excluded is None:
                excluded = any(pattern.search(prepared) for pattern in self.exclude)
            if not excluded:
                return category.name
        return None

    def dangerous(self, prepared: str) -> bool:
        """Return whether ``prepared`` names harm by a person (always, when no words are set)."""
        return self.danger is None or self.danger.search(prepared) is not None

    def detect(self, prepared: str) -> bool:
        """Return whether ``prepared`` signals an emergency."""
        return self.category(prepared) is not None


def compile_patterns(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """Compile regular expressions (raises re.error on a bad one)."""
    return tuple(re.compile(pattern) for pattern in patterns)


def parse_emergency(data: Mapping[str, object]) -> EmergencyDetector:
    """Build a detector from the ``emergency.yml`` mapping (already validated)."""
    raw = data.get("categories")
    categories = raw if isinstance(raw, Mapping) else {}
    built = tuple(
        Category(
            name=str(name),
            strong=bool(spec.get("strong", False)),
            patterns=compile_patterns([str(p) for p in spec.get("patterns") or []]),
        )
        for name, spec in categories.items()
        if isinstance(spec, Mapping)
    )
    exclude = data.get("exclude")
    danger = data.get("danger_words")
    return EmergencyDetector(
        built,
        compile_patterns([str(p) for p in exclude] if isinstance(exclude, list) else []),
        join_patterns([str(p) for p in danger] if isinstance(danger, list) else []),
    )


def join_patterns(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """Return the patterns as one expression (one search, not one a pattern), or None if none."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
