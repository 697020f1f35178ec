"""The binhdang command: scripted chat, check with planted errors, help for every command."""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.cli.run import warm
from bot.runtime.assembly import Runtime
from tests.conftest import ROOT, TEST_CACHE


def run(argv: list[str], stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None) -> str:
    assert monkeypatch is not None
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    monkeypatch.setattr(sys, "stdout", out)
    code = cli.main(argv)
    assert code == 0, out.getvalue()
    return out.getvalue()


def config_for(tmp_path: Path, content: Path | None = None) -> str:
    path = tmp_path / "config.yml"
    path.write_text(
        f"storage:\n  db_path: {tmp_path / 'bot.db'}\n"
        f"paths:\n  content: {content or ROOT / 'content'}\n  cache: {TEST_CACHE}\n",
        encoding="utf-8",
    )
    return str(path)


def test_scripted_chat_start_then_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run(
        ["chat", "--user", "web:demo", "--config", config_for(tmp_path)], "/start\n1\n", monkeypatch
    )
    assert "Xin chào" in out
    assert "1. Hỏi đáp pháp luật" in out
    assert "gõ câu hỏi" in out


def test_check_passes_on_shipped_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run(["check", "--config", config_for(tmp_path)], "", monkeypatch)
    assert "OK" in out


def test_check_reports_planted_error_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    strings = content / "strings" / "core.yml"
    strings.write_text(strings.read_text(encoding="utf-8") + "core.thanks:\n  vi: again\n", "utf-8")
    lines = strings.read_text(encoding="utf-8").count("\n")
    config = config_for(tmp_path, content)
    assert cli.main(["check", "--config", config]) == 1
    out = capsys.readouterr().out
    assert f"{strings}:{lines - 1}: duplicate key 'core.thanks'" in out


def subcommands(
    parser: argparse.ArgumentParser, prefix: str = ""
) -> list[tuple[str, argparse.ArgumentParser]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found.append((f"{prefix}{name}", child))
                found += subcommands(child, f"{prefix}{name} ")
    return found


def test_every_command_has_help() -> None:
    top = cli.parser()
    commands = subcommands(top)
    assert {"serve", "chat", "check", "ask"} <= {name for name, _ in commands}
    helps = {
        name: action.help
        for action in top._actions
        if isinstance(action, argparse._SubParsersAction)
        for name, action in [(c.dest, c) for c in action._choices_actions]
    }
    assert all(helps.values()), helps


HEAVY = ("sklearn", "scipy", "bm25s", "openpyxl", "telegram", "httpx", "playwright")
"""Libraries ``serve`` with the default config must not import: training, exports, channels."""


def test_serve_loads_no_training_or_export_library() -> None:
    """The command line and the web server import none of HEAVY (start-up time, issue 15)."""
    script = (
        "import sys\n"
        "from bot.cli.main import parser\n"
        "from bot.runtime.server import web_app\n"
        "parser()\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_serve_loads_the_article_index_before_the_first_question(runtime: Runtime) -> None:
    """Regression: the first "not sure" answer after a start built the index (over a second)."""
    index = runtime.qa.index
    assert index is not None
    index.cache_clear()  # type: ignore[attr-defined]
    warm(runtime)
    assert index.cache_info().currsize == 1  # type: ignore[attr-defined]
