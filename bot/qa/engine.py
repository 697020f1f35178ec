"""Answering citizens' questions: FAQ answers with citations, article lookup, honest fallbacks."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from bot.core.config import NluSettings
from bot.core.i18n import Strings
from bot.core.messages import Button, Reply
from bot.core.problems import Problem
from bot.law.citation import Citation
from bot.law.library import LawLibrary
from bot.qa import suggestions
from bot.qa.age import age_agreed
from bot.qa.agreement import kind_agreed
from bot.qa.answer import Answer
from bot.qa.answers import ArticleReplies, cite_line
from bot.qa.faq import Faq, FaqEntry, load_faq
from bot.qa.feeling import only_feeling
from bot.qa.helpline import answer_footer, harm_help
from bot.qa.likely import legal_on_subject, likely_entry, reports_harm, story_entry
from bot.qa.named import asked_first
from bot.qa.opening import fit_opening, tells_only
from bot.qa.overview import SURE_ENOUGH, overview
from bot.qa.payloads import payload_replies
from bot.qa.related import article_index, related_articles, related_reply
from bot.qa.texts import (
    DEFAULT_FOOTER,
    INTENT_STRINGS,
    TOPIC_FOOTERS,
    missing_strings,
)
from bot.qa.topicwords import topic_agreed
from bot.qa.training import law_names, load_nlu_content
from nlu import Engine, Parse, TrainingData, build_engine
from nlu.emergency import join_patterns
from nlu.prepare import Preparer
from nlu.retrieval import ArticleIndex

__all__ = ["QA", "Answer", "Citation", "build_qa"]

DIALOGUE_INTENTS = frozenset(
    {"greeting", "help", "subscribe", "unsubscribe", "report", "delete_data", "thanks"}
)
"""Intents the dispatcher handles with its own flows; QA only points to the menu."""

SERVICE_TOPICS = frozenset({"support_services", "legal_aid"})
"""Topics whose answers also list the user's local help, when known."""


