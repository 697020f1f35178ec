"""Compare the project's matcher with plain baselines on the eval sets (as given, no diacritics).

Run: .venv/bin/python bench/nlu.py [--dev PATH] [--new PATH] [--content DIR]

The sets are the shared development set and the held-out set of real questions
(tests/eval/real.jsonl). p99 latency (target: at most 20 ms) and start-up time with a warm
model cache are measured here, not in timed unit tests.

Each method runs in its own process so that its resident memory is measured alone. All methods
read the same prepared text (teencode expanded, diacritics removed) and answer with the first
citation of the FAQ entry they pick; a baseline declines (out of scope) when its score is under a
fixed threshold (picked on this dev set, in the baselines' favour). Baselines have no
emergency detection.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.config import NluSettings  # noqa: E402
from bot.core.i18n import load_strings  # noqa: E402
from bot.law.citation import Citation  # noqa: E402
from bot.law.library import load_law  # noqa: E402
from bot.qa.engine import build_qa  # noqa: E402
from bot.qa.faq import FaqEntry, load_faq  # noqa: E402
from bot.qa.training import load_nlu_content  # noqa: E402
from nlu.evaluation import AnswerLike, EvalReport, evaluate, load_items  # noqa: E402
from nlu.prepare import Preparer  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
NEW = ROOT / "tests" / "eval" / "real.jsonl"
TODAY = date(2026, 11, 23)
METHODS = {
    "project (embedded)": "project",
    "BM25 over KB (bm25s)": "bm25",
    "rapidfuzz over variants": "fuzzy",
}
BM25_THRESHOLD = 4.0
FUZZY_THRESHOLD = 75.0


Answerer = Callable[[str], "BaselineAnswer"]


@dataclass(frozen=True)
class BaselineAnswer:
    """A baseline's answer: the picked entry's citations, or a refusal."""

    intent: str
    fallback: bool
    emergency: bool
    citations: tuple[Citation, ...]
    suggested: tuple[Citation, ...] = ()


def _answer(entry: FaqEntry | None) -> BaselineAnswer:
    if entry is None:
        return BaselineAnswer("out_of_scope", True, False, ())
    return BaselineAnswer("ask_law", False, False, entry.citations)


def _bm25(entries: Sequence[FaqEntry], prepare: Preparer) -> Answerer:
    import bm25s

    corpus = [prepare(" ".join([*e.questions, e.answer_text()])) for e in entries]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords=None, show_progress=False), show_progress=False
    )

    def answer(text: str) -> BaselineAnswer:
        tokens = bm25s.tokenize([prepare(text)], stopwords=None, show_progress=False)
        if not tokens.vocab:
            return _answer(None)
        docs, scores = retriever.retrieve(tokens, k=1, show_progress=False)
        best = float(scores[0][0])
        return _answer(entries[int(docs[0][0])] if best >= BM25_THRESHOLD else None)

    return answer


def _fuzzy(entries: Sequence[FaqEntry], prepare: Preparer) -> Answerer:
    from rapidfuzz import fuzz, process

    variants = [(prepare(q), e) for e in entries for q in e.questions]
    choices = [v for v, _ in variants]

    def answer(text: str) -> BaselineAnswer:
        found = process.extractOne(prepare(text), choices, scorer=fuzz.token_set_ratio)
        if found is None or found[1] < FUZZY_THRESHOLD:
            return _answer(None)
        return _answer(variants[found[2]][1])

    return answer


def run_method(method: str, dev: Path, content_dir: Path) -> dict[str, object]:
    """Evaluate one method in this process, loading only what it needs; return its figures."""
    law, _ = load_law(content_dir / "law")
    answer: Callable[[str], AnswerLike]
    startup = 0.0
    if method == "project":
        strings, _ = load_strings(content_dir / "strings")
        settings = NluSettings(memo=0)  # time every parse, as the eval does
        build_qa(content_dir, strings, law, settings, ROOT / ".cache", TODAY)  # warm the cache
        start = time.perf_counter()
        qa, _ = build_qa(content_dir, strings, law, settings, ROOT / ".cache", TODAY)
        startup = time.perf_counter() - start
        qa.warm()  # `serve` loads the article index beside start-up, before the first question
        answer = qa.answer
    else:
        faq, _ = load_faq(content_dir / "faq", law, TODAY)
        nlu_content, _ = load_nlu_content(content_dir / "nlu")
        prepare = Preparer.from_data(nlu_content.training(faq.examples(), {}))
        baseline = _bm25 if method == "bm25" else _fuzzy
        answer = baseline(faq.entries, prepare)
    return {**_figures(evaluate(answer, load_items(dev))), "startup": startup}


def _figures(report: EvalReport) -> dict[str, object]:
    rows = {}
    for v in report.variants:
        rows[v.name] = {
            "citation": v.citation.rate,
            "oos": v.out_of_scope.rate,
            "emergency": v.emergency.rate,
            "p50": v.percentile(50),
            "p99": v.percentile(99),
            "fallback": v.fallback.rate,
        }
    return {"rows": rows, "rss": report.rss_mb}


def _table(name: str, path: Path, content: Path) -> None:
    """Run every method on one eval set, each in its own process, and print its rows."""
    print(f"{name}: {path}")
    columns = ("citation", "OOS rej.", "emerg.", "fallback", "p50 ms", "p99 ms", "RSS MB")
    print(f"{'method':26}{'text':15}" + "".join(f"{c:>10}" for c in columns))
    for label, method in METHODS.items():
        command = [sys.executable, __file__, "--method", method, "--dev", str(path)]
        command += ["--content", str(content)]
        result = json.loads(
            subprocess.run(command, check=True, capture_output=True, text=True).stdout
        )
        for variant, row in result["rows"].items():
            print(
                f"{label:26}{variant:15}{row['citation']:>10.1%}{row['oos']:>10.1%}"
                f"{row['emergency']:>10.0%}{row['fallback']:>10.1%}{row['p50']:>10.2f}"
                f"{row['p99']:>10.2f}{result['rss']:>10.0f}"
            )
        if result["startup"]:
            print(f"{label:26}start-up with a warm cache: {result['startup']:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--new", type=Path, default=NEW)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--method", choices=sorted(METHODS.values()), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.method:
        print(json.dumps(run_method(args.method, args.dev, args.content)))
        return 0
    for name, path in (("dev set", args.dev), ("new set", args.new)):
        if path.exists():
            _table(name, path, args.content)
    print(f"thresholds: BM25 >= {BM25_THRESHOLD}, rapidfuzz token_set_ratio >= {FUZZY_THRESHOLD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
