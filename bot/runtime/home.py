"""Start, menu, help, language and data deletion: what every user can do."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.broadcasts import subscription
from bot.core.app import App
from bot.core.feature import Feature
from bot.core.messages import Reply
from bot.core.router import Router
from bot.core.turn import NO_WORDS, YES_WORDS, Outcome, Turn
from bot.runtime.about import about, asks_who_answers
from bot.runtime.privacy import PrivacyAnswer, asks_about_privacy
from nlu.normalize import fold

MENU = (
    ("core.menu.qa", "menu:qa"),
    ("core.menu.services", "svc:start"),
    ("core.menu.subscribe", "sub:start"),
    ("core.menu.report", "rep:start"),
    ("core.menu.quiz", "quiz:start"),
    ("core.menu.lang", "menu:lang"),
)


Items = Sequence[tuple[str, str]]
"""Menu buttons features add for the user's role (``router.menu_for``): label key, payload."""


def menu_reply(turn: Turn, key: str = "core.menu", more: Items = ()) -> Reply:
    """Return the main menu: the shared buttons, then those for the user's role.

    Campaign news is offered only where the channel can deliver it.
    """
    shown = [
        item for item in (*MENU, *more) if item[1] != "sub:start" or subscription.can_receive(turn)
    ]
    return turn.say(key, *(turn.button(label, payload) for label, payload in shown))


def start(turn: Turn, more: Items = ()) -> Outcome:
    """Greet, show the menu and (once) offer campaign news; leave any flow."""
    ask = subscription.ask_reply(turn)
    extra = (ask,) if ask is not None and turn.user.first_seen == turn.now else ()
    return turn.end(turn.say("core.greeting"), menu_reply(turn, more=more), *extra)


def show_menu(turn: Turn, more: Items = ()) -> Outcome:
    """Show the menu without greeting."""
    return turn.end(menu_reply(turn, more=more))


def help_text(router: Router, turn: Turn) -> Outcome:
    """List the commands this user may use."""
    lines = [turn.t("core.help")]
    lines += [turn.t(key) for _, key in router.visible_commands(turn.user.role)]
    return turn.reply(Reply("\n".join(lines)))


def language(turn: Turn) -> Outcome:
    """Set the locale from ``/lang en`` or a button, or offer the choice."""
    payload = turn.incoming.button or ""
    words = turn.text.split()
    wanted = payload.split(":", 1)[1] if payload.startswith("lang:") else ""
    wanted = wanted or (words[1].lower() if len(words) > 1 else "")
    if wanted in ("vi", "en"):
        user = replace(turn.user, locale=wanted)
        return Outcome((Reply(turn.strings.get("core.lang.done", wanted)),), user=user)
    vi, en = turn.button("core.lang.vi", "lang:vi"), turn.button("core.lang.en", "lang:en")
    return turn.reply(turn.say("core.lang.choose", vi, en))


ASKED_LANGUAGE = re.compile(
    r"^((xin|vui long|ban|bot|cho (toi|em|minh)|(toi|em|minh) muon|hay|co the|please|can you"
    r"|could you|do you) )*((doi|chuyen|dung|noi|viet|tra loi|nhan tin|chat|speak|answer|reply"
    r"|write|talk|switch|change)( (ngon ngu|language))? )?((sang|qua|bang|in|to) )?"
    r"(?P<wanted>tieng (anh|viet)|english|vietnamese)"
    r"( (duoc khong|khong|ko|nhe|nha|di|a|voi|please))*$"
)
"""A request for a language in words ("đổi sang tiếng Anh", "english please")."""


def asked_language(text: str) -> str | None:
    """Return the locale a message asks for in words ("en", "vi"), else None."""
    plain = " ".join(re.sub(r"[^\w ]+", " ", fold(text)).split())
    found = ASKED_LANGUAGE.match(plain)
    if found is None:
        return None
    return "vi" if found["wanted"] in ("tieng viet", "vietnamese") else "en"


def language_in_words(turn: Turn) -> Outcome:
    """Set the locale asked for in words, as ``/lang en`` does."""
    wanted = asked_language(turn.text) or ""
    return language(replace(turn, incoming=replace(turn.incoming, button=f"lang:{wanted}")))


def menu_button(turn: Turn, more: Items = ()) -> Outcome:
    """Handle ``menu:*`` buttons."""
    action = (turn.incoming.button or "").split(":", 1)[-1]
    if action == "lang":
        return language(replace(turn, incoming=replace(turn.incoming, button=None)))
    if action == "qa":
        return turn.reply(turn.say("core.qa_intro"))
    return show_menu(turn, more)


def delete_ask(turn: Turn) -> Outcome:
    """Ask for confirmation before deleting the user's data."""
    yes, no = turn.button("core.delete.yes", "del:yes"), turn.button("core.delete.no", "del:no")
    return turn.end(turn.say("core.delete.confirm", yes, no))


