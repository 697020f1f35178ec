"""Which messaging channels run, decided by the tokens present in the environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.channels.base import ChannelRunner

if TYPE_CHECKING:
    from bot.runtime import Runtime


def build_channels(runtime: Runtime) -> list[ChannelRunner]:
    """Return the Telegram and Zalo channels whose tokens are set."""
    channels: list[ChannelRunner] = []
    return channels
