"""Frozen records of polls, answers, profiles and quizzes, and the profile's categories."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.broadcasts.records import Audience
from bot.law.citation import Citation

Texts = Mapping[str, str]
"""A text per locale (``{"vi": ..., "en": ...}``); Vietnamese is required."""

SEXES = ("female", "male", "other")
AGE_BANDS = ("under18", "18-24", "25-34", "35-49", "50plus")
DIMENSIONS = ("sex", "age_band", "province")
"""The profile fields results are broken down by, in display order."""
MIN_OPTIONS, MAX_OPTIONS = 2, 6


def text_for(texts: Texts, locale: str) -> str:
    """Return the text in ``locale``, or in Vietnamese when not written."""
    return texts.get(locale) or texts["vi"]


class Kind(StrEnum):
    """What a poll asks for: one of its options, a number, or a short free answer."""

    CHOICE = "choice"
    NUMBER = "number"
    TEXT = "text"


@dataclass(frozen=True)
class Poll:
    """One poll: a question, its options (choice polls), an audience and an open window."""

    key: str
    question: Texts
    kind: Kind
    options: tuple[Texts, ...]
    audience: Audience
    opens_at: datetime
    closes_at: datetime
    id: int = 0
    created_by: str = "content"
    broadcast_id: int | None = None

    def is_open(self, now: datetime) -> bool:
        """Return whether answers are accepted at ``now``."""
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now: datetime) -> bool:
        """Return whether the poll has closed by ``now``."""
        return now >= self.closes_at

    def option(self, number: int, locale: str) -> str:
        """Return the label of option ``number`` (1-based)."""
        return text_for(self.options[number - 1], locale)


@dataclass(frozen=True)
class Answer:
    """One person's answer to one poll: an option number, or a value (number or text)."""

    poll_id: int
    urn: str
    option: int | None
    value: str
    answered_at: datetime
    changes: int = 0


@dataclass(frozen=True)
class Profile:
    """What a person chose to tell about themself; every field may be left out."""

    urn: str
    sex: str | None = None
    age_band: str | None = None
    province: str | None = None
    consented_at: datetime | None = None
    asked_at: datetime | None = None

    def value(self, dimension: str) -> str | None:
        """Return the value of ``sex``, ``age_band`` or ``province``."""
        found: str | None = getattr(self, dimension)
        return found


@dataclass(frozen=True)
class Question:
    """One quiz question: options, the right one (1-based), the explanation and its article."""

    text: Texts
    options: tuple[Texts, ...]
    answer: int
    explanation: Texts
    citation: Citation


@dataclass(frozen=True)
class Quiz:
    """A quiz of 5–10 questions on the law, with a title and an introduction."""

    key: str
    title: Texts
    intro: Texts
    questions: tuple[Question, ...] = field(default=())
    file: str = ""