class QA:
    """Understands a question with the NLU engine and builds the answer from the knowledge base."""

    def __init__(
        self,
        engine: Engine,
        faq: Faq,
        law: LawLibrary,
        strings: Strings,
        threshold: float,
        today: date,
        data: TrainingData | None = None,
        index: Callable[[], ArticleIndex] | None = None,
    ) -> None:
        self.engine, self.faq, self.law, self.strings = engine, faq, law, strings
        self.threshold = threshold
        self.articles = ArticleReplies(law, strings, today)
        self.data = data or TrainingData({})
        self.index = index
        self.subject = join_patterns(self.data.subject)

    def parse(self, text: str) -> Parse:
        """Understand ``text``."""
        return self.engine.parse(text)

    def warm(self) -> None:
        """Load (or build and cache) the article index now, not on the first "not sure" answer."""
        if self.index is not None:
            self.index()

    def answer(self, text: str, locale: str = "vi", local_help: Sequence[str] = ()) -> Answer:
        """Understand and answer ``text``."""
        return self.answer_parse(self.parse(text), locale, local_help)

    def answer_parse(
        self, parse: Parse, locale: str = "vi", local_help: Sequence[str] = ()
    ) -> Answer:
        """Answer an already understood message: emergency first, then article, FAQ, fallbacks."""
        parse = age_agreed(kind_agreed(topic_agreed(parse, self.faq), self.faq, self.law), self.faq)
        entry = self._confident_entry(parse)
        if parse.emergency:  # "em sợ lắm" alone: no entry on what it might be about
            entry = None if only_feeling(parse.text) else entry
            return self._emergency(parse, entry, locale, local_help)
        if parse.article is not None:
            return self._article(parse, locale)
        overview_first = entry is None or parse.faq_confidence < SURE_ENOUGH
        if overview_first and (answer := self._overview(parse, locale)) is not None:
            return answer
        dialogue = parse.intent in DIALOGUE_INTENTS and not reports_harm(parse, self.subject)
        if entry is None and dialogue:
            key = INTENT_STRINGS.get(parse.intent, "qa.use_menu")
            return self._plain(parse, parse.intent, (Reply(self._say(key, locale)),), False)
        if entry is None and parse.intent == "out_of_scope":
            if not legal_on_subject(parse, self.subject):
                reply = Reply(self._say("qa.out_of_scope", locale))
                return self._plain(parse, "out_of_scope", (reply,), True)
            parse = replace(parse, intent="ask_law")  # "vợ tôi bị trầm cảm sau sinh, hay đánh con"
        if entry is not None:
            return self._faq_answer(parse, entry, locale, local_help)
        if parse.intent == "find_services":
            replies = (Reply(self._services_text(locale, local_help)),)
            return self._plain(parse, "find_services", replies, False)
        found = related_articles(self.index(), self.faq, parse) if self.index else []
        if found:
            reply, citations = related_reply(self.law, self.strings, found, locale)
            if lines := harm_help(parse, self.subject):
                reply = replace(reply, text=f"{reply.text}\n\n{self._say(lines, locale)}")
            answer = self._plain(parse, "ask_law", (reply,), False)
            return replace(answer, citations=citations, tentative=True)
        likely = likely_entry(self.faq, parse, self.subject) or story_entry(
            self.faq, parse, self.subject
        )
        if likely is not None:
            return self._likely(parse, likely, locale, local_help)
        return self.not_sure(parse, locale)

    def emergency(
        self, locale: str = "vi", local_help: Sequence[str] = (), parse: Parse | None = None
    ) -> list[Reply]:
        """Return the emergency answer (113, 111, 1900 969 680, local help), then what was asked."""
        if parse is not None and parse.emergency:
            return list(self.answer_parse(parse, locale, local_help).replies)
        text = self._say("qa.emergency", locale)
        if local_help:
            text += "\n\n" + self._say("qa.local_help", locale) + "\n" + "\n".join(local_help)
        return [Reply(text, emergency=True)]

    def button(self, payload: str, locale: str = "vi") -> list[Reply] | None:
        """Handle ``qa:more:<id>``, ``qa:faq:<id>`` and ``qa:art:<doc>:<article>`` payloads."""
        return payload_replies(payload, locale, self.faq, self.articles, self._entry_replies)

    def _confident_entry(self, parse: Parse) -> FaqEntry | None:
        if parse.faq_id is None or parse.faq_confidence < self.threshold:
            return None
        return self.faq.get(parse.faq_id)

    def _say(self, key: str, locale: str, **values: object) -> str:
        return self.strings.get(key, locale, **values)

    def _plain(
        self, parse: Parse, intent: str, replies: tuple[Reply, ...], fallback: bool
    ) -> Answer:
        return Answer(parse.text, intent, parse.confidence, fallback, parse.emergency, (), replies)

    def _entry_replies(
        self, entry: FaqEntry, locale: str, footer: bool | str = True, question: str = ""
    ) -> tuple[Reply, ...]:
        parts = [
            fit_opening(entry.answer_text(locale), question),
            cite_line(self.law, self.strings, entry.citations, locale),
        ]
        if locale not in entry.answer:
            parts.insert(0, self._say("qa.only_vietnamese", locale))
        if footer:
            key = footer if isinstance(footer, str) else TOPIC_FOOTERS.get(entry.topic)
            parts.append(self._say(key or DEFAULT_FOOTER, locale))
        buttons = []
        if entry.more_text(locale):
            buttons.append(Button(self._say("qa.more_button", locale), f"qa:more:{entry.id}"))
        first = entry.citations[0]
        label = self._say("qa.article_button", locale, article=first.article)
        buttons.append(Button(label, f"qa:art:{first.document}:{first.article}"))
        return (Reply("\n\n".join(p for p in parts if p), tuple(buttons)),)

    def _faq_answer(
        self,
        parse: Parse,
        entry: FaqEntry,
        locale: str,
        local_help: Sequence[str],
        hedged: bool = False,
    ) -> Answer:
        """Answer with ``entry``; a ``hedged`` answer keeps its yes or no for the question named."""
        intent = parse.intent if parse.intent in ("ask_law", "find_services") else "ask_law"
        entry = replace(entry, citations=asked_first(self.law, entry.citations, parse))
        others = suggestions.also(self.faq, parse.faq, entry)
        question = "" if hedged else parse.text
        footer = answer_footer(parse, self.subject)
        first, *rest = self._entry_replies(entry, locale, footer, question=question)
        first = replace(first, buttons=first.buttons + suggestions.buttons(others, locale))
        replies = (first, *rest)
        if local_help and (intent == "find_services" or entry.topic in SERVICE_TOPICS):
            local = self._say("qa.local_help", locale) + "\n" + "\n".join(local_help)
            replies = (*replies, Reply(local))
        return Answer(
            parse.text,
            intent,
            parse.faq_confidence,
            False,
            False,
            entry.citations,
            replies,
            entry.id,
            entry.topic,
            suggested=suggestions.first_citations(others),
        )

    def _likely(
        self, parse: Parse, entry: FaqEntry, locale: str, local_help: Sequence[str]
    ) -> Answer:
        """Return the entry's answer under a hedge naming the question it answers."""
        answer = self._faq_answer(parse, entry, locale, local_help, hedged=True)
        hedge = self._say("qa.likely", locale, question=suggestions.question(entry, locale))
        first, *rest = answer.replies
        first = replace(first, text=f"{hedge}\n\n{first.text}")
        return replace(answer, replies=(first, *rest), tentative=True)

    def _emergency(
        self, parse: Parse, entry: FaqEntry | None, locale: str, local_help: Sequence[str]
    ) -> Answer:
        replies = tuple(self.emergency(locale, local_help))
        if entry is None:
            offered = suggestions.after_emergency(self.faq, parse)
            if offered:
                buttons = suggestions.buttons(offered, locale)
                replies += (Reply(self._say("qa.emergency_questions", locale), buttons),)
            cited = suggestions.first_citations(offered)
            return Answer(
                parse.text, "emergency", parse.confidence, False, True, (), replies, suggested=cited
            )
        entry = replace(entry, citations=asked_first(self.law, entry.citations, parse))
        replies += self._entry_replies(entry, locale, footer=False, question=parse.text)
        answer = Answer(
            parse.text, "emergency", parse.confidence, False, True, entry.citations, replies
        )
        return replace(answer, faq_id=entry.id, topic=entry.topic)

    def _article(self, parse: Parse, locale: str) -> Answer:
        ref = parse.article
        assert ref is not None
        replies = self.articles.replies(ref.document, ref.article, ref.clause, locale)
        if not self.law.has(ref.document, ref.article, ref.clause):
            return self._plain(parse, "ask_law", tuple(replies), True)
        citation = Citation(ref.document, ref.article, ref.clause)
        return Answer(parse.text, "ask_law", 1.0, False, False, (citation,), tuple(replies))

    def _overview(self, parse: Parse, locale: str) -> Answer | None:
        if parse.document is None:
            return None
        found = overview(self.law, self.strings, parse.document, self.articles.today, locale)
        if found is None:
            return None
        reply, citations = found
        return Answer(parse.text, "ask_law", 1.0, False, False, citations, (reply,))

    def _services_text(self, locale: str, local_help: Sequence[str]) -> str:
        text = self._say("qa.services", locale)
        if local_help:
            text += "\n\n" + self._say("qa.local_help", locale) + "\n" + "\n".join(local_help)
        return text

    def not_sure(self, parse: Parse, locale: str = "vi") -> Answer:
        """Return the honest "not sure" answer, offering the closest questions as buttons."""
        entries = suggestions.closest(self.faq, parse.faq)
        help_key = harm_help(parse, self.subject) or "qa.not_sure_help"
        key = "qa.not_sure_told" if entries and tells_only(parse.text) else "qa.not_sure"
        text = self._say(key, locale) + "\n" + self._say(help_key, locale)
        reply = Reply(text, suggestions.buttons(entries, locale))
        cited = suggestions.first_citations(entries)
        confidence = parse.faq_confidence
        return Answer(
            parse.text, parse.intent, confidence, True, False, (), (reply,), suggested=cited
        )


def build_qa(
    content_dir: Path,
    strings: Strings,
    law: LawLibrary,
    settings: NluSettings,
    cache_dir: Path,
    today: date,
) -> tuple[QA, list[Problem]]:
    """Load the knowledge base and NLU content, build the engine; return QA and every problem."""
    faq, problems = load_faq(content_dir / "faq", law, today)
    nlu_content, nlu_problems = load_nlu_content(content_dir / "nlu")
    data = nlu_content.training(faq.examples(), law_names(law))
    engine = build_engine(data, settings, cache_dir)
    prepare = Preparer.from_data(data)
    index = functools.cache(
        functools.partial(article_index, law, today, prepare, cache_dir, data.digest())
    )
    qa = QA(engine, faq, law, strings, settings.threshold, today, data, index)
    return qa, problems + nlu_problems + missing_strings(strings, content_dir)
