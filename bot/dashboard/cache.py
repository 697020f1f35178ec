"""Roll-ups kept between page views and rebuilt only when a period's reports change.

``build_rollup`` reads and sums every report of a period (3,321 communes nationally); the
dashboard asks for the same few roll-ups over and over, while reports change a few times a
minute at most. A cheap signature of the period's rows (count, newest change, highest id)
tells when a kept roll-up is stale.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from bot.reports.context import Reporting
from bot.reports.forms import Form
from bot.reports.periods import Period
from bot.reports.rollup import Rollup, build_rollup

SIZE = 128
"""Entries kept (least recently used dropped first)."""
SIGNATURE = "select count(*), max(updated_at), max(id) from reports where form = ? and period = ?"


class RollupCache:
    """Roll-ups and figures derived from them, keyed by what they depend on."""

    def __init__(self, rep: Reporting, size: int = SIZE) -> None:
        self.rep, self.size = rep, size
        self._items: OrderedDict[Hashable, tuple[Any, Any]] = OrderedDict()

    def signature(self, form: Form, period: Period) -> tuple[Any, ...]:
        """Return what changes whenever a report of the period is saved or amended."""
        row = self.rep.app.db.execute(SIGNATURE, [form.id, period.id]).fetchone()
        return tuple(row) if row else ()

    def rollup(self, form: Form, period: Period, scope: str) -> Rollup:
        """Return the roll-up of a form's period over a unit, rebuilt if its reports changed."""
        key = ("rollup", form.id, period.id, scope)
        build: Callable[[], Rollup] = lambda: build_rollup(self.rep, form, period, scope)  # noqa: E731
        result: Rollup = self.memo(key, self.signature(form, period), build)
        return result

    def memo(self, key: Hashable, signature: Any, build: Callable[[], Any]) -> Any:
        """Return the value kept for ``key`` if built under ``signature``, else build it."""
        found = self._items.get(key)
        if found is not None and found[0] == signature:
            self._items.move_to_end(key)
            return found[1]
        value = build()
        self._items[key] = (signature, value)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return value
