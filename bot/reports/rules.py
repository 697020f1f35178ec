"""Checking a report's numbers against its form: ranges, sums by sex, limits and growth."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.reports.forms import Form, RuleSpec, Slot

Values = Mapping[str, int]


@dataclass(frozen=True)
class Issue:
    """A problem with the numbers, told with the UI string ``key`` and the fields' labels.

    Blocking issues stop the save; others (``growth``) only ask the officer to confirm.
    """

    key: str
    slots: tuple[str, ...]
    numbers: dict[str, int] = field(default_factory=dict)
    blocking: bool = True


def value_issue(slot: Slot, value: int) -> Issue | None:
    """Return the issue with one value (below the minimum, above the maximum), if any."""
    if value < slot.min:
        return Issue("rep.err.below_min", (slot.code,), {"value": value, "min": slot.min})
    if value > slot.max:
        return Issue("rep.err.above_max", (slot.code,), {"value": value, "max": slot.max})
    return None


def _sum_issues(rule: RuleSpec, values: Values) -> list[Issue]:
    total = values.get(rule.total or "")
    parts = [(code, values[code]) for code in rule.parts if code in values]
    if total is None or not parts:
        return []
    given = sum(value for _, value in parts)
    codes = (rule.total or "", *(code for code, _ in parts))
    if len(parts) == len(rule.parts) and given != total:
        return [Issue("rep.err.sum", codes, {"total": total, "sum": given})]
    if given > total:
        return [Issue("rep.err.part_over", codes, {"total": total, "sum": given})]
    return []


def _at_most_issues(rule: RuleSpec, values: Values) -> list[Issue]:
    value, limit = values.get(rule.field or ""), values.get(rule.limit or "")
    if value is None or limit is None or value <= limit:
        return []
    codes = (rule.field or "", rule.limit or "")
    return [Issue("rep.err.at_most", codes, {"value": value, "limit": limit})]


def rule_issues(form: Form, values: Values) -> list[Issue]:
    """Return the blocking issues: every value in range, parts add up, limits respected."""
    issues = []
    for slot in form.slots:
        if slot.code in values:
            found = value_issue(slot, values[slot.code])
            issues += [found] if found else []
    for rule in form.rules:
        if rule.check == "sum":
            issues += _sum_issues(rule, values)
        elif rule.check == "at_most":
            issues += _at_most_issues(rule, values)
    return issues


def growth_issues(form: Form, values: Values, previous: Values | None) -> list[Issue]:
    """Return warnings for numbers over ``factor`` times the unit's previous period."""
    factors = [r.factor for r in form.rules if r.check == "growth" and r.factor]
    if not factors or not previous:
        return []
    factor, issues = min(factors), []
    for slot in form.slots:
        before, now = previous.get(slot.code, 0), values.get(slot.code)
        if slot.part is None and before >= 1 and now is not None and now > factor * before:
            numbers = {"value": now, "before": before, "factor": int(factor)}
            issues.append(Issue("rep.warn.growth", (slot.code,), numbers, blocking=False))
    return issues
