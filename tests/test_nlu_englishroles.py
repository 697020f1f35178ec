"""Who did what to whom in English messages, and folded Vietnamese that is not English."""

from __future__ import annotations

import pytest

from nlu.englishroles import english_roles
from nlu.rolepair import Roles
from nlu.roles import roles

ENGLISH = [
    ("my wife slaps me, what is the penalty", Roles("wife", "husband")),
    ("my husband hits me when he is drunk", Roles("husband", "wife")),
    ("I was beaten by my husband", Roles("husband", "wife")),
    ("what is the fine for hitting my wife", Roles("husband", "wife")),
    ("what is the fine for hitting your wife", Roles(None, "wife")),
    ("my father beats my mother", Roles("husband", "wife")),
    ("my mother-in-law insults me every day", Roles("in_law", "daughter_in_law")),
    ("my boss touches me at work", Roles("employer", "worker")),
    ("is it illegal to beat your child in Vietnam?", Roles(None, "child")),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH, ids=[e[0] for e in ENGLISH])
def test_english_actor_and_patient(text: str, expected: Roles) -> None:
    """Ninth session: English was read without roles ("my wife slaps me" got the husband's fine)."""
    assert roles(text) == expected


@pytest.mark.parametrize("text", ["me chong chui toi thi lam the nao", "can bo xa o dau"])
def test_folded_vietnamese_is_not_read_as_english(text: str) -> None:
    """Folded, "mẹ" is "me" and "thế" is "the": such words are no sign of English."""
    assert english_roles(text) == (None, None)
