"""Support services near the user: find the place, answer with national then local help.

```mermaid
stateDiagram-v2
    [*] --> ask: svc:start button / find_services intent without a place
    ask --> ask: several matches (buttons svc:u:CODE) or a location share
    ask --> answer: one match, a button, or its number
    ask --> national: unknown place (national lines, honest message)
    answer --> [*]: place remembered on the user (unit code only)
```
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bot.core.app import App
from bot.core.feature import LocalHelp
from bot.core.messages import Button, Reply
from bot.core.problems import Problem
from bot.core.question import asks_a_question, says_thanks
from bot.core.records import User
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.core.units import Unit, official_units
from bot.qa.engine import QA
from bot.services.catalog import Catalog
from bot.services.directory import PLACE_NAMES_FILE, load_directory
from bot.services.lookup import Say, answer_text, help_lines, national_text
from bot.services.placenames import load_aliases
from bot.services.places import Search
from bot.services.residence import only_place
from bot.services.reviews import register as register_reviews
from bot.services.updates import register as register_updates
from nlu.asks import asks

TOPIC = "support_services"
STATE = "svc:place"
QUESTION_WORDS = 5
"""Text with more words than this that names no place is taken as a question, not a place."""
ASKING_WORDS = 3
"""Text of this many words with a question word ("ở được bao lâu") is a question too."""


def _a_question(text: str) -> bool:
    """Return whether text that names no place is a question rather than a misspelt name."""
    words = len(text.split())
    return words > QUESTION_WORDS or (words >= ASKING_WORDS and asks_a_question(text))


def check(directory: Path, today: date) -> list[Problem]:
    """Validate content/services: unit codes, phones, age, unknown keys, duplicate ids, aliases."""
    folder = directory / "services"
    units = official_units()
    _, problems = load_directory(folder, units, today)
    aliases = folder / PLACE_NAMES_FILE
    return problems + (load_aliases(aliases, units)[1] if aliases.exists() else [])


class Finder:
    """The citizen's side: ask for the place, offer matches, answer, remember the choice."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def start(self, turn: Turn) -> Outcome:
        """Ask where the user is (offering the saved place, if any)."""
        saved = self._unit(turn.user.place)
        buttons = [self._button(turn, saved, "svc.use_saved")] if saved else []
        asked = self._prompt(turn, "svc.ask_place", buttons)
        if turn.still_in_danger():  # "cháu gọi số nào" after the emergency answer: numbers first
            lines = Reply(national_text(self.catalog.directory(), turn.t))
            return turn.goto(STATE, {}, lines, asked)
        return turn.goto(STATE, {}, asked)

    def pressed(self, turn: Turn) -> Outcome:
        """Handle ``svc:start`` and ``svc:u:<code>`` buttons."""
        payload = turn.incoming.button or ""
        if payload == "svc:start":
            return self.start(turn)
        unit = self._unit(payload.removeprefix("svc:u:"))
        if not payload.startswith("svc:u:") or unit is None:
            return turn.reply(turn.say("core.button_unknown"))
        return self.show(turn, unit)

    def typed(self, turn: Turn) -> Outcome:
        """Handle text (or a location) sent while the bot waits for a place name."""
        if turn.incoming.location is not None and not turn.text:
            return self.location(turn)
        choice = turn.choice()
        if choice is not None and choice.startswith("svc:"):
            return self.pressed(replace(turn, incoming=replace(turn.incoming, button=choice)))
        search = self.catalog.places.search(turn.text)
        if not search.units:
            search = Search(tuple(self.catalog.places.find_in_text(turn.text, relaxed=True)))
        if not search.units and (_a_question(turn.text) or says_thanks(turn.text)):
            return turn.leave()  # answered as if the bot had not asked for a place
        return self.results(turn, search)

    def intent(self, turn: Turn) -> Outcome:
        """Answer ``find_services`` free text for the place it names, the saved place, or ask."""
        units = self.catalog.places.find_in_text(turn.text)
        if units:
            return self.results(turn, Search(tuple(units)))
        if "definition" in asks(turn.text) and (defined := self.definition(turn)) is not None:
            return defined
        saved = self._unit(turn.user.place)
        return self.show(turn, saved) if saved else self.start(turn)

    def definition(self, turn: Turn) -> Outcome | None:
        """Answer "nhà tạm lánh là gì" from the Q&A when it is sure: a question, not a request."""
        answer = self.catalog.app.parts.get(QA).answer(turn.text, turn.locale)
        if answer.fallback or answer.emergency or answer.faq_id is None:
            return None
        return replace(
            turn.reply(*answer.replies),
            intent=answer.intent,
            topic=answer.topic,
            confidence=answer.confidence,
        )

    def named(self, turn: Turn) -> Outcome:
        """Answer a message that is only a place name, sent outside the flow ("xã Sóc Sơn")."""
        search = only_place(self.catalog.places, turn.text)
        return self.results(turn, search) if search is not None else self.start(turn)

    def location(self, turn: Turn) -> Outcome:
        """Answer a shared location: the data has no coordinates, so ask for the name."""
        return turn.goto(STATE, {}, self._prompt(turn, "svc.location", []))

    def results(self, turn: Turn, search: Search) -> Outcome:
        """Answer one match, offer several as buttons, or give the national lines."""
        if not search.units:
            return self.not_found(turn)
        if len(search.units) == 1 and not search.old_name:
            return self.show(turn, search.units[0])
        buttons = [self._button(turn, unit) for unit in search.units]
        key = "svc.old_names" if search.old_name else "svc.choose"
        return turn.goto(STATE, {}, self._prompt(turn, key, buttons))

    def not_found(self, turn: Turn) -> Outcome:
        """Say honestly that the place is unknown, and give the national lines."""
        say: Say = turn.t
        text = turn.t("svc.not_found", query=turn.text[:60])
        text += "\n" + national_text(self.catalog.directory(), say)
        retry = turn.button("svc.retry", "svc:start")
        return replace(turn.end(Reply(text, (retry,))), topic=TOPIC)

    def show(self, turn: Turn, unit: Unit) -> Outcome:
        """Answer with the help for ``unit`` and remember it as the user's place."""
        found = self.catalog.found(unit.code)
        if found is None:
            return self.not_found(turn)
        text = answer_text(found, turn.t, self.catalog.places.label(unit))
        if (former := self.catalog.places.former_name(turn.text, unit)) is not None:
            text = turn.t("svc.former", old=former, new=unit.name) + "\n\n" + text
        answer = Reply(text, (turn.button("svc.retry", "svc:start"),))
        if turn.user.place == unit.code:
            return replace(turn.end(answer), topic=TOPIC)
        user = replace(turn.user, place=unit.code)
        return replace(turn.end(turn.say("svc.remembered"), answer), user=user, topic=TOPIC)

    def _unit(self, code: str | None) -> Unit | None:
        unit = self.catalog.units.get(code) if code else None
        return unit if unit is not None and unit.level != "national" else None

    def _button(self, turn: Turn, unit: Unit, key: str | None = None) -> Button:
        label = self.catalog.places.label(unit)
        return Button(turn.t(key, place=label) if key else label, f"svc:u:{unit.code}")

    def _prompt(self, turn: Turn, key: str, buttons: list[Button]) -> Reply:
        return Reply(turn.t(key) + "\n" + turn.t("svc.emergency"), tuple(buttons))


