"""Loading content/reports/*.yml into forms, reporting every problem as ``file:line: message``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.core.problems import Problem
from bot.core.yamlfile import LineDict, LineList, load_yaml
from bot.reports.forms import Form, Forms
from nlu.normalize import fold


def _line(data: Any, loc: tuple[int | str, ...]) -> int:
    node, line = data, getattr(data, "line", 1) or 1
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line, node = node.line_of(str(part)), node[str(part)]
        elif isinstance(node, LineList) and isinstance(part, int) and part < len(node):
            line, node = node.line_of(part), node[part]
        else:
            break
    return line


def _validation_problems(err: ValidationError, data: Any, file: str) -> list[Problem]:
    problems = []
    for e in err.errors():
        path = ".".join(str(p) for p in e["loc"])
        problems.append(Problem(file, _line(data, tuple(e["loc"])), f"{path}: {e['msg']}"))
    return problems


def _codes(form: Form) -> set[str]:
    return {slot.code for slot in form.slots}


def _field_problems(form: Form) -> Iterator[tuple[tuple[int | str, ...], str]]:
    seen: set[str] = set()
    words: dict[str, str] = {}
    for i, spec in enumerate(form.fields):
        if spec.code in seen:
            yield ("fields", i, "code"), f"duplicate field code {spec.code!r}"
        if spec.of is not None and spec.of not in seen:
            yield ("fields", i, "of"), f"'of' must name an earlier field, not {spec.of!r}"
        if spec.min > spec.max:
            yield ("fields", i, "min"), "min is larger than max"
        seen.add(spec.code)
        for word in spec.words:
            other = words.setdefault(fold(word), spec.code)
            if other != spec.code:
                yield ("fields", i, "words"), f"word {word!r} also names field {other!r}"
    sexed = {s.code for s in form.fields if s.by_sex}
    summed = {r.total for r in form.rules if r.check == "sum"}
    for code in sorted(sexed - summed):
        yield ("fields",), f"field {code!r} is split by sex but has no 'sum' rule"


def _rule_problems(form: Form) -> Iterator[tuple[tuple[int | str, ...], str]]:
    codes = _codes(form)
    for i, rule in enumerate(form.rules):
        named = [rule.total, rule.field, rule.limit, *rule.parts]
        for code in (c for c in named if c is not None and c not in codes):
            yield ("rules", i), f"rule names unknown field {code!r}"
        needed = {"sum": (rule.total, rule.parts), "at_most": (rule.field, rule.limit)}
        if rule.check in needed and not all(needed[rule.check]):
            yield (
                ("rules", i),
                f"rule {rule.check!r} needs "
                + ("'total' and 'parts'" if rule.check == "sum" else "'field' and 'limit'"),
            )
        if rule.check == "growth" and rule.factor is None:
            yield ("rules", i), "rule 'growth' needs 'factor'"


def _kind_problems(form: Form) -> Iterator[tuple[tuple[int | str, ...], str]]:
    kinds = [s.kind for s in form.schedules]
    if len(set(kinds)) != len(kinds):
        yield ("schedules",), "a period kind is listed twice"


def load_form(path: Path, display: str | None = None) -> tuple[Form | None, list[Problem]]:
    """Load and check one form file."""
    file = display or str(path)
    data, problems = load_yaml(path, file)
    if problems:
        return None, problems
    if not isinstance(data, LineDict):
        return None, [Problem(file, 1, "a form file must be a mapping")]
    try:
        form = Form.model_validate(data)
    except ValidationError as err:
        return None, _validation_problems(err, data, file)
    checks = [*_field_problems(form), *_rule_problems(form), *_kind_problems(form)]
    return form, [Problem(file, _line(data, loc), message) for loc, message in checks]


def _cross_problems(loaded: list[tuple[Path, Form]]) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, Path] = {}
    aliases: dict[str, str] = {}
    for path, form in loaded:
        if form.id in ids:
            problems.append(
                Problem(str(path), 1, f"form id {form.id!r} also used in {ids[form.id]}")
            )
        ids.setdefault(form.id, path)
        for alias in form.folded_aliases():
            if aliases.setdefault(alias, form.id) != form.id:
                problems.append(
                    Problem(str(path), 1, f"alias {alias!r} also names form {aliases[alias]!r}")
                )
    return problems


def load_forms(directory: Path) -> tuple[Forms, list[Problem]]:
    """Load every form under ``directory/reports``; return the forms and all problems."""
    problems: list[Problem] = []
    loaded: list[tuple[Path, Form]] = []
    paths = sorted((directory / "reports").glob("*.yml"))
    if not paths:
        problems.append(Problem(str(directory / "reports"), 1, "no report forms found"))
    for path in paths:
        form, found = load_form(path)
        problems += found
        if form is not None:
            loaded.append((path, form))
    problems += _cross_problems(loaded)
    return Forms(tuple(form for _, form in loaded)), problems
