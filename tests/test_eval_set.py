"""The held-out set (tests/eval/real.jsonl) and the tuning sets (tune-*.jsonl) are well formed.

Reads the files directly (json, PyYAML, rapidfuzz) and imports no bot module, so that it keeps
working while the code is moved around.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "eval" / "real.jsonl"
LAW_DIR = ROOT / "content" / "law"
_SHARED = os.environ.get("SHARED_DIR")
DEV = (Path(_SHARED) if _SHARED else ROOT.parent / "shared") / "eval" / "dev.jsonl"

KEYS = {
    "id",
    "question",
    "citations",
    "answer_kind",
    "scope",
    "label_confidence",
    "topic",
    "source",
}
OPTIONAL = {"note"}
ANSWER_KINDS = {"law", "service", "both", "emergency", "none"}
SCOPES = {"core", "peripheral", "out"}
CONFIDENCES = {"high", "medium", "low"}
MIN_ROWS = 120
DEV_RATIO_LIMIT = 90


def rows(path: Path = REAL) -> list[dict]:
    """Return the items of an eval file (real.jsonl unless ``path`` is given)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


TUNING = sorted((ROOT / "tests" / "eval").glob("tune-*.jsonl"))
EVAL_FILES = [REAL, *TUNING]
"""The held-out set and the tuning sets share one schema and the same label rules."""


def law_articles() -> dict[str, set[int]]:
    """Return {document number: article numbers} of every file in content/law."""
    found: dict[str, set[int]] = {}
    for path in sorted(LAW_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[str(data["document"])] = {int(a["number"]) for a in data["articles"]}
    return found


def fold(text: str) -> str:
    text = text.lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(text.split())


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.name)
def test_every_line_parses_with_the_dev_schema(path: Path) -> None:
    for row in rows(path):
        assert set(row) >= KEYS, row.get("id")
        assert set(row) <= KEYS | OPTIONAL, (row["id"], set(row) - KEYS - OPTIONAL)
        assert isinstance(row["question"], str), row["id"]
        assert row["question"].strip(), row["id"]
        assert row["answer_kind"] in ANSWER_KINDS, row["id"]
        assert row["scope"] in SCOPES, row["id"]
        assert row["label_confidence"] in CONFIDENCES, row["id"]
        assert str(row["source"]).startswith(("http://", "https://")), row["id"]
        for citation in row["citations"]:
            assert set(citation) == {"document", "article"}, row["id"]
            assert isinstance(citation["article"], int), row["id"]


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.name)
def test_ids_are_unique(path: Path) -> None:
    ids = [row["id"] for row in rows(path)]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates


def test_there_are_enough_held_out_rows() -> None:
    assert len(rows()) >= MIN_ROWS


def test_questions_are_not_repeated() -> None:
    questions = Counter(fold(row["question"]) for row in rows())
    assert not [q for q, n in questions.items() if n > 1]


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.name)
def test_labels_match_scope(path: Path) -> None:
    for row in rows(path):
        if row["scope"] == "out":
            assert row["answer_kind"] == "none", row["id"]
            assert not row["citations"], row["id"]
        elif row["answer_kind"] in {"law", "both"}:
            assert row["citations"], f"{row['id']}: a legal answer needs an expected article"


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.name)
def test_every_cited_article_is_in_the_shipped_law_content(path: Path) -> None:
    articles = law_articles()
    missing = [
        (row["id"], c["document"], c["article"])
        for row in rows(path)
        for c in row["citations"]
        if c["article"] not in articles.get(c["document"], set())
    ]
    assert not missing


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval/dev.jsonl is not beside the repo")
def test_no_question_is_a_near_copy_of_a_dev_question() -> None:
    dev_lines = DEV.read_text(encoding="utf-8").splitlines()
    dev = [fold(json.loads(line)["question"]) for line in dev_lines if line.strip()]
    close = []
    for row in rows():
        best = process.extractOne(fold(row["question"]), dev, scorer=fuzz.ratio)
        if best is not None and best[1] >= DEV_RATIO_LIMIT:
            close.append((row["id"], round(best[1], 1), best[0][:60]))
    assert not close


@pytest.mark.parametrize("path", TUNING, ids=lambda p: p.name)
def test_tuning_sets_share_no_source_with_the_held_out_set(path: Path) -> None:
    """A tuning question never comes from the page a held-out question came from."""
    held_out = {row["source"] for row in rows()}
    shared = [row["id"] for row in rows(path) if row["source"] in held_out]
    assert not shared


TUNING_RATIO_LIMIT = 70
"""Tuning candidates this close (folded ratio) to a held-out or dev question were dropped."""


@pytest.mark.parametrize("path", TUNING, ids=lambda p: p.name)
@pytest.mark.parametrize("other", [REAL, DEV], ids=["real", "dev"])
def test_no_tuning_question_is_near_a_held_out_or_dev_question(path: Path, other: Path) -> None:
    """Asserts only: prints the tuning ids, never a held-out question."""
    if not other.exists():
        pytest.skip(f"{other} is not beside the repo")
    questions = [fold(row["question"]) for row in rows(other)]
    close = []
    for row in rows(path):
        best = process.extractOne(fold(row["question"]), questions, scorer=fuzz.ratio)
        if best is not None and best[1] >= TUNING_RATIO_LIMIT:
            close.append(row["id"])
    assert not close
