"""Plain-array sparse rows and matrices for inference (no scipy or scikit-learn to import).

Sums run in the order scipy's and scikit-learn's compiled loops use (one term after another, by
ascending column), so the results are the same floating-point numbers as theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Row:
    """One sparse row: ascending column indices and their values."""

    indices: np.ndarray
    values: np.ndarray

    def head(self, columns: int) -> Row:
        """Return the entries in the first ``columns`` columns, L2-normalised again."""
        end = int(np.searchsorted(self.indices, columns))
        return Row(self.indices[:end], l2_sequential(self.values[:end]))

    def dense(self, size: int) -> np.ndarray:
        """Return the row as a dense vector of ``size`` values."""
        full = np.zeros(size)
        full[self.indices] = self.values
        return full


def l2_sequential(values: np.ndarray) -> np.ndarray:
    """Return ``values`` divided by their L2 norm, summed in order (sklearn's ``normalize``)."""
    if not len(values):
        return values
    total = float(np.cumsum(values * values)[-1])
    return values / np.sqrt(total) if total != 0.0 else values


def weighted_sum(rows: np.ndarray, row: Row) -> np.ndarray:
    """Return ``row @ rows[row.indices]``, adding term after term (as a sparse product does)."""
    if not len(row.indices):
        return np.zeros(rows.shape[1])
    terms: np.ndarray = rows[row.indices] * row.values[:, None]
    if terms.shape[1] == 1:  # numpy would sum one contiguous column pairwise, not in order
        return np.cumsum(terms[:, 0])[-1:]
    total: np.ndarray = np.add.reduce(terms, axis=0)
    return total


@dataclass(frozen=True)
class Columns:
    """A sparse matrix stored by column (CSC), for products with one sparse row."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    rows: int

    def dot(self, row: Row) -> np.ndarray:
        """Return ``matrix @ row`` (one value per matrix row), reading only the row's columns."""
        starts = self.indptr[row.indices]
        lengths = self.indptr[row.indices + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(self.rows)
        firsts = np.cumsum(lengths) - lengths
        positions = np.arange(total) + np.repeat(starts - firsts, lengths)
        weights = self.data[positions] * np.repeat(row.values, lengths)
        return np.bincount(self.indices[positions], weights=weights, minlength=self.rows)
