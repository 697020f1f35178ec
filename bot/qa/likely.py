"""The likely answer: a FAQ entry under the threshold that stands well clear of the others.

Given with a hedge ("if you are asking …, the answer is"), not as a sure answer: a legal question
that no entry is sure of, but whose best match leads the next one by a wide margin, is more often
answered by that entry than not.
"""

from __future__ import annotations

import re

from bot.qa.faq import Faq, FaqEntry
from nlu.normalize import fold
from nlu.parse import Parse

LIKELY_FLOOR = 0.30
"""Best-match confidence under which no entry is offered as the likely answer."""
LIKELY_MARGIN = 0.15
"""How far the best match must lead the second for it to be the likely answer.

Measured on questions that fell back (seventh session): on dev and the tuned sets, a lead of 0.15
at 0.30 or more made the best entry right 32 times and wrong 7; on three fresh sets of real
questions, before any content was written for them, right 11 times and wrong 0 (without the lead:
46 / 29 and 23 / 2). The held-out set, read once afterwards: right 2 times, wrong 4.
"""


def likely_entry(faq: Faq, parse: Parse, subject: re.Pattern[str] | None) -> FaqEntry | None:
    """Return the entry that likely answers a legal question no entry is sure of, if any.

    The question must speak of the bot's subject (``subject``, from intents.yml): legal questions
    on loans, land or theft otherwise found a far-off entry ("trộm cắp nhiều lần" -> Điều 185).
    """
    if parse.intent != "ask_law" or parse.emergency or parse.faq_confidence < LIKELY_FLOOR:
        return None
    if not on_subject(parse, subject):
        return None
    second = parse.faq[1][1] if len(parse.faq) > 1 else 0.0
    if parse.faq_confidence - second < LIKELY_MARGIN or parse.faq_id is None:
        return None
    return faq.get(parse.faq_id)


def reports_harm(parse: Parse, subject: re.Pattern[str] | None) -> bool:
    """Return whether a "report" message speaks of the bot's subject (reporting violence).

    A citizen's "tôi muốn báo cáo chồng tôi bạo hành" is a legal question, not an officer's report.
    """
    return parse.intent == "report" and on_subject(parse, subject)


def on_subject(parse: Parse, subject: re.Pattern[str] | None) -> bool:
    """Return whether a message speaks of the bot's subject (``subject:`` of intents.yml)."""
    return subject is not None and subject.search(fold(parse.text)) is not None
