"""In chat: /guitin (draft → preview → confirm) and /tiendo for admins and supervisors only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.broadcasts.engine import Engine
from bot.broadcasts.records import Status
from bot.core.records import Role, User
from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.conftest import NOW, Clock
from tests.fakes.broadcast_kit import FakeSender

HANOI_COMMUNE, HCMC = "00004", "79"


def engine_of(runtime: Runtime, clock: Clock) -> Engine:
    job = next(j for j in runtime.router.jobs if j.name == "broadcasts")
    engine = job.function.__self__  # type: ignore[attr-defined]
    assert isinstance(engine, Engine)

    async def sleep(seconds: float) -> None:
        clock.now += timedelta(seconds=seconds)

    engine.sleep = sleep
    return engine


def staff(runtime: Runtime, urn: str, role: Role, unit: str | None = None) -> Chat:
    runtime.app.store.save_user(User(urn, role=role, unit=unit, first_seen=NOW, last_seen=NOW))
    return Chat(runtime, urn)


def subscribers(runtime: Runtime, places: dict[str, str | None]) -> None:
    for urn, place in places.items():
        user = User(urn, place=place, subscribed=True, first_seen=NOW, last_seen=NOW)
        runtime.app.store.save_user(user)


@pytest.mark.parametrize("command", ["/guitin", "/tiendo"], ids=str)
def test_citizens_never_learn_the_commands_exist(runtime: Runtime, command: str) -> None:
    chat = Chat(runtime, "telegram:1")
    chat.say(command)
    assert "không biết lệnh này" in chat.text()
    chat.press_payload("bc:send:1")
    assert "hết hiệu lực" in chat.text()


async def test_admin_drafts_previews_confirms_and_follows_progress(
    runtime: Runtime, clock: Clock
) -> None:
    subscribers(runtime, {"telegram:1": None, "telegram:2": HANOI_COMMUNE, "zalo:3": None})
    admin = staff(runtime, "telegram:900", Role.ADMIN)
    admin.say("/guitin")
    assert "dòng đầu sẽ hiện trên màn hình khóa" in admin.text().casefold()
    admin.say("Bạo lực gia đình là tội ác\nChi tiết")
    assert '"bạo lực"' in admin.text()
    admin.say("Mời bạn dự lễ phát động\nSáng mai 8:00 tại nhà văn hóa xã.")
    assert "Mời bạn dự lễ phát động" in admin.text()
    assert "/dung" in admin.text()
    assert "3 người" in admin.text()
    assert admin.labels() == ["Gửi ngay", "Sửa lại", "Hủy"]
    admin.press("Gửi ngay")
    assert "Đã lên lịch tin số" in admin.text()
    engine = engine_of(runtime, clock)
    (broadcast,) = engine.broadcasts.recent()
    assert broadcast.status == Status.SCHEDULED
    assert broadcast.created_by == "telegram:900"
    await engine.tick(clock.now)
    admin.say("/tiendo")
    assert "đang gửi" in admin.text()
    assert "còn lại 3" in admin.text()
    assert "Dự kiến xong lúc" in admin.text()
    sender = FakeSender("telegram", clock)  # type: ignore[arg-type]
    await engine.pump("telegram", sender).run()
    await engine.pump("zalo", FakeSender("zalo", clock)).run()  # type: ignore[arg-type]
    engine.broadcasts.finish_completed(clock.now)
    admin.say(f"/tiendo {broadcast.id}")
    assert "đã xong" in admin.text()
    assert "Đã gửi 3/3" in admin.text()


def test_confirm_by_number_on_channels_without_buttons(runtime: Runtime, clock: Clock) -> None:
    admin = staff(runtime, "zalo:900", Role.ADMIN)
    admin.say("/guitin")
    admin.say("Thông báo của xã\nNội dung")
    admin.say("1")
    assert "Đã lên lịch tin số" in admin.text()


def test_edit_and_cancel(runtime: Runtime, clock: Clock) -> None:
    admin = staff(runtime, "telegram:900", Role.ADMIN)
    admin.say("/guitin")
    admin.say("Bản đầu\nNội dung")
    admin.press("Sửa lại")
    assert "Gõ nội dung tin" in admin.text()
    admin.say("Bản thứ hai\nNội dung")
    admin.press("Hủy")
    assert "Đã hủy" in admin.text()
    engine = engine_of(runtime, clock)
    assert [b.status for b in engine.broadcasts.recent()] == [Status.CANCELLED] * 2
    admin.press_payload("bc:send:1")
    assert "không còn nữa" in admin.text()


def test_someone_elses_draft_cannot_be_sent(runtime: Runtime, clock: Clock) -> None:
    first = staff(runtime, "telegram:900", Role.ADMIN)
    first.say("/guitin")
    first.say("Bản nháp\nNội dung")
    second = staff(runtime, "telegram:901", Role.ADMIN)
    second.press_payload("bc:send:1")
    assert "không còn nữa" in second.text()


def test_supervisor_reaches_their_province_only(runtime: Runtime, clock: Clock) -> None:
    subscribers(runtime, {"telegram:1": HANOI_COMMUNE, "telegram:2": None, "telegram:3": HCMC})
    supervisor = staff(runtime, "telegram:800", Role.SUPERVISOR, unit="01")
    supervisor.say("/guitin 79")
    assert "Hà Nội" in supervisor.text()
    supervisor.say("Tin của tỉnh\nNội dung")
    assert "1 người" in supervisor.text()
    supervisor.press("Gửi ngay")
    other = staff(runtime, "telegram:801", Role.SUPERVISOR, unit=HCMC)
    other.say("/tiendo")
    assert "Chưa có đợt gửi tin nào" in other.text()
    supervisor.say("/tiendo")
    assert "Tin của tỉnh" in supervisor.text()


def test_supervisor_without_province_is_told(runtime: Runtime) -> None:
    supervisor = staff(runtime, "telegram:800", Role.SUPERVISOR)
    supervisor.say("/guitin")
    assert "chưa gắn với tỉnh" in supervisor.text()


def test_admin_unknown_province_code(runtime: Runtime) -> None:
    admin = staff(runtime, "telegram:900", Role.ADMIN)
    admin.say("/guitin 99")
    assert "mã 99" in admin.text()
    admin.say("/tiendo 42")
    assert "Không tìm thấy tin số 42" in admin.text()


def test_quiet_hours_note_when_confirming_at_night(runtime: Runtime, clock: Clock) -> None:
    clock.now = NOW + timedelta(hours=12)  # 22:00 in Hà Nội
    admin = staff(runtime, "telegram:900", Role.ADMIN)
    admin.say("/guitin")
    admin.say("Tin buổi tối\nNội dung")
    admin.press("Gửi ngay")
    assert "bắt đầu gửi lúc 07:00" in admin.text()


async def test_scheduler_job_sends_todays_calendar_message_once(
    runtime: Runtime, clock: Clock
) -> None:
    subscribers(runtime, {"telegram:1": None, "telegram:2": None})
    engine = engine_of(runtime, clock)
    sender = FakeSender("telegram", clock)  # type: ignore[arg-type]
    runtime.app.senders["telegram"] = sender
    job = next(j for j in runtime.router.jobs if j.name == "broadcasts")
    for _ in range(3):
        await job.function(clock.now)
        await engine.join()
    assert sorted(sender.chats()) == ["1", "2"]
    assert sender.sent[0][2].startswith("Thước đo của một xã hội văn minh")
    assert "Gõ /dung để dừng nhận tin." in sender.sent[0][2]
