"""Calibrate the "có thể liên quan" article fallback on held-out FAQ questions (not on eval sets).

Run: .venv/bin/python bench/articles.py [--content DIR] [--folds N]

For each of the first N cross-validation folds, the matcher is fitted without the fold's FAQ
question variants; each held-out variant is then matched and its articles retrieved (BM25 over
the law clauses). A rule is right when the article it names is one its entry cites. The rule
the bot uses (``ArticleIndex.agreeing``) names an article only when BM25's two best articles
include the article the best FAQ match rests on. "Within the kind's documents" rules search only
the Penal Code for a prison question and only the sanction decrees for a fine question (issue 13:
for held-out variants that fall back, alone it names a right article one time in ten and with the
basis three in ten, so the bot does not use it).
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from threadpoolctl import threadpool_limits  # noqa: E402

from bot.law.library import LawLibrary, load_law  # noqa: E402
from bot.qa.engine import law_names  # noqa: E402
from bot.qa.faq import load_faq  # noqa: E402
from bot.qa.kinds import sanction_kind  # noqa: E402
from bot.qa.related import law_passages  # noqa: E402
from bot.qa.training import load_nlu_content  # noqa: E402
from nlu.asks import SANCTIONS, asks  # noqa: E402
from nlu.embedded import load_or_train  # noqa: E402
from nlu.model import Cues  # noqa: E402
from nlu.prepare import Preparer  # noqa: E402
from nlu.retrieval import ArticleIndex  # noqa: E402
from nlu.trainer import fit_base, split_faqs, split_intents  # noqa: E402

TODAY = date(2026, 11, 23)
THRESHOLD = 0.45
BANDS = ((0.3, 0.45), (0.2, 0.3), (0.0, 0.2))
Key = tuple[str, int]


@dataclass(frozen=True)
class Row:
    """One held-out question: what BM25 and the matcher found, and what its entry cites."""

    truth: frozenset[Key]
    articles: tuple[Key, ...]
    bases: tuple[Key, ...]
    matcher_right: bool
    confidence: float
    """The calibrated confidence of the best match (the bot falls back under THRESHOLD)."""
    kind_articles: tuple[Key, ...] = ()
    """BM25's best articles within the documents of the one sanction kind asked, if any."""


RULES: dict[str, Callable[[Row], Key | None]] = {
    "BM25 best article alone": lambda r: r.articles[0],
    "BM25 best two include the best match's basis (used)": lambda r: (
        r.bases[0] if r.bases[0] in r.articles else None
    ),
    "BM25 best is a basis of the best two matches": lambda r: (
        r.articles[0] if r.articles[0] in r.bases[:2] else None
    ),
    "within the kind's documents: BM25 best article alone": lambda r: (
        r.kind_articles[0] if r.kind_articles else None
    ),
    "within the kind's documents: best two include the basis": lambda r: (
        r.bases[0] if r.bases[0] in r.kind_articles else None
    ),
}


def kind_documents(law: LawLibrary, text: str) -> set[str] | None:
    """Return the documents of the one sanction kind ``text`` asks about (None: not one kind)."""
    kinds = asks(text) & SANCTIONS
    if len(kinds) != 1:
        return None
    return {n for n in law.documents if sanction_kind(law, n) in kinds}


def rows(content: Path, folds: int, cache: Path) -> list[Row]:
    """Return one row per held-out FAQ variant of the first ``folds`` folds."""
    law, _ = load_law(content / "law")
    faq, _ = load_faq(content / "faq", law, TODAY)
    nlu, _ = load_nlu_content(content / "nlu")
    data = nlu.training(faq.examples(), law_names(law))
    calibrator = load_or_train(data, cache).calibrator  # fitted on 4-fold held-out rows
    prepare = functools.lru_cache(maxsize=None)(Preparer.from_data(data))
    index = ArticleIndex.build(law_passages(law, TODAY), prepare)
    cited = {e.id: tuple((c.document, c.article) for c in e.citations) for e in faq.entries}
    found: list[Row] = []
    with threadpool_limits(limits=1):
        for fold in range(folds):
            faqs, held = split_faqs(data.faqs, fold)
            intents, _ = split_intents(data.intents, fold)
            model = replace(fit_base(intents, faqs, prepare), calibrator=calibrator)
            for text, truth in held:
                matches = model.predict(prepare(text), Cues.read(text)).faq
                ids = [i for i, _ in matches]
                articles = tuple(
                    (f.passage.document, f.passage.article) for f in index.search(text)
                )
                if ids and articles:
                    bases = tuple(cited[i][0] for i in ids)
                    right = bases[0] == cited[truth][0]
                    row = Row(frozenset(cited[truth]), articles, bases, right, matches[0][1])
                    found.append(replace(row, kind_articles=_kind_search(index, law, text)))
    return found


def _kind_search(index: ArticleIndex, law: LawLibrary, text: str) -> tuple[Key, ...]:
    documents = kind_documents(law, text)
    if documents is None:
        return ()
    return tuple((f.passage.document, f.passage.article) for f in index.search(text, 2, documents))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache")
    args = parser.parse_args()
    found = rows(args.content, args.folds, args.cache)
    populations = {
        "all held-out variants": found,
        "best match wrong": [r for r in found if not r.matcher_right],
        f"falling back (confidence < {THRESHOLD})": [r for r in found if r.confidence < THRESHOLD],
    }
    populations |= {
        f"falling back, confidence {low}–{high}": [r for r in found if low <= r.confidence < high]
        for low, high in BANDS
    }
    for name, population in populations.items():
        print(f"{name}: {len(population)} variants")
        for rule_name, rule in RULES.items():
            named = [(r, rule(r)) for r in population]
            named = [(r, k) for r, k in named if k is not None]
            right = sum(k in r.truth for r, k in named) / len(named) if named else 0.0
            print(f"  {rule_name:55}{len(named):>6} answers{right:>6.0%} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
