"""The dispatcher: routing order, bad input, privacy, never crashing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.messages import Incoming
from bot.core.records import Role, User
from bot.runtime.assembly import Runtime
from nlu.english import written_in_english
from tests.chat import Chat


def test_numbered_choice_presses_the_button(runtime: Runtime) -> None:
    chat = Chat(runtime, "cli:num")
    chat.say("/start")
    chat.say("1")
    assert "gõ câu hỏi" in chat.text()


def test_option_words_press_the_button(runtime: Runtime) -> None:
    chat = Chat(runtime, "zalo:words")
    chat.say("/start")
    chat.say("ngon ngu")
    assert "Chọn ngôn ngữ" in chat.text()


def test_button_pressed_twice_is_harmless(runtime: Runtime) -> None:
    chat = Chat(runtime, "telegram:twice")
    chat.say("/start")
    button = chat.button("Có, nhận tin")
    chat.press_payload(button.payload)
    chat.press_payload(button.payload)
    assert "đã đăng ký" in chat.text()


def test_forged_button_payload_gets_clear_message(runtime: Runtime) -> None:
    chat = Chat(runtime)
    chat.press_payload("zzz:drop table users")
    assert "hết hiệu lực" in chat.text()


def test_ten_thousand_characters(runtime: Runtime) -> None:
    chat = Chat(runtime)
    chat.say("bạo lực gia đình là gì " * 435)
    assert "2.000 ký tự" in chat.text()


def test_citizen_text_is_not_stored(runtime: Runtime) -> None:
    Chat(runtime, "web:private").say("chồng tôi hay chửi tôi thì có phải bạo lực không")
    db = runtime.app.db
    assert db["messages"].count == 0
    rows = list(db["qa_stats"].rows)
    assert rows
    assert all("urn" not in row for row in rows)


def test_officer_text_is_stored(runtime: Runtime) -> None:
    runtime.app.store.save_user(User("web:officer", role=Role.OFFICER, unit="00004"))
    Chat(runtime, "web:officer").say("xin chào")
    assert runtime.app.db["messages"].count == 1


def test_citizen_cannot_see_officer_commands(runtime: Runtime) -> None:
    chat = Chat(runtime)
    chat.say("/help")
    assert "/baocao" not in chat.text()
    assert "/tonghop" not in chat.text()


def test_internal_error_gives_clear_message(runtime: Runtime) -> None:
    def boom(turn: object) -> object:
        raise RuntimeError("boom")

    runtime.router.commands["start"] = runtime.router.commands["start"].__class__(boom)  # type: ignore[arg-type]
    replies = runtime.dispatcher.handle(Incoming("web:err", text="/start"))
    assert "trục trặc" in replies[0].text


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_gets_an_answer(runtime: Runtime, text: str) -> None:
    replies = runtime.dispatcher.handle(Incoming("web:fuzz", text=text))
    assert replies
    assert all(r.text.strip() for r in replies)
    assert "trục trặc" not in replies[0].text


def test_a_message_written_in_english_is_answered_in_english(runtime: Runtime) -> None:
    """Twenty-fifth session: a visitor in danger who wrote in English got the Vietnamese answer."""
    chat = Chat(runtime, "web:visitor")
    chat.say("where can I call if I'm in danger right now")
    assert "If you or someone else is in danger, call 113" in chat.text()
    chat.say("chồng đánh vợ bị phạt bao nhiêu")
    assert "triệu đồng" in chat.text()  # the next message, in Vietnamese, is answered in it
    user = runtime.app.store.get_user("web:visitor")
    assert user is not None
    assert user.locale == "vi"  # the language of one message is not kept


def test_english_detection_leaves_vietnamese_without_diacritics_alone() -> None:
    assert written_in_english("My wife beats me, can I get help")
    assert written_in_english("my boss touches me at work")  # thirty-fourth session: it was not
    assert written_in_english("is it free?")  # thirty-fifth session: after an English answer
    assert written_in_english("my husband takes my passport")
    assert written_in_english("he says he will send me back without my baby")
    assert written_in_english("can I get divorced here")  # thirty-seventh session: it was not
    assert written_in_english("will I lose my children")
    for text in ("toi bi chong danh, toi phai lam sao", "ck e danh e", "help me", "ok thanks"):
        assert not written_in_english(text), text
    assert not written_in_english("chong danh vo co bi phat khong")
