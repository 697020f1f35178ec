"""Pronouns in a letter: "anh ta", "hắn", "cô ấy" ("he", "she") are the spouse the letter names.

Letters name the husband once ("Chồng tôi …") and then say "anh ta … đánh tôi", which
nlu.roles alone does not read. Used for stories only (bot.qa.likely): read for every message, the
same substitution made answers worse.
"""

from __future__ import annotations

import re

from nlu.englishroles import looks_english
from nlu.rolepair import Roles
from nlu.roles import roles

_HE = re.compile(
    r"\b(anh ta|anh ấy|anh ay|hắn ta|han ta|hắn|ổng|lão ta|lao ta|lão"
    r"|anh(?! (chồng|chong|trai|rể|re|ruột|ruot|họ|ho|em|chị|chi)\b))\b",
    re.IGNORECASE,
)
"""He, in a letter that names the husband (not "anh chồng", "anh trai", "anh chị" …)."""
_SHE = re.compile(r"\b(cô ta|cô ấy|co ta|co ay|bả|mụ ta|mu ta)\b", re.IGNORECASE)
_HUSBAND = re.compile(r"\b(chồng|chong|ck|husband)\b", re.IGNORECASE)
_WIFE = re.compile(r"\b(vợ|vk|wife)\b", re.IGNORECASE)
_EN_HE = re.compile(r"\bhe\b", re.IGNORECASE)
_EN_SHE = re.compile(r"\bshe\b", re.IGNORECASE)


def story_roles(text: str) -> Roles:
    """Return the roles of a story, reading "anh ta", "hắn", "cô ấy" as the spouse it names."""
    found = roles(text)
    if found.known:
        return found
    named, english = text, looks_english(text)  # folded "quan he" is no "he"
    if _HUSBAND.search(text):
        named = _HE.sub("chồng", _EN_HE.sub("my husband", named) if english else named)
    if _WIFE.search(text):
        named = _SHE.sub("vợ", _EN_SHE.sub("my wife", named) if english else named)
    return roles(named) if named != text else found
