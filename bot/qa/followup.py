"""Short follow-ups ("còn nếu đánh lần thứ hai thì sao") read with the question answered before.

Only the ids of the last two entries answered are kept, in memory, for a few minutes: never the
text of a message. A follow-up the engine is not sure of on its own offers the questions that fit
it read after the entry's own question (the entry itself left out), instead of the closest to it
alone. A question about sanctions after an answer on where to report reads after the entry before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import NamedTuple

from bot.qa.answer import Answer
from bot.qa.engine import QA
from bot.qa.memory import MAX_USERS, UserMemory
from bot.qa.person import leading_role
from nlu.asks import SANCTIONS, asks
from nlu.english import spell_out, written_in_english
from nlu.englishroles import looks_english
from nlu.normalize import fold
from nlu.parse import Parse

MAX_WORDS = 12
"""A follow-up is short: a longer message says what it is about."""
SHORT_WORDS = 8
"""Up to this many words, a message not understood alone is read as a follow-up however it opens."""
BRIEF_WORDS = 4
"""Up to this many words, a message that names no one is read after the answer before when that
reading is sure ("báo ai" after harassment at work is reporting it at work, not at home)."""
SURE_AFTER = 0.7
"""A follow-up whose best reading (after the entry's questions) is this strong gets that answer."""
READINGS = 3
"""The entry's questions a follow-up is read after: its first and its shortest."""
SANCTION_FLOOR = 0.2
"""A follow-up that only asks for a sanction gets the best reading that serves it from here on …"""
SANCTION_MARGIN = 0.15
"""… when it leads the other readings that serve it by this much ("phạt bao nhiêu" after what
child marriage is: the fine for it, 0.46, before the fine for economic violence, 0.27)."""
AFTER_KINDS = SANCTIONS | {"report"}
"""What a follow-up may ask alone that picks one reading: a sanction, or where to report."""
FLOOR = 0.15
"""A follow-up whose best reading (after the entry's question) is weaker stays as it was."""
SURE_OFF_TOPIC = 0.9
"""A message this surely out of scope on its own ("giá vàng hôm nay") is no follow-up."""
KEPT_FOR = timedelta(minutes=20)
"""How long the last answered entry counts as the subject of a follow-up."""
_OPENING = re.compile(
    r"^\W*(con|the con|vay|vay con|vay thi|the|the thi|neu|con neu|nhung|ma|lo|truong hop|"
    r"nhu vay|the neu|vay neu|and|what if|but|so|then)\b"
)
_ALONE = re.compile(r"^\W*(phat|xu phat|di tu|o tu|bao (nhieu|lau)|ai|o dau|mat bao lau)\b")


_BARE = """co bi di tu ngoi khong ko k hok ai xu phat nhieu lau the nao ra sao gi la muc cao
nhat thap toi da duoc dc phai hay nhu vay thi con nua o dau khi cho hoi a nhe nha ha u roi chua se
can nen lam tien trieu nam thang ngay bay gio minh em ban oi ad nguoi do nay kia ve viec truong hop
neu ma va voi it toida thieu an tinh sau truoc bat quyen may cach
vi pham luat phap muon"""
BARE_WORDS = frozenset(_BARE.split())
"""Words of a question that name no subject: "có bị đi tù không", "ai xử phạt", "có quyền bắt không"
(folded: "ly", "hon" and "bao" are left out, so "ly hôn thì con ở với ai" names divorce and "báo ở
đâu" reporting)."""
_ENGLISH = """what can could should would will i we do does did is are it this that legal allowed
against the law who where how much many long to report tell call he she they him her them go be get
got fined fine punished punishment prison jail arrested years a an so then and now about for me my
not or there anything else"""
ENGLISH_BARE = frozenset(_ENGLISH.split())
"""English words of a question that name no subject: "what can I do", "is that legal"."""
_TURN = "bao to cao giac trinh keu goi giup nho ho tro"
TURN_WORDS = frozenset(_TURN.split())
"""Folded words of asking where to turn: "báo ai", "tố cáo ở đâu", "kêu ai giúp"."""


_REFERS_BACK = re.compile(r"\b\w+ (do|ay|ta|kia)\b")
"""Folded, someone named before: "thầy đó", "ông ấy", "anh ta" (not a new subject)."""
_PRONOUN = re.compile(r"\b(hắn|nó|họ|ổng|bả|tôi|chị|anh|cô|chú|bác)\b(?! (ấy|ay|ta|đó|do|kia)\b)")
"""Typed with diacritics (folded "no" is also "nợ", a debt, "toi" "tội"): "hắn có bị bắt không";
the speaker or someone named before: "giờ chị phải làm sao", "anh có bị phạt không"."""
_SPEAKER = re.compile(r"^\W*toi (?=(phai|nen|can|co the|muon|se)\b)")
"""Folded, the speaker before what they must do: "toi phai bao ai" (not "tội")."""


def names_nothing(text: str) -> bool:
    """Return whether a message is made only of question words and names no subject.

    Someone it points back to ("thầy đó có bị đi tù không", "thầy có bị đi tù không") is the
    subject answered before.
    """
    if written_in_english(text):
        words = re.findall(r"[a-z]+", spell_out(text.lower()))
        return bool(words) and all(word in ENGLISH_BARE for word in words)
    words = _question_words(text)
    return bool(words) and all(word in BARE_WORDS for word in words)


def _question_words(text: str) -> list[str]:
    """Return the folded words of a message, without the person it points back to."""
    text = _PRONOUN.sub(" ", text.lower())
    folded = _REFERS_BACK.sub(" ", re.sub(r"\bxu ly\b", "xu", fold(text)))  # not "ly hôn"
    folded = leading_role().sub(" ", _SPEAKER.sub(" ", folded))
    return re.findall(r"\w+", re.sub(r"\bbao (nhieu|lau)\b", r"\1", folded))  # not "báo"


def is_brief(text: str) -> bool:
    """Return whether a message is a few words that ask where to turn: "báo ai", "kêu ai giúp"."""
    return len(_question_words(text)) <= BRIEF_WORDS and asks_where(text)


def asks_where(text: str) -> bool:
    """Return whether a message only asks where to turn: "tôi muốn tố cáo anh ấy thì làm sao"."""
    words = _question_words(text)
    return bool(words) and all(w in BARE_WORDS | TURN_WORDS for w in words)


def is_followup(text: str) -> bool:
    """Return whether a message reads as a follow-up: very short, or short and opening like one."""
    folded = fold(text)
    count = len(folded.split())
    if count <= SHORT_WORDS:
        return True
    return count <= MAX_WORDS and bool(_OPENING.match(folded) or _ALONE.match(folded))


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
    qa: QA, ranking: Ranking, parse: Parse, locale: str = "vi", local_help: Sequence[str] = ()
) -> Answer | None:
    """Return the entry a follow-up that only asks for a sanction or where to report asks for.

    "ông ấy có bị bắt không" after the steps to take when a neighbour abuses a child: the entry on
    the crime (0.24) is the only reading that speaks of prison; the one on reporting led (0.27).
    "tôi phải báo ai" after a child's abuse: where to report a child's abuse, not a wife's.
    """
    asked = asks(parse.text) & AFTER_KINDS
    if not asked or not (names_nothing(parse.text) or asks_where(parse.text)):
        return None
    serving = [(e, s) for e, s in ranking if _serves(qa, e, asked)][:2]
    if not serving or serving[0][1] < SANCTION_FLOOR:
        return None
    if len(serving) > 1 and serving[0][1] - serving[1][1] < SANCTION_MARGIN:
        return None
    return sure_after(qa, ((serving[0][0], SURE_AFTER),), parse, locale, local_help)


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
    entry, asked = qa.faq.get(previous), asks(parse.text)
    told = entry is not None and bool(asked) and _told(asked, entry.asks, loosely)
    if not told or not names_nothing(parse.text):
        return None
    return sure_after(qa, ((previous, SURE_AFTER),), parse, locale, local_help)


