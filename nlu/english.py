"""A small English normaliser for /lang en questions: contractions and possessives spelt out."""

from __future__ import annotations

import re

from nlu.normalize import has_diacritics

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


_WORDS = (
    "is are am was were what where when why how who which your his her i you we they with from "
    "for of and this that there their have has had does did will would should could please "
    "husband wife boss child children violence police report marriage married divorce law "
    "beat beats beaten hit hits abuse abused danger help touch touches touched touching work job "
    "office harass harassed harassing harassment rape raped sexual daughter son mother father "
    "boyfriend girlfriend teacher school home family hurt hurts threaten threatens threatened "
    "scared afraid kill want wants forced pregnant she her him legal prison jail fined punished go "
    "free about number phone hotline shelter safe he says said take takes took send back without "
    "baby passport papers someone speak speaks english hi hello woman women man men living live "
    "lives vietnamese foreigner foreign get here divorced divorcing lose losing kids custody visa "
    "stay country keep keeps kept money"
)
ENGLISH_WORDS = frozenset(_WORDS.split())
"""Words of English that are no Vietnamese word typed without diacritics: not "to", "do", "can",
"me", "the", "my", "it", "in", "on", "be" ("to", "do", "cần", "mẹ", "thế", "Mỹ", "ít", "in", "ổn",
"bé"). "go" ("gõ") and "son" ("Sơn") are kept: a question to the bot rarely has them, and two such
words and a quarter of the message are needed ("can he go to prison")."""
ENGLISH_SHARE = 0.25
"""Share of a message's words that must be such words."""


def written_in_english(text: str) -> bool:
    """Return whether a message is written in English ("where can I call if I'm in danger")."""
    if has_diacritics(text):
        return False
    words = re.findall(r"[a-z]+", text.lower())
    known = [w for w in words if w in ENGLISH_WORDS]
    return len(words) >= 3 and len(set(known)) >= 2 and len(known) >= ENGLISH_SHARE * len(words)
