"""Config: typed, defaulted, documented; unknown keys stop start-up; secrets from env only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.config import Secrets, Settings
from bot.core.configfile import documented_keys, load_settings
from bot.core.problems import ContentError
from bot.runtime.assembly import load_runtime

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_shipped_config_is_valid_and_equals_defaults() -> None:
    settings, problems = load_settings(str(ROOT / "config.yml"), env={})
    assert problems == []
    assert settings == Settings()


def test_every_key_has_a_description() -> None:
    assert all(documented_keys().values())


def test_every_key_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    missing = [key for key in documented_keys() if f"`{key}`" not in section]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("web:\n  prot: 80\n", r"config.yml:2: unknown key 'web.prot' \(did you mean 'port'\?\)"),
        ("webb:\n  port: 80\n", r"config.yml:1: unknown key 'webb' \(did you mean 'web'\?\)"),
        ("web:\n  port: many\n", r"config.yml:2: web.port: .*integer"),
        ("nlu:\n  engine: gpt\n", r"config.yml:2: nlu.engine: .*'embedded' or 'rasa'"),
        ("web: [1\n", r"config.yml:2: YAML syntax"),
        ("web:\n  port: 1\nweb:\n  port: 2\n", r"config.yml:3: duplicate key 'web'"),
    ],
    ids=["typo-key", "typo-section", "wrong-type", "bad-choice", "bad-yaml", "duplicate"],
)
def test_bad_config_is_reported_with_line(tmp_path: Path, text: str, expected: str) -> None:
    _, problems = load_settings(write(tmp_path, text), env={})
    assert problems, "expected a problem"
    assert re.search(expected, str(problems[0])), str(problems[0])


def test_unknown_key_stops_startup(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"unknown key 'storage\.path'"):
        load_runtime(write(tmp_path, "storage:\n  path: x.db\n"))


def test_env_picks_file_and_overrides_db(tmp_path: Path) -> None:
    path = write(tmp_path, "web:\n  port: 9000\n")
    env = {"BINHDANG_CONFIG": path, "BINHDANG_DB": "/tmp/other.db"}
    settings, problems = load_settings(None, env=env)
    assert problems == []
    assert settings.web.port == 9000
    assert settings.storage.db_path == "/tmp/other.db"


def test_missing_explicit_config_is_a_problem(tmp_path: Path) -> None:
    _, problems = load_settings(str(tmp_path / "nope.yml"), env={})
    assert "config file not found" in str(problems[0])


def test_secrets_only_from_environment(tmp_path: Path) -> None:
    _, problems = load_settings(write(tmp_path, "telegram:\n  token: abc\n"), env={})
    assert "unknown key 'telegram.token'" in str(problems[0])
    secrets = Secrets.from_env({"TELEGRAM_BOT_TOKEN": "1:x", "ZALO_BOT_TOKEN": "z"})
    assert (secrets.telegram_token, secrets.zalo_token) == ("1:x", "z")
