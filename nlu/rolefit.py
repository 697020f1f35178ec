"""How a message's roles fit an entry's: agreeing, reversed, or another pair altogether.

nlu.roles reads who acts on whom; this module compares two readings and gives each FAQ entry the
roles most of its questions agree on.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlu.rolepair import NONE, SELF, Roles
from nlu.roles import roles


def relation(message: Roles, entry: Roles) -> int:
    """Return 1 when the message's roles agree with an entry's, -1 when reversed, else 0.

    A work entry whose questions name no roles (``AT_WORK``) only tells family pairs apart: a
    worker who harasses a colleague does not reverse it.
    """
    if not message.known or not entry.known or entry == AT_WORK:
        return 0
    reversed_ = (message.actor is not None and message.actor == entry.patient) or (
        message.patient is not None and message.patient != SELF and message.patient == entry.actor
    )
    if reversed_ and message.actor != entry.actor:
        return -1
    if message.actor is not None and message.actor == entry.actor:
        return 1
    if message.patient is not None and message.patient == entry.patient:
        return 1
    return 0


WORK = frozenset({"employer", "worker"})
HOME = frozenset({"husband", "wife", "parent", "in_law", "daughter_in_law", "sibling"})
GENERIC = "adult"
"""Anyone: the other side of a pair it is on is no other person."""
DAUGHTER_IN_LAW = frozenset({"wife", "daughter_in_law"})
"""One person: the wife her in-laws mistreat is their daughter-in-law."""
"""Roles only work or only the family has; "adult" and "child" belong to both."""


def conflicting(message: Roles, entry: Roles) -> bool:
    """Return whether a message and an entry name different pairs ("chồng đánh vợ", a child's).

    One role is enough when it is of the family and the other side's of work, or the reverse
    ("Tôi mang thai 7 tháng mà chồng vẫn đánh" and the entry on heavy work for pregnant workers).
    """
    if _crosses(message, entry) or _crosses(entry, message):
        return True
    message, entry = _as_parents(message), _as_parents(entry)
    pairs = (message.actor, message.patient, entry.actor, entry.patient)
    if None in pairs or SELF in pairs:
        return False
    if message.actor == entry.actor:
        return _distinct(message.patient, entry.patient)  # "chồng đánh con", not his wife
    if message.patient == entry.patient:
        return False  # the same one suffers, whoever acts
    return (message.actor, message.patient) != (entry.patient, entry.actor)


def _distinct(one: str | None, other: str | None) -> bool:
    """Return whether two roles on the same side name different people ("adult" is anyone)."""
    return one != other and GENERIC not in (one, other) and {one, other} != DAUGHTER_IN_LAW


def _as_parents(roles: Roles) -> Roles:
    """Return the roles with a husband or wife read as a parent when the other side is a child."""
    if roles.patient == "child" and roles.actor in SPOUSES:
        return Roles("parent", "child")
    if roles.actor == "child" and roles.patient in SPOUSES:
        return Roles("child", "parent")
    return roles


def _crosses(one: Roles, other: Roles) -> bool:
    """Return whether ``one`` names only family roles and ``other`` a work role."""
    named, others = {one.actor, one.patient} - {None}, {other.actor, other.patient}
    return bool(named) and named <= HOME and bool(others & WORK)


SPOUSES = frozenset({"husband", "wife"})

DIRECTIONLESS_TOPICS = frozenset(
    {"dv_reporting", "dv_protection_order", "support_services", "legal_aid", "marriage_family"}
)
"""Where to report, protection orders, help: the same law whichever spouse hits the other; marriage
and family law gives husband and wife the same rights (52/2014/QH13 Điều 17), so a wife who left
and a husband who left ask the same question."""


WORK_TOPICS = frozenset({"gender_equality_work", "sexual_harassment_work"})
AT_WORK = Roles(None, "worker")
"""The roles of a work entry whose questions agree on none, for ``conflicting`` only: "Tôi mang thai
7 tháng mà chồng vẫn đánh" (a husband) is another pair than the entry on heavy work for pregnant
workers."""


def entry_roles(topic: str, questions: Sequence[str]) -> Roles:
    """Return an entry's roles; none when they name only spouses and the topic is directionless."""
    found = signature(questions)
    if topic in DIRECTIONLESS_TOPICS and {found.actor, found.patient} - {None} <= SPOUSES:
        return NONE
    return AT_WORK if topic in WORK_TOPICS and found == NONE else found


def signature(questions: Sequence[str]) -> Roles:
    """Return the roles most of an entry's questions agree on (NONE when they do not)."""
    counts: dict[Roles, int] = {}
    for question in questions:
        found = roles(question)
        if found.actor is not None:
            counts[found] = counts.get(found, 0) + 1
    if not counts:
        return NONE
    best = max(counts, key=lambda r: (counts[r], str(r)))
    share = counts[best] / len(questions)
    reverse = sum(n for r, n in counts.items() if relation(r, best) == -1)
    return best if counts[best] >= 2 and share >= 0.25 and reverse < counts[best] else NONE
