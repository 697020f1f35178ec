"""Follow-ups about the law of the last answer: "quy định ở điều nào?", "đọc điều 185".

After an answer, "quy định ở điều nào" and "đọc điều 185" got "not sure" (and "căn cứ pháp lý là
gì" the entry on legal aid): none names a subject. Made only of such words, they are read after the
entry last answered: the first gets its legal basis with a button for each article, the second the
text of the article of that number the entry cites.
"""

from __future__ import annotations

import re

from bot.core.messages import Button, Reply
from bot.law.citation import Citation
from bot.qa.answer import Answer
from bot.qa.answers import cite_line
from bot.qa.engine import QA
from bot.qa.faq import FaqEntry
from nlu.normalize import fold

MAX_WORDS = 10
"""A question about the basis is short; a longer message says what it is about."""
BUTTONS = 3
"""Articles offered as buttons with the basis."""
ASKS_BASIS = re.compile(
    r"\b(dieu|luat|van ban|nghi dinh|bo luat|khoan|quy dinh) (nao|gi|may|so may|bao nhieu)\b"
    r"|\b(can cu|co so phap ly|nguon)\b|\bquy dinh (o|tai) (dau|van ban nao)\b"
    r"|\b(which|what) (article|law|decree)\b|\blegal basis\b|\bwhere does (it|that) say\b"
)
"""Asking which article or law an answer rests on (folded)."""
_WORDS = """vay the con cho toi em minh hoi xin cai nay viec dieu nhu do duoc quy dinh nam ghi can
cu dua tren theo o tai trong vao luat van ban nghi bo khoan phap ly co so nguon nao gi may dau la
a nhi ha day oi ad bot which what article law legal basis is it that where does say decree of on
based in"""
WORDS = frozenset(_WORDS.split())
"""The only words a question about the basis is made of: "luật nào quy định tuổi kết hôn" asks
a new question, "căn cứ pháp lý là gì" asks the basis of the answer before."""
READS = re.compile(
    r"^\W*((doc|xem|mo|cho (toi|em|minh) (xem|doc)|read|show( me)?)( (toan van|noi dung|ca))? )?"
    r"(dieu|article) (?P<number>\d{1,3})\W*$"
)
"""Asking to read an article by its number alone ("đọc điều 185", "điều 37")."""


def basis_answer(qa: QA, previous: str, text: str, locale: str = "vi") -> Answer | None:
    """Return the legal basis or an article of entry ``previous`` that ``text`` asks for."""
    entry = qa.faq.get(previous)
    folded = " ".join(re.sub(r"[^\w ]+", " ", fold(text)).split())
    if entry is None or len(folded.split()) > MAX_WORDS:
        return None
    if (read := READS.match(folded)) is not None:
        return _article(qa, entry, text, int(read["number"]), locale)
    if ASKS_BASIS.search(folded) is None or not set(folded.split()) <= WORDS:
        return None
    label = "qa.article_button"
    buttons = tuple(
        Button(qa.strings.get(label, locale, article=c.article), f"qa:art:{c.document}:{c.article}")
        for c in _articles(entry)[:BUTTONS]
    )
    reply = Reply(cite_line(qa.law, qa.strings, entry.citations, locale), buttons)
    return Answer(text, "ask_law", 1.0, False, False, entry.citations, (reply,), entry.id)


def _article(qa: QA, entry: FaqEntry, text: str, number: int, locale: str) -> Answer | None:
    """Return article ``number`` of the first document the entry cites it in, if any."""
    cited = [c for c in entry.citations if c.article == number]
    if not cited:
        return None
    replies = qa.articles.replies(cited[0].document, number, None, locale)
    return Answer(text, "ask_law", 1.0, False, False, (cited[0],), tuple(replies), entry.id)


def _articles(entry: FaqEntry) -> list[Citation]:
    """Return the first citation of each distinct article the entry cites, in order."""
    first: dict[tuple[str, int], Citation] = {}
    for citation in entry.citations:
        first.setdefault((citation.document, citation.article), citation)
    return list(first.values())
