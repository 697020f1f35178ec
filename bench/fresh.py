"""Measure today's code on each tuning set with the knowledge base from before it was tuned.

Run: .venv/bin/python bench/fresh.py [--sets tune-crime,tune-dv] [--jobs 2] [--dump FILE]

With --dump, each question's outcome (right, wrong or unsure, per form) is written to FILE as
JSON, so that two runs can be compared question by question.

Every tuning set (tests/eval/tune-*.jsonl) was committed before any content was written for it.
This script takes `content/` as it was at that commit (from git history, so it needs a clone,
not an export), trains the model on it (cached under .cache/fresh/) and answers the set with the
code of today: questions the knowledge base never saw, about 15 times as many as the held-out
set, without reading the held-out set. It is the honest measure of a code change; a content
change cannot be measured this way (the old content does not have it).

Two things are taken from today's content because today's code needs them and they do not hold
questions: the user-facing strings (`strings/`) and, when the old content has none, the `subject:`
patterns of `nlu/intents.yml` (which decide whether a legal question is the bot's subject).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.config import NluSettings  # noqa: E402
from bot.core.i18n import load_strings  # noqa: E402
from bot.law.library import load_law  # noqa: E402
from bot.qa.engine import build_qa  # noqa: E402
from nlu.evaluation import EvalReport, evaluate, load_items  # noqa: E402

EVAL = ROOT / "tests" / "eval"
CACHE = ROOT / ".cache" / "fresh"
TODAY = date(2026, 12, 4)
MODEL = "model" + os.environ.get("FRESH_TAG", "")
"""The model cache's folder in each snapshot (FRESH_TAG keeps experiments' models apart)."""
HEADER = f"{'set':<14} {'legal':>5} {'right':>14} {'wrong':>14} {'not sure':>14} {'OOS':>11}"
SUBJECT = re.compile(r"^subject:\n(?:  .*\n)+", re.MULTILINE)


@dataclass(frozen=True)
class Figures:
    """One set's figures for one form of the questions."""

    legal: int
    right: int
    wrong: int
    not_sure: int
    out: int
    rejected: int
    outcomes: dict[str, str] = field(default_factory=dict)
    """Each legal question's outcome: right, wrong or unsure."""


def added_in(path: Path) -> str:
    """Return the commit that added ``path`` (the content before it was tuned for)."""
    log = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", str(path.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    commits = log.stdout.split()
    if not commits:
        raise SystemExit(f"{path.name}: not in git history (this needs a clone, not an export)")
    return commits[-1]


def snapshot(commit: str) -> Path:
    """Return content/ as of ``commit`` in .cache/fresh/, with today's subject patterns."""
    folder = CACHE / commit[:12]
    if not (folder / "content").is_dir():
        archive = subprocess.run(
            ["git", "archive", commit, "content"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        _overlay(folder / "content")
    return folder


def _overlay(content: Path) -> None:
    """Put today's subject patterns into old content that has none (strings: see ``measure``)."""
    intents = content / "nlu" / "intents.yml"
    text = intents.read_text(encoding="utf-8")
    if not SUBJECT.search(text):
        today = SUBJECT.search((ROOT / "content" / "nlu" / "intents.yml").read_text("utf-8"))
        if today is not None:
            intents.write_text(text.rstrip("\n") + "\n" + today.group(0), encoding="utf-8")


def measure(name: str) -> tuple[str, list[Figures]]:
    """Answer one tuning set with the content from before it; return figures per form."""
    path = EVAL / f"{name}.jsonl"
    folder = snapshot(added_in(path))
    content = folder / "content"
    law, _ = load_law(content / "law")
    strings, _ = load_strings(ROOT / "content" / "strings")  # today's: a snapshot's copy may be old
    qa, _ = build_qa(content, strings, law, NluSettings(memo=0), folder / MODEL, TODAY)
    qa.warm()
    return name, _figures(evaluate(qa.answer, load_items(path)))


def _figures(report: EvalReport) -> list[Figures]:
    return [
        Figures(
            v.citation.total,
            v.citation.hits,
            v.wrong.hits,
            v.citation.total - v.citation.hits - v.wrong.hits,
            v.out_of_scope.total,
            v.out_of_scope.hits,
            _outcomes(v.citation.ids, v.citation.misses, v.wrong.hit_ids()),
        )
        for v in report.variants
    ]


def _outcomes(ids: list[str], misses: list[str], wrong: list[str]) -> dict[str, str]:
    """Return each legal question's outcome from the ids scored."""
    missed, answered_wrong = set(misses), set(wrong)
    return {
        i: "wrong" if i in answered_wrong else "unsure" if i in missed else "right" for i in ids
    }


def _row(name: str, forms: list[Figures]) -> str:
    given, folded = forms
    return (
        f"{name:<14} {given.legal:>5} {given.right:>6} / {folded.right:<5} "
        f"{given.wrong:>6} / {folded.wrong:<5} {given.not_sure:>6} / {folded.not_sure:<5} "
        f"{given.rejected:>4} / {given.out:<4}"
    )


def _dump(path: Path, names: list[str], results: dict[str, list[Figures]]) -> None:
    """Write each question's outcome as "set/id/form": outcome (form 0 as given, 1 folded)."""
    dump = {
        f"{n}/{i}/{k}": o for n in names for k in (0, 1) for i, o in results[n][k].outcomes.items()
    }
    path.write_text(json.dumps(dump, indent=0), encoding="utf-8")


def main() -> None:
    """Measure every (or the chosen) tuning set and print one row each and the total."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dump", default="", help="write each question's outcome to this file")
    args = parser.parse_args()
    names = args.sets.split(",") if args.sets else [p.stem for p in sorted(EVAL.glob("tune-*"))]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = dict(pool.map(measure, names))
    print(HEADER)
    for name in names:
        print(_row(name, results[name]))
    counts = [f for f in Figures.__annotations__ if f != "outcomes"]
    total = [
        Figures(*(sum(getattr(results[n][k], f) for n in names) for f in counts)) for k in (0, 1)
    ]
    if args.dump:
        _dump(Path(args.dump), names, results)
    print(_row("total", total))
    legal = total[0].legal or 1
    print(
        f"right {100 * total[0].right / legal:.1f} % / {100 * total[1].right / legal:.1f} %, "
        f"wrong {100 * total[0].wrong / legal:.1f} % / {100 * total[1].wrong / legal:.1f} % "
        "(as given / no diacritics)"
    )


if __name__ == "__main__":
    main()
