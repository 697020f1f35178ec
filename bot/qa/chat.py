"""Citizens' questions: free text goes to the Q&A engine; its buttons come back here."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.core.app import App
from bot.core.feature import LocalHelp
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.qa.answer import Answer
from bot.qa.basis import basis_answer
from bot.qa.engine import QA
from bot.qa.feeling import felt
from bot.qa.followup import (
    again,
    kept_after,
    kind_after,
    not_sure_after,
    readings_after,
    subject,
    sure_after,
)
from bot.qa.likely import on_subject
from bot.qa.naming import asks_where, is_brief, is_followup, names_nothing
from bot.qa.opening import tells_only
from bot.qa.person import People, Person, introduced
from bot.qa.recent import RecentEntries
from bot.qa.story import Story, joined
from nlu import Parse
from nlu.normalize import fold

DANGER_NOW = re.compile(
    r"\b(tron|khong dam|dang|cuu|nhot|doa|duoi theo|khong (goi|nhan tin) duoc|het pin|run"
    r"|hiding|scared|afraid|frightened|locked in|can ?not call|can t call)\b"
)
"""Folded words of a danger now: hiding, not daring, "đang", locked in, threatened, chased (and
in English: "I'm scared to tell my mom")."""
AFRAID = re.compile(r"\bsợ\b")
"""Fear, read with diacritics (folded "so" is also a number, "số")."""
LATER_LOSS = re.compile(
    r"\bsợ (bị )?(mất (con|việc|nhà|quyền nuôi)|ảnh hưởng|mang tiếng|xấu hổ|người ta|hàng xóm"
    r"|ly hôn|con cái|đuổi việc|bị đuổi|chê cười|gia đình tan vỡ|bố mẹ buồn|mẹ buồn)"
)
"""A fear of what would follow ("không dám báo vì sợ mất con"): no danger now."""


class Questions:
    """Answers questions with the Q&A engine, adding local help when the place is known."""

    def __init__(self, qa: QA, local_help: LocalHelp, story: Story | None = None) -> None:
        self.qa = qa
        self.local_help = local_help.lines
        self.recent = RecentEntries()
        self.people = People()
        self.story = story or Story()

    def answer(self, turn: Turn, parse: Parse) -> Outcome:
        """Answer free text the other features did not claim; ask for the rest of a story."""
        if not parse.emergency and (person := introduced(parse.text)) is not None:
            return self._introduced(turn, parse, person)
        person = self.people.take(turn.user.urn, turn.now)
        if person is not None and not parse.emergency and not names_nothing(parse.text):
            parse = self.qa.parse(person.before(parse.text))
        previous = self.recent.recall(turn.user.urn, turn.now)
        answer = self._basis(turn, parse, previous) or self.qa.answer_parse(
            parse, turn.locale, self.local_help(turn.user)
        )
        answer = self._read_story(turn, parse, self._in_context(turn, parse, answer, previous))
        if answer.fallback and turn.still_in_danger() and tells_of_danger(parse.text):
            return Outcome((turn.say("qa.still_in_danger"),), intent="emergency")
        if answer.fallback and answer.intent == "out_of_scope" and (key := self._felt(parse)):
            return Outcome((turn.say(key),), intent="feeling")
        return _outcome(answer)

    def _read_story(self, turn: Turn, parse: Parse, answer: Answer) -> Answer:
        """Read a message not understood after the pieces told just before it (story.py).

        The answer before, if any, opens the story: "tôi sợ mất việc", "công ty có phải xử lý
        không" after harassment at work.
        """
        user = turn.user.urn
        if answer.emergency or not answer.fallback:
            self.story.forget(user)
            return answer
        pieces = self.story.told(user, turn.now)
        if answer.intent != "out_of_scope" or self._felt(parse) == "qa.tell_more":
            self.story.add(user, parse.text, turn.now)
        read = self._story_read(turn, pieces, parse.text) if pieces else None
        if read is None or (read.fallback and tells_only(parse.text)):
            return answer
        if read.fallback or read.faq_id is None:
            return read  # still not sure: what fits the whole story is offered
        self.story.forget(user)
        self.recent.remember(user, read.faq_id, turn.now)
        return read

    def _story_read(self, turn: Turn, pieces: tuple[str, ...], text: str) -> Answer | None:
        """Return the pieces and ``text`` read together: a new sure answer, or a fitting "not sure".

        None when neither: the answer before again is no news, nor an offer of nothing.
        """
        previous = self.recent.recall(turn.user.urn, turn.now)
        entry = self.qa.faq.get(previous or "")
        opening = entry.questions[0] if entry is not None else None
        read = self.qa.answer(
            joined(pieces, text, opening), turn.locale, self.local_help(turn.user)
        )
        if read.fallback:
            return read if read.suggested and read.intent != "out_of_scope" else None
        new = not read.tentative and read.faq_id not in (None, previous)
        return read if new else None

    def _felt(self, parse: Parse) -> str | None:
        """Return the reply to a message out of scope that tells a feeling, a hurt or a story.

        "de lai 2 dua con cho toi nuoi" (a piece of a story on the bot's subject) was "outside what
        I can help with": it gets the request to tell more.
        """
        if (key := felt(parse.text)) is not None:
            return key
        story = tells_only(parse.text) and on_subject(parse, self.qa.subject)
        return "qa.tell_more" if story else None

    def _introduced(self, turn: Turn, parse: Parse, person: Person) -> Outcome:
        """Keep the person a message introduces; ask for the rest, or note it after an answer.

        An age that keeps the answer before ("con tôi 8 tuổi" after who raises the child) gets
        that answer again: its rule is by age.
        """
        previous = self.recent.recall(turn.user.urn, turn.now)
        local = self.local_help(turn.user)
        if previous and (kept := kept_after(self.qa, previous, parse, turn.locale, local)):
            return _outcome(kept)  # the age was the answer's: no story to read the next message in
        self.people.keep(turn.user.urn, person, turn.now)
        key = "qa.noted" if person.told_of and previous is not None else "qa.tell_more"
        if person.officer:  # "tôi là cán bộ xã": how to send the report, or to register first
            key = "qa.officer_registered" if turn.user.is_staff else "qa.officer"
        return Outcome((turn.say(key),), intent="introduce")

    def in_danger(self, turn: Turn, parse: Parse) -> Parse:
        """Read a message in danger after the person introduced just before, if any."""
        person = self.people.take(turn.user.urn, turn.now)
        if person is None or names_nothing(parse.text):
            return parse
        reread = self.qa.parse(person.before(parse.text))
        return reread if reread.emergency else parse

    def after_emergency(self, turn: Turn, parse: Parse) -> None:
        """Remember the entry an emergency answer gave, for a follow-up ("em phải làm gì")."""
        answer = self.qa.answer_parse(parse, turn.locale)
        if answer.faq_id is not None and not (answer.fallback or answer.tentative):
            self.recent.remember(turn.user.urn, answer.faq_id, turn.now)

    def _in_context(self, turn: Turn, parse: Parse, answer: Answer, previous: str | None) -> Answer:
        """Read a follow-up after the entry answered before; remember the entry answered now.

        A message that names nothing ("có bị đi tù không", "ai xử phạt") is never answered alone:
        after an answer it is read as a follow-up, else it gets "not sure" (it got any entry).
        """
        if names_nothing(parse.text) and not answer.emergency:
            answer = (self._after(turn, parse, previous) if previous else None) or (
                answer if answer.fallback else self.qa.not_sure(parse, turn.locale)
            )
        elif answer.fallback and not answer.emergency and previous and _follows(parse.text):
            answer = self._after(turn, parse, previous) or answer
        elif not answer.emergency and previous and is_brief(parse.text):
            answer = self._surely_after(turn, parse, previous) or answer
        if answer.faq_id is not None and not (answer.fallback or answer.tentative):
            self.recent.remember(turn.user.urn, answer.faq_id, turn.now)
        return answer

    def _after(self, turn: Turn, parse: Parse, previous: str) -> Answer | None:
        """Return the answer, or the "not sure" offer, of a follow-up read after ``previous``.

        Read after the entry before it when only that reading is sure ("tôi có nên nghỉ việc
        không" after harassment at work, then its messages online: quitting without notice).
        """
        before = self.recent.before(turn.user.urn, turn.now)
        previous = subject(self.qa, previous, before, parse)
        ranking = readings_after(self.qa, previous, parse, turn.locale)
        local = self.local_help(turn.user)
        return (
            again(self.qa, previous, parse, turn.locale, local)
            or kept_after(self.qa, previous, parse, turn.locale, local)
            or sure_after(self.qa, ranking, parse, turn.locale, local)
            or kind_after(self.qa, ranking, parse, turn.locale, local, previous)
            or again(self.qa, previous, parse, turn.locale, local, loosely=True)
            or self._surely_after(turn, parse, before if before != previous else None)
            or not_sure_after(self.qa, ranking, parse, turn.locale)
        )

    def _surely_after(self, turn: Turn, parse: Parse, previous: str | None) -> Answer | None:
        """Return the answer a follow-up ("báo ai") surely has after ``previous``, if any."""
        if previous is None:
            return None
        local = self.local_help(turn.user)
        if asks_where(parse.text) and (told := again(self.qa, previous, parse, turn.locale, local)):
            return told  # "em báo ai được" after an answer that told where to report
        ranking = readings_after(self.qa, previous, parse, turn.locale)
        return sure_after(self.qa, ranking, parse, turn.locale, local) or kind_after(
            self.qa, ranking, parse, turn.locale, local, previous
        )

    def _basis(self, turn: Turn, parse: Parse, previous: str | None) -> Answer | None:
        """Answer "quy định ở điều nào", "đọc điều 185" after an answer (not in danger)."""
        if previous is None or parse.emergency:
            return None
        return basis_answer(self.qa, previous, parse.text, turn.locale)

    def introduce(self, turn: Turn) -> Outcome:
        """Answer a message that only introduces someone, whatever intent it reads as.

        "tôi là cán bộ hội phụ nữ xã" read as finding a service ("hội phụ nữ xã") and got "which
        province are you in?".
        """
        return self.answer(turn, self.qa.parse(turn.text))

    def button(self, turn: Turn) -> Outcome:
        """Handle ``qa:*`` buttons (more text, a suggested topic, an article)."""
        replies = self.qa.button(turn.incoming.button or "", turn.locale)
        if replies is None:
            return turn.reply(turn.say("core.button_unknown"))
        return turn.reply(*replies)


def _outcome(answer: Answer) -> Outcome:
    """Return the outcome of an answer: its replies, intent, topic and confidence."""
    intent = "fallback" if answer.fallback else answer.intent
    return Outcome(answer.replies, intent=intent, topic=answer.topic, confidence=answer.confidence)


def tells_of_danger(text: str) -> bool:
    """Return whether a message tells of hiding, fear or being unable to call, asking nothing."""
    lowered = text.lower()
    if not tells_only(text) or LATER_LOSS.search(lowered):
        return False
    return bool(DANGER_NOW.search(fold(text)) or AFRAID.search(lowered))


def _follows(text: str) -> bool:
    """Return whether a message not understood alone reads as a follow-up."""
    return is_followup(text) or asks_where(text)  # "tôi muốn tố cáo anh ấy thì làm sao"


def register(router: Router, app: App) -> None:
    """Register the Q&A button prefix; the runtime makes ``Questions.answer`` the fallback."""
    story = Story(timedelta(minutes=app.settings.privacy.story_minutes))
    questions = Questions(app.parts.get(QA), app.parts.find(LocalHelp, LocalHelp()), story)
    app.parts.add(questions)
    router.button("qa", questions.button)
    router.text(lambda text: introduced(text) is not None, questions.introduce)
