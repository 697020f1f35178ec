"""Problems found while validating config or content, reported as ``file:line: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One validation problem, located in a file."""

    file: str
    line: int
    message: str
    warning: bool = False
    """A warning (e.g. stale data) fails ``binhdang check`` but does not stop the bot."""

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {kind}{self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    """Return the problems that must stop start-up (not warnings)."""
    return [p for p in problems if not p.warning]


class ContentError(Exception):
    """Raised when content or config cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class StartupError(Exception):
    """Raised when the bot cannot start for one reason, told in one line (no traceback)."""
