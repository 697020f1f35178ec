"""The opening of a message that only greets or asks leave to ask ("Chào luật sư, cho em hỏi …").

People open with a greeting, a name ("ad ơi", "chị ơi") or "cho em hỏi xíu" before the
question. Those words say nothing about the question but weigh on a short one: "cho em hỏi
xíu, bị chồng đánh thì làm sao" was matched less surely than "bị chồng đánh thì làm sao", and
"Dạ em chào ad, bị chồng đánh …" was read as a greeting. They are taken off before matching;
a message that is nothing but a greeting keeps them.
"""

from __future__ import annotations

import re

_ADDRESSEE = (
    r"(?:luat su|admin|ad|bot|chatbot|cac|ban|moi nguoi|ca nha|anh|chi|chu|bac|tong dai vien"
    r"|tu van vien|chuyen gia|shop|quy co quan)"
)
"""Whom people greet; not "cô", which folded is also "có" ("alo có ai không").

Each name can be read one way only ("anh chị" is "anh" then "chị", "các bạn" is "các" then
"bạn"): names that could also be read as two others would make the repeated group try every
split of a long run of them, which takes exponential time on a message that has no opening."""
_SELF = r"(?:em|toi|minh|chau|con|tui|tao|to)"
_TAIL = (
    r"(?: (?:xiu|chut|ti|ty|mot chut|1 chut|mot cau|1 cau|mot viec|1 viec|voi|a|nhe|nha|ak"
    r"|la|gap|ve viec|ve van de|nhu sau|admin|ad|bot|luat su))*"
)
_OPENINGS = (
    r"(?:da|vang|a|ui|hic|huhu)",
    r"(?:" + _SELF + r" )?(?:xin chao|kinh chao|chao|hi|hello|alo(?: alo)*|kinh gui|thua)"
    r"(?: " + _SELF + r")?(?: buoi (?:sang|trua|chieu|toi))?(?: (?:ca|cac|quy))?"
    r"(?: " + _ADDRESSEE + r")*(?: (?:a|nha|nhe|oi))?",
    r"(?:" + _ADDRESSEE + r"|co)(?: " + _ADDRESSEE + r")* oi",
    r"(?:" + _ADDRESSEE + r" )?(?:cho|xin phep|cho phep|xin)(?: " + _SELF + r")?"
    r"(?: (?:xin phep|duoc))? hoi" + _TAIL,
    r"(?:" + _SELF + r" )?(?:muon|can|xin) (?:duoc )?(?:hoi|tu van)" + _TAIL,
)
_OPENING = re.compile(r"^\W*(?:" + "|".join(_OPENINGS) + r")(?:[\W_]+|$)")

MIN_LEFT = 3
"""Words that must be left for the opening to go: "xin chào bạn" stays a greeting."""


MAX_OPENING = 80
"""Characters an opening may take; the pattern never reads further into a long message."""


def without_opening(folded: str) -> str:
    """Return folded, teencode-expanded text without its greeting or leave to ask."""
    rest = folded
    while (found := _OPENING.match(rest[:MAX_OPENING])) is not None and found.end() > 0:
        rest = rest[found.end() :]
    return rest if len(rest.split()) >= MIN_LEFT else folded
