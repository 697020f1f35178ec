"""A report being written in chat, kept in the session between messages (JSON-able)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from bot.reports.forms import PARTS, Form


class Mode(StrEnum):
    """How the draft started: step by step, amending a saved report, or from one line."""

    NEW = "new"
    AMEND = "amend"
    LINE = "line"


@dataclass
class Draft:
    """What the officer has entered so far, and where the questions are."""

    unit: str
    form: str = ""
    period: str = ""
    mode: Mode = Mode.NEW
    values: dict[str, int] = field(default_factory=dict)
    current: str = ""
    """Slot being asked (state FIELD)."""
    queue: list[str] = field(default_factory=list)
    """Slots still to ask before the summary (edits, one-line gaps)."""
    asked: list[str] = field(default_factory=list)
    """Slots asked so far, for "quay lại"."""
    guided: bool = False
    """Ask every field in form order (``/baocao``)."""
    ref: str = ""
    base: dict[str, int] = field(default_factory=dict)
    """Values of the saved report this draft changes or adds to."""
    pending: list[tuple[int, str]] = field(default_factory=list)
    """One-line numbers not matched to a field: (value, words)."""
    text: str = ""
    """A one-line report waiting for its form to be chosen."""

    def to_data(self) -> dict[str, Any]:
        """Return the draft as session data."""
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Draft | None:
        """Rebuild a draft from session data; None if it is not one."""
        try:
            draft = cls(**data)
        except TypeError:
            return None
        draft.mode = Mode(draft.mode)
        draft.pending = [(int(v), str(w)) for v, w in draft.pending]
        return draft if isinstance(draft.unit, str) and draft.unit else None


def parts_of(form: Form, code: str) -> list[str]:
    """Return the part slots (female, male) of a field split by sex, else []."""
    slot = form.slot(code)
    if slot is None or slot.part is not None or not slot.field.by_sex:
        return []
    return [f"{code}_{part}" for part in PARTS]


def set_value(form: Form, draft: Draft, code: str, value: int | None) -> None:
    """Set (or clear, with None) one value; a total of 0 or none clears its parts."""
    if value is None:
        draft.values.pop(code, None)
    else:
        draft.values[code] = value
    if not value:
        for part in parts_of(form, code):
            draft.values.pop(part, None)


def _skipped(form: Form, values: dict[str, int], code: str) -> bool:
    slot = form.slot(code)
    if slot is None:
        return True
    if slot.part is not None:
        return not values.get(slot.field.code)
    return slot.field.of is not None and not values.get(slot.field.of)


def next_slot(form: Form, draft: Draft) -> str | None:
    """Return the next slot to ask, or None when the summary is next."""
    if draft.current and draft.values.get(draft.current):
        follow = [p for p in parts_of(form, draft.current) if p not in draft.queue]
        if follow and not draft.guided:
            draft.queue[:0] = follow
    if draft.queue:
        return draft.queue.pop(0)
    if not draft.guided:
        return None
    codes = [slot.code for slot in form.slots]
    start = codes.index(draft.current) + 1 if draft.current in codes else 0
    return next((c for c in codes[start:] if not _skipped(form, draft.values, c)), None)


def final_values(form: Form, draft: Draft, adding: bool) -> dict[str, int]:
    """Return the values to save: the draft's, or merged into the saved report's.

    A total given without its parts drops the saved parts, which no longer add up.
    """
    if draft.mode != Mode.LINE or not draft.ref:
        return dict(draft.values)
    merged = dict(draft.base)
    for code, value in draft.values.items():
        merged[code] = merged.get(code, 0) + value if adding else value
    for code in draft.values:  # after every value is in: a part later in the line came back
        parts = parts_of(form, code)
        base_split = not draft.base.get(code) or all(p in draft.base for p in parts)
        if parts and not (all(p in draft.values for p in parts) and (base_split or not adding)):
            for part in parts:
                merged.pop(part, None)
    return merged
