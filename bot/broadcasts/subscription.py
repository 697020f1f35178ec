"""Opting in and out of campaign messages (opt-in, default no)."""

from __future__ import annotations

from dataclasses import replace

from bot.broadcasts.records import PUSH_CHANNELS
from bot.core.app import App
from bot.core.messages import Reply
from bot.core.router import Router
from bot.core.turn import Outcome, Turn


def can_receive(turn: Turn) -> bool:
    """Return whether the user's channel can deliver campaign messages (not the web chat)."""
    return turn.incoming.channel in PUSH_CHANNELS


def ask_reply(turn: Turn) -> Reply | None:
    """Return the opt-in question for users not yet subscribed, on channels that can deliver."""
    if turn.user.subscribed or not can_receive(turn):
        return None
    yes, no = turn.button("sub.yes", "sub:yes"), turn.button("sub.no", "sub:no")
    return turn.say("sub.ask", yes, no)


def subscribe(turn: Turn) -> Outcome:
    """Subscribe the user to campaign messages; elsewhere point to the Zalo or Telegram bot."""
    if not can_receive(turn):
        return Outcome((turn.say("sub.elsewhere"),), intent="subscribe", confidence=1.0)
    user = replace(turn.user, subscribed=True, stopped=False)
    return Outcome((turn.say("sub.done"),), user=user, intent="subscribe", confidence=1.0)


def unsubscribe(turn: Turn) -> Outcome:
    """Stop campaign messages at once, with a confirmation."""
    user = replace(turn.user, subscribed=False)
    return Outcome((turn.say("sub.stopped"),), user=user, intent="unsubscribe", confidence=1.0)


def cancel_or_unsubscribe(turn: Turn) -> Outcome:
    """``/dung``, ``/stop``: cancel the current flow if there is one, otherwise unsubscribe."""
    if turn.session.flow():
        return turn.end(turn.say("sub.flow_cancelled"))
    return unsubscribe(turn)


def cancel(turn: Turn) -> Outcome:
    """``/huy``: cancel the current flow; with none, ask whether campaign news should stop."""
    if turn.session.flow():
        return turn.end(turn.say("sub.flow_cancelled"))
    if not turn.user.subscribed:
        return turn.reply(turn.say("sub.nothing_to_cancel"))
    stop, keep = turn.button("sub.stop_button", "sub:stop"), turn.button("sub.keep", "sub:keep")
    return turn.reply(turn.say("sub.which", stop, keep))


def button(turn: Turn) -> Outcome:
    """Handle ``sub:*`` buttons."""
    action = (turn.incoming.button or "").split(":", 1)[-1]
    if action in ("yes", "start"):
        return subscribe(turn)
    if action == "stop":
        return unsubscribe(turn)
    if action == "keep":
        return turn.reply(turn.say("sub.kept"))
    return turn.reply(turn.say("sub.declined"))


def register(router: Router, app: App) -> None:
    """Register subscription commands, buttons and intents."""
    router.command(["nhantin", "subscribe"], subscribe, help_key="sub.help.subscribe")
    router.command(["huy"], cancel, help_key="sub.help.cancel")
    router.command(["dung", "stop", "unsubscribe"], cancel_or_unsubscribe, help_key="sub.help.stop")
    router.button("sub", button)
    router.intent("subscribe", subscribe)
    router.intent("unsubscribe", unsubscribe)
