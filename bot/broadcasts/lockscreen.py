"""Lock-screen safety: the first line of a campaign message shows in notification previews.

Someone else may see a phone's lock screen (an abusive partner, for instance), so the first line
must not name violence or abuse. The full text follows below it. Words are compared without
diacritics, so "bao luc" is caught like "bạo lực".
"""

from __future__ import annotations

import re

from nlu.normalize import fold

UNSAFE_WORDS = (
    "bạo lực",
    "bạo hành",
    "blgđ",
    "xâm hại",
    "tình dục",
    "hiếp dâm",
    "cưỡng hiếp",
    "đánh đập",
    "đánh vợ",
    "đánh con",
    "ngược đãi",
    "quấy rối",
    "mua bán người",
    "buôn bán người",
    "tố cáo",
    "tố giác",
    "nạn nhân",
    "giết",
    "tự tử",
    "ly hôn",
    "phá thai",
    "violence",
    "abuse",
    "rape",
    "sexual",
    "harassment",
    "victim",
)
"""Words that must not appear in a campaign message's first line (compared folded)."""

FIRST_LINE_MAX = 80
"""Characters of the first line that fit a typical notification preview."""

_PATTERNS = tuple(
    (word, re.compile(rf"(?<!\w){re.escape(fold(word))}(?!\w)")) for word in UNSAFE_WORDS
)


def first_line(text: str) -> str:
    """Return the first non-empty line of ``text``, stripped."""
    for line in text.strip().splitlines():
        if line.strip():
            return line.strip()
    return ""


def unsafe_words(line: str) -> list[str]:
    """Return the unsafe words found in ``line``."""
    folded = fold(line)
    return [word for word, pattern in _PATTERNS if pattern.search(folded)]


def preview_problems(text: str) -> list[str]:
    """Return what makes ``text``'s first line unsafe or too long for a lock screen (English)."""
    line = first_line(text)
    problems = [f"first line names {word!r}" for word in unsafe_words(line)]
    if not line:
        problems.append("text is empty")
    elif len(line) > FIRST_LINE_MAX:
        problems.append(f"first line has {len(line)} characters (at most {FIRST_LINE_MAX})")
    return problems
