"""The optional profile: sex, age band, province; asked once, with its purpose, each step skippable.

```mermaid
stateDiagram-v2
    [*] --> offer: first poll answer (idle, no emergency)
    offer --> sex: "Đồng ý" (consent stored)
    offer --> [*]: "Bỏ qua" (nothing stored)
    sex --> age: an option or "Bỏ qua"
    age --> province: an option or "Bỏ qua"
    age --> [*]: "Dưới 18" (only the age band kept; sex forgotten)
    province --> [*]: a province name or "Bỏ qua"
```
The flow is optional: the emergency answer ends it (bot/dispatcher.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.core.messages import Button, Reply
from bot.core.router import Router
from bot.core.turn import Outcome, Turn
from bot.core.units import official_units
from bot.polls.records import AGE_BANDS, SEXES, Profile
from bot.polls.repository import Profiles
from nlu.normalize import fold

FLOW = "profile"
PREFIX = "prof"
STEPS = {"sex": SEXES, "age_band": AGE_BANDS}
NEXT = {"sex": "age_band", "age_band": "province", "province": ""}
MINOR = "under18"
"""For a child only the age band is kept: a guardian's consent to more cannot be checked here."""
QUIET = timedelta(days=1)
"""How long after the emergency answer the profile is neither offered nor continued."""
ALIASES = {"hn": "01", "hcm": "79", "tphcm": "79", "sai gon": "79", "ho chi minh": "79"}


def province_code(text: str) -> str | None:
    """Return the code of the province a typed name means ("Hà Nội", "tp hcm", "tinh lao cai")."""
    words = fold(text).replace(".", " ").split()
    while words and words[0] in ("tp", "thanh", "pho", "tinh"):
        words = words[1:]
    name = " ".join(words)
    if name in ALIASES:
        return ALIASES[name]
    for unit in official_units().provinces():
        bare = fold(unit.name).removeprefix("thanh pho ").removeprefix("tinh ")
        if name and name in (bare, fold(unit.name)):
            return unit.code
    return None


def _valid(step: str, value: str) -> bool:
    if step in STEPS:
        return value in STEPS[step]
    unit = official_units().get(value)
    return unit is not None and unit.level == "province"


def _with(profile: Profile, step: str, value: str) -> Profile:
    if step == "sex":
        return replace(profile, sex=value)
    if step == "age_band":
        return replace(profile, age_band=value)
    return replace(profile, province=value)


def in_emergency(turn: Turn) -> bool:
    """Return whether the emergency answer was given in this session within ``QUIET``."""
    since = turn.in_danger_since()
    return since is not None and since < QUIET


def may_offer(turn: Turn, profiles: Profiles) -> bool:
    """Return whether the profile may be offered now: never before, idle, no emergency."""
    if turn.session.flow() not in ("", "poll") or in_emergency(turn):
        return False
    return profiles.get(turn.user.urn) is None


