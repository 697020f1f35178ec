"""A message that only introduces someone: "con gái tôi 14 tuổi", "tôi là công nhân nữ".

People type a story in pieces: "con gái tôi 14 tuổi", then "bị thầy dạy thêm sờ ngực". The first
piece alone got an entry on sex with a child under 16 (nothing had happened yet), the second one
read as its follow-up. Now the first piece gets a request for the rest, and the next message is
read after the person introduced. What is kept is the role as nlu.rolewords names it and the
age, never the message's text, in memory only, for KEPT_FOR.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.qa.memory import MAX_USERS, UserMemory
from nlu.normalize import fold
from nlu.rolewords import ROLE_PHRASES

KEPT_FOR = timedelta(minutes=10)
_SPEAKER = r"(?:toi|em|e|minh|tui|chau)"
_NEIGHBOUR = r"(?P<neighbour>(?:nha )?hang xom(?: (?:ben canh|nha toi|nha em))?|nha ben canh)"
"""Whose the person is when not the speaker's: "bé nhà hàng xóm 6 tuổi"."""
_CHARGE = r"(?: chu nhiem| day (?:them|kem|van|toan|nhac|ve|boi|lai xe))?"
"""What a teacher is in charge of: "thầy giáo chủ nhiệm", "cô dạy thêm"."""
_THIRD = (
    r"(?:no|(?P<small>be|con be|dua be|con nho|dua nho|con|con gai|con trai)"
    r"|em ay|em no|ban ay|co ay|anh ay|chi ay|nguoi do|nguoi ay"
    r"|anh ta|chi ta|ong ta|ba ta|co ta|ong ay|ba ay|han)"
)
"""Someone already told of, by a pronoun: "nó mới 17 tuổi" after "con gái tôi bị bạn trai đánh"."""
_AGE = r"(?:(?:nam nay|nay|da|moi|duoc|vua tron|tron) )?(?P<age>\d{1,3})(?: tuoi|t)"
_SEX = r"(?: (?:nu|nam))?"
_DETAIL = r"(?: (?:(?:nam|nam thu|lop) \d{1,2}|may|det may|da giay|xay dung|mam non|tieu hoc))?"
"""What may follow an occupation: "sinh viên năm 2", "học sinh lớp 8", "công nhân may"."""
_WORKPLACE = (
    r"lam (?:o|tai|cho) (?P<place>xuong|cong ty|nha may|xi nghiep|khu cong nghiep|cong truong"
    r"|nha hang|khach san|quan|cua hang|co quan|benh vien|truong)"
    r"(?: (?!bi |duoc |thi |ma )\w+){0,2}"
)
"""Where the speaker works, read as a worker: "tôi làm ở xưởng may", "em làm tại công ty giày"."""
_TRAILING = re.compile(r"(?: (?:roi|a|nhe|nha|day|thoi|ha|do))+$")
"""Folded particles that end a message and say nothing: "tôi 70 tuổi rồi", "em 16 tuổi ạ"."""
WORKER = "người lao động"
WHOSE = {"con": "con", "chau": "cháu", "vo": "vợ", "chong": "chồng"}
"""Whose the person is, folded and as written: "thầy chủ nhiệm của con tôi"."""
_PREGNANT = (
    r" (?:dang |da )?(?:mang thai|co bau|co thai|mang bau|bau)"
    r"(?: (?:duoc |gan )?\d{1,2} thang| thang thu \d{1,2})?| sap (?:sinh|de)"
)
"""Being pregnant, maybe for how long: "đang mang thai 5 tháng", "có bầu tháng thứ 7"."""
_DIVORCED = r" (?:da )?ly hon(?: duoc| roi)?(?: \d{1,2} (?:nam|thang))?(?: nay| roi)?"
"""Being divorced, maybe for how long: "tôi ly hôn được 1 năm", "em đã ly hôn rồi"."""
SEXES = ("phụ nữ", "đàn ông", "nữ", "nam", "nữ giới", "nam giới")
"""What the speaker may say they are ("tôi là nữ, 25 tuổi")."""
STATUSES = (
    "giáo viên",
    "sinh viên",
    "học sinh",
    "công nhân",
    "nhân viên",
    "người giúp việc",
    "giúp việc",
    "công chức",
    "viên chức",
    "bác sĩ",
    "y tá",
    "nông dân",
    "mẹ đơn thân",
    "người khuyết tật",
    "người cao tuổi",
    "lao động nữ",
    "công an xã",
    "trưởng thôn",
)
"""What the speaker may say they are or do besides a role word ("tôi là giáo viên")."""
OFFICERS = frozenset(
    {
        "cán bộ xã",
        "cán bộ phường",
        "cán bộ",
        "cán bộ hội phụ nữ",
        "cán bộ hội phụ nữ xã",
        "chủ tịch hội phụ nữ xã",
        "cán bộ văn hóa",
        "cán bộ văn hóa xã",
        "công chức văn hóa - xã hội",
        "công chức văn hóa xã hội",
        "cán bộ tư pháp",
        "cán bộ nội vụ",
    }
)
"""What a speaker says who may have come to send the commune's report ("tôi là cán bộ xã")."""
ABBREVIATIONS = frozenset({"ck", "vk", "bx", "ox", "chg"})
"""Role words too short to tell apart from other words once folded."""


