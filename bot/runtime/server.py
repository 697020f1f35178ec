"""The long-running server: one web server for the web chat and webhooks, plus channels."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.routing import BaseRoute

from bot.channels.web import WebChat
from bot.channels.webid import WebIdentity
from bot.core.scheduler import Scheduler
from bot.core.transport import ChannelRunner
from bot.dashboard.web import Dashboard
from bot.runtime.assembly import Runtime

log = logging.getLogger(__name__)

SWITCH_INTERVAL = 0.001
"""Seconds a worker thread holds the GIL before the event loop may run (Python's default: 0.005);
shorter keeps /healthz and webhooks quick while turns run."""


def enabled_channels(runtime: Runtime) -> list[ChannelRunner]:
    """Return the messaging channels whose tokens are set (Telegram, Zalo)."""
    from bot.runtime.channels import build_channels

    return build_channels(runtime)


def web_app(runtime: Runtime, channels: list[ChannelRunner]) -> Starlette:
    """Return the Starlette app: web chat (if enabled) and channel webhooks."""
    routes: list[BaseRoute] = []
    if runtime.settings.web.enabled:
        identity = WebIdentity(runtime.app.secrets.web_secret)
        routes += WebChat(runtime.handle, runtime.app.strings, identity).routes()
    for channel in channels:
        routes += channel.routes()
    if runtime.settings.web.enabled:
        routes += Dashboard(runtime.app).routes()

    scheduler = Scheduler(runtime.router.jobs, runtime.app.clock)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        for channel in channels:
            runtime.app.senders[channel.name] = channel.sender
            await channel.start()
        scheduler.start()
        try:
            yield
        finally:
            scheduler.stop()
            for channel in channels:
                await channel.stop()

    return Starlette(routes=routes, lifespan=lifespan)


def needs_port(runtime: Runtime) -> bool:
    """Return whether anything must listen on ``web.port``: the web chat or a channel's webhook."""
    settings, secrets = runtime.settings, runtime.app.secrets
    telegram_hook = bool(secrets.telegram_token and settings.telegram.webhook_url)
    zalo_hook = bool(secrets.zalo_token and settings.zalo.webhook_url)
    return settings.web.enabled or telegram_hook or zalo_hook


async def serve(runtime: Runtime, stop: asyncio.Event | None = None) -> None:
    """Serve until interrupted (or ``stop`` is set); bind ``web.port`` only when needed."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    channels = enabled_channels(runtime)
    web = runtime.settings.web
    app = web_app(runtime, channels)
    names = ", ".join(
        ["web", *(c.name for c in channels)] if web.enabled else [c.name for c in channels]
    )
    if not needs_port(runtime):
        print(f"binhdang: serving {names or 'nothing'} (no web server)", flush=True)  # noqa: T201
        async with app.router.lifespan_context(app):
            await (stop or asyncio.Event()).wait()
        return
    config = uvicorn.Config(app, host=web.host, port=web.port, log_level="warning")
    server = uvicorn.Server(config)
    print(f"binhdang: serving {names} on http://{web.host}:{web.port}", flush=True)  # noqa: T201
    if stop is None:
        await server.serve()
    else:
        await _serve_until(server, stop)
    await asyncio.sleep(0)


async def _serve_until(server: uvicorn.Server, stop: asyncio.Event) -> None:
    serving = asyncio.create_task(server.serve())
    await stop.wait()
    server.should_exit = True
    await serving
