"""The parse memo: a repeated text is understood once, no text is kept, the size is bounded."""

from __future__ import annotations

import threading
from pathlib import Path

from nlu.embedded import build_embedded
from nlu.memo import ParseMemo
from nlu.parse import Parse
from tests.nlu_data import toy_training


class Counting:
    """An understanding function that counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> Parse:
        self.calls.append(text)
        return Parse(text, "ask_law", 0.9, False, (("dv-definition", 0.9),))


def test_a_repeated_text_is_understood_once() -> None:
    memo, understand = ParseMemo(), Counting()
    first = memo.parse("bạo lực gia đình là gì", understand)
    second = memo.parse("bạo lực gia đình là gì", understand)
    assert understand.calls == ["bạo lực gia đình là gì"]
    assert first == second
    assert second.text == "bạo lực gia đình là gì"


def test_the_memo_keeps_no_message_text() -> None:
    memo = ParseMemo()
    memo.parse("chồng tôi đánh tôi ở số 5 phố Huế", Counting())
    kept = list(memo._kept.items())
    assert len(kept) == 1
    key, parse = kept[0]
    assert parse.text == ""
    assert "Huế".encode() not in key
    assert len(key) == 16


def test_the_oldest_parse_goes_first_beyond_the_size() -> None:
    memo, understand = ParseMemo(size=2), Counting()
    for text in ("một", "hai", "một", "ba", "một", "hai"):
        memo.parse(text, understand)
    assert understand.calls == ["một", "hai", "ba", "hai"]
    assert len(memo) == 2


def test_size_zero_keeps_nothing() -> None:
    memo, understand = ParseMemo(size=0), Counting()
    memo.parse("a", understand)
    memo.parse("a", understand)
    assert understand.calls == ["a", "a"]
    assert len(memo) == 0


def test_worker_threads_share_the_memo() -> None:
    memo, understand = ParseMemo(size=8), Counting()
    texts = [f"câu {n % 12}" for n in range(600)]

    def work(part: list[str]) -> None:
        for text in part:
            assert memo.parse(text, understand).text == text

    threads = [threading.Thread(target=work, args=(texts[i::3],)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(memo) == 8


def test_the_engine_answers_a_repeated_question_from_the_memo(tmp_path: Path) -> None:
    engine = build_embedded(toy_training(), tmp_path)
    text = "chồng đánh vợ thì báo ở đâu"
    first = engine.parse(text)
    engine._understand = Counting()  # type: ignore[method-assign]
    assert engine.parse(text) == first
    assert engine.parse("câu khác hẳn").intent == "ask_law"
    assert engine._understand.calls == ["câu khác hẳn"]  # type: ignore[attr-defined]
