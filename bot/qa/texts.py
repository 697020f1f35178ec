"""The UI strings of the Q&A: which footer or reply key each case uses, and a check they exist."""

from __future__ import annotations

from pathlib import Path

from bot.core.i18n import Strings
from bot.core.problems import Problem
from bot.qa.answers import ArticleReplies, clipped
from bot.qa.overview import STRINGS as OVERVIEW_STRINGS

SUGGESTION_LABEL = 60
"""Characters of a suggested question on its button."""

INTENT_STRINGS = {
    "greeting": "qa.greeting",
    "thanks": "qa.thanks",
    "report": "core.report_staff_only",  # a citizen asking about officers' reports
}
TOPIC_FOOTERS = {
    "children_protection": "qa.footer.children",
    "child_marriage": "qa.footer.children",
    "legal_aid": "qa.footer.legal",
    "gender_equality_work": "qa.footer.legal",
    "gender_discrimination": "qa.footer.legal",
    "gender_equality_general": "qa.footer.legal",
    "marriage_family": "qa.footer.legal",
    "sex_selection": "qa.footer.legal",
}
"""Hotline footer by topic; other topics (violence, harassment, services) get the violence one."""

DEFAULT_FOOTER = "qa.footer.violence"


def missing_strings(strings: Strings, content_dir: Path) -> list[Problem]:
    """Return a problem for each UI string QA needs that content/strings lacks."""
    needed = {
        "qa.emergency",
        "qa.local_help",
        "qa.out_of_scope",
        "qa.not_sure",
        "qa.not_sure_told",
        "qa.still_in_danger",
        "qa.not_sure_help",
        "qa.help.child_harm",
        "qa.services",
        "qa.more_button",
        "qa.article_button",
        "qa.use_menu",
        "qa.greeting",
        "qa.thanks",
        "qa.maybe_related",
        "qa.maybe_item",
        "qa.only_vietnamese",
        "qa.tell_more",
        "qa.noted",
        "qa.hurt",
        "qa.officer",
        "qa.officer_registered",
        DEFAULT_FOOTER,
        *TOPIC_FOOTERS.values(),
        *ArticleReplies.STRINGS,
        *OVERVIEW_STRINGS,
    }
    file = str(content_dir / "strings" / "qa.yml")
    return [
        Problem(file, 1, f"missing string {key!r}")
        for key in sorted(needed)
        if not strings.has(key)
    ]


def suggestion_label(question: str) -> str:
    """Return a suggested question cut to a button's length at a word boundary."""
    return clipped(question, SUGGESTION_LABEL)
