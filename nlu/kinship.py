"""Family words read as the pairs the entries know: a father who beats a mother is a husband.

nlu.roles names fathers, mothers, grandparents and siblings apart; the entries know husband and
wife, parent and child. "bố đánh mẹ" is a husband who beats his wife, "anh trai đánh mẹ" an adult
child who beats a parent, "ông nội đánh bà nội" a husband again.
"""

from __future__ import annotations

from nlu.rolepair import NONE, SELF, Roles
from nlu.rolewords import COUNTERPART

MEN = frozenset({"father", "grandfather", "old_man"})
WOMEN = frozenset({"mother", "grandmother"})
PARENTS = frozenset({"father", "mother", "parent"})
GRANDPARENTS = frozenset({"grandfather", "grandmother"})
PLAIN: dict[str, str | None] = {
    "father": "parent",
    "mother": "parent",
    "grandfather": "adult",
    "old_man": "adult",
    "grandmother": None,
}
"""What each word means when the other role says nothing more: "ông" is an adult, as before."""
SIBLING = "sibling"


def as_pair(roles: Roles) -> Roles:
    """Return ``roles`` in the pairs the entries know (husband and wife, parent and child)."""
    actor, patient = roles.actor, roles.patient
    if (actor in PARENTS or actor == "child") and patient in GRANDPARENTS:
        return Roles("child", "parent")  # "cháu nội đánh bà nội": an adult child's abuse
    if actor == "daughter_in_law" and patient in PARENTS:
        return Roles("daughter_in_law", "in_law")  # "chị dâu chửi mẹ": her mother-in-law
    if actor in GRANDPARENTS and patient in (*PARENTS, "child"):
        return Roles("parent", "child")  # "bà nội đánh cháu" as "bố đánh con"
    if (actor in MEN and patient in WOMEN) or (actor in WOMEN and patient in MEN):
        husband = actor in MEN
        return Roles("husband" if husband else "wife", "wife" if husband else "husband")
    return _sibling(Roles(_plain(actor), _plain(patient)))


def _plain(role: str | None) -> str | None:
    """Return the role a family word has when the other role says nothing more."""
    return role if role is None or role not in PLAIN else PLAIN[role]


def _sibling(roles: Roles) -> Roles:
    """Read a brother or sister as the child of a parent, as the speaker when they suffer.

    A brother or sister who acts on the speaker or on another of them names the pair of siblings.
    """
    if SIBLING not in (roles.actor, roles.patient):
        return roles
    if "parent" in (roles.actor, roles.patient):
        return Roles(*("child" if r == SIBLING else r for r in (roles.actor, roles.patient)))
    if roles.actor == SIBLING and roles.patient in (SIBLING, SELF, None):
        return Roles(SIBLING, SIBLING)  # "anh trai tôi hay đánh tôi", "em trai đánh chị gái"
    if roles.actor is None:
        return NONE
    return Roles(roles.actor, SELF if roles.patient == SIBLING else roles.patient)


def speaker_as(roles: Roles) -> Roles:
    """Replace SELF by the counterpart of the other role when it has one ("chồng tôi": a wife)."""
    if roles.patient == SELF and roles.actor in COUNTERPART:
        return Roles(roles.actor, COUNTERPART[roles.actor])
    if roles.actor == SELF and roles.patient in COUNTERPART:
        return Roles(COUNTERPART[roles.patient], roles.patient)
    return roles
