"""Choose and build the configured NLU engine (embedded, or Rasa with embedded fallback)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from nlu.parse import Engine
from nlu.training import TrainingData


class EngineSettings(Protocol):
    """The NLU settings an engine needs (``bot.config.NluSettings`` has this shape)."""

    @property
    def engine(self) -> str: ...  # noqa: D102

    @property
    def rasa_url(self) -> str: ...  # noqa: D102

    @property
    def rasa_timeout(self) -> float: ...  # noqa: D102

    @property
    def threshold(self) -> float: ...  # noqa: D102

    @property
    def memo(self) -> int: ...  # noqa: D102


def build_engine(data: TrainingData, settings: EngineSettings, cache_dir: Path) -> Engine:
    """Return the engine named in ``settings``, trained on ``data`` (models cached in cache_dir)."""
    from nlu.embedded import build_embedded

    embedded = build_embedded(data, cache_dir, settings.threshold, settings.memo)
    if settings.engine == "rasa":
        from nlu.rasa import RasaEngine  # httpx only when a Rasa server is configured

        return RasaEngine(settings.rasa_url, settings.rasa_timeout, embedded)
    return embedded
