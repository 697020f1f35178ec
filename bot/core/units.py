"""Administrative units since 1/7/2025: nation, 34 provinces, 3,321 communes (vietnam-provinces)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from vietnam_provinces import Province, Ward

NATIONAL = "VN"
Level = Literal["national", "province", "commune"]


@dataclass(frozen=True)
class Unit:
    """One unit: official code (province ``"01"``, commune ``"00070"``, nation ``"VN"``)."""

    code: str
    name: str
    level: Level
    parent: str | None
    kind: str


class Units:
    """The unit hierarchy, looked up by code."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.by_code: Mapping[str, Unit] = {u.code: u for u in units}
        children: dict[str, list[Unit]] = {}
        for unit in self.by_code.values():
            if unit.parent is not None:
                children.setdefault(unit.parent, []).append(unit)
        self.children = children

    def get(self, code: str) -> Unit | None:
        """Return the unit with this code, or None."""
        return self.by_code.get(code)

    def provinces(self) -> list[Unit]:
        """Return the provinces, by code."""
        return sorted(self.children.get(NATIONAL, []), key=lambda u: u.code)

    def communes(self, province: str) -> list[Unit]:
        """Return the communes of a province, by code."""
        return sorted(self.children.get(province, []), key=lambda u: u.code)

    def province_of(self, code: str) -> Unit | None:
        """Return the province a unit belongs to (itself for a province)."""
        unit = self.get(code)
        while unit is not None and unit.level == "commune":
            unit = self.get(unit.parent or "")
        return unit if unit is not None and unit.level == "province" else None

    def contains(self, ancestor: str, code: str) -> bool:
        """Return whether ``code`` is ``ancestor`` or lies below it."""
        unit = self.get(code)
        while unit is not None:
            if unit.code == ancestor:
                return True
            unit = self.get(unit.parent) if unit.parent else None
        return False


def clean_name(name: str) -> str:
    """Return a unit name in NFC with single spaces (the package has ``"Xã  Phú Hữu"``)."""
    return " ".join(unicodedata.normalize("NFC", name).split())


@cache
def official_units() -> Units:
    """Return the official hierarchy shipped by the ``vietnam-provinces`` package."""
    units = [Unit(NATIONAL, "Việt Nam", "national", None, "quốc gia")]
    for p in Province.iter_all():
        code, name = f"{int(p.code):02d}", clean_name(p.name)
        units.append(Unit(code, name, "province", NATIONAL, p.division_type.value))
    for w in Ward.iter_all():
        code, name, parent = f"{int(w.code):05d}", clean_name(w.name), f"{int(w.province_code):02d}"
        units.append(Unit(code, name, "commune", parent, w.division_type.value))
    return Units(units)