def delete_answer(turn: Turn) -> Outcome:
    """Delete everything about the user on ``del:yes``."""
    if turn.incoming.button == "del:yes":
        done = Reply(turn.t("core.delete.done"), clear_chat=True)
        return Outcome((done,), forget=True, intent="delete_data", confidence=1.0)
    return turn.reply(turn.say("core.delete.kept"))


def thanks(turn: Turn) -> Outcome:
    """Answer thanks."""
    return turn.reply(turn.say("core.thanks"))


ACK_WORDS = (
    YES_WORDS
    | NO_WORDS
    | {"um", "da", "da vang", "vang a", "ha", "hmm", "roi", "duoc", "dc", "?", "??"}
)
"""Whole messages that only acknowledge or answer yes or no, with no question pending (folded)."""


def acknowledged(text: str) -> bool:
    """Return whether ``text`` is only "ok", "vâng", "có", "không"… (no question to answer)."""
    return fold(text).strip(" !.,") in ACK_WORDS


WANTS_TO_ASK = re.compile(
    r"^(a |da |chao ban |xin chao )?(cho )?(toi |em |minh |chau |tui )?"
    r"(co (chuyen|viec|van de|cau hoi)( nay)? )?((muon|can|xin|co the|duoc) )*"
    r"(hoi|tu van|hoi dap|nho tu van)( giup( (toi|em|minh))?)?"
    r"( (ve|chut|mot chut|ti|ty|cau nay|mot cau|mot viec|mot chuyen|mot van de))?"
    r"( (ve )?(luat|phap luat|phap ly|van de nay|chuyen nay|viec nay))?"
    r"( (voi|a|nhe|duoc khong|duoc ko|dc ko|dc khong|ko|khong|ban|bot|chut))*$"
)
"""A wish to ask with no question yet ("tôi có chuyện này muốn hỏi", "cho em hỏi chút")."""
CALLING = re.compile(
    r"^(a |da )?((luat su|admin|ad|bot|ban|anh|chi|chu|bac|co|moi nguoi|tong dai vien"
    r"|tu van vien) )+oi( (a|oi|voi))*$"
    r"|^(a |da )?(toi |em |minh |chau |tui |con )?((muon|can|xin|nho) )*(giup do|giup|tro giup"
    r"|ho tro)( (toi|em|minh|chau|tui|con|voi|a|nhe|nha|gap|ban|bot|chut|ti|xiu))*$"
)
"""A call with no question yet: a name ("chị ơi", "ad ơi") or a plea ("em cần giúp", "giúp em")."""


def wants_to_ask(text: str) -> bool:
    """Return whether ``text`` only says the user wants to ask something, or calls for help."""
    plain = " ".join(re.sub(r"[^\w ]+", " ", fold(text)).split())
    return WANTS_TO_ASK.match(plain) is not None or CALLING.match(plain) is not None


def ask_intro(turn: Turn) -> Outcome:
    """Invite the question, with examples and the legal-aid and danger numbers."""
    return turn.reply(turn.say("core.ask_intro"))


def acknowledge(turn: Turn) -> Outcome:
    """Answer a bare "ok" or "không": ask what else is needed (not legal suggestions)."""
    return turn.reply(turn.say("core.ack"))


def register(router: Router, app: App) -> None:
    """Register the core commands, buttons and intents."""

    def more(turn: Turn) -> Items:
        return router.menu_for(turn.user.role)

    router.command("start", lambda t: start(t, more(t)), help_key="core.help.start")
    router.command(
        ["help", "menu", "trogiup"], lambda t: help_text(router, t), help_key="core.help.help"
    )
    router.command(["lang", "ngonngu"], language, help_key="core.help.lang")
    router.command(["xoa", "xoadulieu"], delete_ask, help_key="core.help.delete")
    router.button("menu", lambda t: menu_button(t, more(t)))
    router.button("lang", language)
    router.button("del", delete_answer)
    router.intent("greeting", lambda t: start(t, more(t)))
    router.intent("help", lambda t: show_menu(t, more(t)))
    router.intent("thanks", thanks)
    router.text(acknowledged, acknowledge)
    router.text(lambda text: asked_language(text) is not None, language_in_words)
    router.text(wants_to_ask, ask_intro)
    privacy = app.settings.privacy
    router.text(
        asks_about_privacy, PrivacyAnswer(privacy.store_citizen_text, privacy.story_minutes).answer
    )
    router.text(asks_who_answers, lambda t: about(t, menu_reply(t, more=more(t))))
    router.intent("delete_data", delete_ask)


FEATURE = Feature("home", register)
"""Start, menu, help, language and data deletion: what every user can do."""
