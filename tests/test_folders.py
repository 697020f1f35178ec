"""`binhdang` from any folder: shipped content, per-user data, one line when content is missing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.core.configfile import load_settings
from bot.core.folders import SHIPPED_CONTENT, cache_dir, content_dir, db_file
from tests.conftest import ROOT, TEST_CACHE


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty folder with no config.yml and a private per-user data folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("BINHDANG_CONFIG", raising=False)
    monkeypatch.delenv("BINHDANG_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder


def test_defaults_use_the_shipped_content_and_per_user_folders(elsewhere: Path) -> None:
    settings, problems = load_settings()
    assert problems == []
    assert content_dir(settings) == SHIPPED_CONTENT
    assert (SHIPPED_CONTENT / "strings" / "core.yml").is_file()
    assert cache_dir(settings) == elsewhere.parent / "cache" / "binhdang"
    assert db_file(settings) == elsewhere.parent / "data" / "binhdang" / "binhdang.db"


def test_relative_paths_are_read_from_the_config_files_folder(
    elsewhere: Path, tmp_path: Path
) -> None:
    config = tmp_path / "site" / "config.yml"
    config.parent.mkdir()
    config.write_text("storage:\n  db_path: data/bot.db\npaths:\n  content: my-content\n", "utf-8")
    settings, problems = load_settings(str(config))
    assert problems == []
    assert content_dir(settings) == config.parent / "my-content"
    assert db_file(settings) == config.parent / "data" / "bot.db"


def test_ask_works_from_another_folder(elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(TEST_CACHE.parent))  # the tests' model cache
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert cli.main(["ask", "bạo lực gia đình là gì"]) == 0
    assert "Bạo lực gia đình" in out.getvalue()
    assert list(elsewhere.iterdir()) == []  # nothing written to the folder it ran from


def test_missing_content_is_one_clear_line(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text(f"paths:\n  content: {tmp_path / 'nowhere'}\n", "utf-8")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--config", str(config), "xin chào"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "no content found in" in lines[0]
    assert "--config, BINHDANG_CONFIG or paths.content" in lines[0]
    assert "Traceback" not in done.stderr
