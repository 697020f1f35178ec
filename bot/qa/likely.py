"""The likely answer: a FAQ entry under the threshold that stands well clear of the others.

Given with a hedge ("if you are asking …, the answer is"), not as a sure answer: a legal question
that no entry is sure of, but whose best match leads the next one by a wide margin, is more often
answered by that entry than not. So is a long story of harm in the family, by the entry among its
first matches that says what domestic violence is (``story_entry``).
"""

from __future__ import annotations

import re

from bot.qa.faq import Faq, FaqEntry
from nlu.asks import SANCTIONS
from nlu.focus import is_story
from nlu.normalize import fold
from nlu.parse import Parse
from nlu.pronouns import story_roles
from nlu.rolepair import NONE, Roles
from nlu.roles import suffers

LIKELY_FLOOR = 0.35
"""Best-match confidence under which no entry is offered as the likely answer.

0.30 until the fourteenth session; on ``bench/fresh.py`` (23 sets, 1,375 real questions, each
answered with the content from before it was tuned) 0.35 gives as many right answers (794 / 800)
and 5 fewer wrong ones (240 / 248), and rejects 3 more out-of-scope questions (125 of 171).
Other pairs tried (floor, lead): (0.30, 0.10) 21 more right, 20 more wrong; (0.40, 0.10) 3 / 1
fewer right, 8 fewer wrong; (0.40, 0.05) 2 / 4 more right, 4 fewer wrong; (0.35, 0.12) 10 more
right, 0 / 1 more wrong. The simplest change that loses no right answer was kept.
"""
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


STORY_BASIS = "13/2022/QH15:3"
"""What a story of harm in the family most often asks first: is this domestic violence?"""
STORY_TOP = 3
"""How far down the matches a story's entry on that article may be.

Measured on bench/fresh.py (1,002 real questions, each set answered with the content from before
it was tuned; tenth session): a story (over 40 words) on the bot's subject that says who did what
to whom (nlu.roles), with no entry sure of it, answered by its best match among the first three
that rests on Điều 3 of the 2022 law: 67 answers right, 16 wrong, of questions that were "not
sure" (both forms). Among the first five: 83 / 34; the first only: 14 / 6; without the roles:
83 / 28 and out-of-scope questions answered; other definition articles too (children, work,
harassment, divorce): fewer right, more wrong. Reading "anh ta", "hắn", "cô ấy" of a letter as
the spouse it names (nlu.pronouns.story_roles): 4 more right, none wrong. Stories of 26 to 40 words
too (twenty-fifth session, models of model version 47): no more right, 3 / 3 more wrong.
"""


def story_entry(faq: Faq, parse: Parse, subject: re.Pattern[str] | None) -> FaqEntry | None:
    """Return the entry on what domestic violence is for a story of harm no entry is sure of.

    Long letters ("Chồng tôi say rượu về là chửi bới, đánh đập… tôi phải làm sao?") match
    many entries a little and none surely; when the story says who harmed whom, the first
    question it raises is whether that is domestic violence and what can be done.
    """
    if parse.emergency or not is_story(parse.text) or not tells_harm(parse, subject):
        return None
    found = (faq.get(entry_id) for entry_id, _ in parse.faq[:STORY_TOP])
    return next((e for e in found if e and e.citations and e.basis == STORY_BASIS), None)


def reports_harm(parse: Parse, subject: re.Pattern[str] | None) -> bool:
    """Return whether a "report" message speaks of the bot's subject (reporting violence).

    A citizen's "tôi muốn báo cáo chồng tôi bạo hành" is a legal question, not an officer's report.
    """
    return parse.intent == "report" and on_subject(parse, subject)


def tells_harm(parse: Parse, subject: re.Pattern[str] | None) -> bool:
    """Return whether a message says someone harmed someone, on the bot's subject.

    Such a message is never answered "out of scope", even when its other words are everyday
    ones ("vợ tôi bị trầm cảm sau sinh, hay đánh con, tôi nên làm gì").
    """
    return harm_roles(parse, subject).known


def legal_on_subject(parse: Parse, subject: re.Pattern[str] | None) -> bool:
    """Return whether a message read as out of scope is a legal question on the bot's subject.

    It tells of harm (``tells_harm``), says someone suffered an act though it names no one ("bị
    đánh thì đi khám ở đâu để có giấy chứng nhận thương tích") or asks the fine or prison for
    something said of the family, gender or violence: "Tiết lộ bí mật đời tư của vợ lên mạng bị
    phạt bao nhiêu".
    """
    if not on_subject(parse, subject):
        return False
    return bool(parse.asks & SANCTIONS) or story_roles(parse.text).known or suffers(parse.text)


def harm_roles(parse: Parse, subject: re.Pattern[str] | None) -> Roles:
    """Return who harmed whom in a message on the bot's subject (NONE when it is off it)."""
    return story_roles(parse.text) if on_subject(parse, subject) else NONE


def on_subject(parse: Parse, subject: re.Pattern[str] | None) -> bool:
    """Return whether a message speaks of the bot's subject (``subject:`` of intents.yml)."""
    return subject is not None and subject.search(fold(parse.text)) is not None
