"""What a message names: nothing ("có bị đi tù không"), only where to turn ("báo ai"), or a subject.

A message that names nothing is read after the answer before (bot/qa/followup.py); one that
names a subject of its own is answered alone. Words are read folded, except a few pronouns that
folding makes ambiguous ("nó", "tôi"). What a follow-up asks is read here too ("bị phạt thế nào").
"""

from __future__ import annotations

import re

from bot.qa.person import leading_role
from nlu.asks import SANCTIONS, asks
from nlu.english import spell_out, written_in_english
from nlu.normalize import fold

MAX_WORDS = 12
"""A follow-up is short: a longer message says what it is about."""
SHORT_WORDS = 8
"""Up to this many words, a message not understood alone is read as a follow-up however it opens."""
BRIEF_WORDS = 4
"""Up to this many words, a message that names no one is read after the answer before when that
reading is sure ("báo ai" after harassment at work is reporting it at work, not at home)."""
AMOUNT = re.compile(r"\b(bao nhieu|may|tien|trieu|muc|khung)\b")
"""Folded words asking how much: a fine and no other sanction."""
HOW = re.compile(r"\b(the nao|ra sao|nhu nao|sao)\b")
"""Folded words asking how one is punished ("bị phạt thế nào")."""
LAWFUL = re.compile(r"\b(co )?(duoc|duoc phep|co quyen) (lam )?(vay|the|nhu vay|nhu the)\b")
"""Folded words asking whether what was told is allowed: "họ có được làm vậy không"."""
WHAT_TO_DO = re.compile(r"\bwhat (do|must|shall) (i|we) do\b|\bwhat now\b")
"""English words asking what to do that the kinds of nlu.asks do not read."""
_OPENING = re.compile(
    r"^\W*(con|the con|vay|vay con|vay thi|the|the thi|neu|con neu|nhung|ma|lo|truong hop|"
    r"nhu vay|the neu|vay neu|and|what if|but|so|then)\b"
)
_ALONE = re.compile(r"^\W*(phat|xu phat|di tu|o tu|bao (nhieu|lau)|ai|o dau|mat bao lau)\b")


_BARE = """co bi di tu ngoi khong ko k hok ai xu phat nhieu lau the nao ra sao gi la muc cao
nhat thap toi da duoc dc phai hay nhu vay thi con nua o dau khi cho hoi a nhe nha ha u roi chua se
can nen lam tien trieu nam thang ngay bay gio minh em ban oi ad nguoi do nay kia ve viec truong hop
neu ma va voi it toida thieu an tinh sau truoc bat quyen may cach tiep theo
vi pham luat phap muon"""
BARE_WORDS = frozenset(_BARE.split())
"""Words of a question that name no subject: "có bị đi tù không", "ai xử phạt", "có quyền bắt không"
(folded: "ly", "hon" and "bao" are left out, so "ly hôn thì con ở với ai" names divorce and "báo ở
đâu" reporting)."""
_ENGLISH = """what can could should would will i we do does did is are it this that legal allowed
against the law who where how much many long to report tell call he she they him her them go be get
got fined fine punished punishment prison jail arrested years a an so then and now about for me my
not or there anything else"""
ENGLISH_BARE = frozenset(_ENGLISH.split())
"""English words of a question that name no subject: "what can I do", "is that legal"."""
_ENGLISH_BACK = re.compile(
    r"\b(?:that|this|it) (?:(?:is|was) )?(?:an? )?"
    r"(?:domestic violence|violence|abuse|crime|illegal)\b"
)
"""What was told, named back in English: "is that violence", "is this abuse" (no new subject)."""
_KIND_BACK = re.compile(
    r"\b(phai|tinh|coi|goi)( la)? (hanh vi )?(bao luc|bao hanh|xam hai|quay roi)"
    r"( gia dinh| tinh duc| tre em)?\b"
)
"""Folded, what was told named back as a kind: "như vậy có phải bạo lực không", "có tính là bạo
lực gia đình không" (no new subject; "đánh con có phải bạo lực không" still names the beating)."""
_TURN = "bao to cao giac trinh keu goi giup nho ho tro khieu nai kien"
TURN_WORDS = frozenset(_TURN.split())
"""Folded words of asking where to turn: "báo ai", "tố cáo ở đâu", "kêu ai giúp", "khiếu nại"."""
WHERE_WORDS = BARE_WORDS | TURN_WORDS
"""The words of a message that only asks where to turn."""


