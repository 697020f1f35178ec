"""Citizens finding help in chat: commune entries, province fallback, unknown place, location."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.core.messages import Incoming, Location
from bot.core.records import User
from bot.runtime.assembly import Runtime, build_runtime
from bot.runtime.content import Content
from bot.services import chat as services
from bot.services.residence import place_said
from bot.storage.database import open_database
from tests.chat import Chat
from tests.conftest import ROOT, Clock, make_settings

# Test data only (never shipped): a commune with its own entries. The numbers are placeholders.
COMMUNE_ENTRIES = """\
entries:
  - id: test-dia-chi-tin-cay-hoan-kiem
    kind: trusted_address
    name: "Địa chỉ tin cậy thử nghiệm"
    phone: "0900 000 000"
    unit: "00070"
    last_verified: 2026-10-01
    source: "https://example.org/test"
  - id: test-cong-an-hoan-kiem
    kind: police
    name: "Công an phường thử nghiệm"
    phone: "0900 000 001"
    address: "Số 1 phố Thử"
    unit: "00070"
    last_verified: 2026-10-01
    source: "https://example.org/test"
"""


@pytest.fixture
def planted(content: Content, clock: Clock, tmp_path: Path) -> Iterator[Runtime]:
    """A bot whose directory also has entries for Phường Hoàn Kiếm (00070)."""
    root = tmp_path / "content"
    root.mkdir()
    for child in (ROOT / "content").iterdir():
        if child.name != "services":
            (root / child.name).symlink_to(child)
    shutil.copytree(ROOT / "content" / "services", root / "services")
    (root / "services" / "test-00070.yml").write_text(COMMUNE_ENTRIES, encoding="utf-8")
    db = open_database(None)
    yield build_runtime(
        make_settings(), clock=clock, db=db, content=replace(content, directory=root)
    )
    db.close()


def place_of(runtime: Runtime, urn: str) -> str | None:
    user = runtime.app.store.get_user(urn)
    return user.place if user else None


def test_citizen_in_a_commune_with_entries(planted: Runtime) -> None:
    chat = Chat(planted, "web:citizen")
    chat.say("/start")
    chat.press("Tìm nơi hỗ trợ")
    assert "Bạn đang ở tỉnh" in chat.text()
    chat.say("phuong hoan kiem")
    text = chat.text()
    assert "Tại Phường Hoàn Kiếm, Thành phố Hà Nội:" in text
    assert "Công an phường thử nghiệm: gọi 0900 000 001" in text
    assert "Số 1 phố Thử" in text
    assert "Địa chỉ tin cậy thử nghiệm" in text
    assert "Số toàn quốc:" in text
    assert "1800 1233" in text
    assert chat.last[-1].text.endswith("gọi ngay 113.")
    assert place_of(planted, "web:citizen") == "00070"
    chat.say("tôi bị chồng đánh, cứu tôi")
    emergency = chat.text()
    assert emergency.startswith("Nếu bạn hoặc ai đó đang gặp nguy hiểm")
    assert "Tại Phường Hoàn Kiếm, Thành phố Hà Nội (cấp xã):" in emergency
    assert "Công an phường thử nghiệm" in emergency


def test_citizen_in_a_commune_without_entries_gets_the_province(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.press_payload("svc:start")
    chat.say("cua nam")
    text = chat.text()
    assert "Chưa có thông tin riêng của Phường Cửa Nam; đây là thông tin cấp tỉnh" in text
    assert "Ngôi nhà Bình yên" in text
    assert "UBND Phường Cửa Nam" in text
    assert chat.last[-1].text.endswith("gọi ngay 113.")
    chat.say("chồng tôi đang đánh tôi")
    assert "thông tin cấp tỉnh (Thành phố Hà Nội)" in chat.text()


def test_unknown_place_gives_national_lines_and_an_honest_message(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.press_payload("svc:start")
    chat.say("xyzzy")
    text = chat.text()
    assert 'chưa tìm thấy "xyzzy"' in text
    assert "chưa đối chiếu được" in text
    for number in ("113", "111", "1900 969 680", "1800 1233"):
        assert number in text
    assert text.endswith("gọi ngay 113.")
    assert chat.labels() == ["Tìm nơi khác"]
    assert place_of(runtime, "web:citizen") is None


def test_province_without_local_entries_says_so(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say("tim noi ho tro o Ca Mau")
    assert "Nơi hỗ trợ cho Cà Mau" in chat.text()
    assert "chưa có nơi hỗ trợ riêng ở Cà Mau" in chat.text()
    assert place_of(runtime, "web:citizen") == "96"


def test_several_matches_become_buttons_and_numbers_work(runtime: Runtime) -> None:
    chat = Chat(runtime, "zalo:citizen")
    chat.press_payload("svc:start")
    chat.say("sai gon")
    assert chat.labels() == ["Thành phố Hồ Chí Minh", "Phường Sài Gòn, Thành phố Hồ Chí Minh"]
    assert all(b.payload.startswith("svc:u:") for r in chat.last for b in r.buttons)
    chat.say("2")
    assert "Nơi hỗ trợ cho Phường Sài Gòn" in chat.text()
    assert place_of(runtime, "zalo:citizen") == "26740"


def test_free_text_names_the_commune(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say("noi tam lanh gan xa Ia Grai")
    assert "Nơi hỗ trợ cho Xã Ia Grai, Gia Lai" in chat.text()
    assert place_of(runtime, "web:citizen") == "23764"


def test_find_services_uses_the_saved_place(runtime: Runtime) -> None:
    runtime.app.store.save_user(User("web:citizen", place="01"))
    chat = Chat(runtime, "web:citizen")
    chat.say("tìm nơi hỗ trợ")
    assert "Nơi hỗ trợ cho Thành phố Hà Nội" in chat.text()
    assert "Mình đã ghi nhớ" not in chat.text()


def test_find_services_without_a_place_asks(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say("tìm nơi hỗ trợ")
    assert "Bạn đang ở tỉnh" in chat.text()
    chat.say("Gia Lai")
    assert "Nơi hỗ trợ cho Gia Lai" in chat.text()


def test_saved_place_is_offered_when_asking_again(runtime: Runtime) -> None:
    runtime.app.store.save_user(User("web:citizen", place="23764"))
    chat = Chat(runtime, "web:citizen")
    chat.press_payload("svc:start")
    chat.press("Nơi đã lưu")
    assert "Nơi hỗ trợ cho Xã Ia Grai, Gia Lai" in chat.text()


def test_location_share_asks_for_the_name(runtime: Runtime) -> None:
    chat = Chat(runtime, "telegram:1")
    where = Location(13.98, 108.0)
    for _ in range(2):
        replies = runtime.dispatcher.handle(Incoming("telegram:1", location=where))
        assert "chưa có tọa độ" in replies[0].text
    chat.say("ia grai")
    assert "Nơi hỗ trợ cho Xã Ia Grai" in chat.text()


@pytest.mark.parametrize("payload", ["svc:u:99999", "svc:u:VN", "svc:zzz"])
def test_forged_place_buttons(runtime: Runtime, payload: str) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.press_payload(payload)
    assert "Nút này đã hết hiệu lực" in chat.text()
    assert place_of(runtime, "web:citizen") is None


def test_english_answer(runtime: Runtime) -> None:
    runtime.app.store.save_user(User("web:en", locale="en"))
    chat = Chat(runtime, "web:en")
    chat.press_payload("svc:u:48")
    assert "Help for Thành phố Đà Nẵng" in chat.text()
    assert chat.last[-1].text.endswith("call 113 now.")


def test_local_help_lines(runtime: Runtime) -> None:
    lines = services.local_help(runtime.app).lines
    assert lines(User("web:a")) == []
    assert lines(User("web:b", place="12345")) == []
    province = lines(User("web:c", place="01"))
    assert province[0] == "Tại Thành phố Hà Nội (cấp tỉnh):"
    assert "1900 969 680" in province[1]
    national = lines(User("web:d", place="96"))
    assert national[0].startswith("Chưa có nơi hỗ trợ riêng ở Cà Mau")


def test_answer_for_text_da_nang_is_a_services_answer(runtime: Runtime) -> None:
    answer = services.answer_for_text(runtime.app, "tim noi ho tro o Da Nang")
    assert answer is not None
    assert (answer.place, answer.level) == ("48", "province")
    assert "Nơi hỗ trợ cho Thành phố Đà Nẵng" in answer.text
    assert "Ngôi nhà Ánh Dương Đà Nẵng" in answer.text
    assert "024 3333 5599" in answer.text
    assert answer.text.endswith("gọi ngay 113.")


def test_answer_for_text_leaves_law_questions_alone(runtime: Runtime) -> None:
    assert services.answer_for_text(runtime.app, "nghỉ thai sản mấy tháng") is None
    assert services.answer_for_text(runtime.app, "chồng tôi đang đánh tôi") is None
    plain = services.answer_for_text(runtime.app, "cho xin số tổng đài")
    assert plain is not None
    assert plain.place is None
    assert "1900 969 680" in plain.text


def test_a_question_inside_the_place_flow_is_answered(runtime: Runtime) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.press_payload("svc:start")
    chat.say("chồng tôi không cho tôi đi làm thì có vi phạm pháp luật không")
    assert "chưa tìm thấy" not in chat.text()
    assert runtime.app.store.load_session("web:citizen").state == ""


def test_thanks_inside_the_place_flow_ends_it(runtime: Runtime) -> None:
    """Thirtieth session: "cảm ơn nhé" got "Mình chưa tìm thấy "cảm ơn nhé" trong danh sách"."""
    chat = Chat(runtime, "web:citizen")
    chat.press_payload("svc:start")
    chat.say("cảm ơn nhé")
    assert "chưa tìm thấy" not in chat.text()
    assert "Không có gì" in chat.text()
    assert runtime.app.store.load_session("web:citizen").state == ""


@pytest.mark.parametrize(
    ("text", "label", "code"),
    [
        ("phường Cửa Nam", "Phường Cửa Nam", "00073"),
        ("Cửa Nam, Hà Nội", "Phường Cửa Nam", "00073"),
        ("Cà Mau", "Cà Mau", "96"),
        # twenty-eighth session: saying where one is got "out of scope"
        ("tôi ở Đà Nẵng", "Thành phố Đà Nẵng", "48"),
        ("ở Hà Nội ạ", "Thành phố Hà Nội", "01"),
        ("minh song o thanh hoa", "Thanh Hóa", "38"),
        ("nhà em ở phường Cửa Nam", "Phường Cửa Nam", "00073"),
        # an old province name with a source finds the province that took it in
        ("Quảng Bình", "Quảng Trị", "44"),
    ],
    ids=["kind-word", "with-province", "province", "toi-o", "o-a", "folded", "nha-em-o", "old"],
)
def test_a_place_name_alone_finds_help_outside_the_flow(
    runtime: Runtime, text: str, label: str, code: str
) -> None:
    # Eighth session: after one answer a new user typed "xã Sóc Sơn" and got "out of scope".
    chat = Chat(runtime, "web:citizen")
    chat.say(text)
    assert f"Nơi hỗ trợ cho {label}" in chat.text()
    assert place_of(runtime, "web:citizen") == code


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("tôi ở Quảng Bình", "Từ 1/7/2025, Quảng Bình đã nhập vào Quảng Trị."),
        ("tỉnh Bình Dương", "Từ 1/7/2025, Bình Dương đã nhập vào Thành phố Hồ Chí Minh."),
        ("Sài Gòn", None),  # another name, not an abolished province
        ("Quảng Trị", None),
    ],
)
def test_an_abolished_province_is_said_to_be_in_the_one_that_took_it_in(
    runtime: Runtime, text: str, said: str | None
) -> None:
    # Twenty-ninth session: "tôi ở Quảng Bình" got the help for Quảng Trị without saying why.
    chat = Chat(runtime, "web:citizen")
    chat.say(text)
    assert "Nơi hỗ trợ cho" in chat.text()
    if said is None:
        assert "Từ 1/7/2025" not in chat.text()
    else:
        assert said in chat.text()


@pytest.mark.parametrize(
    "text",
    [
        "xã hội",
        "bình đẳng",
        "ok, cảm ơn",
        "Hà Nội có đẹp không, trời hôm nay nóng quá",
        "tôi ở nhà một mình",
    ],
)
def test_words_that_are_not_only_a_place_stay_with_the_other_jobs(
    runtime: Runtime, text: str
) -> None:
    chat = Chat(runtime, "web:citizen")
    chat.say(text)
    assert "Nơi hỗ trợ cho" not in chat.text()
    assert place_of(runtime, "web:citizen") is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("tôi ở Thanh Hóa ạ", "Thanh Hóa"),
        ("ở Thanh Hóa", "Thanh Hóa"),
        ("em đang sống tại xã Sóc Sơn nhé.", "xã Sóc Sơn"),
        ("Cà Mau", None),
    ],
)
def test_place_said_keeps_the_name_whole(text: str, place: str | None) -> None:
    assert place_said(text) == place
