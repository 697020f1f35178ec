"""Vietnamese text normalisation: NFC, case, whitespace, control characters, diacritic folding."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def _keep(char: str) -> bool:
    """Return whether ``char`` survives normalisation (control and format chars do not)."""
    if char in "\n\t ":
        return True
    return unicodedata.category(char)[0] != "C"


def normalize(text: str) -> str:
    """Return NFC, lower-cased text with control characters dropped and whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    if not text.isprintable():
        text = "".join(char if _keep(char) else " " for char in text)
    return _SPACE.sub(" ", text.lower()).strip()


def fold(text: str) -> str:
    """Return ``normalize(text)`` without diacritics (``đ`` becomes ``d``)."""
    normalized = normalize(text)
    if normalized.isascii():
        return normalized
    if _NOT_LATIN.search(normalized) is None:  # letter by letter gives the same, much faster
        return normalized.translate(_LATIN_FOLDS)
    return strip_marks(normalized)


def strip_marks(text: str) -> str:
    """Return normalised ``text`` without combining marks (``đ`` becomes ``d``)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    stripped = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return unicodedata.normalize("NFC", stripped)


class _Folds(dict[int, str]):
    """Each Latin letter's folded form, computed on first use (for ``str.translate``)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = strip_marks(chr(code))
        return folded


_LATIN_FOLDS = _Folds()
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")
"""A character outside Latin (ASCII, Latin-1, Extended-A/B, Extended Additional). Text without
one folds letter by letter exactly: each of those letters is a starter that folds on its own."""


def words(text: str) -> list[str]:
    """Return the word tokens (letters and digits) of already normalised text."""
    return _WORD.findall(text)


def has_diacritics(text: str) -> bool:
    """Return whether ``text`` has any Vietnamese diacritic (so folding would change it)."""
    return fold(text) != normalize(text)
