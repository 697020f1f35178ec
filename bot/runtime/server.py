"""The long-running server: one web server for the web chat and webhooks, plus channels."""

from __future__ import annotations

import asyncio
import logging
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


async def serve(runtime: Runtime) -> None:
    """Serve until interrupted."""
    channels = enabled_channels(runtime)
    web = runtime.settings.web
    app = web_app(runtime, channels)
    config = uvicorn.Config(app, host=web.host, port=web.port, log_level="warning")
    server = uvicorn.Server(config)
    names = ", ".join(
        ["web", *(c.name for c in channels)] if web.enabled else [c.name for c in channels]
    )
    print(f"binhdang: serving {names} on http://{web.host}:{web.port}", flush=True)  # noqa: T201
    await server.serve()
    await asyncio.sleep(0)
