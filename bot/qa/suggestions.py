"""Other questions offered as buttons: under a "not sure" answer, and under a confident answer."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.messages import Button
from bot.law.citation import Citation
from bot.qa.faq import Faq, FaqEntry
from bot.qa.opening import asks_something
from bot.qa.texts import suggestion_label
from nlu.normalize import fold
from nlu.parse import Parse

SUGGESTIONS = 3
"""Closest entries offered under a "not sure" answer."""
ALSO = 2
"""Other matches offered under a confident answer, when they rest on another article."""
ALSO_FLOOR = 0.2
"""Confidence an other match needs to be offered under an answer.

On five tuning sets of real questions, before content was written for them, a wrong answer had
the right article among these buttons 15 times of 33; 85 of 150 right answers show some.
"""
LABEL_CHARS = 90
"""A question longer than this (a story) is not a button label unless the entry has no other."""


def closest(faq: Faq, matches: Sequence[tuple[str, float]]) -> list[FaqEntry]:
    """Return up to SUGGESTIONS closest entries, one per article first, then the next best.

    Two suggestions resting on the same article lead to the same answer's law. On five tuning
    sets of real questions, before content was written for them, one per article put the right
    article among the "not sure" suggestions 46 times of 63 (one per topic: 43).
    """
    entries = [e for e in (faq.get(i) for i, _ in matches) if e is not None]
    chosen = _one_per_article(entries, set())
    chosen += [e for e in entries if e not in chosen]
    return chosen[:SUGGESTIONS]


def after_emergency(faq: Faq, parse: Parse) -> list[FaqEntry]:
    """Return the closest entries to offer after the emergency answer, if the message asks.

    A story about past danger that ends in a question ("… dọa giết, ly hôn tôi có bị thiệt không?")
    gets the emergency answer first, then these buttons; a plain cry for help gets none, nor a
    plea that names no subject ("alo alo có ai không, em cần giúp gấp": the nearest entries were
    about seeing one's family, 0.14).
    """
    if "?" not in parse.text and not parse.asks and not asks_something(parse.text):
        return []
    if not parse.faq or parse.faq[0][1] < ALSO_FLOOR:
        return []
    return closest(faq, parse.faq)


def also(faq: Faq, matches: Sequence[tuple[str, float]], answered: FaqEntry) -> list[FaqEntry]:
    """Return up to ALSO other confident-enough matches, each on an article not yet offered."""
    entries = [faq.get(i) for i, confidence in matches if confidence >= ALSO_FLOOR]
    found = [e for e in entries if e is not None]
    return _one_per_article(found, {answered.basis})[:ALSO]


def _one_per_article(entries: Sequence[FaqEntry], offered: set[str]) -> list[FaqEntry]:
    """Return the entries, in order, that rest on an article not in ``offered`` nor before."""
    chosen: list[FaqEntry] = []
    for entry in entries:
        if entry.basis not in offered:
            offered.add(entry.basis)
            chosen.append(entry)
    return chosen


def buttons(entries: Sequence[FaqEntry], locale: str = "vi") -> tuple[Button, ...]:
    """Return one button per entry: its title question, cut to a button's length."""
    return tuple(Button(suggestion_label(title(e, locale)), f"qa:faq:{e.id}") for e in entries)


def title(entry: FaqEntry, locale: str = "vi") -> str:
    """Return the question that names the entry: the first short one, written with diacritics.

    In English the first English question, when the entry has one. Stories and unaccented or
    abbreviated variants ("ck danh vk") make poor labels.
    """
    if locale == "en" and entry.questions_en:
        return entry.questions_en[0]
    short = [q for q in entry.questions if len(q) <= LABEL_CHARS and fold(q) != q]
    return short[0] if short else min(entry.questions, key=len)


HEDGE_CHARS = 160
"""A question longer than this (a story) does not name the entry in the likely answer's hedge."""


def question(entry: FaqEntry, locale: str = "vi") -> str:
    """Return the question the likely answer's hedge names: the first written out in full.

    A full question with diacritics, a capital and a question mark ("Biết có bạo lực gia đình mà
    không báo thì có bị xử lý không?") reads better there than a button's short label ("biết mà
    không báo"); without one, the label.
    """
    if locale == "en" and entry.questions_en:
        return entry.questions_en[0]
    full = [q for q in entry.questions if len(q) <= HEDGE_CHARS and _written_out(q)]
    return full[0] if full else title(entry, locale)


def _written_out(text: str) -> bool:
    """Return whether ``text`` is a question written out: diacritics, a capital, a question mark."""
    return fold(text) != text and text[:1].isupper() and text.rstrip().endswith("?")


def first_citations(entries: Sequence[FaqEntry]) -> tuple[Citation, ...]:
    """Return the first citation of each entry (what the evaluation checks a suggestion by)."""
    return tuple(e.citations[0] for e in entries)