class ProfileChat:
    """The profile's offer, steps, and /hoso."""

    def __init__(self, profiles: Profiles) -> None:
        self.profiles = profiles

    def offer(self, turn: Turn) -> Reply | None:
        """Return the one-time offer (and note it was made), or None when it must not be made."""
        if not may_offer(turn, self.profiles):
            return None
        self.profiles.mark_asked(turn.user.urn, turn.now)
        yes = turn.button("poll.profile.yes", f"{PREFIX}:yes")
        return turn.say("poll.profile.ask", yes, self._skip(turn, "offer"))

    def _skip(self, turn: Turn, step: str) -> Button:
        return turn.button("poll.profile.skip", f"{PREFIX}:{step}:skip")

    def command(self, turn: Turn) -> Outcome:
        """``/hoso``: show what is stored, with change and delete buttons, or start the steps."""
        if turn.session.state and turn.session.flow() != FLOW:
            return turn.reply(turn.say("poll.profile.busy"))
        profile = self.profiles.get(turn.user.urn)
        if profile is None or profile.consented_at is None:
            return self._consent(turn)
        again = turn.button("poll.profile.change", f"{PREFIX}:yes")
        clear = turn.button("poll.profile.clear", f"{PREFIX}:clear")
        return turn.end(turn.say("poll.profile.current", again, clear, summary=self.summary(turn)))

    def button(self, turn: Turn) -> Outcome:
        """Handle ``prof:yes``, ``prof:clear`` and ``prof:<step>:<value or skip>``."""
        parts = (turn.incoming.button or "").split(":")[1:]
        if in_emergency(turn):
            return turn.end(turn.say("poll.profile.later"))
        if parts == ["yes"]:
            return self._consent(turn)
        if parts == ["clear"]:
            self.profiles.save(Profile(turn.user.urn, asked_at=turn.now))
            return turn.end(turn.say("poll.profile.cleared"))
        if len(parts) == 2 and parts[0] in NEXT:
            return self._step(turn, parts[0], parts[1])
        return turn.end(turn.say("poll.profile.nothing"))

    def _consent(self, turn: Turn) -> Outcome:
        profile = self.profiles.get(turn.user.urn) or Profile(turn.user.urn, asked_at=turn.now)
        self.profiles.save(replace(profile, consented_at=turn.now))
        return self._ask(turn, "sex")

    def _step(self, turn: Turn, step: str, value: str) -> Outcome:
        profile = self.profiles.get(turn.user.urn)
        if profile is None or profile.consented_at is None:
            return turn.end(turn.say("poll.profile.nothing"))
        if step == "age_band" and value == MINOR:
            self.profiles.save(replace(profile, sex=None, age_band=MINOR, province=None))
            return turn.end(turn.say("poll.profile.minor"))
        if value != "skip" and _valid(step, value):
            self.profiles.save(_with(profile, step, value))
        return self._ask(turn, NEXT[step])

    def _ask(self, turn: Turn, step: str) -> Outcome:
        if not step:
            return turn.end(turn.say("poll.profile.done", summary=self.summary(turn)))
        skip = self._skip(turn, step)
        if step == "province":
            return turn.goto(f"{FLOW}:province", {}, turn.say("poll.profile.province", skip))
        buttons = [turn.button(f"poll.{step}.{v}", f"{PREFIX}:{step}:{v}") for v in STEPS[step]]
        key = "poll.profile.sex" if step == "sex" else "poll.profile.age"
        return turn.goto(f"{FLOW}:{step}", {}, turn.say(key, *buttons, skip))

    def typed(self, turn: Turn) -> Outcome:
        """Text during the steps: an option's number or words, "bỏ qua", or a province name."""
        choice = turn.choice()
        if choice is not None and choice.startswith(f"{PREFIX}:"):
            return self.button(replace(turn, incoming=replace(turn.incoming, button=choice)))
        step = turn.session.state.partition(":")[2]
        if step != "province":
            return turn.reply(turn.say("poll.profile.pick"))
        code = province_code(turn.text)
        if code is None:
            skip = self._skip(turn, "province")
            return turn.reply(turn.say("poll.profile.province_unknown", skip, text=turn.text[:60]))
        return self._step(turn, "province", code)

    def summary(self, turn: Turn) -> str:
        """Return the stored fields as one line, e.g. "Nữ, 25–34, Hà Nội"."""
        profile = self.profiles.get(turn.user.urn) or Profile(turn.user.urn)
        parts = [turn.t(f"poll.sex.{profile.sex}")] if profile.sex else []
        parts += [turn.t(f"poll.age_band.{profile.age_band}")] if profile.age_band else []
        unit = official_units().get(profile.province) if profile.province else None
        parts += [unit.name] if unit else []
        return ", ".join(parts) or turn.t("poll.not_given")

    def register(self, router: Router) -> None:
        """Register /hoso, the ``prof`` buttons and the (optional) profile flow."""
        router.command("hoso", self.command, help_key="poll.help.profile")
        router.button(PREFIX, self.button)
        router.state(FLOW, self.typed, optional=True)
