"""The victim's age chooses between the Penal Code's articles for anyone and for children under 16.

Rape and coerced sex each have two articles: Điều 141 and 143 for any victim, Điều 142 and 144
when the victim is under 16. A matcher of words cannot tell "hiếp dâm người trên 16 tuổi" from
"… dưới 16 tuổi"; the age the message states can.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.qa.faq import Faq
from nlu.normalize import fold
from nlu.numbers import spoken_ages
from nlu.parse import Parse

CHILD_ARTICLE = {"100/2015/QH13:141": "100/2015/QH13:142", "100/2015/QH13:143": "100/2015/QH13:144"}
"""The article for a victim under 16 beside the article for any victim."""
ANY_ARTICLE = {child: adult for adult, child in CHILD_ARTICLE.items()}
CHILD_AGE = 16
"""Under this age a victim is a child for these articles."""
CONSENTED_ARTICLE = "100/2015/QH13:145"
"""Sex with a child of 13 to 15 who agreed: neither rape (Điều 141, 142) nor coercion (143, 144)."""
SEXUAL_ARTICLES = frozenset({*CHILD_ARTICLE, *ANY_ARTICLE})
MIN_CONSENT_AGE = 13
"""Under this age, agreeing changes nothing: Điều 142 (rape of a child under 13)."""
CHILD_RAPE_ARTICLE = CHILD_ARTICLE["100/2015/QH13:141"]
"""Điều 142, the rape of a child under 16 (and of any child under 13, whether or not it agreed)."""
LOOKED_AT = 5
"""How far down the matches the entry on the other article may be."""

_UNDER = re.compile(r"\b(?:duoi|chua du|chua den|chua toi) (\d{1,2}) tuoi")
_OVER = re.compile(r"\b(?:tren|hon|tu du|da du|da) (\d{1,2}) tuoi")
_AGE = re.compile(r"\b(\d{1,2}) tuoi\b")
_CONSENT = re.compile(r"(?<!khong )(?<!chua )(?<!ko )\b(dong y|tu nguyen|thuan tinh|yeu nhau)\b")
_FORCED = re.compile(
    r"\b(hiep dam|cuong hiep|cuong dam|cuong ep|ep buoc|ep (quan he|ngu)|vu luc|chuoc thuoc)\b"
)
"""Words of sex forced on someone: Điều 145 (a child of 13 to 15 who agreed) is then no answer."""
_SEX = re.compile(r"\b(quan he|ngu voi|giao cau|tinh duc|lam chuyen (ay|do|nguoi lon))\b")
"""Words of having sex: only then is the entry for people of 16 or more an answer."""


def under_age(text: str) -> bool | None:
    """Return whether ``text`` says someone is under 16, or that all are older (None: no age)."""
    folded = _folded(text)
    if (under := _UNDER.search(folded)) is not None:
        return int(under.group(1)) <= CHILD_AGE
    if (over := _OVER.search(folded)) is not None and int(over.group(1)) >= CHILD_AGE:
        return False
    ages = _ages(folded)
    return min(ages) < CHILD_AGE if ages else None


def age_agreed(parse: Parse, faq: Faq) -> Parse:
    """Return ``parse`` with the entry on the article for the stated age first, if it is near."""
    best = faq.get(parse.faq_id or "")
    if best is None or (child := under_age(parse.text)) is None:
        return parse
    if child and best.basis == CONSENTED_ARTICLE and forced(parse.text):
        return _first(parse, faq, CHILD_RAPE_ARTICLE)  # "nam sinh lớp 9 hiếp dâm bạn cùng lớp"
    if child and best.basis == CONSENTED_ARTICLE and _grown(faq, best.id):
        return _instead(parse, faq, best.basis)  # the entry on the same article for children
    if child and best.basis in SEXUAL_ARTICLES and consented(parse.text):
        return _first(parse, faq, CONSENTED_ARTICLE)
    if best.basis == CONSENTED_ARTICLE and (all_grown(parse.text) or all_under_13(parse.text)):
        if not child and (moved := _for_grown(parse, faq, best.id)) is not parse:
            return moved
        return _instead(parse, faq, CHILD_RAPE_ARTICLE if child else None)
    wanted = (CHILD_ARTICLE if child else ANY_ARTICLE).get(best.basis)
    return parse if wanted is None else _first(parse, faq, wanted)


def _for_grown(parse: Parse, faq: Faq, best: str) -> Parse:
    """Return ``parse`` with the near entry for people of 16 or more first, if it speaks of sex."""
    if _grown(faq, best) or _SEX.search(_folded(parse.text)) is None:
        return parse
    return _first(parse, faq, CONSENTED_ARTICLE, grown=True)


def all_grown(text: str) -> bool:
    """Return whether every age a message states is 16 or more ("con 16 tuổi bỏ nhà theo …").

    Not "dưới 18 tuổi" (under 18 may be under 16), nor "quan hệ khi 15 tuổi, nay đã 17 tuổi".
    """
    return _all_grown(_folded(text))


def _all_grown(folded: str) -> bool:
    """Return whether every age a folded message states is 16 or more (see ``all_grown``)."""
    ages = _ages(folded)
    return bool(ages) and min(ages) >= CHILD_AGE and _UNDER.search(folded) is None


def all_under_13(text: str) -> bool:
    """Return whether every child a message speaks of is under 13 ("dưới 13 tuổi", "bé 10 tuổi").

    Điều 145 (sex with a child of 13 to 15 who agreed) is then never the article: Điều 142 is.
    """
    folded = _folded(text)
    if (under := _UNDER.search(folded)) is not None:
        return int(under.group(1)) <= MIN_CONSENT_AGE
    ages = [age for age in _ages(folded) if age < CHILD_AGE]
    return bool(ages) and max(ages) < MIN_CONSENT_AGE


def consented(text: str) -> bool:
    """Return whether a message says a child of 13 to 15 agreed ("cô bé cũng đồng ý")."""
    folded = _folded(text)
    ages = _ages(folded)
    return bool(ages) and MIN_CONSENT_AGE <= min(ages) < CHILD_AGE and bool(_CONSENT.search(folded))


def forced(text: str) -> bool:
    """Return whether a message says a child was forced ("hiếp dâm", "ép quan hệ"), not agreed.

    Only when everyone's age is under 16: "A 14 tuổi hiếp dâm chị B 19 tuổi" is Điều 141.
    """
    folded = _folded(text)
    ages = _ages(folded)
    under = bool(ages) and max(ages) < CHILD_AGE
    return under and bool(_FORCED.search(folded)) and not _CONSENT.search(folded)


def _folded(text: str) -> str:
    """Return ``text`` folded, with ages spoken in words written in digits."""
    return spoken_ages(fold(text))


def _ages(folded: str) -> list[int]:
    """Return every age a folded message states ("15 tuoi")."""
    return [int(age) for age in _AGE.findall(folded)]


def _instead(parse: Parse, faq: Faq, wanted: str | None) -> Parse:
    """Return ``parse`` with the entry on ``wanted`` first if it is near, else without the best.

    Without it, every entry resting on the best one's article goes (two entries rest on Điều 145),
    but for people of 16 or more, not the entry written for them ("bạn gái 17 tuổi tự nguyện").
    """
    moved = parse if wanted is None else _first(parse, faq, wanted)
    if moved is not parse:
        return moved
    basis = _basis(faq, parse.faq[0][0])
    kept = (
        m for m in parse.faq if _basis(faq, m[0]) != basis or (wanted is None and _grown(faq, m[0]))
    )
    return replace(parse, faq=tuple(kept))


def _basis(faq: Faq, entry_id: str) -> str | None:
    """Return the article entry ``entry_id`` rests on (None when unknown)."""
    entry = faq.get(entry_id)
    return None if entry is None else entry.basis


def _grown(faq: Faq, entry_id: str) -> bool:
    """Return whether an entry is written for people of 16 or more: its questions' ages all are."""
    entry = faq.get(entry_id)
    folded = [_folded(q) for q in entry.questions] if entry is not None else []
    aged = [f for f in folded if _ages(f)]
    return bool(aged) and all(_all_grown(f) for f in aged)


def _first(parse: Parse, faq: Faq, wanted: str, grown: bool = False) -> Parse:
    """Return ``parse`` with the first near entry resting on ``wanted`` (for 16 or more) first."""
    for index, (entry_id, _) in enumerate(parse.faq[1:LOOKED_AT], 1):
        if _basis(faq, entry_id) == wanted and (not grown or _grown(faq, entry_id)):
            first, chosen = parse.faq[0], parse.faq[index]
            moved = [(chosen[0], first[1]), *parse.faq[1:index], (first[0], chosen[1])]
            return replace(parse, faq=(*moved, *parse.faq[index + 1 :]))
    return parse
