"""Small-cell suppression (issue 17): "< 5" everywhere, and no hidden cell computable back."""

from __future__ import annotations

import itertools
import random

import pytest

from bot.polls.suppression import HIDDEN, THRESHOLD, Suppressed, suppress, suppress_line

CASES = [
    dict(
        label="nothing small: everything shown",
        cells=[[10, 20], [30, 40]],
        shown=[["10", "20", "30"], ["30", "40", "70"], ["40", "60", "100"]],
    ),
    dict(
        label="one small cell: a partner cell in its row and column, totals kept",
        cells=[[12, 3, 8], [20, 15, 9], [6, 7, 30]],
        shown=[
            ["12", HIDDEN, HIDDEN, "23"],
            ["20", "15", "9", "44"],
            ["6", HIDDEN, HIDDEN, "43"],
            ["38", "25", "47", "110"],
        ],
    ),
    dict(
        label="a small row total hides the row and a second row total",
        cells=[[2, 1], [10, 10], [20, 30]],
        shown=[
            [HIDDEN, HIDDEN, HIDDEN],
            [HIDDEN, HIDDEN, HIDDEN],
            ["20", "30", "50"],
            ["32", "41", "73"],
        ],
    ),
    dict(
        label="a small option overall hides it and the next smallest option everywhere",
        cells=[[40, 2, 9], [30, 1, 8]],
        shown=[
            ["40", HIDDEN, HIDDEN, "51"],
            ["30", HIDDEN, HIDDEN, "39"],
            ["70", HIDDEN, HIDDEN, "90"],
        ],
    ),
    dict(
        label="zero counts are below 5 too",
        cells=[[0, 25], [25, 25]],
        shown=[
            [HIDDEN, HIDDEN, "25"],
            [HIDDEN, HIDDEN, "50"],
            ["25", "50", "75"],
        ],
    ),
    dict(
        label="fewer than 5 people in all: every number hidden",
        cells=[[1, 1], [1, 0]],
        shown=[[HIDDEN] * 3, [HIDDEN] * 3, [HIDDEN] * 3],
    ),
]


def _shown(table: Suppressed) -> list[list[str]]:
    return [[table.show(r, c) for c in range(len(row))] for r, row in enumerate(table.counts)]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_suppression_table(case: dict[str, object]) -> None:
    assert _shown(suppress(case["cells"])) == case["shown"]  # type: ignore[arg-type]


LINES = [
    ("all large", [10, 20, 30], set()),
    ("one small option and its partner", [40, 3, 9, 52], {1, 2}),
    ("two small options hide each other", [40, 3, 2, 45], {1, 2}),
    ("a small total hides everything", [1, 2, 3], {0, 1, 2}),
]


@pytest.mark.parametrize(("label", "counts", "hidden"), LINES, ids=[x[0] for x in LINES])
def test_suppress_line(label: str, counts: list[int], hidden: set[int]) -> None:
    assert suppress_line(counts) == hidden


def _lines(table: Suppressed) -> list[list[tuple[int, int]]]:
    height, width = len(table.counts), len(table.counts[0])
    rows = [[(r, c) for c in range(width)] for r in range(height)]
    return rows + [[(r, c) for r in range(height)] for c in range(width)]


@pytest.mark.parametrize("seed", range(40))
def test_no_line_gives_back_a_hidden_count(seed: int) -> None:
    """In random tables, every count below 5 is hidden and no line hides exactly one entry."""
    rng = random.Random(seed)
    cells = [[rng.choice([0, 1, 3, 4, 5, 8, 20, 60]) for _ in range(rng.randint(2, 5))]]
    cells += [[rng.choice([0, 2, 6, 9, 30]) for _ in cells[0]] for _ in range(rng.randint(1, 6))]
    table = suppress(cells)
    for r, c in itertools.product(range(len(table.counts)), range(len(table.counts[0]))):
        if table.counts[r][c] < THRESHOLD:
            assert (r, c) in table.hidden
    for line in _lines(table):
        assert sum(p in table.hidden for p in line) != 1
    last = len(table.counts) - 1
    margin = {c for r, c in table.hidden if r == last}
    assert margin == suppress_line(table.counts[last]), "the overall line must agree"
