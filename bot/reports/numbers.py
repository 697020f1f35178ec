"""Whole numbers as officers type them: digits ("1.200", "10^12") or simple Vietnamese words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from nlu.normalize import fold, normalize

DIGITS = re.compile(
    r"(?<![\w.,])(?P<minus>-\s*)?(?P<body>\d+(?:[.,]\d+)*)"
    r"(?:\s*(?:\^|\*\*)\s*(?P<power>\d+)|e(?P<exp>\d+))?(?:\s*(?P<mult>nghìn|ngàn|nghin|ngan)\b)?",
    re.IGNORECASE,
)
"""A number in digits: thousands separated by ``.`` or ``,``, a power (``10^12``), ``nghìn``."""

_UNITS = {
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_SCALES = {"mười": 10, "mươi": 10, "chục": 10, "trăm": 100, "nghìn": 1000, "ngàn": 1000}
_FILLERS = {"linh", "lẻ"}
_ACCENTED = set(_UNITS) | set(_SCALES) | _FILLERS
_FOLDED_UNITS = {fold(word): value for word, value in _UNITS.items()}
_FOLDED_SCALES = {fold(word): value for word, value in _SCALES.items()}
_FOLDED_FILLERS = {fold(word) for word in _FILLERS}
_LEADING = {"khoang", "tam", "chung", "co", "la", "duoc", "gan"}
"""Words that may come before a number in an answer ("khoảng hai mươi")."""
HUGE = 10**18
"""Stand-in for absurd values such as ``10^40``: larger than any field's maximum."""


class NumberProblem(StrEnum):
    """Why an answer is not a usable count (each has a UI string ``rep.num.<value>``)."""

    NOT_NUMBER = "not_number"
    NEGATIVE = "negative"
    NOT_WHOLE = "not_whole"
    SEVERAL = "several"


def is_number_word(token: str) -> bool:
    """Return whether a normalised token may be a number word ("năm", or "nam" typed unaccented)."""
    if token in _ACCENTED:
        return True
    plain = fold(token)
    if plain != token:
        return False
    return plain in _FOLDED_UNITS or plain in _FOLDED_SCALES or plain in _FOLDED_FILLERS


def words_value(tokens: Sequence[str]) -> tuple[int, int] | None:
    """Read number words at the start of ``tokens``; return (value, tokens used) or None."""
    total, group, digit, used = 0, 0, None, 0
    for token in tokens:
        if not is_number_word(token):
            break
        plain = fold(token)
        if plain in _FOLDED_UNITS:
            if digit is not None:
                break
            digit = _FOLDED_UNITS[plain]
        elif _FOLDED_SCALES.get(plain) == 1000:
            total += (group + (digit or 0) or 1) * 1000
            group, digit = 0, None
        elif plain in _FOLDED_SCALES:
            group += (1 if digit is None else digit) * _FOLDED_SCALES[plain]
            digit = None
        elif used == 0:
            break
        used += 1
    if used == 0:
        return None
    return total + group + (digit or 0), used


def digits_value(match: re.Match[str]) -> int | NumberProblem:
    """Return the value of a ``DIGITS`` match, or why it is not a count."""
    if match.group("minus"):
        return NumberProblem.NEGATIVE
    body = match.group("body")
    groups = re.split(r"[.,]", body)
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return NumberProblem.NOT_WHOLE
    value = int("".join(groups))
    exponent = match.group("power") or match.group("exp")
    if exponent is not None:
        power = int(exponent)
        base = value if match.group("power") else 10
        factor = 1 if match.group("power") else value
        value = HUGE if power > 18 or base > 10**6 else min(HUGE, factor * base**power)
    if match.group("mult"):
        value *= 1000
    return min(value, HUGE)


def parse_count(text: str) -> int | NumberProblem:
    """Read one whole number from an answer ("250", "250 người", "hai mươi", "1.200")."""
    cleaned = normalize(text)
    matches = list(DIGITS.finditer(cleaned))
    if len(matches) > 1:
        return NumberProblem.SEVERAL
    if matches:
        return digits_value(matches[0])
    tokens = re.findall(r"[^\W\d_]+", cleaned)
    while tokens and fold(tokens[0]) in _LEADING:
        tokens = tokens[1:]
    found = words_value(tokens)
    return found[0] if found is not None else NumberProblem.NOT_NUMBER


_BY_SEX = re.compile(
    r"(?<![\w.,])(?P<n1>\d+(?:[.,]\d{3})*)\s*(?P<s1>nu|nam)\b"
    r"|\b(?P<s2>nu|nam)\s*:?\s*(?P<n2>\d+(?:[.,]\d{3})*)(?!\w|[.,]\d)"
)
_PLAIN = re.compile(r"(?<![\w.,])\d+(?:[.,]\d{3})*(?!\w|[.,]\d)")


def sex_split(text: str) -> tuple[int | None, int, int] | None:
    """Read "150 người, 90 nữ 60 nam" or "nữ 90, nam 60": (the total if given, women, men)."""
    folded = fold(normalize(text))
    found: dict[str, int] = {}
    for match in _BY_SEX.finditer(folded):
        number = match.group("n1") or match.group("n2")
        found.setdefault(match.group("s1") or match.group("s2"), int(re.sub(r"[.,]", "", number)))
    if set(found) != {"nu", "nam"}:
        return None
    totals = [
        int(re.sub(r"[.,]", "", m.group(0))) for m in _PLAIN.finditer(_BY_SEX.sub(" ", folded))
    ]
    if len(totals) > 1:
        return None
    return (totals[0] if totals else None), found["nu"], found["nam"]
