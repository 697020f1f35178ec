"""A small registry of what job packages build and share, looked up by type."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class Parts:
    """Objects by their type: the core holds them without knowing the job packages."""

    def __init__(self, *items: object) -> None:
        self._items: dict[type, object] = {}
        for item in items:
            self.add(item)

    def add(self, item: object) -> None:
        """Keep ``item`` under its own type (replacing any earlier one)."""
        self._items[type(item)] = item

    def get(self, kind: type[T]) -> T:
        """Return the object of type ``kind``; raise LookupError when none was added."""
        item = self._items.get(kind)
        if not isinstance(item, kind):
            raise LookupError(f"no {kind.__name__} was built")
        return item

    def find(self, kind: type[T], default: T) -> T:
        """Return the object of type ``kind``, or ``default`` when none was added."""
        item = self._items.get(kind)
        return item if isinstance(item, kind) else default
