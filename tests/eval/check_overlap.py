"""Overlap of the held-out set (tests/eval/real.jsonl) with dev.jsonl and the FAQ question variants.

For every question of real.jsonl, print the closest dev question and the closest FAQ variant with
rapidfuzz ``ratio`` and ``token_set_ratio`` (both on lower-cased text without diacritics), then
the maxima. Exit 1 when a question is a near-copy: ``ratio`` above ``--limit`` (default 80)
against dev or against a FAQ variant.

``token_set_ratio`` is printed for information only: it reaches 100 whenever every word of a
short FAQ variant ("bị bạo hành làm gì") occurs in a long real story, so it cannot tell a copy
from a question on the same subject.

Run: ``python tests/eval/check_overlap.py [--limit 80] [--dev PATH] [--all]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "eval" / "real.jsonl"
FAQ_DIR = ROOT / "content" / "faq"


def default_dev() -> Path:
    """Return $SHARED_DIR/eval/dev.jsonl, else ../shared/eval/dev.jsonl beside the repo."""
    shared = os.environ.get("SHARED_DIR")
    base = Path(shared) if shared else ROOT.parent / "shared"
    return base / "eval" / "dev.jsonl"


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ -> d) and collapse whitespace."""
    text = text.lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(text.split())


def read_jsonl(path: Path) -> list[dict]:
    """Return the JSON objects of a JSONL file (blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def faq_questions(faq_dir: Path = FAQ_DIR) -> list[tuple[str, str]]:
    """Return (entry id, question variant) for every variant of every FAQ entry, any language."""
    found = []
    for path in sorted(faq_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("entries", []) or []:
            questions = entry.get("questions", []) or []
            if isinstance(questions, dict):  # {vi: [...], en: [...]}: a file laid out by language
                questions = [q for qs in questions.values() for q in (qs or [])]
            for q in questions:
                found.append((str(entry.get("id", path.stem)), str(q)))
    return found


@dataclass(frozen=True)
class Match:
    """The closest question of a reference set."""

    ratio: float
    token_set: float
    source: str
    text: str


def closest(question: str, refs: list[tuple[str, str]], folded: list[str]) -> Match:
    """Return the reference with the highest ``ratio``, and the highest token-set score."""
    q = fold(question)
    if not refs:
        return Match(0.0, 0.0, "", "")
    best = process.extractOne(q, folded, scorer=fuzz.ratio)
    best_set = process.extractOne(q, folded, scorer=fuzz.token_set_ratio)
    assert best is not None
    assert best_set is not None
    source, text = refs[best[2]]
    return Match(best[1], best_set[1], source, text)


def report(
    items: Iterable[dict], dev: list[tuple[str, str]], faq: list[tuple[str, str]], limit: float
) -> tuple[list[str], list[tuple[str, Match, Match]]]:
    """Return (ids over the limit, per-item matches against dev and against the FAQ)."""
    dev_folded = [fold(t) for _, t in dev]
    faq_folded = [fold(t) for _, t in faq]
    over, rows = [], []
    for item in items:
        m_dev = closest(item["question"], dev, dev_folded)
        m_faq = closest(item["question"], faq, faq_folded)
        rows.append((item["id"], m_dev, m_faq))
        if m_dev.ratio > limit or m_faq.ratio > limit:
            over.append(item["id"])
    return over, rows


def main(argv: list[str] | None = None) -> int:
    """Print the overlap table and maxima; exit 1 if any question is over the limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=80.0)
    parser.add_argument("--dev", type=Path, default=default_dev())
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--all", action="store_true", help="print every row, not only the top 15")
    args = parser.parse_args(argv)

    items = read_jsonl(args.real)
    dev = [(d["id"], d["question"]) for d in read_jsonl(args.dev)] if args.dev.exists() else []
    if not dev:
        print(f"warning: no dev set at {args.dev}; only the FAQ is checked", file=sys.stderr)
    faq = faq_questions()
    over, rows = report(items, dev, faq, args.limit)

    rows.sort(key=lambda r: -max(r[1].ratio, r[2].ratio))
    shown = rows if args.all else rows[:15]
    head = f"{'dev ratio':>9} {'dev tset':>8} {'faq ratio':>9} {'faq tset':>8}"
    print(f"{'id':8} {head}  closest FAQ")
    for item_id, m_dev, m_faq in shown:
        print(
            f"{item_id:8} {m_dev.ratio:9.1f} {m_dev.token_set:8.1f} {m_faq.ratio:9.1f} "
            f"{m_faq.token_set:8.1f}  {m_faq.source}: {m_faq.text[:60]}"
        )
    print(
        f"questions: {len(items)}; dev questions: {len(dev)}; FAQ variants: {len(faq)}\n"
        f"max ratio vs dev: {max((r[1].ratio for r in rows), default=0):.1f}; "
        f"max token_set vs dev: {max((r[1].token_set for r in rows), default=0):.1f}\n"
        f"max ratio vs FAQ: {max((r[2].ratio for r in rows), default=0):.1f}; "
        f"max token_set vs FAQ: {max((r[2].token_set for r in rows), default=0):.1f}"
    )
    if over:
        print(f"over the limit {args.limit:g} (ratio): {', '.join(over)}")
        return 1
    print(f"none over the limit {args.limit:g} (ratio)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
