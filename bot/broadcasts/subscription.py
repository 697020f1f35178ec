"""Opting in and out of campaign messages (opt-in, default no)."""

from __future__ import annotations

from dataclasses import replace

from bot.core.app import App
from bot.core.messages import Reply
from bot.core.router import Router
from bot.core.turn import Outcome, Turn


def ask_reply(turn: Turn) -> Reply | None:
    """Return the opt-in question for users not yet subscribed."""
    if turn.user.subscribed:
        return None
    yes, no = turn.button("sub.yes", "sub:yes"), turn.button("sub.no", "sub:no")
    return turn.say("sub.ask", yes, no)


def subscribe(turn: Turn) -> Outcome:
    """Subscribe the user to campaign messages."""
    user = replace(turn.user, subscribed=True, stopped=False)
    return Outcome((turn.say("sub.done"),), user=user, intent="subscribe", confidence=1.0)


def unsubscribe(turn: Turn) -> Outcome:
    """Stop campaign messages at once, with a confirmation."""
    user = replace(turn.user, subscribed=False)
    return Outcome((turn.say("sub.stopped"),), user=user, intent="unsubscribe", confidence=1.0)


def cancel_or_unsubscribe(turn: Turn) -> Outcome:
    """``/huy``: cancel the current flow if there is one, otherwise unsubscribe."""
    if turn.session.flow():
        return turn.end(turn.say("sub.flow_cancelled"))
    return unsubscribe(turn)


def button(turn: Turn) -> Outcome:
    """Handle ``sub:*`` buttons."""
    action = (turn.incoming.button or "").split(":", 1)[-1]
    if action in ("yes", "start"):
        return subscribe(turn)
    if action == "stop":
        return unsubscribe(turn)
    return turn.reply(turn.say("sub.declined"))


def register(router: Router, app: App) -> None:
    """Register subscription commands, buttons and intents."""
    router.command(["nhantin", "subscribe"], subscribe, help_key="sub.help.subscribe")
    router.command(
        ["huy", "dung", "stop", "unsubscribe"], cancel_or_unsubscribe, help_key="sub.help.stop"
    )
    router.button("sub", button)
    router.intent("subscribe", subscribe)
    router.intent("unsubscribe", unsubscribe)