@dataclass(frozen=True)
class Person:
    """Someone a message introduces: a role word, whether it is the speaker, an age if told."""

    role: str
    speaker: bool
    age: int | None
    pregnant: bool = False
    owner: str = "tôi"
    divorced: bool = False
    """Whose the person is: the speaker's, or "nhà hàng xóm" (a neighbour's)."""
    told_of: bool = False
    """Named by a pronoun ("nó mới 17 tuổi"): someone the story before told of."""

    @property
    def officer(self) -> bool:
        """Return whether the speaker says they are a commune officer."""
        return self.speaker and self.role in OFFICERS

    def before(self, text: str) -> str:
        """Return ``text`` read after the introduction ("con gái tôi 14 tuổi, bị thầy …")."""
        state = f" {self.age} tuổi" if self.age is not None else ""
        state += " đang mang thai" if self.pregnant else ""
        state += " đã ly hôn" if self.divorced else ""
        if not self.speaker:
            return f"{' '.join(filter(None, (self.role, self.owner)))}{state}, {text}"
        return f"tôi là {self.role}{state}, {text}" if self.role else f"tôi{state}, {text}"


@functools.lru_cache(maxsize=1)
def leading_role() -> re.Pattern[str]:
    """Return the pattern of a role word that opens a folded message ("thay co bi di tu khong")."""
    roles = {k for k, v in _phrases().items() if v not in SEXES}  # "phụ nữ có …" names women
    return re.compile(rf"^\W*(?:{_any_of(roles)})\b")


def _any_of(phrases: Iterable[str]) -> str:
    """Return a regular expression for any of the folded ``phrases``, the longest first."""
    return "|".join(sorted(map(re.escape, phrases), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _phrases() -> dict[str, str]:
    """Return each role phrase folded, mapped to the phrase as written."""
    phrases = (*ROLE_PHRASES.values(), SEXES, STATUSES, OFFICERS)
    found = {fold(p): p for group in phrases for p in group}
    return {k: v for k, v in found.items() if k not in ABBREVIATIONS}


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return the shapes "<role> tôi [age]", "tôi là <role> [age]", "nó <age>", "hắn là <role>"."""
    roles = _any_of(_phrases())
    grade = r" (?:dang |moi |con )?hoc lop (?P<grade>\d{1,2})"
    state = rf"(?P<state> {_AGE}|(?P<pregnant>{_PREGNANT})|(?P<divorced>{_DIVORCED})|{grade})?"
    whose = r"(?:(?P<whose>con|chau|vo|chong) )?"  # "thầy chủ nhiệm của con tôi"
    other = rf"^(?P<role>{roles}){_CHARGE} (?:cua )?{whose}(?:{_SPEAKER}|{_NEIGHBOUR}){state}$"
    said = rf" (?:(?:la|lam|lam nghe) (?P<role>{roles}){_DETAIL}{_SEX}|{_WORKPLACE})"
    mine = rf"^(?:{_SPEAKER}|(?:chi|anh)(?= la | lam ))(?:{said})?{state}$"  # "chị là công nhân"
    what = rf"(?: la (?P<role>{roles})(?: \w+){{0,3}})?"  # "anh ta là giám đốc công ty"
    third = rf"^{_THIRD}{what}{state}$"
    return re.compile(other), re.compile(mine), re.compile(third)


def introduced(text: str) -> Person | None:
    """Return the person a message only introduces, if that is all it does."""
    folded = _TRAILING.sub("", " ".join(re.findall(r"\w+", fold(text))))
    other, mine, third = _patterns()
    if (found := other.match(folded)) is not None:
        return _person(found, speaker=False)
    if (found := third.match(folded)) is not None and (found["state"] or found["role"]):
        return _told_of(found)
    found = mine.match(folded)
    if found is None or not (found["role"] or found["place"] or found["state"]):
        return None
    return _person(found, speaker=True)


def _person(found: re.Match[str], speaker: bool) -> Person:
    """Return the person of a matched introduction."""
    role = _phrases()[found["role"]] if found.groupdict().get("role") else ""
    role = WORKER if found.groupdict().get("place") else role
    age = int(found["age"]) if found["age"] else None
    owner = "nhà hàng xóm" if found.groupdict().get("neighbour") else "tôi"
    if whose := found.groupdict().get("whose"):
        owner = f"của {WHOSE[whose]} tôi"
    if found["grade"] and speaker:
        role = role or "học sinh"  # not the grade: "lớp 9" weighs more than the story after it
    pregnant, divorced = found["pregnant"] is not None, found["divorced"] is not None
    return Person(role, speaker, age, pregnant=pregnant, owner=owner, divorced=divorced)


def _told_of(found: re.Match[str]) -> Person:
    """Return someone told of by a pronoun: "bé" (a child), "học sinh" (a grade) or "người đó"."""
    small = _phrases().get(found["small"] or "", "bé")  # "con gái 14 tuổi": "con gái"
    role = small if found["small"] else "học sinh" if found["grade"] else "người đó"
    role = _phrases()[found["role"]] if found["role"] else role
    return replace(_person(found, speaker=False), role=role, owner="", told_of=True)


@dataclass(frozen=True)
class _Kept:
    person: Person
    at: datetime


class People:
    """The person each user introduced last, for KEPT_FOR, in memory only."""

    def __init__(self, limit: int = MAX_USERS) -> None:
        self.memory: UserMemory[_Kept] = UserMemory(limit)

    def keep(self, user: str, person: Person, now: datetime) -> None:
        """Keep ``person`` for the user's next message."""
        self.memory.change(user, lambda _: _Kept(person, now))

    def take(self, user: str, now: datetime) -> Person | None:
        """Return and forget the person the user introduced, if recent."""
        kept = self.memory.take(user)
        return kept.person if kept is not None and now - kept.at <= KEPT_FOR else None

    def forget(self, user: str) -> None:
        """Forget the user's person."""
        self.memory.forget(user)
