"""A reference to an article (and optional clause) of a law document."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """An article (and optional clause) of a document named by its official number."""

    document: str
    article: int
    clause: int | None = None
