"""A question typed in the middle of a report ("hạn nộp báo cáo là ngày nào?"), answered aside.

The report flow expects numbers and choices; a question was told "type a number" until "hủy".
It is now answered as if no report were open, and the report's current step is shown again after
the answer, its values kept.
"""

from __future__ import annotations

from bot.core.question import asks_a_question
from bot.reports.numbers import DIGITS, NumberProblem, parse_count
from nlu.normalize import fold

MIN_WORDS = 4
"""A question aside has at least this many words: shorter text is an answer to the step."""


def asks_aside(text: str) -> bool:
    """Return whether ``text`` is a question of its own, not an answer to a report step."""
    folded = fold(text)
    if DIGITS.search(text) or len(folded.split()) < MIN_WORDS:
        return False
    return asks_a_question(text) and parse_count(text) == NumberProblem.NOT_NUMBER
