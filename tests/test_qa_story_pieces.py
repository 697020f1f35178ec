"""A story told in pieces (bot/qa/story.py): what is kept, for how long, how it is read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.config import Settings
from bot.qa.chat import Questions
from bot.qa.story import KEPT_FOR, MAX_CHARS, PIECES, Story, joined
from bot.runtime.assembly import Runtime
from bot.runtime.content import Content
from tests.chat import Chat

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def test_the_last_pieces_are_kept_for_a_while() -> None:
    story = Story()
    for n in range(PIECES + 1):
        story.add("web:1", f"mảnh {n}", NOW)
    assert story.told("web:1", NOW) == tuple(f"mảnh {n}" for n in range(1, PIECES + 1))
    assert story.told("web:1", NOW + KEPT_FOR * 2) == ()  # too late
    assert story.told("web:2", NOW) == ()


def test_a_late_piece_starts_a_new_story() -> None:
    story = Story()
    story.add("web:1", "chồng tôi nghiện cờ bạc", NOW)
    story.add("web:1", "anh ấy bán hết đồ", NOW + KEPT_FOR * 2)
    assert story.told("web:1", NOW + KEPT_FOR * 2) == ("anh ấy bán hết đồ",)


def test_a_long_message_is_a_story_of_its_own_and_xoa_forgets() -> None:
    story = Story()
    story.add("web:1", "chồng tôi nghiện cờ bạc", NOW)
    story.add("web:1", "x" * (MAX_CHARS + 1), NOW)
    assert story.told("web:1", NOW) == ()
    story.add("web:1", "chồng tôi nghiện cờ bạc", NOW)
    story.forget("web:1")  # /xoa
    assert story.told("web:1", NOW) == ()


def test_the_pieces_are_read_as_one_message_after_the_answer_before() -> None:
    pieces = ("chồng tôi nghiện cờ bạc.", "anh ấy bán hết đồ")
    assert joined(pieces, "còn bắt tôi vay tiền") == (
        "chồng tôi nghiện cờ bạc. anh ấy bán hết đồ. còn bắt tôi vay tiền"
    )
    assert joined(("tôi sợ mất việc",), "công ty có phải xử lý không", "Quấy rối là gì?") == (
        "Quấy rối là gì? tôi sợ mất việc. công ty có phải xử lý không"
    )


def test_xoa_forgets_the_pieces_and_they_are_never_stored(runtime: Runtime) -> None:
    """The pieces are the message text itself: in memory only, and gone after /xoa."""
    questions = runtime.app.parts.get(Questions)
    chat = Chat(runtime, "web:story")
    chat.say("anh trai tôi nghiện ma túy")  # a piece of a story: "tell me more"
    now = runtime.dispatcher.clock()
    assert questions.story.told("web:story", now) == ("anh trai tôi nghiện ma túy",)
    rows = runtime.app.db.execute("select text from messages").fetchall()
    assert all("ma túy" not in row[0] for row in rows)
    chat.say("/xoa")
    chat.press("Xóa")
    assert questions.story.told("web:story", now) == ()


def test_no_minutes_keeps_no_piece() -> None:
    """``privacy.story_minutes: 0`` turns the reading of stories off."""
    story = Story(timedelta(0))
    story.add("web:1", "chồng tôi nghiện cờ bạc", NOW)
    assert story.told("web:1", NOW) == ()


def test_the_privacy_answer_tells_how_long_the_pieces_are_held(content: Content) -> None:
    assert "tối đa 7 phút" in content.strings.get("privacy.story", "vi", minutes=7)
    assert "at most 7 minutes" in content.strings.get("privacy.story", "en", minutes=7)
    assert Settings().privacy.story_minutes * 60 == KEPT_FOR.total_seconds()  # the default