def subject(qa: QA, previous: str, before: str | None, parse: Parse) -> str:
    """Return the entry a follow-up is read after: the one before, if only it told the sanction.

    "thầy đó có bị đi tù không" after "báo ở đâu", itself after a teacher's abuse of a pupil, asks
    about the abuse: an answer on where to report or what to do serves no sanction of its own.
    "bà ấy có bị phạt không" after the fine for insults, then whether once is enough, is the fine.
    """
    entry, earlier = qa.faq.get(previous), qa.faq.get(before or "")
    asked = asks(parse.text) & SANCTIONS
    if before is None or entry is None or not asked or asked & set(entry.asks):
        return previous
    if earlier is not None and _told(asked, earlier.asks):
        return before
    return before if entry.asks[:1] in (("report",), ("help",)) else previous


def _told(asked: frozenset[str], served: tuple[str, ...], loosely: bool = False) -> bool:
    """Return whether an entry told what is asked: the sanctions it serves, or its first kind.

    Not "help" from the hotline at the end of an answer on fines ("tôi nên làm gì" after them).
    ``loosely``, any kind an entry on no sanction serves: "phụ huynh làm gì được" after violence at
    school is told by the entry, which says what it is, then what to do.
    """
    if asked >= SANCTIONS:  # "bị xử thế nào": a fine or prison, either told it
        return bool(SANCTIONS & set(served))
    if asked & SANCTIONS:
        return asked <= set(served)
    if loosely and not SANCTIONS & set(served):
        return bool(asked & set(served))
    return bool(served) and served[0] in asked


