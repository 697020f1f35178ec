"""The ask and nlu commands, end to end through ``binhdang``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.runtime.content import Content
from tests.test_cli import config_for, run


def test_ask_json_done_when(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run(
        ["ask", "--json", "chong danh vo thi bao o dau", "--config", config_for(tmp_path)],
        "",
        monkeypatch,
    )
    answer = json.loads(out)
    assert (answer["citations"][0]["document"], answer["citations"][0]["article"]) == (
        "13/2022/QH15",
        19,
    )
    assert answer["fallback"] is False


def test_ask_reads_stdin(content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = run(
        ["ask", "--json", "--config", config_for(tmp_path)],
        "xin chào\ngiá vàng hôm nay\n",
        monkeypatch,
    )
    intents = [json.loads(line)["intent"] for line in out.splitlines()]
    assert intents == ["greeting", "out_of_scope"]


def test_export_rasa(content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rasa"
    out = run(
        ["nlu", "export-rasa", str(target), "--config", config_for(tmp_path)], "", monkeypatch
    )
    assert "nlu.yml" in out
    nlu = yaml.safe_load((target / "data" / "nlu.yml").read_text(encoding="utf-8"))
    retrieval = {item["intent"] for item in nlu["nlu"] if item["intent"].startswith("faq/")}
    assert retrieval == {f"faq/{entry.id}" for entry in content.qa.faq.entries}
    domain = yaml.safe_load((target / "domain.yml").read_text(encoding="utf-8"))
    assert len(domain["responses"]) == len(retrieval)
