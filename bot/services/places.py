"""Finding a province or commune from what people type, with or without diacritics."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.units import Unit, Units
from nlu.normalize import fold

PREFIXES = ("Thành phố ", "Đặc khu ", "Phường ", "Xã ", "Tỉnh ")
KIND_WORDS = {"xa": "xã", "phuong": "phường", "p": "phường", "dac khu": "đặc khu"}
KIND_WORDS |= {"tinh": "province", "tp": "province", "thanh pho": "province", "t p": "province"}
OLD_WORDS = frozenset({"huyen", "quan", "thi xa", "thi tran", "tx", "tt", "q", "h"})
"""Words naming district-level units that no longer exist since 1/7/2025."""
CUES = frozenset({"o", "tai", "gan", "quanh", "thuoc", "ve", "den"} | set(KIND_WORDS) | OLD_WORDS)
"""Words after which a name in a sentence is taken as a place."""
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
MAX_CHOICES = 8
ONLY_PLACE_WORDS = 6
"""Most words in a message read as nothing but a place name ("phường Bến Thành, Hồ Chí Minh": 6)."""
FUZZY_CUTOFF = 85
_APOSTROPHES = re.compile(r"['’`ʼ]")
_NOT_WORD = re.compile(r"[\W_]+")


def place_key(text: str) -> str:
    """Return the comparison form of a place name: folded, no apostrophes or punctuation."""
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", fold(text))).split())


def core_name(unit: Unit) -> str:
    """Return a unit's name without its kind (``Xã Ia Grai`` -> ``Ia Grai``)."""
    for prefix in PREFIXES:
        if unit.name.startswith(prefix):
            return unit.name[len(prefix) :]
    return unit.name


