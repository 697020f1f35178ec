"""Citizens' questions: free text goes to the Q&A engine; its buttons come back here."""

from __future__ import annotations

from bot.core.app import App
from bot.core.feature import LocalHelp
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.qa.engine import QA
from nlu import Parse


class Questions:
    """Answers questions with the Q&A engine, adding local help when the place is known."""

    def __init__(self, qa: QA, local_help: LocalHelp) -> None:
        self.qa = qa
        self.local_help = local_help.lines

    def answer(self, turn: Turn, parse: Parse) -> Outcome:
        """Answer free text the other features did not claim."""
        answer = self.qa.answer_parse(parse, turn.locale, self.local_help(turn.user))
        intent = "fallback" if answer.fallback else answer.intent
        return Outcome(
            answer.replies, intent=intent, topic=answer.topic, confidence=answer.confidence
        )

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
