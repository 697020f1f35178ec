"""The services catalog a running bot uses: shipped directory, approved overrides, place index."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from bot.core.app import App
from bot.core.problems import ContentError
from bot.core.units import Units, official_units
from bot.services.directory import PLACE_NAMES_FILE, Directory, load_directory
from bot.services.lookup import Found, Say, find_help
from bot.services.placenames import place_index
from bot.services.places import PlaceIndex
from bot.services.proposals import ProposalStore


class Catalog:
    """The directory as citizens see it (YAML base + approved overrides) and how to search it."""

    def __init__(self, app: App) -> None:
        folder = app.content_dir / "services"
        self.app = app
        self.units: Units = official_units()
        self.places: PlaceIndex = place_index(folder / PLACE_NAMES_FILE)
        base, problems = load_directory(folder, self.units, None)
        if problems:
            raise ContentError(problems)
        self.base = base
        self.proposals = ProposalStore(app.db)

    def directory(self) -> Directory:
        """Return the current directory: the shipped entries with approved changes applied."""
        return self.base.merged(self.proposals.overrides(self.units))

    def today(self) -> date:
        """Return today's date in the bot's time zone."""
        return self.app.now().astimezone(ZoneInfo(self.app.settings.timezone)).date()

    def found(self, code: str) -> Found | None:
        """Return the help nearest to unit ``code`` (None for an unknown code)."""
        return find_help(self.directory(), self.units, code)

    def say(self, locale: str) -> Say:
        """Return a function giving UI strings in ``locale``."""
        strings = self.app.strings

        def say(key: str, **values: object) -> str:
            return strings.get(key, locale, **values)

        return say

    def unit_name(self, code: str) -> str:
        """Return a unit's name with its province, or the code itself if unknown."""
        unit = self.units.get(code)
        return self.places.label(unit) if unit is not None else code
