"""``binhdang poll``: create, list, results, export, close, send, quiz (issue 17)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli import main as cli
from tests.conftest import ROOT, TEST_CACHE

Run = Callable[..., str]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    config = tmp_path / "config.yml"
    config.write_text(
        f"storage:\n  db_path: {tmp_path / 'bot.db'}\n"
        f"paths:\n  content: {ROOT / 'content'}\n  cache: {TEST_CACHE}\n",
        encoding="utf-8",
    )

    def invoke(*argv: str, code: int = 0) -> str:
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        assert cli.main(["poll", *argv, "--config", str(config)]) == code, out.getvalue()
        return out.getvalue()

    return invoke


def test_poll_from_the_command_line(run: Run, tmp_path: Path) -> None:
    created = run(
        "create",
        "--key=nghe-111",
        "--question=Bạn đã biết số 111 chưa?",
        "--option=Đã biết",
        "--option=Chưa biết",
        "--opens=2030-01-02 08:00",
        "--closes=2030-01-09 21:00",
        "--province=01",
    )
    assert "goes out at 08:00 02/01/2030" in created
    assert "exists already" in run(
        "create", "--key=nghe-111", "--question=x?", "--option=a", "--option=b",
        "--opens=2030-01-02 08:00", "--closes=2030-01-09 21:00", code=1,
    )  # fmt: skip
    assert "2 to 6 options" in run(
        "create", "--key=one", "--question=x?", "--option=a",
        "--opens=2030-01-02 08:00", "--closes=2030-01-09 21:00", code=1,
    )  # fmt: skip
    assert "nghe-111" in run("list")
    results = run("results", "nghe-111")
    assert "Số người trả lời: < 5" in results
    out = tmp_path / "r.xlsx"
    run("export", "nghe-111", "--out", str(out))
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["A1"].value == "Kết quả khảo sát: Bạn đã biết số 111 chưa?"
    assert "closed" in run("close", "nghe-111")
    assert "scheduled" in run("quiz", "--at", "2030-01-03 09:00")
