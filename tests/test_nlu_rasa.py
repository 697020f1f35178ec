"""The Rasa engine against a fake Rasa server on 127.0.0.1, its fallback, and the Rasa export."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
import yaml

from nlu.embedded import EmbeddedEngine, build_embedded
from nlu.export import export_rasa
from nlu.rasa import RETRY_AFTER, RasaEngine
from tests.fakes.rasa_server import fake_rasa, rasa_response
from tests.nlu_data import toy_training


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedEngine:
    return build_embedded(toy_training(), tmp_path_factory.mktemp("nlu-cache"))


def test_faq_retrieval_intent_maps_to_ask_law(embedded: EmbeddedEngine) -> None:
    with fake_rasa() as fake:
        text = "chồng đánh vợ báo ai"
        fake.answers[text] = rasa_response(
            text, "faq", 0.9, faq=[("dv-where-to-report", 0.8), ("ge-equal-pay", 0.1)]
        )
        parse = RasaEngine(fake.url, 2.0, embedded).parse(text)
    assert fake.requests == [{"path": "/model/parse", "json": {"text": text}}]
    assert parse.intent == "ask_law"
    assert parse.faq[0][0] == "dv-where-to-report"
    assert parse.faq[0][1] == pytest.approx(0.72)
    assert [faq_id for faq_id, _ in parse.faq] == ["dv-where-to-report", "ge-equal-pay"]
    assert not parse.emergency


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("greeting", "greeting"),
        ("thanks", "thanks"),
        ("nlu_fallback", "out_of_scope"),
        ("faq/x", "ask_law"),
    ],
    ids=["greeting", "thanks", "unknown-name", "full-retrieval-name"],
)
def test_dialogue_intents(embedded: EmbeddedEngine, intent: str, expected: str) -> None:
    with fake_rasa() as fake:
        fake.default = rasa_response("x", intent, 0.95)
        parse = RasaEngine(fake.url, 2.0, embedded).parse("xin chào bạn")
    assert parse.intent == expected
    assert parse.confidence == pytest.approx(0.95)


def test_emergency_is_checked_locally_whatever_rasa_says(embedded: EmbeddedEngine) -> None:
    with fake_rasa() as fake:
        fake.default = rasa_response("x", "greeting", 0.99)
        parse = RasaEngine(fake.url, 2.0, embedded).parse("cứu em với chồng đang đánh em")
    assert parse.emergency
    assert parse.intent == "emergency"


def test_unreachable_rasa_falls_back_with_a_log_line(
    embedded: EmbeddedEngine, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = RasaEngine(f"http://127.0.0.1:{port}", 0.5, embedded)
    with caplog.at_level(logging.WARNING, logger="nlu.rasa"):
        parse = engine.parse("chồng đánh vợ thì báo ở đâu")
        engine.parse("chồng đánh vợ thì báo ở đâu")
    assert parse == embedded.parse("chồng đánh vợ thì báo ở đâu")
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        f"Rasa at http://127.0.0.1:{port}/model/parse unreachable"
    ]


def test_server_error_falls_back_and_retries_later(embedded: EmbeddedEngine) -> None:
    now = [100.0]
    with fake_rasa() as fake:
        fake.status = 500
        engine = RasaEngine(fake.url, 2.0, embedded, clock=lambda: now[0])
        assert engine.parse("lương nam nữ").faq[0][0] == "ge-equal-pay"
        engine.parse("lương nam nữ")
        assert len(fake.requests) == 1  # not asked again while marked down
        now[0] += RETRY_AFTER + 1
        fake.status = 200
        fake.default = rasa_response("x", "greeting", 0.9)
        assert engine.parse("chào").intent == "greeting"
        assert len(fake.requests) == 2


def test_export_rasa_writes_a_rasa_3_project(tmp_path: Path) -> None:
    data = toy_training()
    written = export_rasa(data, tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in written} == {
        "data/nlu.yml",
        "data/rules.yml",
        "domain.yml",
        "config.yml",
    }
    nlu = yaml.safe_load((tmp_path / "data" / "nlu.yml").read_text(encoding="utf-8"))
    assert nlu["version"] == "3.1"
    by_intent = {item["intent"]: item["examples"] for item in nlu["nlu"]}
    assert "- bi chong danh thi bao cho ai\n" in by_intent["faq/dv-where-to-report"]
    assert by_intent["greeting"].startswith("- xin chào\n")
    assert set(data.intents) - {"ask_law"} <= set(by_intent)
    domain = yaml.safe_load((tmp_path / "domain.yml").read_text(encoding="utf-8"))
    assert "faq" in domain["intents"]
    assert domain["responses"]["utter_faq/cm-marriage-age"] == [{"text": data.faqs[2].answer}]
    raw = (tmp_path / "data" / "nlu.yml").read_text(encoding="utf-8")
    assert "examples: |" in raw
