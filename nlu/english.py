"""A small English normaliser for /lang en questions: contractions and possessives spelt out."""

from __future__ import annotations

import re

_CONTRACTIONS = (
    (re.compile(r"\bcan['’]t\b"), "can not"),
    (re.compile(r"\bwon['’]t\b"), "will not"),
    (re.compile(r"n['’]t\b"), " not"),
    (re.compile(r"['’]m\b"), " am"),
    (re.compile(r"['’]re\b"), " are"),
    (re.compile(r"['’]ve\b"), " have"),
    (re.compile(r"['’]ll\b"), " will"),
    (re.compile(r"['’]d\b"), " would"),
    (re.compile(r"['’]s\b"), ""),
)


def spell_out(text: str) -> str:
    """Return ``text`` with English contractions expanded ("don't" → "do not", "he's" → "he")."""
    if "'" not in text and "’" not in text:
        return text
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text
