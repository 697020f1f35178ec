"""Who acts and who suffers: the pair nlu.roles reads and nlu.kinship names."""

from __future__ import annotations

from dataclasses import dataclass

SELF = "self"
"""The speaker, when the message does not tell which role they have."""


@dataclass(frozen=True)
class Roles:
    """Who acts and who suffers in a message (None when it does not say)."""

    actor: str | None = None
    patient: str | None = None

    @property
    def known(self) -> bool:
        """Return whether the message names an actor or a patient."""
        return self.actor is not None or self.patient is not None


NONE = Roles()
