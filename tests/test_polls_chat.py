"""Polls in chat (issue 17): one answer per person, changes until close, profile, /xoa, results."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

from openpyxl import load_workbook

from bot.core.records import Role, User
from bot.polls.repository import Polls, Profiles
from bot.polls.summary import suppressed_results
from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.conftest import Clock

OPEN = "thang-hanh-dong-2026-duong-day-nong"
CLOSED = "thang-hanh-dong-2026-tuan-1"


def _poll_id(runtime: Runtime, key: str = OPEN) -> int:
    poll = Polls(runtime.app.db).by_key(key)
    assert poll is not None
    return poll.id


def _answer(runtime: Runtime, urn: str, option: int, key: str = OPEN) -> Chat:
    chat = Chat(runtime, urn)
    chat.press_payload(f"poll:{_poll_id(runtime, key)}:{option}")
    return chat


def test_one_answer_per_person_changeable_until_close(runtime: Runtime, clock: Clock) -> None:
    chat = _answer(runtime, "telegram:1", 1)
    assert "Đã ghi nhận: 113" in chat.text()
    chat.press_payload(f"poll:{_poll_id(runtime)}:4")
    assert "Đã đổi câu trả lời của bạn thành: Chưa biết" in chat.text()
    polls = Polls(runtime.app.db)
    assert polls.count(_poll_id(runtime)) == 1
    answer = polls.answer_of(_poll_id(runtime), "telegram:1")
    assert answer is not None
    assert (answer.option, answer.changes) == (4, 1)
    clock.now += timedelta(days=30)
    chat.press_payload(f"poll:{_poll_id(runtime)}:2")
    assert "Khảo sát này đã đóng" in chat.text()
    answer = polls.answer_of(_poll_id(runtime), "telegram:1")
    assert answer is not None
    assert answer.option == 4


def test_zalo_answers_with_a_number_or_the_option_words(runtime: Runtime) -> None:
    chat = Chat(runtime, "zalo:7")
    chat.say("/khaosat")
    chat.say("2")
    assert "Đã ghi nhận: 111 (Bảo vệ trẻ em)" in chat.text()
    chat.say("bỏ qua")
    chat.say("/khaosat")
    chat.say("chua biet goi so nao")
    assert "Đã đổi câu trả lời của bạn thành: Chưa biết gọi số nào" in chat.text()


def test_forged_and_stale_buttons_never_crash(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:x")
    for payload in (
        "poll:999:1",
        "poll:abc",
        f"poll:{_poll_id(runtime)}:9",
        "poll:",
        "prof:sex:alien",
    ):
        chat.press_payload(payload)
        assert chat.last, payload
        assert "lỗi" not in chat.text().lower(), payload
    assert Polls(runtime.app.db).count(_poll_id(runtime)) == 0


def test_profile_is_asked_once_and_stored_only_with_consent(runtime: Runtime) -> None:
    chat = _answer(runtime, "web:p", 1)
    assert "Mục đích" in chat.text()
    chat.press("Bỏ qua")
    profile = Profiles(runtime.app.db).get("web:p")
    assert profile is not None
    assert (profile.consented_at, profile.sex, profile.asked_at is not None) == (None, None, True)
    other = _answer(runtime, "web:p", 2, CLOSED)  # a closed poll: no answer, no question
    assert "Mục đích" not in other.text()
    runtime.app.clock.now = runtime.app.clock() + timedelta(hours=1)  # type: ignore[attr-defined]
    chat.press_payload(f"poll:{_poll_id(runtime)}:3")
    assert "Mục đích" not in chat.text()


def test_profile_steps_then_xoa_deletes_it_with_the_answers(runtime: Runtime) -> None:
    chat = _answer(runtime, "telegram:5", 2)
    chat.press("Đồng ý")
    chat.press("Nam")
    chat.press("18–24")
    chat.say("tp hcm")
    assert "Nam, 18–24, Thành phố Hồ Chí Minh" in chat.text()
    profile = Profiles(runtime.app.db).get("telegram:5")
    assert profile is not None
    assert (profile.sex, profile.age_band, profile.province) == ("male", "18-24", "79")
    chat.say("/xoa")
    chat.press("Xóa")
    assert Profiles(runtime.app.db).get("telegram:5") is None
    assert Polls(runtime.app.db).answer_of(_poll_id(runtime), "telegram:5") is None


def test_a_child_keeps_only_the_age_band(runtime: Runtime) -> None:
    chat = _answer(runtime, "zalo:child", 3)
    chat.press("Đồng ý")
    chat.press("Nữ")
    chat.press("Dưới 18")
    assert "chỉ ghi nhóm tuổi" in chat.text()
    profile = Profiles(runtime.app.db).get("zalo:child")
    assert profile is not None
    assert (profile.sex, profile.age_band, profile.province) == (None, "under18", None)
    chat.say("Hà Nội")
    assert Profiles(runtime.app.db).get("zalo:child").province is None  # type: ignore[union-attr]


def test_hoso_clears_the_profile(runtime: Runtime) -> None:
    chat = _answer(runtime, "web:h", 1)
    chat.press("Đồng ý")
    chat.press("Nữ")
    chat.say("/hoso")
    chat.press("Xoá thông tin này")
    profile = Profiles(runtime.app.db).get("web:h")
    assert profile is not None
    assert (profile.sex, profile.consented_at) == (None, None)


def test_danger_words_end_the_profile_and_it_is_not_asked_after_an_emergency(
    runtime: Runtime,
) -> None:
    chat = _answer(runtime, "web:e", 1)
    chat.press("Đồng ý")
    chat.say("chồng tôi đang đánh tôi, cứu")
    assert "113" in chat.text()
    assert runtime.app.store.load_session("web:e").state == ""
    chat.say("Nữ")
    assert "Độ tuổi" not in chat.text()
    urgent = Chat(runtime, "web:f")
    urgent.say("có người đang đánh tôi")
    urgent.press_payload(f"poll:{_poll_id(runtime)}:1")
    assert "Đã ghi nhận" in urgent.text()
    assert "Mục đích" not in urgent.text()
    assert Profiles(runtime.app.db).get("web:f") is None
    runtime.app.clock.now += timedelta(days=2)  # type: ignore[attr-defined]
    urgent.press_payload(f"poll:{_poll_id(runtime)}:2")
    assert "Mục đích" in urgent.text(), "offered once the emergency is a day old"


def test_profile_is_never_asked_during_a_report(runtime: Runtime) -> None:
    store = runtime.app.store
    store.save_user(User("telegram:9", role=Role.OFFICER, unit="00070"))
    session = replace(store.load_session("telegram:9"), state="report:field", data={"x": 1})
    store.save_session(session, runtime.app.clock())
    chat = _answer(runtime, "telegram:9", 1)
    assert "Đã ghi nhận" in chat.text()
    assert "Mục đích" not in chat.text()
    assert store.load_session("telegram:9").state == "report:field"


def test_results_are_suppressed_in_chat_and_export(runtime: Runtime) -> None:
    for n in range(12):
        chat = _answer(runtime, f"telegram:{100 + n}", 1 if n < 9 else 2)
        chat.press("Đồng ý")
        chat.press("Nữ" if n < 7 else "Nam")
    chat = Chat(runtime, "web:reader")
    chat.say("/ketqua")
    text = chat.text()
    assert "1. 113 (Công an): 9 (75%)" in text
    assert "2. 111 (Bảo vệ trẻ em): < 5" in text
    assert "Số người trả lời: 12" in text
    assert "• Nữ: (1) 7 · (2) < 5" in text
    assert "Tải Excel" not in chat.labels()
    found = suppressed_results(runtime.app, _poll_id(runtime))
    assert found is not None
    assert found.overall.cells[:2] == ("9", "< 5")
    admin = Chat(runtime, "telegram:1")
    runtime.app.store.save_user(User("telegram:1", role=Role.ADMIN))
    admin.say(f"/ketqua {OPEN}")
    admin.press("Tải Excel")
    document = admin.last[0].document
    assert document is not None
    sheet = load_workbook(io.BytesIO(document.data)).active
    assert sheet is not None
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert 9 in values
    assert "< 5" in values
    assert 2 not in values
    assert 3 not in values


def test_typed_number_poll(runtime: Runtime) -> None:
    db = runtime.app.db
    ident = _poll_id(runtime)
    db.table("polls").update(ident, {"kind": "number", "options": "[]"})
    chat = Chat(runtime, "zalo:n")
    chat.say("/khaosat")
    chat.press("Trả lời")
    chat.say("chồng tôi đang đánh tôi")
    assert "113" in chat.text()
    assert runtime.app.store.load_session("zalo:n").state == "", "danger words end the typed answer"
    chat.say("/khaosat")
    chat.press("Trả lời")
    chat.say("không biết")
    assert "gõ một con số" in chat.text()
    chat.say("3,5")
    assert "Đã ghi nhận: 3.5" in chat.text()
    for n, value in enumerate(["1", "2", "10", "4"]):
        other = Chat(runtime, f"zalo:{n}")
        other.press_payload(f"poll:{ident}:type")
        other.say(value)
    chat.say("/ketqua")
    assert "Số người trả lời: 5" in chat.text()
    assert "Trung vị: 3.5 · Trung bình: 4.1" in chat.text()


def test_khaosat_lists_only_polls_whose_audience_includes_the_person(runtime: Runtime) -> None:
    runtime.app.db.table("polls").update(_poll_id(runtime), {"audience": '{"provinces": ["01"]}'})
    outsider = Chat(runtime, "web:far")
    outsider.say("/khaosat")
    assert "chưa có khảo sát nào đang mở" in outsider.text()
    runtime.app.store.save_user(User("web:near", place="00070"))
    near = Chat(runtime, "web:near")
    near.say("/khaosat")
    assert "gọi số nào trước" in near.text()
