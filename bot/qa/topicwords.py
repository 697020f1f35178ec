"""Topics whose entries answer only a question that names their subject.

"Vợ muốn phá thai mà chồng không đồng ý thì có được phá không?" got the fines for aborting a foetus
because of its sex (0.46): the entries on sex selection share every word with it but one, the
sex. An entry of such a topic is left out of the matches of a question that does not name it.
The entries on threats of harm are left out of those of a threat to leave ("anh ấy dọa bỏ em").
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.qa.entries import Faq
from nlu.normalize import fold
from nlu.parse import Parse

TOPIC_WORDS = {
    "sex_selection": re.compile(
        r"\b(gioi tinh|con (trai|gai)|be (trai|gai)|(sinh|de|thai|la|vi|chon|biet) (trai|gai)"
        r"|trai (hay|hoac|or) gai|nam hay nu|sex|gender|son|daughter|boy|girl)\b"
    ),
}
"""Folded words a question must have for an entry of the topic to answer it."""
LEAVING = re.compile(
    r"\b(doa|de doa|threatens?) (se |to )?(bo|chia tay|ly hon|ly di|leave|divorce)\b"
)
"""A threat to leave ("anh ấy dọa bỏ em"): no threat of harm."""
NOT_FOR = {"dv-threats": LEAVING, "dv-threats-fine": LEAVING}
"""Folded words that keep an entry from answering: the entries on threats of harm."""


def topic_agreed(parse: Parse, faq: Faq) -> Parse:
    """Return ``parse`` without the matches of a topic whose subject the question does not name."""
    guarded = {e: w for e, _ in parse.faq if (w := _words_for(faq, e)) is not None}
    barred = {e: NOT_FOR[e] for e, _ in parse.faq if e in NOT_FOR}
    if not guarded and not barred:
        return parse  # the common case: no match of a guarded entry, nothing to read
    folded = fold(parse.text)
    kept = tuple(
        (e, s)
        for e, s in parse.faq
        if (e not in guarded or guarded[e].search(folded))
        and (e not in barred or not barred[e].search(folded))
    )
    return parse if len(kept) == len(parse.faq) else replace(parse, faq=kept)


def _words_for(faq: Faq, entry_id: str) -> re.Pattern[str] | None:
    """Return the words a question needs for entry ``entry_id`` to answer it, if any."""
    entry = faq.get(entry_id)
    return None if entry is None else TOPIC_WORDS.get(entry.topic)
