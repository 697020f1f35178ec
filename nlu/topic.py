"""The person a story opens with: who suffers an act when none is named after it.

"Mẹ tôi năm nay 70 tuổi, anh cả tôi hay chửi mắng": the speaker names their mother and says
she needs care, then names who acts with no one after the act; the mother suffers it, not the
speaker ("chồng tôi hay chửi": the speaker). Only a person described as needing care (a child's
or an old person's age, illness, pregnancy, a disability) is taken: "Bố tôi mất sớm, mẹ tôi hay
đánh" and "Chồng tôi 40 tuổi, mẹ chồng tôi hay chửi" name the speaker.
"""

from __future__ import annotations

from typing import Protocol

from nlu.rolepair import SELF
from nlu.rolewords import CARED_FOR_AGES, FRAIL, YEARS


class _Words(Protocol):
    """What this module reads of a message (the role reader)."""

    @property
    def words(self) -> tuple[str, ...]: ...

    def after_comma(self, at: int) -> bool: ...
    def role(self, at: int) -> tuple[str, int] | None: ...
    def possessed(self, at: int) -> tuple[bool, int]: ...
    def act(self, at: int) -> int: ...
    def word_is(self, at: int, options: tuple[str, ...]) -> bool: ...


def described(reader: _Words, at: int, actor: str) -> str | None:
    """Return the role the sentence opens with, when described as needing care before ``at``.

    ``at`` is where ``actor`` is named, after a comma; the clause before names no act.
    """
    found = reader.role(0)
    if not reader.after_comma(at) or found is None or found[0] in (SELF, actor):
        return None
    mine, after = reader.possessed(found[1])
    between = range(after, at)
    if not mine or any(reader.act(i) for i in between):
        return None
    return found[0] if any(_needs_care(reader, i) for i in between) else None


def _needs_care(reader: _Words, at: int) -> bool:
    """Return whether the word at ``at`` describes someone as needing care ("lẫn", "70 tuổi")."""
    if reader.word_is(at, FRAIL):
        return True
    age = reader.words[at - 1] if at > 0 and reader.word_is(at, YEARS) else ""
    young, old = CARED_FOR_AGES
    return age.isdigit() and not young <= int(age) < old
