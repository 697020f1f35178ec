"""The Q&A buttons' payloads: ``qa:more:<id>``, ``qa:faq:<id>`` and ``qa:art:<doc>:<article>``."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.messages import Reply
from bot.qa.answers import ArticleReplies
from bot.qa.faq import Faq, FaqEntry

EntryReplies = Callable[[FaqEntry, str], tuple[Reply, ...]]
"""Renders an entry's answer in a locale."""


def payload_replies(
    payload: str, locale: str, faq: Faq, articles: ArticleReplies, entry_replies: EntryReplies
) -> list[Reply] | None:
    """Return the replies a Q&A button asks for, or None when the payload is not one of ours."""
    parts = payload.split(":", 2)
    if len(parts) != 3 or parts[0] != "qa":
        return None
    kind, rest = parts[1], parts[2]
    if kind == "art":
        document, _, number = rest.rpartition(":")
        if not number.isdigit():
            return None
        return articles.replies(document, int(number), None, locale)
    entry = faq.get(rest)
    if entry is None:
        return None
    if kind == "faq":
        return list(entry_replies(entry, locale))
    more = entry.more_text(locale)
    return [Reply(more)] if kind == "more" and more else None
