"""Evaluation on a labelled JSONL set: citation accuracy, OOS rejection, emergency recall.

Also the fallback rate on in-scope questions (how often a question the bot should answer gets
"not sure") and a table by question kind (nlu.asks: fine, prison, report, help, definition).
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from nlu.asks import asks
from nlu.normalize import fold

IN_SCOPE = frozenset({"core", "peripheral"})
KINDS = ("prison", "fine", "report", "help", "definition")
"""Question kinds in the per-kind table, in the order that decides a question's one kind."""
LEGAL_KINDS = frozenset({"law", "both"})
SAFETY_HEADER = ("in-scope fallback", "wrong answer", "missed, 1 tap away")
"""Fallbacks; legal questions answered with a wrong article; of the legal questions missed
(wrong or "not sure"), those where a suggested question leads to the right article."""


class CitationLike(Protocol):
    """A cited article."""

    @property
    def document(self) -> str: ...  # noqa: D102

    @property
    def article(self) -> int: ...  # noqa: D102


class AnswerLike(Protocol):
    """What the evaluation reads from an answer."""

    @property
    def intent(self) -> str: ...  # noqa: D102

    @property
    def fallback(self) -> bool: ...  # noqa: D102

    @property
    def emergency(self) -> bool: ...  # noqa: D102

    @property
    def citations(self) -> Sequence[CitationLike]: ...  # noqa: D102

    @property
    def suggested(self) -> Sequence[CitationLike]:
        """First citations of the questions offered as buttons (other matches), in order."""
        ...


@dataclass(frozen=True)
class EvalItem:
    """One labelled question."""

    id: str
    question: str
    citations: tuple[tuple[str, int], ...]
    answer_kind: str
    scope: str
    topic: str = ""
    source: str = ""

    @property
    def kind(self) -> str:
        """Return the kind of answer the question asks for (KINDS order decides), or "other"."""
        found = asks(self.question)
        return next((k for k in KINDS if k in found), "other")

    @property
    def legal(self) -> bool:
        """Return whether the item counts for citation accuracy (in scope, answered with law)."""
        return self.scope in IN_SCOPE and self.answer_kind in LEGAL_KINDS and bool(self.citations)


def load_items(path: Path) -> list[EvalItem]:
    """Read a JSONL file in the format of shared/eval/dev.jsonl."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        citations = tuple((str(c["document"]), int(c["article"])) for c in raw.get("citations", []))
        items.append(
            EvalItem(
                raw["id"],
                raw["question"],
                citations,
                raw["answer_kind"],
                raw["scope"],
                raw.get("topic", ""),
                raw.get("source", ""),
            )
        )
    return items


@dataclass
class Score:
    """Hits over a total, with the ids that missed."""

    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def add(self, ok: bool, item_id: str) -> None:
        """Count one item."""
        self.ids.append(item_id)
        self.total += 1
        self.hits += ok
        if not ok:
            self.misses.append(item_id)

    @property
    def rate(self) -> float:
        """Return hits / total (1.0 when there is nothing to count)."""
        return self.hits / self.total if self.total else 1.0

    def hit_ids(self) -> list[str]:
        """Return the ids that counted as hits (where a hit is bad, as for fallbacks: the list)."""
        return [i for i in self.ids if i not in self.misses]


@dataclass
class VariantReport:
    """Scores for one form of the questions (as given, or without diacritics)."""

    name: str
    citation: Score = field(default_factory=Score)
    out_of_scope: Score = field(default_factory=Score)
    emergency: Score = field(default_factory=Score)
    fallback: Score = field(default_factory=Score)
    """In-scope questions (not emergencies) that got "not sure" or the out-of-scope answer."""
    wrong: Score = field(default_factory=Score)
    """Legal questions answered with a first citation that is not one of the expected."""
    one_tap: Score = field(default_factory=Score)
    """Legal questions missed (wrong or "not sure") where a suggested question's entry cites an
    expected article: the right answer is one tap away."""
    kinds: dict[str, tuple[Score, Score]] = field(default_factory=dict)
    """By question kind: (citation accuracy, in-scope fallback)."""
    latencies: list[float] = field(default_factory=list)

    def percentile(self, q: float) -> float:
        """Return the ``q``-th latency percentile in milliseconds."""
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(q) - 1] * 1000


@dataclass
class EvalReport:
    """The whole evaluation: one VariantReport per form, plus peak memory."""

    variants: list[VariantReport]
    skipped: list[str]
    rss_mb: float


def cites_expected(answer: AnswerLike, item: EvalItem) -> bool:
    """Return whether the answer's first citation is one of the expected (document, article)."""
    if not answer.citations:
        return False
    first = answer.citations[0]
    return (first.document, first.article) in item.citations