def not_sure_after(qa: QA, ranking: Ranking, parse: Parse, locale: str = "vi") -> Answer | None:
    """Return "not sure" offering what fits a follow-up, by its ``readings_after``."""
    if not ranking or ranking[0][1] < FLOOR:
        return None  # nothing fits it even after the entry's question: it stays as it was
    return qa.not_sure(replace(parse, faq=ranking), locale)


def readings_after(qa: QA, previous: str, parse: Parse, locale: str = "vi") -> Ranking:
    """Return the entries matching a follow-up read after entry ``previous``'s questions.

    Each of its first and shortest questions is read before the follow-up; an entry keeps its best
    score: "phạt bao nhiêu" reads better after "chồng cấm vợ đi làm" than after a long question.
    """
    entry = qa.faq.get(previous)
    off_topic = parse.intent == "out_of_scope" and parse.confidence >= SURE_OFF_TOPIC
    if entry is None or off_topic:
        return ()
    english = (locale == "en" or looks_english(parse.text)) and parse.text.isascii()
    questions = entry.questions_en if english and entry.questions_en else entry.questions
    shortest = sorted(questions[1:], key=len)[: READINGS - 1]
    best: dict[str, float] = {}
    for question in dict.fromkeys((questions[0], *shortest)):
        for match, score in qa.parse(f"{question} {parse.text}").faq:
            if match != previous and score > best.get(match, -1.0):
                best[match] = score
    return tuple(sorted(best.items(), key=lambda item: -item[1]))


class Kept(NamedTuple):
    """What is kept of a user's last answer: its entry, the entry before it, and when."""

    entry: str
    before: str | None
    at: datetime

    def fresh(self, now: datetime) -> bool:
        """Return whether the answer is recent enough to be followed up."""
        return now - self.at <= KEPT_FOR

    def after(self, entry: str, now: datetime) -> Kept:
        """Return what is kept once ``entry`` is answered: this entry before it, if fresh."""
        if not self.fresh(now):
            return Kept(entry, None, now)
        return Kept(entry, self.before if self.entry == entry else self.entry, now)


class RecentEntries:
    """The last two entries answered to each user, for KEPT_FOR, in memory only."""

    def __init__(self, limit: int = MAX_USERS) -> None:
        self.memory: UserMemory[Kept] = UserMemory(limit)

    def remember(self, user: str, entry: str, now: datetime) -> None:
        """Keep ``entry`` as the subject of the user's next follow-up, and the one before it."""
        self.memory.change(
            user, lambda kept: kept.after(entry, now) if kept else Kept(entry, None, now)
        )

    def recall(self, user: str, now: datetime) -> str | None:
        """Return the entry last answered to ``user``, if recent."""
        kept = self._fresh(user, now)
        return kept.entry if kept else None

    def before(self, user: str, now: datetime) -> str | None:
        """Return the entry answered to ``user`` before the last, if the last is recent."""
        kept = self._fresh(user, now)
        return kept.before if kept else None

    def forget(self, user: str) -> None:
        """Forget the user's entries."""
        self.memory.forget(user)

    def _fresh(self, user: str, now: datetime) -> Kept | None:
        """Return what is kept of ``user``'s last answer, if recent."""
        kept = self.memory.get(user)
        return kept if kept is not None and kept.fresh(now) else None
