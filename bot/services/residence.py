"""Where people say they are: "tôi ở Đà Nẵng", "nhà em ở xã Sóc Sơn ạ", "ở Hà Nội"."""

from __future__ import annotations

import re

from bot.services.places import PlaceIndex, Search

_SAYS_WHERE = re.compile(
    r"^\s*(?:(?:nhà\s+)?(?:tôi|toi|em|mình|minh|tui|tớ|to|chị|chi|anh|cháu|chau|con)\s+)?"
    r"(?:đang\s+|dang\s+)?(?:sống\s+|song\s+)?(?:ở|o|tại|tai)\s+",
    re.IGNORECASE,
)
"""The words before the place: "(nhà) tôi (đang) (sống) ở", or "ở", "tại" alone."""
_PARTICLE = re.compile(r"(?:\s+(?:ạ|a|nhé|nhe|nha|nhá))?[\s.!]*$", re.IGNORECASE)
"""A polite word after the place ("ạ", "nhé"), a full stop: never a letter of the name."""


def place_said(text: str) -> str | None:
    """Return the place named in a sentence that only says where one is, else None."""
    found = _SAYS_WHERE.match(text)
    if found is None:
        return None
    return _PARTICLE.sub("", text[found.end() :]) or None


def only_place(places: PlaceIndex, text: str) -> Search | None:
    """Return the search for a message that is a place name, or says one is there, else None."""
    search = places.only_place(text)
    said = place_said(text) if search is None else None
    return places.only_place(said) if said else search