_REFERS_BACK = re.compile(r"\b\w+ (do|ay|ta|kia)\b")
"""Folded, someone named before: "thầy đó", "ông ấy", "anh ta" (not a new subject)."""
_PRONOUN = re.compile(r"\b(hắn|nó|họ|ổng|bả|tôi|chị|anh|cô|chú|bác)\b(?! (ấy|ay|ta|đó|do|kia)\b)")
"""Typed with diacritics (folded "no" is also "nợ", a debt, "toi" "tội"): "hắn có bị bắt không";
the speaker or someone named before: "giờ chị phải làm sao", "anh có bị phạt không"."""
_SPEAKER = re.compile(r"^\W*toi (?=(phai|nen|can|co the|muon|se)\b)")
"""Folded, the speaker before what they must do: "toi phai bao ai" (not "tội")."""


def names_nothing(text: str) -> bool:
    """Return whether a message is made only of question words and names no subject.

    Someone it points back to ("thầy đó có bị đi tù không", "thầy có bị đi tù không") is the
    subject answered before.
    """
    if written_in_english(text):
        words = re.findall(r"[a-z]+", _ENGLISH_BACK.sub(" that ", spell_out(text.lower())))
        return bool(words) and all(word in ENGLISH_BARE for word in words)
    words = _question_words(text)
    return bool(words) and all(word in BARE_WORDS for word in words)


def _question_words(text: str) -> list[str]:
    """Return the folded words of a message, without the person it points back to."""
    text = _PRONOUN.sub(" ", text.lower())
    folded = _REFERS_BACK.sub(" ", re.sub(r"\bxu ly\b", "xu", fold(text)))  # not "ly hôn"
    folded = _KIND_BACK.sub(" ", folded)
    folded = leading_role().sub(" ", _SPEAKER.sub(" ", folded))
    return re.findall(r"\w+", re.sub(r"\bbao (nhieu|lau)\b", r"\1", folded))  # not "báo"


def is_brief(text: str) -> bool:
    """Return whether a message is a few words that ask where to turn: "báo ai", "kêu ai giúp"."""
    words = _question_words(text)
    return len(words) <= BRIEF_WORDS and _only_where(words)


def asks_where(text: str) -> bool:
    """Return whether a message only asks where to turn: "tôi muốn tố cáo anh ấy thì làm sao"."""
    return _only_where(_question_words(text))


def _only_where(words: list[str]) -> bool:
    """Return whether ``words`` are some, and all of asking where to turn."""
    return bool(words) and all(w in WHERE_WORDS for w in words)


def is_followup(text: str) -> bool:
    """Return whether a message reads as a follow-up: very short, or short and opening like one."""
    folded = fold(text)
    count = len(folded.split())
    if count <= SHORT_WORDS:
        return True
    return count <= MAX_WORDS and bool(_OPENING.match(folded) or _ALONE.match(folded))


def asked_of(text: str) -> frozenset[str]:
    """Return what a follow-up asks; how one is fined, with no amount, is either sanction.

    "anh ta bị phạt thế nào" after humiliation asks for the penalty, prison included; "phạt bao
    nhiêu tiền" asks for a fine.
    """
    found, folded = asks(text), fold(text)
    if found & SANCTIONS == {"fine"} and HOW.search(folded) and not AMOUNT.search(folded):
        return found | SANCTIONS
    if LAWFUL.search(folded):  # "họ có được làm vậy không": whether it is allowed
        found |= {"definition"}
    if WHAT_TO_DO.search(folded):  # "what do I do" (nlu.asks reads "what can I do")
        found |= {"help"}
    return frozenset(found)
