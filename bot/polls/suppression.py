"""Small-cell suppression: counts below 5 hidden, and enough others hidden that none comes back.

A table of counts is extended with its margins: a total per row, per column and a grand total.
Each row and each column of that extended table is a line whose entries add up (cells to the
line's total). Primary suppression hides every entry below ``THRESHOLD``. A line with exactly one
hidden entry would give it back by subtraction, so complementary suppression hides one more entry
in it (the smallest visible cell, a total only when no cell is left), and repeats until every line
hides none or at least two. The margin row (counts by option over everyone) is suppressed first on
its own, and is the same in every breakdown, so no two published tables disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
HIDDEN = "< 5"

Position = tuple[int, int]


@dataclass(frozen=True)
class Suppressed:
    """A table of counts with margins, and which of its entries may not be shown."""

    counts: tuple[tuple[int, ...], ...]
    """Rows of cells, then the row total; the last row holds the column totals and grand total."""
    hidden: frozenset[Position]

    def show(self, row: int, column: int) -> str:
        """Return the entry as it may be published: the count, or "< 5"."""
        return HIDDEN if (row, column) in self.hidden else str(self.counts[row][column])

    def visible(self, row: int, column: int) -> int | None:
        """Return the count, or None when it is hidden."""
        return None if (row, column) in self.hidden else self.counts[row][column]


def with_margins(cells: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    """Return ``cells`` with a total column and a total row added."""
    rows = [(*row, sum(row)) for row in cells]
    width = len(rows[0]) if rows else 1
    totals = tuple(sum(row[c] for row in rows) for c in range(width))
    return (*rows, totals)


def suppress_line(counts: Sequence[int]) -> frozenset[int]:
    """Suppress one line of counts whose last entry is their total; return the hidden indexes."""
    hidden = _complete({(0, c) for c, v in enumerate(counts) if v < THRESHOLD}, (tuple(counts),))
    return frozenset(column for _, column in hidden)


def suppress(cells: Sequence[Sequence[int]]) -> Suppressed:
    """Suppress a table of ``cells`` (rows × columns, at least two rows) with its margins.

    The margin row (column totals, grand total) is suppressed first on its own, as
    ``suppress_line`` does for the overall line published beside the table.
    """
    counts = with_margins(cells)
    last = len(counts) - 1
    hidden = {(last, c) for c in suppress_line(counts[last])}
    hidden |= {(r, c) for r in range(last) for c, v in enumerate(counts[r]) if v < THRESHOLD}
    return Suppressed(counts, frozenset(_complete(hidden, counts)))


def _lines(counts: Sequence[Sequence[int]]) -> list[list[Position]]:
    height, width = len(counts), len(counts[0])
    rows = [[(r, c) for c in range(width)] for r in range(height)]
    columns = [[(r, c) for r in range(height)] for c in range(width)] if height > 1 else []
    return rows + columns


def _complete(hidden: set[Position], counts: Sequence[Sequence[int]]) -> set[Position]:
    """Hide more entries until no line has exactly one hidden entry."""
    hidden, lines = set(hidden), _lines(counts)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(p in hidden for p in line) == 1:
                hidden.add(_partner(line, hidden, counts, lines))
                changed = True
    return hidden


def _partner(
    line: list[Position],
    hidden: set[Position],
    counts: Sequence[Sequence[int]],
    lines: list[list[Position]],
) -> Position:
    """Return the entry to hide with the line's lone hidden one.

    Prefer a cell to a total, then an entry that also pairs another line's lone hidden entry
    (so the pattern closes instead of spreading), then the smallest count.
    """
    last_row, last_col = len(counts) - 1, len(counts[0]) - 1
    lone = [other for other in lines if other is not line and sum(p in hidden for p in other) == 1]

    def cost(p: Position) -> tuple[bool, int, int, Position]:
        is_total = p[1] == last_col or (p[0] == last_row and line[0][0] != last_row)
        closes = sum(p in other for other in lone)
        return (is_total, -closes, counts[p[0]][p[1]], p)

    return min((p for p in line if p not in hidden), key=cost)