def _accent(word: str) -> str:
    """Return a word's letters and its tone sequence, so ``hoà`` and ``hòa`` compare equal."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    letters = "".join(c for c in decomposed if c not in TONES)
    return letters + "|" + "".join(c for c in decomposed if c in TONES)


def accent_compatible(typed: str, name: str) -> bool:
    """Return whether every word typed with diacritics has the same ones in ``name``."""
    typed_words, name_words = _words(typed), _words(name)
    if len(typed_words) != len(name_words):
        return True
    return all(
        _accent(t) == _accent(n) for t, n in zip(typed_words, name_words, strict=True) if _marked(t)
    )


def _words(text: str) -> list[str]:
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", unicodedata.normalize("NFC", text))).split()


def _marked(word: str) -> bool:
    return fold(word) != word.lower()


@dataclass(frozen=True)
class Search:
    """Units matching a typed name, best first; ``old_name`` when an old district word was used."""

    units: tuple[Unit, ...]
    old_name: bool = False


class PlaceIndex:
    """Every official unit by the comparison form of its name and of its aliases."""

    def __init__(
        self, units: Units, aliases: Mapping[str, str], former: Mapping[str, str] | None = None
    ) -> None:
        self.units = units
        self.former = {place_key(name): (name, code) for name, code in (former or {}).items()}
        self.exact: dict[str, list[tuple[Unit, str]]] = {}
        self.names: dict[str, list[str]] = {}
        for unit in units.by_code.values():
            if unit.level != "national":
                self._add(core_name(unit), unit)
        for alias, code in aliases.items():
            found = units.get(code)
            if found is not None:
                self._add(alias, found)
        self.compact = {key.replace(" ", ""): key for key in self.exact}

    def _add(self, name: str, unit: Unit) -> None:
        self.exact.setdefault(place_key(name), []).append((unit, name))
        self.names.setdefault(unit.code, []).append(name)

    def former_name(self, text: str, unit: Unit) -> str | None:
        """Return the abolished province's name ``text`` gives for ``unit`` ("Quảng Bình")."""
        said = f" {place_key(text)} "
        found = [
            name
            for key, (name, code) in self.former.items()
            if code == unit.code and f" {key} " in said
        ]
        return min(found, key=len) if found else None

    def lookup(self, key: str) -> list[tuple[Unit, str]]:
        """Return ``(unit, matched name)`` for a comparison key, also written without spaces."""
        exact = self.exact.get(key)
        if exact:
            return exact
        joined = self.compact.get(key.replace(" ", ""))
        return self.exact[joined] if joined else []

    def label(self, unit: Unit) -> str:
        """Return a unit's name, with its province for a commune."""
        province = self.units.province_of(unit.code)
        if unit.level != "commune" or province is None:
            return unit.name
        return f"{unit.name}, {province.name}"

    def search(self, text: str) -> Search:
        """Return the units a typed name (maybe followed by its province) most likely means."""
        parts = [p for p in re.split(r"[,;]", text) if place_key(p)]
        within = self._province(parts[-1]) if len(parts) > 1 else None
        name = ",".join(parts[:-1]) if within is not None else text
        words = place_key(name).split()
        kind, old, bare = _strip_kind(words)
        typed = " ".join(_words(name)[len(words) - len(bare) :])
        for candidate in [bare] if bare == words else [bare, words]:
            found = self._candidates(candidate, within)
            if found:
                ranked = self._rank(found, kind, typed)
                of_kind = [u for u in ranked if _level(u) == kind]
                return Search(tuple(of_kind if len(of_kind) == 1 else ranked[:MAX_CHOICES]), old)
        return Search((within,) if within is not None else (), old)

    def _candidates(self, words: list[str], within: Unit | None) -> list[Unit]:
        name = " ".join(words)
        found = [u for u, _ in self.lookup(name)]
        if not found and within is None:
            words, within = self._split_province(words)
            name = " ".join(words)
            found = [u for u, _ in self.lookup(name)] if name else []
        found = found or self._partial(name) or self._fuzzy(name)
        if within is not None:
            inside = [u for u in found if self.units.contains(within.code, u.code)]
            found = inside or found
        return found

    def _province(self, text: str) -> Unit | None:
        _, _, words = _strip_kind(place_key(text).split())
        found = [u for u, _ in self.lookup(" ".join(words)) if u.level == "province"]
        return found[0] if found else None

    def _split_province(self, words: list[str]) -> tuple[list[str], Unit | None]:
        for size in range(min(4, len(words) - 1), 0, -1):
            province = self._province(" ".join(words[-size:]))
            if province is not None:
                rest = words[:-size]
                while rest and rest[-1] in KIND_WORDS:
                    rest = rest[:-1]
                return rest, province
        return words, None

    def _partial(self, name: str) -> list[Unit]:
        if len(name) < 3:
            return []
        starts = [k for k in self.exact if k.startswith(name + " ")]
        inside = [k for k in self.exact if f" {name} " in f" {k} " and k not in starts]
        return [u for key in starts + inside for u, _ in self.exact[key]]

    def _fuzzy(self, name: str) -> list[Unit]:
        if len(name) < 4:
            return []
        close = process.extract(
            name.replace(" ", ""), list(self.compact), scorer=fuzz.ratio, limit=MAX_CHOICES
        )
        keys = [self.compact[key] for key, score, _ in close if score >= FUZZY_CUTOFF]
        return [u for key in keys for u, _ in self.exact[key]]

    def _rank(self, found: Iterable[Unit], kind: str | None, typed: str) -> list[Unit]:
        def score(unit: Unit) -> tuple[bool, bool, bool, str]:
            level = _level(unit)
            accents = any(accent_compatible(typed, name) for name in self.names[unit.code])
            return (kind not in (None, level), not accents, unit.level != "province", unit.code)

        return sorted({u.code: u for u in found}.values(), key=score)

    def only_place(self, text: str) -> Search | None:
        """Return the search for a message that is nothing but a place name, else None.

        "xã Sóc Sơn", "Sóc Sơn, Hà Nội" and "Đà Nẵng" are; "xã hội" and sentences are not: a
        bare name must be a province, a name after a kind word must be exact, and a name with
        its province after a comma must be found inside it.
        """
        words = place_key(text).split()
        if not words or len(words) > ONLY_PLACE_WORDS:
            return None
        kind, old, bare = _strip_kind(words)
        if "," in text or ";" in text:  # a province after the comma, first: no fuzzy search else
            if self._province(re.split(r"[,;]", text)[-1]) is None:
                return None
            search = self.search(text)
            return search if search.units and search.units[0].level != "province" else None
        if kind is not None or old:
            exact = self.lookup(" ".join(bare))
            return self.search(text) if exact else None
        province = self._province(text)
        return Search((province,)) if province is not None else None

    def find_in_text(self, text: str, relaxed: bool = False) -> list[Unit]:
        """Return the places a sentence names; a commune inside a province named too comes first."""
        tokens = _words(text)
        keys = [place_key(t) for t in tokens]
        hits: list[list[Unit]] = []
        start = 0
        while start < len(tokens):
            size, units = self._hit_at(tokens, keys, start, relaxed)
            hits += [units] if units else []
            start += size or 1
        inside = [u for n, units in enumerate(hits) for u in units if self._named_in(u, hits, n)]
        return self._rank(inside or [u for units in hits for u in units], None, "")[:MAX_CHOICES]

    def _named_in(self, unit: Unit, hits: list[list[Unit]], number: int) -> bool:
        others = [p for n, units in enumerate(hits) if n != number for p in units]
        return any(self._within(p, unit) for p in others)

    def _within(self, province: Unit, unit: Unit) -> bool:
        return (
            province.level == "province"
            and unit.level == "commune"
            and self.units.contains(province.code, unit.code)
        )

    def _hit_at(
        self, tokens: list[str], keys: list[str], start: int, relaxed: bool
    ) -> tuple[int, list[Unit]]:
        cue = start > 0 and (keys[start - 1] in CUES or " ".join(keys[start - 2 : start]) in CUES)
        for size in range(min(6, len(tokens) - start), 0, -1):
            typed = " ".join(tokens[start : start + size])
            matches = self.lookup(" ".join(keys[start : start + size]))
            units = [u for u, name in matches if accent_compatible(typed, name)]
            if units and (relaxed or cue or all(t[:1].isupper() for t in typed.split())):
                return size, units
            provinces = [u for u in units if u.level == "province"]
            if provinces and len(typed.replace(" ", "")) >= 3:
                return size, provinces
        return 0, []


def _level(unit: Unit) -> str:
    """Return what a kind word names for ``unit``: "province", or its kind ("xã", "phường")."""
    return "province" if unit.level == "province" else unit.kind


def _strip_kind(words: list[str]) -> tuple[str | None, bool, list[str]]:
    """Split leading kind words (``xã``, ``tp``, ``huyện`` ...) off a name."""
    for size in (2, 1):
        head = " ".join(words[:size])
        if len(words) > size and head in KIND_WORDS:
            return KIND_WORDS[head], False, words[size:]
        if len(words) > size and head in OLD_WORDS:
            return None, True, words[size:]
    return None, False, words
