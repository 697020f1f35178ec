"""What to tell someone about help where they are: commune entries, else province, else national."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.units import NATIONAL, Level, Unit, Units
from bot.services.directory import Directory, Entry

Say = Callable[..., str]
"""``say(key, **values)``: a UI string in the reader's locale."""


@dataclass(frozen=True)
class Found:
    """The help for a place: the level and unit the entries come from, and the national lines."""

    place: Unit
    level: Level
    source: Unit
    entries: tuple[Entry, ...]
    national: tuple[Entry, ...]


def find_help(directory: Directory, units: Units, code: str) -> Found | None:
    """Return the entries nearest to unit ``code``, or None if the code is unknown."""
    place = units.get(code)
    if place is None:
        return None
    nation = units.get(NATIONAL) or Unit(NATIONAL, "Việt Nam", "national", None, "quốc gia")
    national = tuple(directory.at(NATIONAL))
    chain = [place, units.province_of(code)] if place.level == "commune" else [place]
    for unit in chain:
        entries = directory.at(unit.code) if unit is not None else []
        if unit is not None and unit.level != "national" and entries:
            return Found(place, unit.level, unit, tuple(entries), national)
    return Found(place, "national", nation, (), national)


def entry_line(entry: Entry, say: Say, full: bool = False) -> str:
    """Return one bullet line; never an address for a shelter-like place."""
    details = [
        say("svc.entry.phone", phone=entry.phone) if entry.phone else say("svc.entry.no_phone")
    ]
    if entry.hours:
        details.append(say("svc.entry.hours", hours=entry.hours))
    if full and entry.serves:
        details.append(say("svc.entry.serves", serves=entry.serves))
    if full and entry.languages:
        details.append(say("svc.entry.languages", languages=", ".join(entry.languages)))
    if entry.hides_address:
        details.append(say("svc.entry.hidden_address"))
    elif full and entry.address:
        details.append(say("svc.entry.address", address=entry.address))
    if full and entry.note:
        details.append(entry.note)
    if full:
        details.append(say("svc.entry.verified", date=entry.last_verified.strftime("%d/%m/%Y")))
    return say("svc.entry", name=entry.name, details="; ".join(details))


def level_line(found: Found, say: Say, prefix: str, label: str) -> str:
    """Return the line saying which level the entries come from (``svc.level`` or ``svc.help``)."""
    if found.level == "commune":
        return say(f"{prefix}.commune", place=label)
    if found.level == "province" and found.place.level == "commune":
        return say(
            f"{prefix}.province_fallback", commune=found.place.name, province=found.source.name
        )
    if found.level == "province":
        return say(f"{prefix}.province", province=found.source.name)
    return say(f"{prefix}.national", place=label)


def report_line(found: Found, say: Say) -> str:
    """Return where to report violence (Điều 19): the commune's UBND when the commune is known."""
    if found.place.level == "commune":
        return say("svc.report.commune", place=found.place.name)
    return say("svc.report.any")


def help_lines(found: Found, say: Say, label: str) -> list[str]:
    """Return the short lines added to emergency and Q&A answers for the user's place."""
    entries = found.entries if found.level != "national" else found.national
    lines = [level_line(found, say, "svc.help", label)]
    lines += [entry_line(entry, say) for entry in entries]
    return [*lines, report_line(found, say)]


def answer_text(found: Found, say: Say, label: str) -> str:
    """Return the full services answer: national lines, local ones by level, the emergency line."""
    parts = [say("svc.heading", place=label)]
    parts.append("\n".join([say("svc.national"), *(entry_line(e, say) for e in found.national)]))
    local = [level_line(found, say, "svc.level", label)]
    local += [entry_line(entry, say, full=True) for entry in found.entries]
    parts += ["\n".join(local), report_line(found, say), say("svc.emergency")]
    return "\n\n".join(parts)


def national_text(directory: Directory, say: Say) -> str:
    """Return the national lines and the emergency line (for an unknown place)."""
    lines = [entry_line(entry, say) for entry in directory.at(NATIONAL)]
    return "\n\n".join(["\n".join(lines), say("svc.report.any"), say("svc.emergency")])
