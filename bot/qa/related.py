"""Articles that may be relevant: the answer when no FAQ entry is sure but the law may say.

The articles come from nlu.retrieval (BM25 over the clauses, trusted only when it agrees with the
best FAQ match); this module lists the clauses to search and renders the answer: "có thể liên
quan", each article with a short quoted clause and a "Đọc Điều N" button.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from bot.core.i18n import Strings
from bot.core.messages import Button, Reply
from bot.law.citation import Citation
from bot.law.library import LawLibrary
from bot.qa.answers import clipped, document_name
from bot.qa.faq import Faq
from nlu.normalize import fold
from nlu.parse import Parse
from nlu.pickles import load_pickle, save_pickle
from nlu.retrieval import ArticleIndex, Found, Passage

QUOTE = 160
"""Characters of a clause quoted in the answer."""
RELATED_NEAR = 3
"""FAQ matches whose articles may join the article retrieval agrees on."""
MIN_CONFIDENCE = 0.3
"""Best-match confidence under which retrieval is not trusted even when it agrees.

On held-out FAQ variants that fall back (bench/articles.py), agreement is right 82 % of the time
when the best match has 0.30–0.45, and 38 % under 0.30.
"""


INDEX_VERSION = "3"
"""Bump when nlu.retrieval changes what an index holds (cached indexes become stale)."""

_BUILT: dict[str, ArticleIndex] = {}
"""Indexes loaded or built in this process, by digest (building one takes seconds)."""
_LOCK = threading.Lock()
"""Held while an index is found, loaded or built: another caller waits, never loads it twice."""


def article_index(
    law: LawLibrary, today: date, prepare: Callable[[str], str], cache: Path, salt: str = ""
) -> ArticleIndex:
    """Return the index of the clauses in force: kept for the process and cached in ``cache``.

    ``salt`` names how questions are prepared (the NLU content digest), so a change rebuilds it.
    """
    passages = law_passages(law, today)
    rows = [[p.document, p.article, p.clause, p.title, p.text] for p in passages]
    payload = json.dumps([INDEX_VERSION, salt, rows], ensure_ascii=False)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
    with _LOCK:
        if digest not in _BUILT:
            _BUILT.clear()
            _BUILT[digest] = _cached(cache / f"articles-{digest}.pickle", passages, prepare)
        return _BUILT[digest]


def _cached(path: Path, passages: list[Passage], prepare: Callable[[str], str]) -> ArticleIndex:
    """Return the index pickled at ``path``, or build it and pickle it there (old ones removed)."""
    index = load_pickle(path, ArticleIndex)
    if index is not None:
        index.prepare = prepare
        return index
    index = ArticleIndex.build(passages, prepare)
    save_pickle(index, path, "articles-*.pickle")
    return index


def law_passages(law: LawLibrary, today: date) -> list[Passage]:
    """Return every clause (or clause-less article) of the documents in force on ``today``."""
    passages = []
    for document in law.documents.values():
        if not document.in_force(today):
            continue
        for article in document.articles.values():
            number, title = article.number, article.title
            if not article.clauses:
                passages.append(Passage(document.number, number, None, article.text, title))
            for clause in article.clauses:
                passages.append(Passage(document.number, number, clause.number, clause.text, title))
    return passages


IS_DOMESTIC_VIOLENCE = re.compile(
    r"\b(co phai|co bi coi la|co duoc coi la|co bi xem la|co duoc xem la|co tinh la|la)"
    r"( hanh vi| mot hinh thuc| mot dang)? (bao luc gia dinh|bao luc gd|blgd)\b"
)
"""'Is this domestic violence?': one article of the law lists every act (13/2022/QH15 Điều 3)."""
DV_ACTS = ("13/2022/QH15", 3, 1)
"""Its clause 1 lists the acts, one point each."""


def related_articles(index: ArticleIndex, faq: Faq, parse: Parse) -> list[Found]:
    """Return the articles a legal question may need (none unless retrieval agrees)."""
    if parse.intent == "ask_law" and IS_DOMESTIC_VIOLENCE.search(fold(parse.text)):
        found = index.best_clause(parse.text, *DV_ACTS)
        return [] if found is None else [_best_point(index, found, parse.text)]
    entries = [e for e in (faq.get(i) for i, _ in parse.faq[:RELATED_NEAR]) if e is not None]
    if parse.intent != "ask_law" or not entries or parse.faq_confidence < MIN_CONFIDENCE:
        return []
    basis = (entries[0].citations[0].document, entries[0].citations[0].article)
    near = {(c.document, c.article) for e in entries for c in e.citations}
    return index.agreeing(parse.text, basis, near)


GENERIC = frozenset(
    ["bao", "luc", "gia", "dinh", "thanh", "vien", "hanh", "vi", "co", "khong", "phai", "la", "bi"]
)
"""Words every act of Điều 3 shares with the question: they do not tell the acts apart."""


def _best_point(index: ArticleIndex, found: Found, question: str) -> Found:
    """Return ``found`` quoting the point ("a) …") that shares most words with the question."""
    asked = set(index.prepare(question).split()) - GENERIC
    points = [line for line in found.passage.text.splitlines() if _POINT.match(line)]
    if not points:
        return found
    best = max(points, key=lambda line: len(asked & set(index.prepare(line).split())))
    return Found(replace(found.passage, text=best), found.score)


_POINT = re.compile(r"^[a-zđ]\) ")


def related_reply(
    law: LawLibrary, strings: Strings, found: Sequence[Found], locale: str
) -> tuple[Reply, tuple[Citation, ...]]:
    """Return the "có thể liên quan" message with its buttons, and the articles it names."""
    lines = [strings.get("qa.maybe_related", locale)]
    buttons: list[Button] = []
    citations: list[Citation] = []
    for item in found:
        passage = item.passage
        article = law.article(passage.document, passage.article)
        document = law.document(passage.document)
        if article is None or document is None:
            continue
        place = strings.get("qa.cite.article", locale, article=passage.article)
        values = {"place": place, "document": document_name(document), "title": article.title}
        lines.append(
            strings.get("qa.maybe_item", locale, quote=clipped(passage.text, QUOTE), **values)
        )
        label = strings.get("qa.article_button", locale, article=passage.article)
        buttons.append(Button(label, f"qa:art:{passage.document}:{passage.article}"))
        citations.append(Citation(passage.document, passage.article, passage.clause))
    return Reply("\n".join(lines), tuple(buttons)), tuple(citations)