def rejects(answer: AnswerLike) -> bool:
    """Return whether an answer declines a question (fallback or out of scope, no legal answer)."""
    return (answer.fallback or answer.intent == "out_of_scope") and not answer.citations


def score_item(report: VariantReport, item: EvalItem, answer: AnswerLike) -> None:
    """Add one answered item to the report."""
    citation, fallback = report.kinds.setdefault(item.kind, (Score(), Score()))
    if item.legal:
        right = cites_expected(answer, item)
        report.citation.add(right, item.id)
        citation.add(right, item.id)
        score_legal(report, item, answer, right)
    if item.scope in IN_SCOPE and item.answer_kind != "emergency":
        report.fallback.add(rejects(answer), item.id)
        fallback.add(rejects(answer), item.id)
    if item.scope == "out":
        report.out_of_scope.add(rejects(answer), item.id)
    if item.answer_kind == "emergency":
        report.emergency.add(answer.emergency, item.id)


def score_legal(report: VariantReport, item: EvalItem, answer: AnswerLike, right: bool) -> None:
    """Count a wrong answer; for a miss, whether a suggestion holds the right article."""
    report.wrong.add(bool(answer.citations) and not right, item.id)
    if not right and (answer.citations or rejects(answer)):
        tap = any((c.document, c.article) in item.citations for c in answer.suggested)
        report.one_tap.add(tap, item.id)


def peak_rss_mb() -> float:
    """Return the peak resident memory of this process in MB.

    Linux's ``ru_maxrss`` survives fork + exec, so a process started by a big parent would
    report the parent's peak; ``VmHWM`` belongs to this process image alone.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def evaluate(
    answer: Callable[[str], AnswerLike],
    items: Iterable[EvalItem],
    timer: Callable[[], float] = time.perf_counter,
) -> EvalReport:
    """Answer every item as given and without diacritics; return the scores."""
    items = list(items)
    variants = [VariantReport("as given"), VariantReport("no diacritics")]
    forms: tuple[Callable[[str], str], ...] = (str, fold)
    for report, form in zip(variants, forms, strict=True):
        for item in items:
            start = timer()
            result = answer(form(item.question))
            report.latencies.append(timer() - start)
            score_item(report, item, result)
    skipped = [
        i.id
        for i in items
        if i.scope in IN_SCOPE and i.answer_kind in LEGAL_KINDS and not i.citations
    ]
    return EvalReport(variants, skipped, peak_rss_mb())


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """Return the report as a plain-text table."""
    header = ("citation acc.", "OOS rejection", "emergency", "p50 ms", "p99 ms")
    lines = [f"{'':18}" + "".join(f"{h:>18}" for h in header)]
    for v in report.variants:
        lines.append(
            f"{v.name:18}{_cell(v.citation):>18}{_cell(v.out_of_scope):>18}"
            f"{_cell(v.emergency):>18}{v.percentile(50):>18.2f}{v.percentile(99):>18.2f}"
        )
    lines.append(f"{'':18}" + "".join(f"{h:>22}" for h in SAFETY_HEADER))
    for v in report.variants:
        cells = (v.fallback, v.wrong, v.one_tap)
        lines.append(f"{v.name:18}" + "".join(f"{_cell(c):>22}" for c in cells))
    lines += _kinds_table(report)
    if report.skipped:
        lines.append(f"not counted (no expected citation): {', '.join(report.skipped)}")
    lines.append(f"peak RSS: {report.rss_mb:.0f} MB")
    if verbose:
        for v in report.variants:
            lines.append(f"{v.name}: citation misses {v.citation.misses}")
            lines.append(f"{v.name}: OOS misses {v.out_of_scope.misses}")
            lines.append(f"{v.name}: emergency misses {v.emergency.misses}")
            lines.append(f"{v.name}: in-scope fallbacks {v.fallback.hit_ids()}")
            lines.append(f"{v.name}: wrong answers {v.wrong.hit_ids()}")
            lines.append(f"{v.name}: missed, not one tap away {v.one_tap.misses}")
    return "\n".join(lines)


def _kinds_table(report: EvalReport) -> list[str]:
    """Return the per-kind table: citation accuracy and in-scope fallback, each variant."""
    kinds = [k for k in (*KINDS, "other") if any(k in v.kinds for v in report.variants)]
    header = "".join(f"{v.name + ' ' + h:>26}" for v in report.variants for h in ("cit.", "fb"))
    lines = [f"{'by kind':18}{header}"]
    for kind in kinds:
        cells = ""
        for v in report.variants:
            citation, fallback = v.kinds.get(kind, (Score(), Score()))
            cells += f"{_cell(citation):>26}{_cell(fallback):>26}"
        lines.append(f"{kind:18}{cells}")
    return lines


def _cell(score: Score) -> str:
    return f"{score.rate:6.1%} ({score.hits}/{score.total})"
