"""``binhdang broadcast``: create, preview, schedule, pause, resume, cancel, list, show, stats."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pytest

from bot.cli import main as cli
from tests.conftest import ROOT, TEST_CACHE


def config_for(tmp_path: Path) -> str:
    path = tmp_path / "config.yml"
    path.write_text(
        f"storage:\n  db_path: {tmp_path / 'bot.db'}\n"
        f"paths:\n  content: {ROOT / 'content'}\n  cache: {TEST_CACHE}\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    config = config_for(tmp_path)

    def invoke(*argv: str, code: int = 0) -> str:
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        assert cli.main(["broadcast", *argv, "--config", config]) == code, out.getvalue()
        return out.getvalue()

    return invoke


def test_lifecycle_from_the_command_line(run) -> None:  # type: ignore[no-untyped-def]
    assert "draft 1 created" in run("create", "--text", "Thông báo\nNội dung", "--province", "01")
    preview = run("preview", "1")
    assert "Thông báo" in preview
    assert "/dung" in preview
    assert "recipients now: 0" in preview
    assert "draft -> scheduled" in run("schedule", "1", "--at", "2026-11-24 08:00")
    assert "scheduled" in run("list")
    assert '"provinces": ["01"]' in run("show", "1")
    assert "cannot become paused" in run("pause", "1", code=1)
    assert "scheduled -> cancelled" in run("cancel", "1")
    assert "sent 0" in run("stats", "1")


def test_create_refuses_an_unsafe_first_line(run) -> None:  # type: ignore[no-untyped-def]
    out = run("create", "--text", "Bạo lực gia đình\nchi tiết", code=1)
    assert "first line names 'bạo lực'" in out


def test_every_action_has_help() -> None:
    top = cli.parser()
    broadcast = next(
        a.choices["broadcast"] for a in top._actions if isinstance(a, argparse._SubParsersAction)
    )
    actions = next(a for a in broadcast._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in actions._choices_actions}
    expected = {"list", "show", "preview", "create", "schedule", "pause", "resume", "cancel"}
    assert set(helps) == expected | {"stats"}
    assert all(helps.values())
