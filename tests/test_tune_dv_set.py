"""The domestic-violence tuning set (tests/eval/tune-dv.jsonl) is well formed.

Same schema as tests/eval/real.jsonl (see test_eval_set.py), plus the rule the set was made
under: no question is a near copy (folded ratio >= 70) of a held-out or dev question.
The test asserts only; it prints no held-out question.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from rapidfuzz import fuzz, process

from tests.test_eval_set import (
    ANSWER_KINDS,
    CONFIDENCES,
    DEV,
    KEYS,
    OPTIONAL,
    REAL,
    ROOT,
    SCOPES,
    fold,
    law_articles,
)

TUNE = ROOT / "tests" / "eval" / "tune-dv.jsonl"
RATIO_LIMIT = 70


def rows() -> list[dict]:
    lines = TUNE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_schema_and_labels() -> None:
    articles = law_articles()
    for row in rows():
        assert KEYS <= set(row) <= KEYS | OPTIONAL, row.get("id")
        assert row["question"].strip(), row["id"]
        assert row["answer_kind"] in ANSWER_KINDS, row["id"]
        assert row["scope"] in SCOPES, row["id"]
        assert row["label_confidence"] in CONFIDENCES, row["id"]
        assert str(row["source"]).startswith(("http://", "https://")), row["id"]
        if row["scope"] == "out":
            assert row["answer_kind"] == "none", row["id"]
            assert not row["citations"], row["id"]
        elif row["answer_kind"] in {"law", "both"}:
            assert row["citations"], row["id"]
        for c in row["citations"]:
            assert set(c) == {"document", "article"}, row["id"]
            assert c["article"] in articles.get(c["document"], set()), (row["id"], c)


def test_ids_sources_and_size() -> None:
    data = rows()
    assert len(data) >= 100
    assert all(n == 1 for n in Counter(r["id"] for r in data).values())
    assert all(n == 1 for n in Counter(r["source"] for r in data).values())
    assert sum(r["scope"] == "out" for r in data) >= 8


@pytest.mark.parametrize("other", [REAL, DEV], ids=["real", "dev"])
def test_no_question_or_source_is_shared_with_held_out_sets(other) -> None:
    if not other.exists():
        pytest.skip(f"{other} is not beside the repo")
    lines = [
        json.loads(line) for line in other.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    questions = [fold(r["question"]) for r in lines]
    sources = {str(r.get("source", "")).strip() for r in lines}
    close = []
    for row in rows():
        best = process.extractOne(fold(row["question"]), questions, scorer=fuzz.ratio)
        if row["source"].strip() in sources or (best is not None and best[1] >= RATIO_LIMIT):
            close.append(row["id"])
    assert not close
