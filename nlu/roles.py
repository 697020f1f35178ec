"""Who does what to whom: the actor and patient of a message, for family, work and child pairs.

A bag of words cannot tell "chồng đánh vợ" from "vợ đánh chồng"; this small extraction step can. It
reads the teencode-expanded message word by word (limits and words: nlu.rolewords), in three shapes:

- passive: "[người] bị <vai> <việc>" ("tôi bị chồng đánh", "con dâu bị mẹ chồng hành hạ");
- active: "<vai> [của tôi] [hay] <việc> <vai|tôi>" ("chồng đánh vợ", "ck e hay chửi e");
- no actor: "<việc> <vai>" ("đánh vợ có bị phạt không").

"tôi/em/mình" (the speaker) becomes the counterpart of the other role when it can be told ("chồng
tôi …": the speaker is the wife). Messages with diacritics are read with them, so "bỏ" is not "bố"
and "còn" is not "con"; without diacritics the position of a word decides.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from nlu.englishroles import english_roles
from nlu.kinship import as_pair, speaker_as
from nlu.normalize import fold, normalize
from nlu.phrasetable import folded_pairs, is_marked, same
from nlu.rolepair import NONE, SELF, Roles
from nlu.roletables import groups, mother_and_me, not_acts, not_roles, starts, tables
from nlu.rolewords import (
    AGENTS,
    BA,
    CLAUSE,
    KIND,
    KIND_AFTER,
    MAX_CARRY,
    MAX_GAP,
    MAX_LEAD,
    PASSIVE,
    PLACE,
    POSSESSIVE,
    PREDICATE,
    SCORN,
    SUBJECT_AT,
    YOUNG_SPEAKER,
)
from nlu.topic import described

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class _Reader:
    """Reads one message's words."""

    words: tuple[str, ...]
    bare: tuple[str, ...]
    """The words folded."""
    marked: bool = False
    """Whether the message is typed with diacritics (its bare words are then read as typed)."""
    commas: frozenset[int] = frozenset()
    """The positions of the words that follow a comma: each starts a clause."""

    def after_comma(self, at: int) -> bool:
        """Return whether ``at`` is the first word after a comma."""
        return at > 0 and at in self.commas

    def next_subject(self, at: int) -> bool:
        """Return whether a role other than the speaker opens the clause after a comma at ``at``.

        "… không cho, vợ làm vậy": the wife is the next clause's subject, not the one refused;
        "…, tôi phản ứng" still names the speaker, who suffers in most stories.
        """
        if not self.after_comma(at) or self.act(at):
            return False
        found = self.role(at)
        return found is not None and found[0] != SELF

    def near_start(self, at: int) -> bool:
        """Return whether ``at`` is within SUBJECT_AT words of the start, or opens a clause."""
        return at <= SUBJECT_AT or self.after_comma(at)

    def role(self, at: int) -> tuple[str, int] | None:
        """Return the role (or SELF) named at ``at`` and its length in words."""
        roles, speaker, _, _ = tables()
        if not_roles().covers(self, at):
            return None
        return roles.match(self, at) or speaker.match(self, at)

    def word_is(self, at: int, options: tuple[str, ...]) -> bool:
        """Return whether the word at ``at`` is one of ``options``."""
        return 0 <= at < len(self.words) and any(
            same(self.words[at], self.bare[at], known, self.marked)
            for known in folded_pairs(options)
        )

    def act(self, at: int) -> int:
        """Return the length of the act named at ``at`` (0 when none is)."""
        if self.in_not_act(at):
            return 0
        found = tables()[3].match(self, at)
        return found[1] if found else 0

    def in_not_act(self, at: int) -> bool:
        """Return whether the word at ``at`` is part of a phrase that names no act ("ly hôn")."""
        return not_acts().covers(self, at)

    def next_act(self, at: int, reach: int = MAX_LEAD) -> tuple[int, int]:
        """Return where the next act within ``reach`` words starts and its length (0: none)."""
        for lead in range(reach + 1):
            if self.names_kind(at + lead) or self._opens_with_pair(at + lead, lead):
                break  # not next to the actor, folded "bo me" is the parents, not "bỏ mẹ"
            length = self.act(at + lead)
            if length:
                return at + lead, length
            if self.other_role(at + lead) or self.suffers_at(at + lead, AGENTS):
                break
            if self.after_comma(at + lead) and groups().match(self, at + lead):
                break  # "…, gia đình bên nội ép em": the group acts
        return at, 0

    def other_role(self, at: int) -> bool:
        """Return whether a role at ``at`` names someone else, not what the actor is ("làm thợ")."""
        found = self.role(at)
        if found is None:
            return False
        return found[0] == SELF or not self.says_what(at)  # "làm tôi sợ"

    def says_what(self, at: int) -> bool:
        """Return whether a role at ``at`` follows "làm" / "là": it says what someone is."""
        return self.word_is(at - 1, PREDICATE)

    def suffers_at(self, at: int, agents: tuple[str, ...] = ()) -> bool:
        """Return whether "bị" at ``at`` says someone suffers an act, not an illness ("bị ốm").

        With ``agents``, also when one of them follows ("bị anh rể đánh").
        """
        if not self.word_is(at, PASSIVE):
            return False
        if self.role(at + 1) is not None or self.word_is(at + 1, agents) or self.ba_acts(at + 1):
            return True
        return bool(self.act(self.skip_adverbs(at + 1)))

    def ba_acts(self, at: int) -> bool:
        """Return whether the southern "ba" (father) at ``at`` acts: "bị ba đánh" (BA)."""
        return self.word_is(at, BA) and bool(self.act(self.skip_adverbs(at + 1)))

    def names_kind(self, at: int) -> bool:
        """Return whether "là / phải bạo lực" at ``at`` names the kind asked about, not an act."""
        return self.word_is(at - 1, KIND_AFTER) and self.word_is(at, KIND)

    def skip_adverbs(self, at: int) -> int:
        """Return the position after any adverbs starting at ``at`` (folded "dam o" is no "dám")."""
        while (found := tables()[2].match(self, at)) is not None and not self.act(at):
            at += found[1]
        return at

    def patient_after(self, at: int, actor: str | None = None) -> str | None:
        """Return the role named within MAX_GAP words after ``at``, not after "ở" or "mà".

        "mẹ con tôi" is the speaker, unless a father acts ("bố đánh mẹ con tôi": the mother).
        """
        for gap in range(MAX_GAP + 1):
            if self.word_is(at + gap, PLACE) or self.starts_clause(at + gap):
                return None
            if self.next_subject(at + gap):
                return None
            if mother_and_me().match(self, at + gap) is not None:
                return "mother" if actor == "father" else SELF
            found = self.role(at + gap)
            if found is not None:
                return found[0]
        return None

    def starts_clause(self, at: int) -> bool:
        """Return whether a word that starts another clause is at ``at``.

        Typed without diacritics, "ma" is also "má" (mother): it starts a clause only when a
        role follows ("bi quay roi ma cong ty"), not in "đánh má" or "đánh má tôi".
        """
        if not self.word_is(at, CLAUSE):
            return False
        if self.marked or self.role(at) is None:
            return True
        following = self.role(at + 1)
        return following is not None and following[0] != SELF

    def possessed(self, at: int) -> tuple[bool, int]:
        """Return whether "(của) tôi" or "cháu" follows at ``at``, and the position after it.

        Not a word that opens the next clause or a role of its own: folded, "công nhân, tổ trưởng
        sờ tôi" holds "tớ" (to) before "trưởng", but the team leader acts.
        """
        if self.word_is(at, POSSESSIVE):
            at += 1
        elif self.after_comma(at) or self._names_a_pair(at):
            return False, at
        found = tables()[1].match(self, at) or self.word_is(at, YOUNG_SPEAKER)
        return (True, at + 1) if found else (False, at)

    def passive(self, at: int) -> Roles | None:
        """Read "[patient] bị [thằng] <actor>" where ``at`` is the position of "bị"."""
        found = self.role(at + 1) or (self.word_is(at + 1, SCORN) and self.role(at + 2)) or None
        found = ("father", 1) if found is None and self.ba_acts(at + 1) else found
        if found is None or found[0] == SELF:
            return None
        patient = self.ending_at(at) or SELF
        if patient == SELF:  # "mẹ em bị bố em đánh": the speaker's mother
            patient = self.ending_at(at - 1) or SELF
        return Roles(found[0], patient)

    def ending_at(self, at: int) -> str | None:
        """Return the role (or SELF) whose name ends just before ``at``; "X của Y": X."""
        before = ((start, self.role(start)) for start in range(max(at - 3, 0), at))
        start, found = next(((s, r) for s, r in before if r and s + r[1] == at), (0, None))
        if found is None or not self.word_is(start - 1, POSSESSIVE):
            return found[0] if found else None
        return self.ending_at(start - 1) or found[0]

    def active(self, at: int) -> Roles | None:
        """Read "<actor> [tôi] [hay] <act> <patient>" with the actor's role named at ``at``."""
        found = self.role(at)
        if found is None or found[0] == SELF or self.word_is(at - 1, (*PASSIVE, *POSSESSIVE)):
            return None
        mine, after = self.possessed(at + found[1])
        act, length = self.next_act(self.skip_adverbs(after))
        if not length and self.near_start(at):
            act, length = self.next_act(self.skip_adverbs(after), MAX_CARRY)
        if not length:
            return None
        patient = self.patient_after(act + length, found[0])
        if patient is None and mine:
            patient = described(self, at, found[0]) or SELF
        return Roles(found[0], patient)

    def bare_act(self, at: int) -> Roles | None:
        """Read "<act> <patient>" where no actor is named before the act."""
        length = self.act(at)
        if not length or self.role(at - 1) is not None or self._names_a_pair(at):
            return None
        patient = self.patient_after(at + length)
        return Roles(None, patient) if patient not in (None, SELF) else None

    def _opens_with_pair(self, at: int, lead: int) -> bool:
        """Return whether two-word roles start at ``at``, away from the actor or after a comma."""
        return (lead > 0 or self.after_comma(at)) and self._names_a_pair(at)

    def _names_a_pair(self, at: int) -> bool:
        """Return whether a role of two words or more starts at ``at`` ("bo me": bố mẹ, not bỏ)."""
        found = None if self.marked or self.says_what(at) else self.role(at)
        return found is not None and found[1] > 1  # "lam cong nhan" says what someone is


