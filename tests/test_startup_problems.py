"""Issue 15: a misconfigured bot says what is wrong in one line per problem, never a traceback.

``check`` exits 1 and ``serve``/``ask``/``chat`` exit 2, each printing ``file:line: message``.
A broken database still lets the emergency answer through: it needs no storage.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.core.messages import Incoming
from bot.runtime.assembly import Runtime
from bot.storage.database import open_database
from tests.conftest import ROOT, TEST_CACHE

VERBS = [["serve"], ["ask", "bạo lực gia đình là gì"], ["chat"], ["check"]]
VERB_IDS = ["serve", "ask", "chat", "check"]


def config(tmp_path: Path, extra: str = "", content: Path | None = None) -> str:
    path = tmp_path / "config.yml"
    path.write_text(
        f"storage:\n  db_path: {tmp_path / 'bot.db'}\n"
        f"paths:\n  content: {content or ROOT / 'content'}\n  cache: {TEST_CACHE}\n{extra}",
        encoding="utf-8",
    )
    return str(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run the CLI; return its exit code and every printed line (stdout, then stderr)."""
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, [line for line in (out.out + out.err).splitlines() if line]


def expected_code(verb: str) -> int:
    return 1 if verb == "check" else 2


@pytest.mark.parametrize("argv", VERBS, ids=VERB_IDS)
def test_quiet_start_25_00_is_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config(tmp_path, 'broadcasts:\n  quiet_start: "25:00"\n')
    code, lines = run([*argv, "--config", path], capsys)
    assert code == expected_code(argv[0])
    assert f"{path}:7: broadcasts.quiet_start: '25:00' is not a time of day HH:MM" in lines[0]


@pytest.mark.parametrize("argv", VERBS, ids=VERB_IDS)
def test_invalid_timezone_is_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config(tmp_path, "timezone: Asia/Hanoi_City\n")
    code, lines = run([*argv, "--config", path], capsys)
    assert code == expected_code(argv[0])
    assert lines[0] == f"{path}:6: timezone: unknown time zone 'Asia/Hanoi_City' " + (
        "(e.g. 'Asia/Ho_Chi_Minh')"
    )


def test_every_problem_is_printed_not_just_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config(tmp_path, 'timezone: Nowhere\nweb:\n  prot: 80\nbroadcasts:\n  quiet_end: "7h"\n')
    code, lines = run(["serve", "--config", path], capsys)
    assert code == 2
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:{n}" for n in (6, 8, 10)]
    assert "did you mean 'port'?" in lines[1]


@pytest.mark.parametrize(
    ("env", "extra", "secret"),
    [
        ("TELEGRAM_BOT_TOKEN", "telegram:\n  webhook_url: https://x.example/t\n", "TELEGRAM"),
        ("ZALO_BOT_TOKEN", "zalo:\n  webhook_url: https://bot.example.org/zalo\n", "ZALO"),
    ],
    ids=["telegram", "zalo"],
)
@pytest.mark.parametrize("argv", VERBS, ids=VERB_IDS)
def test_webhook_mode_without_its_secret(
    argv: list[str],
    env: str,
    extra: str,
    secret: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(env, "123:abc")
    monkeypatch.delenv(f"{secret}_WEBHOOK_SECRET", raising=False)
    path = config(tmp_path, extra)
    code, lines = run([*argv, "--config", path], capsys)
    assert code == expected_code(argv[0])
    assert lines[0].startswith(f"{path}:7: ")
    assert f"{secret}_WEBHOOK_SECRET is missing or invalid" in lines[0]


@pytest.mark.parametrize("argv", VERBS, ids=VERB_IDS)
def test_corrupt_database_is_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bot.db").write_bytes(b"this is not SQLite\n" * 300)
    code, lines = run([*argv, "--config", config(tmp_path)], capsys)
    assert code == expected_code(argv[0])
    assert lines[0] == (
        f"{tmp_path / 'bot.db'}:1: cannot use the database: file is not a database "
        "(restore it from a backup or move it)"
    )


def test_check_finds_a_deleted_strings_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "strings" / "web.yml").unlink()
    code, lines = run(["check", "--config", config(tmp_path, content=content)], capsys)
    assert code == 1
    missing = [line for line in lines if "missing string" in line]
    assert f"{content / 'strings'}:1: missing string 'web.title' (used in " in missing[-1]
    assert {line.split("'")[1] for line in missing} >= {"web.title", "web.error.bad_request"}


def test_check_passes_a_good_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path)
    open_database(tmp_path / "bot.db").close()
    code, lines = run(["check", "--config", path], capsys)
    assert code == 0, lines


EMERGENCY = "chồng tôi đang cầm dao đòi giết tôi, cứu với"


def test_broken_database_still_gets_the_emergency_answer(runtime: Runtime) -> None:
    runtime.app.db.conn.close()  # every read and write now fails
    replies = runtime.dispatcher.handle(Incoming("web:danger", text=EMERGENCY))
    text = "\n".join(reply.text for reply in replies)
    for number in ("113", "111", "1900 969 680"):
        assert number in text


def test_broken_database_otherwise_apologises(runtime: Runtime) -> None:
    runtime.app.db.conn.close()
    replies = runtime.dispatcher.handle(Incoming("web:calm", text="bình đẳng giới là gì"))
    assert "trục trặc" in replies[0].text
