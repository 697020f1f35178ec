"""The phrase tables nlu.roles reads with, built once from nlu.rolewords."""

from __future__ import annotations

import functools

from nlu.normalize import fold
from nlu.phrasetable import PhraseTable
from nlu.rolepair import SELF
from nlu.rolewords import (
    ACTS,
    ADVERBS,
    EXACT_ACTS,
    EXACT_ROLES,
    GROUPS,
    MOTHER_AND_ME,
    NOT_ACTS,
    NOT_ROLES,
    PASSIVE,
    ROLE_PHRASES,
    SPEAKER,
)


@functools.lru_cache(maxsize=1)
def tables() -> tuple[PhraseTable, PhraseTable, PhraseTable, PhraseTable]:
    """Return the role, speaker, adverb and act tables."""
    roles = [(p, role) for role, phrases in ROLE_PHRASES.items() for p in phrases]
    return (
        PhraseTable.build(roles, EXACT_ROLES),
        PhraseTable.build([(w, SELF) for w in SPEAKER]),
        PhraseTable.build([(w, "") for w in ADVERBS]),
        PhraseTable.build([(w, "") for w in (*ACTS, *EXACT_ACTS)], EXACT_ACTS),
    )


@functools.lru_cache(maxsize=1)
def mother_and_me() -> PhraseTable:
    """Return the phrases in which a mother names herself with her child."""
    return PhraseTable.build([(phrase, SELF) for phrase in MOTHER_AND_ME])


@functools.lru_cache(maxsize=1)
def groups() -> PhraseTable:
    """Return the table of groups that open a clause as its subject."""
    return PhraseTable.build([(p, "") for p in GROUPS])


@functools.lru_cache(maxsize=1)
def not_roles() -> PhraseTable:
    """Return the table of phrases that look like a role but are none."""
    return PhraseTable.build([(p, "") for p in NOT_ROLES])


@functools.lru_cache(maxsize=1)
def not_acts() -> PhraseTable:
    """Return the table of phrases that hold an act but name none."""
    return PhraseTable.build([(p, "") for p in NOT_ACTS])


@functools.lru_cache(maxsize=1)
def starts() -> frozenset[str]:
    """Return the folded words a role, an act or "bị" can start with."""
    roles, _, _, acts = tables()
    return frozenset(roles.index) | frozenset(acts.index) | {fold(w) for w in PASSIVE}
