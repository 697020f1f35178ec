"""The help line under an unsure answer, fitted to what the message tells."""

from __future__ import annotations

import re

from bot.qa.likely import harm_roles
from bot.qa.texts import DEFAULT_FOOTER
from nlu.normalize import fold
from nlu.parse import Parse
from nlu.roles import roles

CHILD_HARM = "qa.help.child_harm"
"""111 for a child, 1900 969 680 for violence, 113 for danger."""

MINOR = re.compile(r"\b(?:[1-9]|1[0-7]) ?tuoi\b|\bhoc (?:sinh|lop)\b|\blop (?:[1-9]|1[0-2])\b")
"""A child's age or school class, folded ("tôi 15 tuổi", "cháu học lớp 8")."""
SEXUAL = re.compile(
    r"\b(?:tuc tiu|tinh duc|khieu dam|khoa than|anh nong|clip nong|sam so|so mo|quay roi"
    r"|xam hai|dam o|hiep dam)\b"
)
"""Sexual words, folded: with a child's age they tell of harm though no one is named as acting."""


def harm_help(parse: Parse, subject: re.Pattern[str] | None) -> str | None:
    """Return the string key of the hotlines for a message telling of harm, else None.

    "bố tôi hay đánh mẹ tôi, tôi 15 tuổi, tôi gọi số mấy" needs 111 and 1900 969 680 even
    when no answer is sure; the legal-aid line (office hours) is for the other questions.
    """
    if parse.emergency:
        return None
    text = fold(parse.text)
    minor = MINOR.search(text) is not None
    if minor and SEXUAL.search(text):  # "bạn học nhắn tin tục tĩu cho con gái tôi 12 tuổi"
        return CHILD_HARM
    roles = harm_roles(parse, subject)
    if not roles.known:
        return None
    return CHILD_HARM if "child" in (roles.actor, roles.patient) or minor else DEFAULT_FOOTER


def answer_footer(parse: Parse, subject: re.Pattern[str] | None) -> bool | str:
    """Return the footer of an entry's answer: the child lines (111) when a child tells of harm.

    True keeps the footer of the entry's topic: a 15-year-old who asks which number to call
    because "ba tui hay chửi má tui" needs 111 even under the entry on insults in the family.
    """
    found = roles(parse.text)  # cached from the parse; a letter's "anh ta" never names a child
    if "child" not in (found.actor, found.patient) and MINOR.search(fold(parse.text)) is None:
        return True
    return CHILD_HARM if harm_help(parse, subject) == CHILD_HARM else True
