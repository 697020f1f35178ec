"""Issue 15: turns run off the event loop in chat order; serve binds web.port only if needed."""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import replace

import httpx
import pytest

from bot.core.config import Secrets, WebSettings
from bot.core.messages import Incoming, Reply
from bot.core.workers import Workers
from bot.runtime.assembly import Runtime
from bot.runtime.server import needs_port, serve, web_app


async def test_a_chat_waits_for_its_own_turns_but_not_for_others() -> None:
    workers = Workers(2)
    order: list[str] = []
    gate = threading.Event()

    def slow() -> None:
        gate.wait(10)
        order.append("a1")

    first = asyncio.create_task(workers.run("web:a", slow))
    second = asyncio.create_task(workers.run("web:a", lambda: order.append("a2")))
    await workers.run("web:b", lambda: order.append("b1"))  # not held up by web:a
    assert order == ["b1"]
    gate.set()
    await asyncio.gather(first, second)
    assert order == ["b1", "a1", "a2"]
    workers.close()


async def test_healthz_answers_while_a_turn_is_under_way(runtime: Runtime) -> None:
    started, gate = threading.Event(), threading.Event()

    def stuck(incoming: Incoming) -> list[Reply]:
        started.set()
        gate.wait(10)
        return [Reply("xong")]

    runtime.dispatcher.handle = stuck  # type: ignore[method-assign]
    transport = httpx.ASGITransport(app=web_app(runtime, []))
    async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as http:
        message = asyncio.create_task(http.post("/api/message", json={"user": "u1", "text": "hi"}))
        assert await asyncio.to_thread(started.wait, 10)
        health = await http.get("/healthz")
        assert health.json() == {"ok": True}
        assert not message.done()
        gate.set()
        assert (await message).json()["replies"][0]["text"] == "xong"


def with_web(runtime: Runtime, web: WebSettings) -> Runtime:
    settings = runtime.settings.model_copy(update={"web": web})
    return replace(runtime, app=replace(runtime.app, settings=settings))


async def test_serve_with_web_disabled_leaves_the_port_alone(runtime: Runtime) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        quiet = with_web(runtime, WebSettings(enabled=False, port=port))
        assert not needs_port(quiet)
        stop = asyncio.Event()
        serving = asyncio.create_task(serve(quiet, stop))
        await asyncio.sleep(0.05)  # let it start: it must not have tried the busy port
        assert not serving.done()
        stop.set()
        await asyncio.wait_for(serving, 5)


@pytest.mark.parametrize(
    ("secrets", "webhooks", "expected"),
    [
        (Secrets(), False, False),
        (Secrets(telegram_token="1:a"), False, False),
        (Secrets(telegram_token="1:a"), True, True),
        (Secrets(zalo_token="1:a"), True, True),
    ],
    ids=["nothing", "telegram-polling", "telegram-webhook", "zalo-webhook"],
)
def test_the_port_is_needed_only_for_the_web_chat_or_a_webhook(
    runtime: Runtime, secrets: Secrets, webhooks: bool, expected: bool
) -> None:
    settings = runtime.settings.model_copy(
        update={
            "web": WebSettings(enabled=False),
            "telegram": runtime.settings.telegram.model_copy(
                update={"webhook_url": "https://x.example/t" if webhooks else ""}
            ),
            "zalo": runtime.settings.zalo.model_copy(
                update={"webhook_url": "https://x.example/z" if webhooks else ""}
            ),
        }
    )
    app = replace(runtime.app, settings=settings, secrets=secrets)
    assert needs_port(replace(runtime, app=app)) is expected
