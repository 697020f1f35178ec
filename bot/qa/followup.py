"""Short follow-ups ("còn nếu đánh lần thứ hai thì sao") read with the question answered before.

What is kept of the answers before is in bot/qa/recent.py. A follow-up the engine is not sure of
on its own offers the questions that fit it read after the entry's own question (the entry itself
left out), instead of the closest to it alone. A question about sanctions after an answer on where
to report reads after the entry before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.qa.answer import Answer
from bot.qa.engine import QA
from bot.qa.entries import FaqEntry
from bot.qa.kinds import STEPS
from bot.qa.naming import asked_of, asks_where, names_nothing
from bot.qa.opening import tells_only
from nlu.asks import SANCTIONS
from nlu.englishroles import looks_english
from nlu.normalize import fold
from nlu.parse import Parse

SURE_AFTER = 0.7
"""A follow-up whose best reading (after the entry's questions) is this strong gets that answer."""
READINGS = 3
"""The entry's questions a follow-up is read after: its first and its shortest."""
KIND_FLOOR = 0.2
"""A follow-up that only asks for a sanction or where to report gets the best reading that serves
it from here on …"""
KIND_MARGIN = 0.15
"""… when it leads the other readings that serve it by this much ("phạt bao nhiêu" after what
child marriage is: the fine for it, 0.46, before the fine for economic violence, 0.27)."""
AFTER_KINDS = SANCTIONS | {"report"}
"""What a follow-up may ask alone that picks one reading: a sanction, or where to report."""
FLOOR = 0.15
"""A follow-up whose best reading (after the entry's question) is weaker stays as it was."""
SURE_OFF_TOPIC = 0.9
"""A message this surely out of scope on its own ("giá vàng hôm nay") is no follow-up."""
AGE = re.compile(r"\b\d{1,3} ?(tuoi|t|thang)\b")
"""Folded, an age told ("con mới 2 tuổi"): a fact that changes an answer whose rule is by age."""
Ranking = tuple[tuple[str, float], ...]
"""Entries and their scores, best first."""


def sure_after(
    qa: QA, ranking: Ranking, parse: Parse, locale: str = "vi", local_help: Sequence[str] = ()
) -> Answer | None:
    """Return the answer of the entry a follow-up surely asks for, by its ``readings_after``.

    "còn đi tù thì sao" after the fine for a husband who beats his wife is the entry on prison.
    """
    if not ranking or ranking[0][1] < SURE_AFTER:
        return None
    answer = qa.answer_parse(replace(parse, faq=ranking, intent="ask_law"), locale, local_help)
    return None if answer.fallback or answer.faq_id != ranking[0][0] else answer


def kind_after(
    qa: QA,
    ranking: Ranking,
    parse: Parse,
    locale: str = "vi",
    local_help: Sequence[str] = (),
    previous: str | None = None,
) -> Answer | None:
    """Return the entry a follow-up that only asks for a sanction or where to report asks for.

    "ông ấy có bị bắt không" after the steps to take when a neighbour abuses a child: the entry on
    the crime (0.24) is the only reading that speaks of prison; the one on reporting led (0.27).
    "tôi phải báo ai" after a child's abuse: where to report a child's abuse, not a wife's.
    """
    asked = asked_of(parse.text) & AFTER_KINDS
    if not asked or not (names_nothing(parse.text) or asks_where(parse.text)):
        return None
    serving = [(e, s) for e, s in ranking if _serves(qa, e, asked)]
    chosen = _cited(qa, serving, previous) or _leading(_apart(qa, serving))
    if chosen is None:
        return None
    return sure_after(qa, ((chosen, SURE_AFTER),), parse, locale, local_help)


def _apart(qa: QA, serving: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """Return the readings without those resting on the same article as a better one.

    Two readings on the same article agree ("tôi muốn tố cáo anh ấy" after an old mother's abuse:
    where to report, and what a child who sees a beating can do, both Điều 19): no rivals.
    """
    seen: set[str] = set()
    kept: list[tuple[str, float]] = []
    for entry_id, score in serving:
        entry = qa.faq.get(entry_id)
        basis = entry.basis if entry is not None else entry_id
        if basis not in seen:
            seen.add(basis)
            kept.append((entry_id, score))
    return kept


def _leading(serving: Sequence[tuple[str, float]]) -> str | None:
    """Return the reading that serves what is asked when it clearly leads, else None."""
    if not serving or serving[0][1] < KIND_FLOOR:
        return None
    if len(serving) > 1 and serving[0][1] - serving[1][1] < KIND_MARGIN:
        return None
    return serving[0][0]


def _cited(qa: QA, serving: Sequence[tuple[str, float]], previous: str | None) -> str | None:
    """Return the reading resting on an article the answer before cited, if one fits at all.

    "người đó bị xử thế nào" after a boyfriend's beating, whose answer names Điều 134 of the Penal
    Code: the entry on that crime (0.18), not the one on humiliation (0.49).
    """
    entry = qa.faq.get(previous or "")
    if entry is None:
        return None
    for entry_id, score in serving:
        found = qa.faq.get(entry_id)
        if score >= FLOOR and found is not None and found.basis in entry.articles:
            return entry_id
    return None


def _serves(qa: QA, entry_id: str, asked: frozenset[str]) -> bool:
    """Return whether entry ``entry_id`` serves where to report, or every sanction, as asked."""
    entry = qa.faq.get(entry_id)
    if entry is None:
        return False
    return "report" in entry.asks if "report" in asked else _told(asked, entry.asks)


def again(
    qa: QA,
    previous: str,
    parse: Parse,
    locale: str = "vi",
    local_help: Sequence[str] = (),
    loosely: bool = False,
) -> Answer | None:
    """Return the entry answered before again when a follow-up that names nothing asks what it told.

    "bao nhiêu tiền" after the fines for harassment at work, "em phải làm gì" after the steps to
    take: the answer before is the answer (no other entry reads better after it).
    """
    entry, asked = qa.faq.get(previous), asked_of(parse.text)
    loosely = loosely and entry is not None and _gives_steps(entry)
    told = entry is not None and bool(asked) and _told(asked, entry.asks, loosely)
    if not told or not (names_nothing(parse.text) or asks_where(parse.text)):
        return None
    return sure_after(qa, ((previous, SURE_AFTER),), parse, locale, local_help)


def _gives_steps(entry: FaqEntry) -> bool:
    """Return whether an entry's answer tells the reader what to do (not only a hotline)."""
    return STEPS.search(fold(entry.answer.get("vi", ""))) is not None


def subject(qa: QA, previous: str, before: str | None, parse: Parse) -> str:
    """Return the entry a follow-up is read after: the one before, if only it told the sanction.

    "thầy đó có bị đi tù không" after "báo ở đâu", itself after a teacher's abuse of a pupil, asks
    about the abuse: an answer on where to report or what to do serves no sanction of its own.
    "bà ấy có bị phạt không" after the fine for insults, then whether once is enough, is the fine.
    """
    entry, earlier = qa.faq.get(previous), qa.faq.get(before or "")
    asked = asked_of(parse.text) & SANCTIONS
    if before is None or entry is None or not asked or asked & set(entry.asks):
        return previous
    if earlier is not None and _told(asked, earlier.asks):
        return before
    return before if entry.asks[:1] in (("report",), ("help",)) else previous


def _told(asked: frozenset[str], served: tuple[str, ...], loosely: bool = False) -> bool:
    """Return whether an entry told what is asked: the sanctions it serves, or its first kind.

    Not "help" from the hotline at the end of an answer on fines ("tôi nên làm gì" after them).
    ``loosely`` (only for an answer that gives steps), any kind it serves: "phụ huynh làm gì được"
    after violence at school is told by the entry, which says what it is, then what to do; "em
    phải làm sao" after a brother-in-law's groping, by the entry that names the crime, then steps.
    """
    if asked >= SANCTIONS:  # "bị xử thế nào": a fine or prison, either told it
        return bool(SANCTIONS & set(served))
    if asked & SANCTIONS:
        return asked <= set(served)
    if "report" in asked and "report" in served:  # never inferred from a hotline: always told
        return True
    if loosely and not (served and served[0] in SANCTIONS):  # not the fines again
        return bool(asked & set(served))
    return bool(served) and served[0] in asked


def not_sure_after(qa: QA, ranking: Ranking, parse: Parse, locale: str = "vi") -> Answer | None:
    """Return "not sure" offering what fits a follow-up, by its ``readings_after``."""
    if not ranking or ranking[0][1] < FLOOR:
        return None  # nothing fits it even after the entry's question: it stays as it was
    return qa.not_sure(replace(parse, faq=ranking), locale)


def kept_after(
    qa: QA, previous: str, parse: Parse, locale: str = "vi", local_help: Sequence[str] = ()
) -> Answer | None:
    """Return the entry answered before again for an age told after it that keeps it surely.

    "con mới 2 tuổi" after who raises the child on divorce: that answer tells the rule for a child
    under 36 months ("Mình đang nghe đây" asked for a story already told). Only an answer whose
    rule is by age is told again ("tôi 30 tuổi" after a husband's beating asks for more).
    """
    entry = qa.faq.get(previous)
    if entry is None or not AGE.search(fold(parse.text)) or not tells_only(parse.text):
        return None
    if "tuoi" not in fold(entry.answer.get("vi", "")):
        return None
    for question in _read_after(entry, parse, locale):
        best = qa.parse(f"{question} {parse.text}").faq[:1]
        if best and best[0][0] == previous and best[0][1] >= SURE_AFTER:
            return sure_after(qa, ((previous, SURE_AFTER),), parse, locale, local_help)
    return None


def _read_after(entry: FaqEntry, parse: Parse, locale: str) -> tuple[str, ...]:
    """Return the entry's questions a follow-up is read after: its first and its shortest."""
    english = (locale == "en" or looks_english(parse.text)) and parse.text.isascii()
    questions = entry.questions_en if english and entry.questions_en else entry.questions
    shortest = sorted(questions[1:], key=len)[: READINGS - 1]
    return tuple(dict.fromkeys((questions[0], *shortest)))


def readings_after(qa: QA, previous: str, parse: Parse, locale: str = "vi") -> Ranking:
    """Return the entries matching a follow-up read after entry ``previous``'s questions.

    Each of its first and shortest questions is read before the follow-up; an entry keeps its best
    score: "phạt bao nhiêu" reads better after "chồng cấm vợ đi làm" than after a long question.
    """
    entry = qa.faq.get(previous)
    off_topic = parse.intent == "out_of_scope" and parse.confidence >= SURE_OFF_TOPIC
    if entry is None or off_topic:
        return ()
    best: dict[str, float] = {}
    for question in _read_after(entry, parse, locale):
        for match, score in qa.parse(f"{question} {parse.text}").faq:
            if match != previous and score > best.get(match, -1.0):
                best[match] = score
    return tuple(sorted(best.items(), key=lambda item: -item[1]))
