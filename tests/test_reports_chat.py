"""Reporting in chat: registration, guided and one-line reports, bad input, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.records import Role
from bot.reports.invites import Invites
from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.conftest import Clock
from tests.reporting import action_month_report, audit_actions, staff, stored

EXAMPLE = (
    "bc thang hanh dong: 3 buoi truyen thong 250 nguoi (140 nu, 110 nam), "
    "2 tin bai tren loa, 500 to roi"
)


# --- citizens never see officer features -------------------------------------------------------


def test_citizen_menu_button_explains_registration_only(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say("/start")
    chat.press("Báo cáo (cán bộ)")
    assert chat.text() == runtime.app.strings.get("core.report_staff_only")
    assert chat.labels() == []


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("say", "/baocao"),
        ("say", "/sua"),
        ("say", "/tonghop"),
        ("say", "/xuat"),
        ("say", "/moi 00070"),
        ("press", "rep:save"),
        ("press", "rep:f:thd"),
        ("press", "sum:thd:thd-2026:01"),
        ("press", "xls:thd:thd-2026:VN"),
    ],
    ids=["baocao", "sua", "tonghop", "xuat", "moi", "save", "form", "sum", "xls"],
)
def test_citizen_gets_the_unknown_answers(runtime: Runtime, how: str, message: str) -> None:
    chat = Chat(runtime, "web:citizen")
    if how == "say":
        chat.say(message)
        assert "không biết lệnh này" in chat.text()
    else:
        chat.press_payload(message)
        assert "Nút này đã hết hiệu lực" in chat.text()


def test_citizen_help_lists_no_officer_command(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say("/help")
    for command in ("/baocao", "/sua", "/tonghop", "/xuat", "/moi"):
        assert command not in chat.text()


def test_citizen_saying_bao_cao_is_not_sent_to_reporting(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say("báo cáo")
    assert "Bạn báo cáo mẫu nào" not in chat.text()
    assert runtime.app.store.load_session("web:citizen").state == ""


# --- registration -------------------------------------------------------------------------------


def test_register_with_code_binds_unit_and_role_and_is_audited(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    user = runtime.app.store.get_user("web:officer")
    assert user is not None
    assert (user.role, user.unit) == (Role.OFFICER, "00070")
    assert "Phường Hoàn Kiếm" in chat.text()
    assert "register" in audit_actions(runtime)
    chat.say("/help")
    assert "/baocao" in chat.text()
    assert "/tonghop" not in chat.text()


def test_register_asks_for_the_code_when_missing(runtime: Runtime) -> None:
    code, _ = Invites(runtime.app.db).create("01", Role.SUPERVISOR, "test", runtime.app.now())
    chat = Chat(runtime, "web:sup")
    chat.say("/dangky")
    assert "mã mời" in chat.text()
    chat.say(code.lower())
    assert "cán bộ theo dõi cấp tỉnh của Thành phố Hà Nội" in chat.text()


def test_wrong_codes_are_throttled_with_the_clock(runtime: Runtime, clock: Clock) -> None:
    code, _ = Invites(runtime.app.db).create("00070", Role.OFFICER, "test", runtime.app.now())
    chat = Chat(runtime, "web:guess")
    for guess in ("AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC", "DDDD-DDDD", "EEEE-EEEE"):
        chat.say(f"/dangky {guess}")
        assert "Mã mời không đúng" in chat.text()
    chat.say(f"/dangky {code}")
    assert "thử lại sau 15 phút" in chat.text()
    clock.now += timedelta(minutes=15)
    chat.say(f"/dangky {code}")
    assert "đã được đăng ký" in chat.text()


def test_supervisor_invites_an_officer_of_a_commune_in_the_province(runtime: Runtime) -> None:
    sup = staff(runtime, "web:sup", Role.SUPERVISOR, "01")
    sup.say("/moi Hoàn Kiếm")
    assert "Phường Hoàn Kiếm" in sup.text()
    code = sup.text().split("/dangky ")[1].split()[0]
    officer = Chat(runtime, "web:new")
    officer.say(f"/dangky {code}")
    assert "cán bộ xã, phường của Phường Hoàn Kiếm" in officer.text()
    sup.say("/moi 01")
    assert "không cấp được mã mời" in sup.text()
    sup.say("/moi 00700")
    assert "không cấp được mã mời" in sup.text()


# --- guided report ------------------------------------------------------------------------------


def guided(chat: Chat) -> None:
    chat.say("/baocao")
    assert chat.labels()[0] == "Tháng hành động"
    chat.press("Tháng hành động")
    for answer in ("1", "120", "3", "250", "140"):
        chat.say(answer)
    assert "bao nhiêu là nam" in chat.text()
    chat.press("110 (phần còn lại)")
    chat.press("Không có")
    chat.say("hai")
    chat.press("Xong")


def test_guided_report_is_saved_after_confirmation_with_a_receipt(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    guided(chat)
    assert "Người dự truyền thông: 250 người (nữ 140, nam 110)" in chat.text()
    assert stored(runtime) == {}
    chat.press("Lưu báo cáo")
    assert "Số biên nhận: BC-" in chat.text()
    assert stored(runtime) == {
        "launch_events": 1,
        "launch_people": 120,
        "sessions": 3,
        "session_people": 250,
        "session_people_nu": 140,
        "session_people_nam": 110,
        "trainings": 0,
        "news_loudspeaker": 2,
    }
    assert "report.submit" in audit_actions(runtime)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("-3", "không thể là số âm"),
        ("không biết", "cần một con số"),
        ("10^12", "lớn quá mức cho phép"),
        ("2,5", "số nguyên"),
        ("140 nữ 110 nam", "một số thôi"),
    ],
    ids=["negative", "text", "huge", "decimal", "two-numbers"],
)
def test_bad_numbers_are_asked_again(runtime: Runtime, answer: str, message: str) -> None:
    chat = action_month_report(runtime)
    chat.say(answer)
    assert message in chat.text()
    assert "(1/20)" in chat.text()
    assert stored(runtime) == {}


def at_attendance(runtime: Runtime) -> Chat:
    """Start the Action Month report and answer up to the attendance question (4/20)."""
    chat = action_month_report(runtime)
    chat.press("Bỏ qua")
    chat.say("3")
    return chat


def test_female_over_total_back_skip_and_cancel(runtime: Runtime) -> None:
    chat = at_attendance(runtime)
    chat.say("250")
    chat.say("300")
    assert "lớn hơn tổng số 250" in chat.text()
    chat.press("Quay lại")
    assert "(4/20)" in chat.text()
    chat.say("hủy")
    assert "chưa lưu gì" in chat.text()
    assert stored(runtime) == {}
    assert runtime.app.store.load_session("web:officer").state == ""


def test_a_total_with_women_and_men_answers_all_three(runtime: Runtime) -> None:
    # Eighth session: "150 người, 90 nữ 60 nam" got "Bạn gõ giúp mình một số thôi nhé".
    chat = at_attendance(runtime)
    chat.say("250 người, 200 nữ 100 nam")
    assert "không khớp tổng số 250" in chat.text()
    assert "(4/20)" in chat.text()
    chat.say("250 người, 140 nữ 110 nam")
    assert "(5/20)" in chat.text()
    chat.press("Xong")
    assert "Người dự truyền thông: 250 người (nữ 140, nam 110)" in chat.text()
    chat.press("Lưu báo cáo")
    assert stored(runtime) == {
        "sessions": 3,
        "session_people": 250,
        "session_people_nu": 140,
        "session_people_nam": 110,
    }


def test_dv_questions_say_numbers_only(runtime: Runtime) -> None:
    chat = action_month_report(runtime)
    chat.press("Xong")
    chat.press("Sửa một mục")
    chat.press("Vụ bạo lực gia đình")
    assert "không ghi tên" in chat.text()


# --- one-line reports ---------------------------------------------------------------------------


def test_one_line_report_echoed_then_saved_on_confirmation(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say(f"/bc {EXAMPLE}")
    assert "• Tờ rơi, tài liệu: 500 tờ" in chat.text()
    assert stored(runtime) == {}
    chat.press("Lưu báo cáo")
    assert stored(runtime)["session_people_nu"] == 140


def test_one_line_asks_what_it_did_not_understand(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/bc thd: 3 buổi truyền thông, 4 bản tin phát trên loa xe, 7 cái gì đó")
    assert 'chưa rõ "7 cái gì đó"' in chat.text()
    chat.press("Bỏ số này")
    assert "• Buổi truyền thông: 3 buổi" in chat.text()
    assert "Tin bài trên loa: 4" in chat.text()
    chat.press("Lưu báo cáo")
    assert stored(runtime) == {"sessions": 3, "news_loudspeaker": 4}


def test_one_line_unknown_number_placed_by_choice(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/bc thd: 2 tin bài")
    chat.press("Bài đăng mạng xã hội")
    chat.press("Lưu báo cáo")
    assert stored(runtime) == {"news_social": 2}


def test_one_line_without_form_asks_which_form(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/bc 500 tờ rơi")
    assert "Bạn báo cáo mẫu nào" in chat.text()
    chat.say("1")
    assert "• Tờ rơi, tài liệu: 500 tờ" in chat.text()


def test_one_line_bad_values_are_asked_again(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/bc thd: -2 vụ bạo lực gia đình, 500 tờ rơi")
    assert '"-2" chưa dùng được' in chat.text()
    assert "Vụ bạo lực gia đình được phát hiện: bao nhiêu vụ" in chat.text()
    chat.say("2")
    chat.press("Lưu báo cáo")
    assert stored(runtime) == {"dv_cases": 2, "leaflets": 500}


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        ("Cộng thêm", {"leaflets": 800, "sessions": 3}),
        ("Thay các mục", {"leaflets": 300, "sessions": 3}),
    ],
    ids=["add", "replace"],
)
def test_one_line_on_a_saved_report_adds_or_replaces(
    runtime: Runtime, button: str, expected: dict[str, int]
) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/bc thd: 3 buổi truyền thông, 500 tờ rơi")
    chat.press("Lưu báo cáo")
    chat.say("/bc thd: 300 tờ rơi")
    assert "đã gửi báo cáo kỳ này" in chat.text()
    chat.press(button)
    assert "lần 2" in chat.text()
    assert stored(runtime) == expected


def test_adding_a_split_line_to_a_saved_total_without_split(runtime: Runtime) -> None:
    # Eighth session: the saved 250 had no women/men; adding "250 người (140 nữ, 110 nam)" kept
    # the new parts beside a total of 500 and was blocked: "nữ + nam = 250, không khớp 500".
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/bc thd: 3 buổi truyền thông 250 người")
    chat.press("Lưu báo cáo")
    chat.say("/bc thd: 2 buổi truyền thông, 250 người (140 nữ, 110 nam)")
    assert "không khớp" not in chat.text()
    chat.press("Cộng thêm")
    assert stored(runtime) == {"sessions": 5, "session_people": 500}


def test_one_line_report_without_slash(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say(EXAMPLE)
    assert "• Tờ rơi, tài liệu: 500 tờ" in chat.text()


def test_naming_only_the_form_starts_the_guided_flow(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("/baocao tháng hành động")
    assert "(1/20) Lễ phát động" in chat.text()
    chat.say("/bc bdg")
    assert "(1/10) Hoạt động truyền thông" in chat.text()


def test_staff_saying_bao_cao_starts_reporting(runtime: Runtime) -> None:
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("báo cáo")
    assert "Bạn báo cáo mẫu nào" in chat.text()


def test_the_form_question_gives_each_due_date_and_takes_a_typed_name(runtime: Runtime) -> None:
    """Ninth session: "hạn nộp báo cáo là khi nào" started the flow without a date, and
    "báo cáo tháng hành động" typed at the form question got "chọn một mục trong danh sách"."""
    chat = staff(runtime, "web:officer", Role.OFFICER, "00070")
    chat.say("hạn nộp báo cáo là khi nào")
    assert "Tháng hành động 2026: hạn nộp 25/12/2026" in chat.text()
    assert "Công tác bình đẳng giới — Năm 2026: hạn nộp" in chat.text()
    chat.say("báo cáo tháng hành động")
    assert "(1/20) Lễ phát động" in chat.text()


def test_a_citizen_asking_about_report_deadlines_is_told_they_are_for_officers(
    runtime: Runtime,
) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say("hạn nộp báo cáo tháng hành động là ngày nào")
    assert "dành cho cán bộ đã đăng ký" in chat.text()
    assert runtime.app.store.load_session("web:citizen").state == ""


def test_a_supervisor_asks_in_words_for_the_roll_up_and_the_file(runtime: Runtime) -> None:
    """Ninth session: "xã nào chưa báo cáo" pointed to /tonghop, "file excel" was out of scope."""
    chat = staff(runtime, "web:supervisor", Role.SUPERVISOR, "01")
    chat.say("xã nào chưa báo cáo")
    assert "📊 Tổng hợp Tháng hành động 2026" in chat.text()
    assert "Chưa báo cáo (" in chat.text()
    replies = chat.say("cho tôi xin file excel")
    assert any(r.document is not None for r in replies)
    citizen = Chat(runtime, "web:citizen")
    citizen.say("xã nào chưa báo cáo")
    assert "📊" not in citizen.text()
