"""The embedded engine: cached training keyed by content, calibrated output, intent resolution."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from nlu import build_engine
from nlu import embedded as embedded_module
from nlu.embedded import build_embedded, cache_path, resolve_intent
from nlu.model import NluModel
from nlu.parse import ArticleRef
from nlu.training import TrainingData
from tests.nlu_data import TOY_FAQS, toy_training


class FakeSettings:
    engine = "embedded"
    rasa_url = "http://127.0.0.1:9"
    rasa_timeout = 0.1
    threshold = 0.45
    memo = 16


def _no_training(data: TrainingData, prepare: object) -> NluModel:
    raise AssertionError("the cached model should have been used")


def test_model_is_cached_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = toy_training()
    first = build_embedded(data, tmp_path)
    assert cache_path(data, tmp_path).exists()
    monkeypatch.setattr(embedded_module, "train", _no_training)
    second = build_embedded(data, tmp_path)
    text = "chồng đánh vợ thì báo ở đâu"
    assert first.parse(text) == second.parse(text)


def test_changed_content_retrains_and_drops_the_old_cache(tmp_path: Path) -> None:
    data = toy_training()
    build_embedded(data, tmp_path)
    changed = replace(data, faqs=(*TOY_FAQS[:2], replace(TOY_FAQS[2], answer="Khác.")))
    assert changed.digest() != data.digest()
    build_embedded(changed, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("nlu-*.pickle")) == [
        cache_path(changed, tmp_path).name
    ]


def test_serving_only_content_keeps_the_cached_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = toy_training()
    build_embedded(data, tmp_path)
    monkeypatch.setattr(embedded_module, "train", _no_training)
    served = replace(
        data,
        emergency={"categories": {}},
        documents={"13/2022/QH15": ("luật phòng chống bạo lực gia đình",)},
        requires={"find_services": (r"\bho tro\b",)},
        subject=(r"\bvo\b",),
    )
    assert served.digest() == data.digest()
    build_embedded(served, tmp_path)


def test_unreadable_cache_is_retrained(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = toy_training()
    path = cache_path(data, tmp_path)
    tmp_path.mkdir(exist_ok=True)
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        engine = build_embedded(data, tmp_path)
    assert "unreadable" in caplog.text
    assert engine.parse("lương nam nữ").faq[0][0] == "ge-equal-pay"


def test_parse_output(tmp_path: Path) -> None:
    engine = build_engine(toy_training(), FakeSettings(), tmp_path)
    parse = engine.parse("cty tra luong nu thap hon nam co dung ko")
    assert parse.intent == "ask_law"
    assert not parse.emergency
    assert parse.article is None
    confidences = [c for _, c in parse.faq]
    assert parse.faq[0][0] == "ge-equal-pay"
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confidences)
    assert len(parse.faq) == 3
    lookup = engine.parse("điều 19 luật pcblgđ")
    assert lookup.article == ArticleRef("13/2022/QH15", 19, None)
    assert lookup.intent == "ask_law"
    danger = engine.parse("cuu em voi ck dang danh em")
    assert danger.emergency
    assert danger.intent == "emergency"


RESOLVE = [
    ("emergency-wins", ("greeting", 0.9, True, 0.9), ("emergency", 0.99)),
    ("confident-faq-beats-oos", ("out_of_scope", 0.6, False, 0.7), ("ask_law", 0.7)),
    ("unsure-faq-keeps-oos", ("out_of_scope", 0.6, False, 0.2), ("out_of_scope", 0.6)),
    ("dialogue-kept", ("thanks", 0.8, False, 0.1), ("thanks", 0.8)),
]


@pytest.mark.parametrize(
    ("args", "expected"), [c[1:] for c in RESOLVE], ids=[c[0] for c in RESOLVE]
)
def test_resolve_intent(args: tuple[str, float, bool, float], expected: tuple[str, float]) -> None:
    assert resolve_intent(*args, threshold=0.45) == expected


@pytest.mark.parametrize("count", [0, 1], ids=["no-faq", "one-faq"])
def test_trains_with_a_tiny_knowledge_base(tmp_path: Path, count: int) -> None:
    data = replace(toy_training(), faqs=TOY_FAQS[:count])
    parse = build_embedded(data, tmp_path).parse("chồng đánh vợ thì báo ở đâu")
    assert len(parse.faq) == count
    assert build_embedded(data, tmp_path).parse("xin chào").intent == "greeting"
