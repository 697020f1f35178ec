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
    if not isinstance(data, LineDict) or not isinstance(data.get("aliases"), LineDict):
        return {}, [*problems, Problem(str(path), 1, "expected a mapping with an 'aliases' map")]
    aliases: dict[str, str] = {}
    for table in (data["aliases"], data.get("former", LineDict())):
        for code, names in table.items():
            line = table.line_of(code)
            if units.get(code) is None:
                problems.append(Problem(str(path), line, f"unknown unit code {code!r}"))
            elif not isinstance(names, LineList) or not all(isinstance(n, str) for n in names):
                problems.append(Problem(str(path), line, f"{code!r}: expected a list of names"))
            else:
                problems += _add_aliases(aliases, code, names, str(path))
    return aliases, problems


def former_names(path: Path) -> dict[str, str]:
    """Return the names of abolished provinces (``former``), each with its present unit's code."""
    data, _ = load_yaml(path)
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
    aliases, _ = load_aliases(path, units) if path.exists() else ({}, [])
    return PlaceIndex(units, aliases, former_names(path) if path.exists() else {})
