"""Citizens' questions: free text goes to the Q&A engine; its buttons come back here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.app import App
from bot.router import Router
from bot.storage.records import User
from bot.turn import Outcome, Turn
from nlu import Parse

LocalHelp = Callable[[User], Sequence[str]]


def no_local_help(user: User) -> Sequence[str]:
    """Return no local help (until the user's place is known)."""
    return ()


class Questions:
    """Answers questions with the Q&A engine, adding local help when the place is known."""

    def __init__(self, app: App, local_help: LocalHelp) -> None:
        self.qa = app.content.qa
        self.local_help = local_help

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


def register(router: Router, app: App, questions: Questions) -> None:
    """Register the Q&A button prefix."""
    router.button("qa", questions.button)
