"""Plain-array sparse rows and matrices for inference (no scipy or scikit-learn to import).

Sparse parts are summed in the order scipy's compiled loops use (one term after another, by
ascending column); dense parts are one BLAS product, and a matrix product adds the two apart, so
values may differ from scipy's and scikit-learn's in the last bits (about 1e-16).
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
    """Return ``row @ rows[row.indices]`` (one BLAS product: within about 1e-16 of scipy's sum)."""
    if not len(row.indices):
        return np.zeros(rows.shape[1])
    total: np.ndarray = row.values @ rows[row.indices]
    return total


def gather(indptr: np.ndarray, picked: np.ndarray, *arrays: np.ndarray) -> list[np.ndarray]:
    """Return each array's entries in the spans ``indptr`` gives ``picked``, span after span.

    A span's entries are contiguous, so they are copied slice by slice: on a long story's
    250,000 entries that takes about half the time of indexing every position.
    """
    bounds = zip(indptr[picked].tolist(), indptr[picked + 1].tolist(), strict=True)
    pieces = [slice(start, end) for start, end in bounds]
    return [np.concatenate([array[p] for p in pieces]) if pieces else array[:0] for array in arrays]


DENSE_SHARE = 0.3
"""Columns with values in at least this share of the rows are also kept dense: a product reads
them as whole rows of a small dense block, about twice as fast as scattered entries (at 0.1 the
block holds three times as many cells as entries and is slower)."""


@dataclass(frozen=True)
class Columns:
    """A sparse matrix stored by column (CSC), its most filled columns also kept dense."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    rows: int
    slots: np.ndarray
    """Each column's row in ``dense``, or -1 when it is kept sparse only."""
    dense: np.ndarray
    """The filled columns, one row each (columns x matrix rows)."""

    @classmethod
    def build(cls, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, rows: int) -> Columns:
        """Return the matrix of CSC arrays (row indices sorted in each column)."""
        filled = np.flatnonzero(np.diff(indptr) >= max(1, DENSE_SHARE * rows))
        slots = np.full(len(indptr) - 1, -1, dtype=np.int32)
        slots[filled] = np.arange(len(filled), dtype=np.int32)
        dense = np.zeros((len(filled), rows))
        for slot, column in enumerate(filled):
            start, end = indptr[column], indptr[column + 1]
            dense[slot, indices[start:end]] = data[start:end]
        return cls(indptr, indices, data, rows, slots, dense)

    def dot(self, row: Row) -> np.ndarray:
        """Return ``matrix @ row`` (one value per matrix row), reading only the row's columns."""
        slots = self.slots[row.indices]
        filled = slots >= 0
        product = weighted_sum(self.dense, Row(slots[filled], row.values[filled]))
        scattered = self._scattered(row.indices[~filled], row.values[~filled])
        total: np.ndarray = product + scattered
        return total

    def _scattered(self, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Return the product with the columns kept sparse only."""
        rows, data = gather(self.indptr, columns, self.indices, self.data)
        if not len(rows):
            return np.zeros(self.rows)
        weights = data * np.repeat(values, self.indptr[columns + 1] - self.indptr[columns])
        return np.bincount(rows, weights=weights, minlength=self.rows)
