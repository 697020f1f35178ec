"""Who does what to whom in an English message ("my wife slaps me", "beaten by my husband").

nlu.roles reads Vietnamese word by word; folded, the English "me" is the Vietnamese "mẹ"
(mother), so English messages get their own small reader with three shapes: active ("my
husband hits me"), passive ("I was beaten by my husband") and no actor ("hitting your wife",
"hitting my wife": the speaker does it).
"""

from __future__ import annotations

import re

ROLE_WORDS = {
    "in_law": "mother-in-law|father-in-law|mother in law|father in law|in-laws|in laws",
    "husband": "husband|ex-husband|ex husband|boyfriend's father",
    "wife": "wife|ex-wife|ex wife",
    "parent": "father|mother|dad|mum|mom|parents|stepfather|stepmother|stepdad|stepmom",
    "child": "child|children|son|daughter|kid|kids|stepdaughter|stepson|baby",
    "employer": "boss|employer|manager|supervisor|director",
    "worker": "employee|employees|worker|workers|maid|housekeeper|staff",
}
"""English names of the roles of nlu.rolewords (in-laws first: "mother-in-law" is no mother)."""
ACTS = (
    r"hit|hits|hitting|beat|beats|beating|beaten|slap|slaps|slapped|slapping|kick|kicks|kicked"
    r"|kicking|punch|punches|punched|punching|abuse|abuses|abused|abusing|insult|insults|insulted"
    r"|insulting|rape|rapes|raped|raping|force|forces|forced|forcing|harass|harasses|harassed"
    r"|harassing|touch|touches|touched|touching|threaten|threatens|threatened|threatening|lock"
    r"|locks|locked|locking|starve|starves|starved|humiliate|humiliates|humiliated|hurt|hurts"
    r"|hurting|attack|attacks|attacked|attacking|mistreat|mistreats|mistreated|mistreating"
    r"|push|pushes|pushed|pushing|shove|shoves|shoved|choke|chokes|choked|strangle|strangled"
)
"""Acts with an actor and someone who suffers them."""
ROLE = "|".join(ROLE_WORDS.values())
OWNER = r"(?:my|his|her|their|the|a|an|our|your)"
ACTIVE = re.compile(
    rf"\b(?P<owner>{OWNER}\s+)?(?P<actor>{ROLE})\s+(?:\w+\s+){{0,2}}?(?:{ACTS})\b"
    rf"(?:\s+(?:(?P<me>me)\b|{OWNER}?\s*(?P<patient>{ROLE})\b))?"
)
PASSIVE = re.compile(rf"\b(?:{ACTS})\s+by\s+{OWNER}?\s*(?P<actor>{ROLE})\b")
BARE = re.compile(
    rf"\b(?P<i>i\s+(?:\w+\s+)?)?(?:{ACTS})\s+(?P<owner>{OWNER})\s+(?P<patient>{ROLE})\b"
)
ENGLISH = re.compile(
    r"\b(my|his|her|is|was|by|what|does|your|you|how|where|will|should|would|for|illegal|fine"
    r"|penalty|prison|when|every|i|at|she|they|who|this|are)\b"
)
"""English words that folded Vietnamese does not use ("me" is "mẹ", "the" is "thế", "can" is
"cần", so they are no sign); two are needed."""
SPOUSE_OF = dict.fromkeys(("father", "dad", "stepfather", "stepdad"), "husband")
SPOUSE_OF |= dict.fromkeys(("mother", "mum", "mom", "stepmother", "stepmom"), "wife")
"""A father hitting a mother is a husband hitting his wife."""


def role_of(word: str) -> str:
    """Return the role an English role word names."""
    return next(role for role, words in ROLE_WORDS.items() if word in words.split("|"))


def looks_english(text: str) -> bool:
    """Return whether ASCII text is English rather than Vietnamese typed without diacritics."""
    return text.isascii() and len(ENGLISH.findall(text.lower())) >= 2


def english_roles(text: str) -> tuple[str | None, str | None]:
    """Return (actor, patient) of an English message; "self" is the speaker; None when unsaid."""
    if not looks_english(text):
        return None, None
    lowered = " ".join(text.lower().split())
    if found := PASSIVE.search(lowered):
        return role_of(found["actor"]), "self"
    if found := ACTIVE.search(lowered):
        actor, patient = found["actor"], found["patient"]
        if actor in SPOUSE_OF and patient in SPOUSE_OF:
            return SPOUSE_OF[actor], SPOUSE_OF[patient]
        mine = (found["owner"] or "").strip() == "my"
        said = role_of(patient) if patient else None
        return role_of(actor), said or ("self" if found["me"] or mine else None)
    if found := BARE.search(lowered):
        mine = found["owner"] == "my" or found["i"] is not None
        return ("self" if mine else None), role_of(found["patient"])
    return None, None
