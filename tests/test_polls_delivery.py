"""Polls go out through the broadcast pipeline (issue 17): once, with buttons, within its rules."""

from __future__ import annotations

from datetime import timedelta

from bot.broadcasts.engine import Engine
from bot.broadcasts.records import Audience, Status
from bot.broadcasts.repository import Broadcasts
from bot.core.messages import Reply
from bot.core.records import User
from bot.core.transport import numbered_options
from bot.polls.delivery import schedule_quiz
from bot.polls.feature import load
from bot.polls.repository import Polls
from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.conftest import Clock

OPEN = "thang-hanh-dong-2026-duong-day-nong"


class Recorder:
    """A fake channel sender that records every reply, rendered as the channel would."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.sent: list[tuple[str, Reply]] = []

    async def send(self, chat_id: str, reply: Reply) -> None:
        self.sent.append((chat_id, reply))


def _subscribe(runtime: Runtime, urn: str, clock: Clock) -> None:
    runtime.app.store.save_user(User(urn, subscribed=True, first_seen=clock(), last_seen=clock()))


async def _run_job_and_pumps(runtime: Runtime, clock: Clock) -> dict[str, Recorder]:
    job = next(j for j in runtime.router.jobs if j.name == "polls")
    await job.function(clock())
    senders = {"telegram": Recorder("telegram"), "zalo": Recorder("zalo")}
    runtime.app.senders.update(senders)
    engine = Engine(runtime.app, [], runtime.app.outbox)
    engine.activate(clock())
    await engine.run_until_idle()
    return senders


async def test_the_open_poll_is_broadcast_once_with_its_options(
    runtime: Runtime, clock: Clock
) -> None:
    _subscribe(runtime, "telegram:1", clock)
    _subscribe(runtime, "zalo:2", clock)
    runtime.app.store.save_user(User("telegram:3", first_seen=clock(), last_seen=clock()))
    senders = await _run_job_and_pumps(runtime, clock)
    [(chat, reply)] = senders["telegram"].sent
    assert chat == "1"
    assert reply.text.splitlines()[0] == "Mời bạn trả lời một câu hỏi ngắn"
    assert next(b.label for b in reply.buttons) == "113 (Công an)"
    assert runtime.app.strings.get("bc.footer") in reply.text
    [(_, zalo_reply)] = senders["zalo"].sent
    assert "4. Chưa biết gọi số nào" in numbered_options(zalo_reply)
    again = await _run_job_and_pumps(runtime, clock)
    assert again["telegram"].sent == []
    keys = {b.key for b in Broadcasts(runtime.app.db).recent()}
    assert keys == {f"poll:{OPEN}"}, "the closed poll is never sent late"


async def test_a_zalo_recipient_answers_the_broadcast_with_a_number(
    runtime: Runtime, clock: Clock
) -> None:
    _subscribe(runtime, "zalo:2", clock)
    await _run_job_and_pumps(runtime, clock)
    chat = Chat(runtime, "zalo:2")
    chat.say("3")
    assert "Đã ghi nhận: 1900 969 680" in chat.text()
    poll = Polls(runtime.app.db).by_key(OPEN)
    assert poll is not None
    answer = Polls(runtime.app.db).answer_of(poll.id, "zalo:2")
    assert answer is not None
    assert answer.option == 3


async def test_quiet_hours_and_opt_out_apply(runtime: Runtime, clock: Clock) -> None:
    _subscribe(runtime, "telegram:1", clock)
    _subscribe(runtime, "telegram:2", clock)
    Chat(runtime, "telegram:2").say("/dung")
    clock.now = clock.now.replace(hour=15)  # 22:00 in Hà Nội: quiet hours
    senders = await _run_job_and_pumps(runtime, clock)
    assert senders["telegram"].sent == []
    clock.now += timedelta(hours=10)  # 08:00
    engine = Engine(runtime.app, [], runtime.app.outbox)
    await engine.run_until_idle()
    assert [chat for chat, _ in senders["telegram"].sent] == ["1"]


async def test_the_quiz_as_a_broadcast(runtime: Runtime, clock: Clock) -> None:
    _subscribe(runtime, "telegram:1", clock)
    _, quizzes = load(runtime.app)
    ident = schedule_quiz(runtime.app, quizzes[0], Audience(), clock(), clock(), "test")
    assert ident is not None
    broadcast = Broadcasts(runtime.app.db).get(ident)
    assert broadcast is not None
    assert broadcast.status == Status.SCHEDULED
    [start] = broadcast.buttons_for("vi")
    chat = Chat(runtime, "telegram:1")
    chat.press_payload(start.payload)
    assert "Câu 1/8" in chat.text()
