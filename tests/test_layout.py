"""The shape of the code: packages import downwards only, never in a circle, modules stay small.

Walks every module's imports with ``ast`` (lazy imports inside functions included), so a new
upward import, a circle between packages or an oversized module fails here, not in review.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 300

BELOW_JOBS = {"bot.core", "bot.storage", "nlu"}
ALLOWED: dict[str, set[str]] = {
    "nlu": set(),
    "bot.core": {"nlu"},
    "bot.storage": {"bot.core"},
    "bot.channels": {"bot.core"},
    "bot.law": {"bot.core", "nlu"},
    "bot.qa": {"bot.core", "bot.law", "nlu"},
    "bot.services": BELOW_JOBS | {"bot.qa", "bot.law"},
    "bot.reports": BELOW_JOBS,
    "bot.broadcasts": BELOW_JOBS,
    "bot.polls": BELOW_JOBS | {"bot.broadcasts", "bot.law", "bot.reports"},
    "bot.runtime": BELOW_JOBS
    | {"bot.channels", "bot.law", "bot.qa", "bot.services", "bot.reports", "bot.broadcasts"}
    | {"bot.polls", "bot.dashboard"},
    "bot.dashboard": BELOW_JOBS
    | {"bot.law", "bot.qa", "bot.services", "bot.reports", "bot.broadcasts", "bot.polls"}
    | {"bot.channels"},  # the web guard: security headers, body limits, rate limits
    "bot.cli": BELOW_JOBS
    | {"bot.channels", "bot.law", "bot.qa", "bot.services", "bot.reports", "bot.broadcasts"}
    | {"bot.polls", "bot.dashboard", "bot.runtime"},
    "bot": {"bot.cli"},
}
"""What each package may import besides itself: imports flow down, never up or sideways."""


def modules() -> Iterator[tuple[str, Path]]:
    """Yield (dotted name, path) for every module of bot/ and nlu/."""
    for top in ("bot", "nlu"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


NAMES = dict(modules())


def package_of(module: str) -> str:
    """Return the package a module belongs to: ``bot.reports.parse`` -> ``bot.reports``."""
    parts = module.split(".")
    if parts[0] == "nlu":
        return "nlu"
    if len(parts) == 1 or (len(parts) == 2 and module not in PACKAGES):
        return "bot"
    return ".".join(parts[:2])


PACKAGES = {name for name, path in NAMES.items() if path.name == "__init__.py"}


def imports_of(path: Path) -> set[str]:
    """Return the project modules ``path`` imports (``from bot.x import y`` counts bot.x.y too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in NAMES}


GRAPH = {name: imports_of(path) for name, path in NAMES.items()}


def test_every_package_is_in_the_table() -> None:
    packages = {package_of(name) for name in NAMES}
    assert packages <= set(ALLOWED), f"add the new package to ALLOWED: {packages - set(ALLOWED)}"


def test_imports_flow_down() -> None:
    upward = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if package_of(target) != package_of(module)
        and package_of(target) not in ALLOWED[package_of(module)]
    ]
    assert upward == [], "\n".join(upward)


def test_nlu_and_core_import_no_job_package() -> None:
    for module, targets in GRAPH.items():
        if package_of(module) in {"nlu", "bot.core"}:
            assert {package_of(t) for t in targets} <= {"nlu", "bot.core"}, module


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for target in graph.get(node, set()):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def test_no_circle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        home = package_of(module)
        graph.setdefault(home, set()).update(
            package_of(t) for t in targets if package_of(t) != home
        )
    for package in graph:
        assert _cycle_from(package, graph) is None, " -> ".join(_cycle_from(package, graph) or [])


def test_no_circle_between_modules() -> None:
    for module in GRAPH:
        cycle = _cycle_from(module, GRAPH)
        assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize("name", sorted(NAMES))
def test_modules_stay_small(name: str) -> None:
    lines = len(NAMES[name].read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{NAMES[name]} has {lines} lines; split it by what it holds"


def test_module_names_do_not_repeat_their_package() -> None:
    repeated = [
        name
        for name in NAMES
        if name.count(".") == 2 and name.split(".")[2].startswith(name.split(".")[1].rstrip("s"))
    ]
    assert repeated == []
