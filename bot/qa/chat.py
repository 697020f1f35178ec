"""Citizens' questions: free text goes to the Q&A engine; its buttons come back here."""

from __future__ import annotations

from bot.core.app import App
from bot.core.feature import LocalHelp
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.qa.answer import Answer
from bot.qa.basis import basis_answer
from bot.qa.engine import QA
from bot.qa.followup import RecentEntries, is_followup, not_sure_after, sure_after
from nlu import Parse


class Questions:
    """Answers questions with the Q&A engine, adding local help when the place is known."""

    def __init__(self, qa: QA, local_help: LocalHelp) -> None:
        self.qa = qa
        self.local_help = local_help.lines
        self.recent = RecentEntries()

    def answer(self, turn: Turn, parse: Parse) -> Outcome:
        """Answer free text the other features did not claim."""
        answer = self._basis(turn, parse) or self.qa.answer_parse(
            parse, turn.locale, self.local_help(turn.user)
        )
        answer = self._in_context(turn, parse, answer)
        intent = "fallback" if answer.fallback else answer.intent
        return Outcome(
            answer.replies, intent=intent, topic=answer.topic, confidence=answer.confidence
        )

    def _in_context(self, turn: Turn, parse: Parse, answer: Answer) -> Answer:
        """Remember the entry answered; read a follow-up not understood alone after it."""
        user = turn.user.urn
        if answer.faq_id is not None and not (answer.fallback or answer.tentative):
            self.recent.remember(user, answer.faq_id, turn.now)
            return answer
        previous = self.recent.recall(user, turn.now)
        if not answer.fallback or answer.emergency or previous is None:
            return answer
        if not is_followup(parse.text):
            return answer
        return (
            sure_after(self.qa, previous, parse, turn.locale, self.local_help(turn.user))
            or not_sure_after(self.qa, previous, parse, turn.locale)
            or answer
        )

    def _basis(self, turn: Turn, parse: Parse) -> Answer | None:
        """Answer "quy định ở điều nào", "đọc điều 185" after an answer (not in danger)."""
        previous = self.recent.recall(turn.user.urn, turn.now)
        if previous is None or parse.emergency:
            return None
        return basis_answer(self.qa, previous, parse.text, turn.locale)

    def button(self, turn: Turn) -> Outcome:
        """Handle ``qa:*`` buttons (more text, a suggested topic, an article)."""
        replies = self.qa.button(turn.incoming.button or "", turn.locale)
        if replies is None:
            return turn.reply(turn.say("core.button_unknown"))
        return turn.reply(*replies)


def register(router: Router, app: App) -> None:
    """Register the Q&A button prefix; the runtime makes ``Questions.answer`` the fallback."""
    questions = Questions(app.parts.get(QA), app.parts.find(LocalHelp, LocalHelp()))
    app.parts.add(questions)
    router.button("qa", questions.button)
