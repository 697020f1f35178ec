"""An answer's first word: "Có." answers "is it …?", not "what should I do?".

Many answers open with a bare yes or no for the question they were written for ("Có. Cưỡng ép
tảo hôn … là bạo lực gia đình"). The same entry also answers "em không muốn thì phải làm sao?",
and a "Có." there reads as nonsense. When the question's last sentence asks what, how, where or
how much and nothing in it asks yes or no, the bare word goes; the sentence after it stands alone.
"""

from __future__ import annotations

import re

from nlu.normalize import fold

BARE_ANSWER = re.compile(r"^(Có|Không|Được|Yes|No)[.,] +(?=\S)")
"""A yes or no that opens an answer, with its stop."""

SENTENCES = re.compile(r"[.?!…\n]+")
YES_NO = re.compile(
    r"\b(khong|ko|k|hok|hong|chua)\W*$"
    r"|\b(co phai|phai khong|dung khong|duoc khong|co duoc|hay khong|hay chua)\b"
    r"|\bco\b.{1,60}\b(khong|ko|k|hok|hong|chua)\b"
    r"|^\W*(is|are|can|could|does|do|did|will|would|should|may|must|has|have|am|was|were)\b"
)
"""Folded markers of a yes-or-no question ("có bị phạt không", "được không", "is it …")."""
OPEN_MARKERS = (
    r"lam (sao|gi|the nao)|the nao|ra sao|nhu nao|bao nhieu|bao lau|o dau|khi nao|luc nao"
    r"|tai sao|vi sao|xu ly sao|thi sao|may (thang|nam|ngay|tuoi|lan|nguoi|tien|trieu)"
    r"|what|how|where|who|when|which|why"
)
"""Folded markers of a question that asks what, how, where, who or how much."""
ASKING = re.compile(rf"\b({OPEN_MARKERS})\b")
"""Open-question markers a cry for help does not use."""
OPEN = re.compile(rf"\b({OPEN_MARKERS}|ai|gi)\b")
"""The same, with "ai" and "gì", which cries for help use too ("ai cứu tôi với")."""


def asks_something(text: str) -> bool:
    """Return whether a message asks a question in words, without a question mark."""
    folded = fold(text)
    return any(
        YES_NO.search(s.strip()) or ASKING.search(s) for s in SENTENCES.split(folded) if s.strip()
    )


def tells_only(text: str) -> bool:
    """Return whether a message only tells something, a piece of a story: it asks nothing."""
    return "?" not in text and not asks_something(text)


def fit_opening(answer: str, question: str) -> str:
    """Return ``answer`` without its bare yes or no when ``question`` does not ask one."""
    if not question or not BARE_ANSWER.match(answer) or not _asks_open(question):
        return answer
    rest = BARE_ANSWER.sub("", answer, count=1)
    return rest[:1].upper() + rest[1:]


def _asks_open(question: str) -> bool:
    """Return whether the last sentence that asks something asks an open question."""
    for sentence in reversed(SENTENCES.split(fold(question))):
        if YES_NO.search(sentence.strip()):
            return False
        if OPEN.search(sentence):
            return True
    return False