def register(router: Router, app: App) -> None:
    """Register the services buttons, place flow, intents and the officers' commands."""
    catalog = Catalog(app)
    finder = Finder(catalog)
    router.button("svc", finder.pressed)
    router.state("svc", finder.typed)
    router.intent("find_services", finder.intent)
    router.text(lambda text: only_place(catalog.places, text) is not None, finder.named)
    router.intent("location", finder.location)
    register_updates(router, catalog)
    register_reviews(router, catalog)
    app.parts.add(local_help(app, catalog))


def local_lines(catalog: Catalog, user: User) -> list[str]:
    """Return the local help lines for the user's place (none when the place is unknown)."""
    found = catalog.found(user.place) if user.place else None
    if found is None or found.place.level == "national":
        return []
    return help_lines(found, catalog.say(user.locale), catalog.places.label(found.place))


def local_help(app: App, catalog: Catalog | None = None) -> LocalHelp:
    """Return what lists local help lines for a user's chosen place."""
    known = catalog or Catalog(app)
    return LocalHelp(lambda user: local_lines(known, user))


@dataclass(frozen=True)
class TextAnswer:
    """A services answer outside a chat (``binhdang ask``): text, place code and level."""

    text: str
    place: str | None
    level: str
    confidence: float
    candidates: tuple[str, ...] = ()


def answer_for_text(app: App, text: str, locale: str = "vi") -> TextAnswer | None:
    """Answer ``text`` as a services question if the NLU reads it as ``find_services``."""
    parse = app.parts.get(QA).parse(text)
    if parse.emergency or parse.intent != "find_services":
        return None
    catalog = Catalog(app)
    say = catalog.say(locale)
    units = catalog.places.find_in_text(text)
    found = catalog.found(units[0].code) if units else None
    if found is None:
        lines = say("svc.national") + "\n" + national_text(catalog.directory(), say)
        return TextAnswer(lines, None, "national", parse.confidence)
    label = catalog.places.label(found.place)
    codes = tuple(u.code for u in units)
    text = answer_text(found, say, label)
    return TextAnswer(text, found.place.code, found.level, parse.confidence, codes)
