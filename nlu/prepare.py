"""Message preparation shared by every component: teencode expansion, folding, synonyms.

English contractions are spelt out first (nlu.english), so English questions read like their
variants in ``questions_en``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nlu.english import spell_out
from nlu.normalize import fold
from nlu.numbers import spoken_ages
from nlu.opening import without_opening
from nlu.synonyms import Synonyms, parse_synonyms
from nlu.teencode import Teencode, parse_teencode
from nlu.training import TrainingData


@dataclass(frozen=True)
class Preparer:
    """Turns a raw message into the form the components read: expanded and folded."""

    teencode: Teencode
    synonyms: Synonyms = field(default_factory=Synonyms)

    @classmethod
    def from_data(cls, data: TrainingData) -> Preparer:
        """Build from the teencode table and synonym groups of ``data``."""
        return cls(parse_teencode(data.teencode), parse_synonyms(data.synonyms))

    def base(self, text: str) -> str:
        """Return normalised text with abbreviations expanded, diacritics and opening removed."""
        return without_opening(spoken_ages(fold(self.teencode.expand(spell_out(text)))))

    def __call__(self, text: str) -> str:
        """Return ``base(text)`` followed by the canonical phrases of the synonyms it uses."""
        return self.synonyms.expand(self.base(text))
