"""Ages spoken in words ("mười lăm tuổi"), as voice typing writes them: read as digits."""

from __future__ import annotations

import re

_UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6}
_UNITS |= {"bay": 7, "tam": 8, "chin": 9}
_UNIT = "(?:" + "|".join(_UNITS) + ")"
_SPOKEN_AGE = re.compile(
    r"\b(?:(?P<tens>hai|ba|bon|nam|sau|bay|tam|chin) muoi|(?P<ten>muoi))"
    r"(?: (?P<unit>" + _UNIT + r"))?(?= tuoi\b)|\b(?P<alone>" + _UNIT + r")(?= tuoi\b)"
)


def spoken_ages(folded: str) -> str:
    """Return folded text with each age written in words ("muoi lam tuoi") in digits."""
    return _SPOKEN_AGE.sub(_digits, folded)


def _digits(match: re.Match[str]) -> str:
    """Return the number a spoken age names, in digits."""
    if match["alone"]:
        return str(_UNITS[match["alone"]])
    tens = _UNITS[match["tens"]] if match["tens"] else 1
    unit = _UNITS[match["unit"]] if match["unit"] else 0
    return str(tens * 10 + unit)
