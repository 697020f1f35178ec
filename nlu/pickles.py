"""Derived artefacts (trained models, indexes) cached as pickles keyed by their content."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def load_pickle(path: Path, kind: type[T]) -> T | None:
    """Return the object of type ``kind`` pickled at ``path``, or None when absent or unreadable."""
    try:
        with path.open("rb") as file:
            found = pickle.load(file)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        log.warning("cached %s unreadable; rebuilding", path)
        return None
    return found if isinstance(found, kind) else None


def save_pickle(value: object, path: Path, stale: str) -> None:
    """Pickle ``value`` at ``path`` atomically, first removing older files matching ``stale``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(stale):
            old.unlink(missing_ok=True)
        temporary = path.with_suffix(".tmp")
        with temporary.open("wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError as err:
        log.warning("cannot cache %s in %s: %s", path.name, path.parent, err)
