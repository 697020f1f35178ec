"""Officers propose service updates by chat; a provincial supervisor approves; all audited."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.core.records import Role, User
from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.conftest import NOW, Clock

OFFICER = "web:officer"  # commune Phường Cửa Nam (00073), Hà Nội: no commune entries shipped
SUPERVISOR = "web:supervisor"  # Hà Nội (01)
OTHER = "web:danang"  # supervisor of Đà Nẵng (48)
ADMIN = "web:admin"


@pytest.fixture
def staff(runtime: Runtime) -> Runtime:
    store = runtime.app.store
    store.save_user(User(OFFICER, role=Role.OFFICER, unit="00073"))
    store.save_user(User(SUPERVISOR, role=Role.SUPERVISOR, unit="01"))
    store.save_user(User(OTHER, role=Role.SUPERVISOR, unit="48"))
    store.save_user(User(ADMIN, role=Role.ADMIN, unit="VN"))
    return runtime


def audit(runtime: Runtime) -> list[tuple[str, str, dict[str, Any]]]:
    rows = runtime.app.db.query("select actor, action, detail from audit order by id")
    return [(r["actor"], r["action"], json.loads(r["detail"])) for r in rows]


def notices(runtime: Runtime) -> dict[str, str]:
    return {r["key"]: r["urn"] for r in runtime.app.db.query("select key, urn from notifications")}


def propose_police(chat: Chat) -> None:
    chat.say("/capnhat_dichvu")
    assert "Nơi hỗ trợ của Phường Cửa Nam, Thành phố Hà Nội (0 mục)" in chat.text()
    chat.press("Thêm nơi hỗ trợ mới")
    chat.press("Công an")
    chat.say("Công an phường thử nghiệm")
    chat.say("12 34")
    assert "chưa đúng dạng số điện thoại" in chat.text()
    chat.say("113")
    assert "Gõ địa chỉ" in chat.text()
    chat.say("-")
    assert "Đã gửi đề xuất #1" in chat.text()


def test_officer_proposal_and_supervisor_approval_are_audited(staff: Runtime) -> None:
    propose_police(Chat(staff, OFFICER))
    assert notices(staff) == {f"svc:proposal:1:{SUPERVISOR}": SUPERVISOR}
    citizen = Chat(staff, "web:citizen")
    citizen.press_payload("svc:u:00073")
    assert "Công an phường thử nghiệm" not in citizen.text(), "pending proposals are not shown"

    supervisor = Chat(staff, SUPERVISOR)
    supervisor.say("/duyet")
    assert "Thêm mới (Công an): Công an phường thử nghiệm, 113" in supervisor.text()
    supervisor.press("Duyệt #1")
    assert "Đã duyệt đề xuất #1" in supervisor.text()
    assert "23/11/2026" in supervisor.text()

    assert [(actor, action) for actor, action, _ in audit(staff)] == [
        (OFFICER, "services.propose"),
        (SUPERVISOR, "services.approve"),
    ]
    approved = audit(staff)[1][2]
    assert approved["entry"] == "police-00073"
    assert approved["last_verified"] == "2026-11-23"
    assert notices(staff)["svc:decided:1"] == OFFICER

    citizen.press_payload("svc:u:00073")
    assert "Tại Phường Cửa Nam, Thành phố Hà Nội:" in citizen.text()
    assert "Công an phường thử nghiệm: gọi 113" in citizen.text()
    assert "kiểm tra ngày 23/11/2026" in citizen.text()


def test_update_by_numbers_and_approval_sets_last_verified(staff: Runtime, clock: Clock) -> None:
    propose_police(Chat(staff, OFFICER))
    Chat(staff, SUPERVISOR).press_payload("sva:ok:1")
    clock.now = datetime(2027, 3, 2, 3, 0, tzinfo=UTC)
    officer = Chat(staff, OFFICER)
    officer.say("/capnhat_dichvu")
    officer.say("1")
    assert "Chọn thông tin cần sửa" in officer.text()
    officer.say("2")
    assert "Giờ làm việc hiện nay: (trống)" in officer.text()
    officer.say("7h–17h hằng ngày")
    assert "Đã gửi đề xuất #2" in officer.text()
    supervisor = Chat(staff, SUPERVISOR)
    supervisor.say("/duyet")
    assert "Giờ làm việc: (trống) → 7h–17h hằng ngày" in supervisor.text()
    supervisor.say("1")
    assert "kiểm tra ngày 02/03/2027" in Chat(staff, "web:c").press_payload("svc:u:00073")[-1].text


def test_still_correct_confirmation_reverifies_a_province_entry(
    staff: Runtime, clock: Clock
) -> None:
    clock.now = datetime(2027, 2, 1, 3, 0, tzinfo=UTC)
    supervisor = Chat(staff, SUPERVISOR)
    supervisor.press_payload("svu:e:ngoi-nha-binh-yen-ha-noi")
    assert "Địa chỉ" not in supervisor.labels(), "a shelter has no address to edit"
    supervisor.press("Vẫn đúng")
    assert "Đã gửi đề xuất #1" in supervisor.text()
    assert notices(staff) == {f"svc:proposal:1:{SUPERVISOR}": SUPERVISOR}
    supervisor.press_payload("sva:ok:1")
    assert "không tự duyệt" in supervisor.text()
    Chat(staff, ADMIN).press_payload("sva:ok:1")
    rows = list(staff.app.db.query("select entry_id, last_verified from service_overrides"))
    assert rows == [{"entry_id": "ngoi-nha-binh-yen-ha-noi", "last_verified": "2027-02-01"}]


def test_rejection_is_audited_and_changes_nothing(staff: Runtime) -> None:
    propose_police(Chat(staff, OFFICER))
    supervisor = Chat(staff, SUPERVISOR)
    supervisor.press_payload("sva:no:1")
    assert "Đã từ chối đề xuất #1" in supervisor.text()
    assert audit(staff)[-1][:2] == (SUPERVISOR, "services.reject")
    assert list(staff.app.db.query("select * from service_overrides")) == []
    supervisor.press_payload("sva:ok:1")
    assert "không còn chờ duyệt" in supervisor.text()


def test_other_province_cannot_review(staff: Runtime) -> None:
    propose_police(Chat(staff, OFFICER))
    other = Chat(staff, OTHER)
    other.say("/duyet")
    assert "Không có đề xuất" in other.text()
    other.press_payload("sva:ok:1")
    assert "không thuộc tỉnh" in other.text()


def test_citizens_never_reach_staff_routes(staff: Runtime) -> None:
    citizen = Chat(staff, "web:citizen")
    for command in ("/capnhat_dichvu", "/duyet"):
        citizen.say(command)
        assert "Mình không biết lệnh này" in citizen.text()
    for payload in ("svu:add", "sva:ok:1", "svu:e:ngoi-nha-binh-yen-ha-noi"):
        citizen.press_payload(payload)
        assert "Nút này đã hết hiệu lực" in citizen.text()
    citizen.say("/help")
    assert "capnhat_dichvu" not in citizen.text()


def test_officer_cannot_touch_another_units_entry(staff: Runtime) -> None:
    officer = Chat(staff, OFFICER)
    officer.press_payload("svu:e:ngoi-nha-binh-yen-ha-noi")
    assert "đơn vị mình" in officer.text()


def test_new_shelter_is_never_asked_for_an_address(staff: Runtime) -> None:
    officer = Chat(staff, OFFICER)
    officer.press_payload("svu:add")
    officer.press("Nhà tạm lánh")
    officer.say("Nhà tạm lánh thử nghiệm")
    officer.say("113")
    assert "Đã gửi đề xuất #1" in officer.text()
    Chat(staff, SUPERVISOR).press_payload("sva:ok:1")
    officer.press_payload("svu:e:shelter-00073")
    assert "Địa chỉ" not in officer.labels()
    officer.press_payload("svu:f:address")
    officer.say("Số 9 phố Bí Mật")
    assert "chưa dùng được" in officer.text()
    assert len(list(staff.app.db.query("select id from service_proposals"))) == 1
    citizen = Chat(staff, "web:citizen")
    citizen.press_payload("svc:u:00073")
    assert "Nhà tạm lánh thử nghiệm" in citizen.text()
    assert "không công bố địa chỉ" in citizen.text()
    assert "Bí Mật" not in citizen.text()


def test_staff_without_a_unit_is_told(runtime: Runtime) -> None:
    runtime.app.store.save_user(User("web:new", role=Role.OFFICER, first_seen=NOW))
    chat = Chat(runtime, "web:new")
    chat.say("/capnhat_dichvu")
    assert "chưa gắn với đơn vị" in chat.text()
