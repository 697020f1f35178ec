"""Shared fixtures: no internet, a fixed clock, the real content, a fresh in-memory bot."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.core.config import PathSettings, Settings
from bot.runtime.assembly import Runtime, build_runtime
from bot.runtime.content import Content, load_content
from bot.storage.database import open_database

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội, during the 2026 Action Month
CONTENT_DAY = date(2026, 12, 3)
"""The day content is checked on: after every shipped ``last_verified`` (none in the future)."""
TEST_CACHE = ROOT / ".cache" / "test" / "binhdang"
"""Trained NLU artefacts shared by all tests (keyed by a hash of the content, so never stale)."""
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0", ""}


def _local(address: Any) -> bool:
    if isinstance(address, tuple) and address:
        return str(address[0]) in LOCAL_HOSTS or str(address[0]).startswith("127.")
    return isinstance(address, str | bytes)  # AF_UNIX paths


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta retry_after (else every 429 raises a deprecation warning)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection to a host other than this machine."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        if not _local(address):
            raise OSError(f"test tried to reach the internet: {address!r}")
        real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and str(host) not in LOCAL_HOSTS and not str(host).startswith("127."):
            raise OSError(f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def make_settings(cache: Path | None = None) -> Settings:
    """Return default settings reading the repo's content, caching under ``cache``."""
    paths = PathSettings(content=str(ROOT / "content"), cache=str(cache or TEST_CACHE))
    return Settings(paths=paths)


@pytest.fixture(scope="session")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """Load the shipped content once per test session."""
    settings = make_settings(TEST_CACHE)
    loaded, problems = load_content(settings, CONTENT_DAY)
    assert problems == [], "\n".join(map(str, problems))
    return loaded


class Clock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    """Return a fixed, movable clock."""
    return Clock()


@pytest.fixture
def runtime(content: Content, clock: Clock, tmp_path: Path) -> Iterator[Runtime]:
    """Return a fresh bot on an in-memory database with the shipped content."""
    db = open_database(None)
    yield build_runtime(make_settings(), clock=clock, db=db, content=content)
    db.close()
