"""The writer who calls themself "cháu", as the young do to an adviser ("Cháu năm nay 15 tuổi").

Read as it is, "cháu" is a grandchild or a niece, and such a letter finds the entries on
grandparents. When the message opens the way only the writer speaks of themself, every "cháu" that
is not someone's grandchild ("cháu tôi", "cháu gái", "cháu ngoại") is read as "em", the writer.
Works on folded text (after nlu.normalize.fold).
"""

from __future__ import annotations

import re

_OPENS_AS_SELF = re.compile(
    r"^\W*(?:(?:chao|thua|kinh gui|kinh chao|xin chao)\b[^.!?,]{0,40}[,.!]\s*)?"
    r"chau (?:nam nay|chao|xin|kinh|dang la|dang hoc|sinh nam|thay|muon hoi|co mot|co viec"
    r"|la (?:hoc sinh|sinh vien|con)|vua|moi)\b"
)
"""Openings in which "cháu" can only be the writer ("Cháu năm nay 16 tuổi", "Cháu xin hỏi")."""
_SELF = re.compile(r"\bchau\b(?! (?:toi|trai|gai|ngoai|noi|be|ho|ruot|dich ton)\b)")
"""A "cháu" that is not someone's grandchild, niece or nephew."""


def as_speaker(folded: str) -> str:
    """Return ``folded`` with the writer's "cháu" read as "em" when the opening says so."""
    if not _OPENS_AS_SELF.search(folded):
        return folded
    return _SELF.sub("em", folded)
