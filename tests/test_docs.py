"""The README documents what staff can do (issue 14): every officer and supervisor command."""

from __future__ import annotations

from bot.runtime.assembly import Runtime
from tests.conftest import ROOT


def test_issue14_readme_lists_every_officer_and_supervisor_command(runtime: Runtime) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Officer and supervisor commands", 1)[1].split("\n## ", 1)[0]
    staff: dict[int, str] = {}
    for name, route in runtime.router.commands.items():
        if route.roles:
            staff.setdefault(id(route), name)  # the first name is the one shown in /help
    missing = [name for name in staff.values() if f"/{name}" not in section]
    assert missing == []
    assert "/dangky" in section
