"""The measured targets on the shared development set and the held-out set of real questions.

Issue 3 set the dev targets; issue 13 added the held-out set (tests/eval/real.jsonl) and the
in-scope fallback rate. Latency is measured in bench/nlu.py, not here (a loaded machine fails a
timed test). The new set's floors are what was reached, not yet the issue's targets.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.runtime.content import Content, load_content
from nlu.evaluation import EvalReport, evaluate, load_items
from tests.conftest import ROOT, TEST_CACHE, make_settings

SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev.jsonl"
NEW = ROOT / "tests" / "eval" / "real.jsonl"
needs_dev = pytest.mark.skipif(
    not DEV.exists(), reason="shared/eval/dev.jsonl is not beside the repo (or in $SHARED_DIR)"
)


CITATION_TARGETS = (0.90, 0.90)  # as given, without diacritics (issues 3 and 13)
IN_SCOPE_FALLBACK = 0.10  # issue 13
NEW_CITATION_REACHED = (85 / 124, 87 / 124)  # issue 13 asks 0.85; see the README (Q&A, Performance)
"""88 and 90 of 124 reached in the thirteenth session, less a slack of 3 questions: one unrelated
FAQ variant refits the calibrator and flips 3-5 of 1,858 tuning-set answers (fifth session), so a
floor with no slack fails on content edits that change nothing about the questions it holds
(91 and 93 at the end of the fourteenth; 88 and 88 at the end of the fifteenth, after its answer
and variant changes: one question of slack left without diacritics; 89 and 89 at the end of the
sixteenth; 89 and 87 at the end of the seventeenth: no slack left without diacritics; 90 and 88 at
the end of the eighteenth)."""
NEW_FALLBACK_REACHED = 0.21
"""17.7 % (22 of 124) reached in the fourteenth session, plus the same slack of 3 questions."""
NEW_OOS_REACHED = 0.95


@pytest.fixture(scope="module")
def report(content: Content) -> EvalReport:
    return evaluate(content.qa.answer, load_items(DEV))


@pytest.fixture(scope="module")
def new_report(content: Content) -> EvalReport:
    return evaluate(content.qa.answer, load_items(NEW))


@needs_dev
def test_emergency_and_out_of_scope_targets(report: EvalReport) -> None:
    for variant in report.variants:
        assert variant.emergency.rate == 1.0, variant.emergency.misses
        assert variant.out_of_scope.rate >= 0.95, variant.out_of_scope.misses


@needs_dev
def test_citation_accuracy_targets(report: EvalReport) -> None:
    for variant, target in zip(report.variants, CITATION_TARGETS, strict=True):
        assert variant.citation.rate >= target, variant.citation.misses


@needs_dev
def test_in_scope_fallback_target(report: EvalReport) -> None:
    for variant in report.variants:
        assert variant.fallback.rate <= IN_SCOPE_FALLBACK, variant.fallback.hit_ids()


def test_new_set_figures_reached(new_report: EvalReport) -> None:
    for variant, floor in zip(new_report.variants, NEW_CITATION_REACHED, strict=True):
        assert variant.citation.rate >= floor, variant.citation.misses
        assert variant.fallback.rate <= NEW_FALLBACK_REACHED, variant.fallback.hit_ids()
        assert variant.out_of_scope.rate >= NEW_OOS_REACHED, variant.out_of_scope.misses
        assert variant.emergency.rate == 1.0, variant.emergency.misses


@needs_dev
def test_eval_command_prints_the_figures_within_memory(content: Content, tmp_path: Path) -> None:
    # Serving memory is what is measured: make sure the trained model is cached first (other
    # tests may have trained different content into the shared test cache since the session began).
    load_content(make_settings(), date(2026, 11, 23))
    config = tmp_path / "config.yml"
    config.write_text(
        f"paths:\n  content: {ROOT / 'content'}\n  cache: {TEST_CACHE}\n"
        f"storage:\n  db_path: {tmp_path / 'bot.db'}\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "bot", "--config", str(config), "nlu", "eval", str(DEV)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "citation",
        "acc.",
        "OOS",
        "rejection",
        "emergency",
        "p50",
        "ms",
        "p99",
        "ms",
    ]
    assert lines[1].startswith("as given")
    assert lines[2].startswith("no diacritics")
    assert lines[3].split() == [
        "in-scope",
        "fallback",
        "wrong",
        "answer",
        "missed,",
        "1",
        "tap",
        "away",
    ]
    assert lines[4].startswith("as given")
    assert lines[6].startswith("by kind")
    kinds = {line.split()[0] for line in lines[7:] if line.split()}
    assert {"prison", "fine", "definition"} <= kinds
    rss = re.search(r"peak RSS: (\d+) MB", result.stdout)
    assert rss is not None
    assert int(rss.group(1)) <= 300