_SENTENCE_END = re.compile(r"[.!?;…]+(?=\s|$)|\n+")
"""Where a sentence ends: an act never reaches a role in the next ("đuổi ra khỏi nhà. Bố mẹ …")."""


@functools.lru_cache(maxsize=256)
def roles(text: str) -> Roles:
    """Return who acts on whom in ``text`` (raw or teencode-expanded), or NONE (cached)."""
    for sentence in _SENTENCE_END.split(text):
        found = _sentence_roles(sentence)
        if found.known:
            return found
    return speaker_as(Roles(*english_roles(text)))  # NONE unless the text looks English


def suffers(text: str) -> bool:
    """Return whether someone in ``text`` suffers an act, named or not ("bị đánh thì đi khám")."""
    reader = _reader(text)
    return any(reader.suffers_at(at) for at in range(len(reader.words)))


def _reader(text: str) -> _Reader:
    """Return the reader of ``text``'s words, as typed and folded."""
    normal = normalize(text)
    words = tuple(_WORD.findall(normal))
    bare = tuple(_WORD.findall(fold(text)))  # one fold per sentence, not per word: folding is slow
    if len(bare) != len(words):
        bare = tuple(fold(w) for w in words)
    return _Reader(words, bare, is_marked(words, bare), _after_commas(normal))


def _after_commas(normal: str) -> frozenset[int]:
    """Return the positions of the words that follow a comma in normalised text."""
    counts = (len(_WORD.findall(part)) for part in normal.split(",")[:-1])
    return frozenset(itertools.accumulate(counts))


def _sentence_roles(text: str) -> Roles:
    """Return who acts on whom in one sentence, read in Vietnamese, or NONE."""
    reader = _reader(text)
    opening = starts()
    for at in range(len(reader.words)):
        if reader.bare[at] not in opening:
            continue
        found = reader.passive(at) if reader.word_is(at, PASSIVE) else reader.active(at)
        found = found or reader.bare_act(at)
        found = found and as_pair(found)
        if found is not None and found.known:
            return speaker_as(found)
    return NONE
