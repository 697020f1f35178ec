"""Ages in words ("mười lăm tuổi", as voice typing writes them) and in school grades, as digits.

A grade up to 9 tells the age of a child under 16: "học lớp 8" is about 14.
"""

from __future__ import annotations

import re

_UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6}
_UNITS |= {"bay": 7, "tam": 8, "chin": 9}
_UNIT = "(?:" + "|".join(_UNITS) + ")"
_SPOKEN_AGE = re.compile(
    r"\b(?:(?P<tens>hai|ba|bon|nam|sau|bay|tam|chin) muoi|(?P<ten>muoi))"
    r"(?: (?P<unit>" + _UNIT + r"))?(?= tuoi\b)|\b(?P<alone>" + _UNIT + r")(?= tuoi\b)"
)


_GRADE = re.compile(r"\blop ([1-9])(?:[a-z]\d{0,2})?\b")
GRADE_AGE = 6
"""Children start grade 1 the year they turn 6."""


def spoken_ages(folded: str) -> str:
    """Return folded text with ages in words ("muoi lam tuoi") in digits, grades with their age."""
    digits = _SPOKEN_AGE.sub(_digits, folded)
    return _GRADE.sub(lambda grade: f"{grade[0]} {int(grade[1]) + GRADE_AGE} tuoi", digits)


def _digits(match: re.Match[str]) -> str:
    """Return the number a spoken age names, in digits."""
    if match["alone"]:
        return str(_UNITS[match["alone"]])
    tens = _UNITS[match["tens"]] if match["tens"] else 1
    unit = _UNITS[match["unit"]] if match["unit"] else 0
    return str(tens * 10 + unit)
