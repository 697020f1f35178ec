"""How people name each law document: short names for answers and aliases for article lookup."""

from __future__ import annotations

import re

from nlu.normalize import fold, normalize

# Short names that differ from "<title> <year>" (laws) or "Nghị định <number>" (decrees).
SHORT = {
    "13/2022/QH15": "Luật PCBLGĐ 2022",
    "52/2014/QH13": "Luật HN&GĐ 2014",
}

# Names citizens and officers use beyond those derived from the title and number.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "13/2022/QH15": (
        "luật phòng chống bạo lực gia đình",
        "luật pcblgđ",
        "luat pcbldg",
        "luật bạo lực gia đình",
        "luật blgđ",
    ),
    "73/2006/QH11": ("luật bđg",),
    "52/2014/QH13": ("luật hôn nhân gia đình", "luật hn&gđ", "luật hngđ", "luật hôn nhân"),
    "45/2019/QH14": ("luật lao động", "bllđ"),
    "11/2017/QH14": ("luật tgpl",),
    "125/2021/NĐ-CP": ("nghị định xử phạt bình đẳng giới",),
    "282/2025/NĐ-CP": ("nghị định xử phạt bạo lực gia đình",),
}

_NUMBER = re.compile(r"^(\d+)/(\d{4})/(.+)$")


def short_for(number: str, title: str) -> str:
    """Return the short human name of a document used in answers."""
    if number in SHORT:
        return SHORT[number]
    found = _NUMBER.match(number)
    if title.startswith("Nghị định") or found is None:
        return f"Nghị định {number}" if title.startswith("Nghị định") else title
    return f"{title} {found.group(2)}"


def _number_names(number: str, decree: bool) -> list[str]:
    """Return the ways people write a document's number ("nđ 125/2021", "luật số 13/2022/qh15")."""
    found = _NUMBER.match(number)
    if found is None:
        return [number]
    serial, year = found.group(1), found.group(2)
    if not decree:
        return [f"luật số {number}", number]
    return [
        f"nghị định {serial}",
        f"nghị định {serial}/{year}",
        f"nghị định {number}",
        f"nghị định số {number}",
        f"nđ {serial}",
        f"nđ {serial}/{year}",
        f"nđ-cp {serial}/{year}",
        number,
    ]


def _title_names(title: str, number: str) -> list[str]:
    """Return the title with and without commas, alone and followed by its year."""
    found = _NUMBER.match(number)
    bases = [title, title.replace(",", "")]
    names = list(bases)
    if found is not None:
        names += [f"{base} {found.group(2)}" for base in bases]
    return names


def aliases_for(number: str, title: str) -> list[str]:
    """Return the lower-case aliases of a document, each also without diacritics, no repeats."""
    decree = title.startswith("Nghị định")
    names = [] if decree else _title_names(title, number)
    names += list(EXTRA_ALIASES.get(number, ())) + _number_names(number, decree)
    if number in SHORT:
        names.append(SHORT[number])
    aliases: list[str] = []
    for name in names:
        for variant in (normalize(name), fold(name)):
            if variant not in aliases:
                aliases.append(variant)
    return aliases
