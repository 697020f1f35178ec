"""The place-name file (content/services/place-names.yml): aliases and abolished provinces."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.core.problems import Problem
from bot.core.units import Units, official_units
from bot.core.yamlfile import LineDict, LineList, load_yaml
from bot.services.places import PlaceIndex, place_key


def load_aliases(path: Path, units: Units) -> tuple[dict[str, str], list[Problem]]:
    """Load ``aliases`` and ``former`` ({code: [names]}); flag unknown codes and shared names."""
    data, problems = load_yaml(path)
    return _aliases(data, units, str(path), problems)


def _aliases(
    data: object, units: Units, file: str, problems: list[Problem]
) -> tuple[dict[str, str], list[Problem]]:
    """Return the aliases and former names of the loaded file, by name, with its problems."""
    if not isinstance(data, LineDict) or not isinstance(data.get("aliases"), LineDict):
        return {}, [*problems, Problem(file, 1, "expected a mapping with an 'aliases' map")]
    aliases: dict[str, str] = {}
    for table in (data["aliases"], data.get("former", LineDict())):
        for code, names in table.items():
            line = table.line_of(code)
            if units.get(code) is None:
                problems.append(Problem(file, line, f"unknown unit code {code!r}"))
            elif not isinstance(names, LineList) or not all(isinstance(n, str) for n in names):
                problems.append(Problem(file, line, f"{code!r}: expected a list of names"))
            else:
                problems += _add_aliases(aliases, code, names, file)
    return aliases, problems


def _former(data: object) -> dict[str, str]:
    """Return the names of abolished provinces (``former``), each with its present unit's code."""
    table = data.get("former") if isinstance(data, LineDict) else None
    if not isinstance(table, LineDict):
        return {}
    return {n: str(code) for code, names in table.items() if isinstance(names, list) for n in names}


def _add_aliases(aliases: dict[str, str], code: str, names: LineList, file: str) -> list[Problem]:
    problems = []
    seen = {place_key(name): owner for name, owner in aliases.items()}
    for index, name in enumerate(names):
        if seen.get(place_key(name), code) != code:
            message = f"alias {name!r} already names unit {seen[place_key(name)]!r}"
            problems.append(Problem(file, names.line_of(index), message))
            continue
        aliases[name] = code
    return problems


@cache
def place_index(path: Path) -> PlaceIndex:
    """Return the index of official units plus the aliases in ``path`` (built once per file)."""
    units = official_units()
    if not path.exists():
        return PlaceIndex(units, {})
    data, problems = load_yaml(path)
    aliases, _ = _aliases(data, units, str(path), problems)
    return PlaceIndex(units, aliases, _former(data))
