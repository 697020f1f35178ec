"""Phone numbers inside answer text: found once, then linked (web) or written without spaces."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.phones import is_valid_phone, phone_digits

_CANDIDATE = re.compile(
    r"(?<![\w/.,:-])"
    r"(0\d{1,4}(?:[ .]?\d{2,4}){1,3}|1[89]00(?:[ .]?\d{2,4}){1,3}|11[1-5])"
    r"(?![\w/]|[.,:]\d)"
)
_LAW_WORD = re.compile(
    r"(?:điều|khoản|điểm|chương|mục|article|clause|năm|ngày|tháng)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Part:
    """A piece of text; ``tel`` holds the digits when the piece is a phone number."""

    text: str
    tel: str | None = None


def phone_parts(text: str) -> list[Part]:
    """Split ``text`` into plain pieces and phone numbers (not article or date numbers)."""
    parts: list[Part] = []
    done = 0
    for match in _CANDIDATE.finditer(text):
        number = match.group(1)
        if not is_valid_phone(number) or _LAW_WORD.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            continue
        if match.start() > done:
            parts.append(Part(text[done : match.start()]))
        parts.append(Part(number, phone_digits(number)))
        done = match.end()
    if done < len(text) or not parts:
        parts.append(Part(text[done:]))
    return parts


def compact_phones(text: str) -> str:
    """Return ``text`` with each phone number written without spaces or dots (Telegram links it)."""
    return "".join(p.tel or p.text for p in phone_parts(text))
