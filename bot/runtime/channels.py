"""Which messaging channels run, decided by the tokens present in the environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.transport import ChannelRunner

if TYPE_CHECKING:
    from bot.runtime.assembly import Runtime


def build_channels(runtime: Runtime) -> list[ChannelRunner]:
    """Return the Telegram and Zalo channels whose tokens are set."""
    channels: list[ChannelRunner] = []
    secrets, settings = runtime.app.secrets, runtime.settings
    if secrets.telegram_token:
        from bot.channels.telegram import TelegramChannel

        channels.append(
            TelegramChannel(
                settings.telegram,
                secrets.telegram_token,
                secrets.telegram_webhook_secret,
                runtime.handle,
                runtime.app.store.mark_stopped,
                runtime.app.strings,
                reply_via=runtime.app.outbox.replies,
            )
        )
    if secrets.zalo_token:
        from bot.channels.zalo import ZaloChannel

        channels.append(
            ZaloChannel(
                settings.zalo,
                secrets.zalo_token,
                secrets.zalo_webhook_secret,
                runtime.handle,
                runtime.app.store.mark_stopped,
                runtime.app.strings,
                on_quota=runtime.app.outbox.on_quota("zalo", 60.0),
            )
        )
    return channels
