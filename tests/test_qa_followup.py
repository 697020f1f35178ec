"""Follow-ups: which messages read as one, and the entry kept for them (in memory, briefly)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.qa.naming import asked_of, asks_where, is_brief, is_followup, names_nothing
from bot.qa.recent import KEPT_FOR, RecentEntries

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("được bao nhiêu ngày", True),
        ("phat bao nhieu", True),
        ("còn nếu chồng đánh tôi lần thứ hai thì sao", True),  # opens like one
        ("tôi muốn hỏi thêm một chuyện khác về chuyện nhà chồng tôi nhé", False),
        (
            "Chồng tôi say rượu về là chửi bới, đập phá đồ đạc, có lần còn ném bát vào người tôi",
            False,
        ),
    ],
)
def test_what_reads_as_a_follow_up(text: str, expected: bool) -> None:
    assert is_followup(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("có bị đi tù không", True),
        ("thầy đó có bị đi tù không", True),  # thirty-first session: someone named before
        ("ông ấy có bị bắt không", True),
        ("hắn có bị phạt không", True),
        ("tù mấy năm", True),  # "mấy" (how many) names nothing
        ("nợ bao nhiêu", False),  # folded "no" is also "nợ"
        ("ba có bị phạt không", False),  # the southern "ba" is a father
        ("chồng có bị phạt không", True),  # thirty-third session: who the answer before was about
        ("thầy có bị đi tù không", True),  # it got Điều 185 after a teacher's abuse of a pupil
        ("chồng đánh vợ có bị phạt không", False),
        ("phụ nữ có bị phạt không", False),  # women, no one answered about before
        ("nam giới có bị phạt không", False),
        ("ly hôn thì con ở với ai", False),
        ("có cách nào không", True),  # thirty-fourth session: "any way out" after an answer
        ("tôi có bị phạt không", True),  # "tôi" typed with diacritics is no crime ("tội")
        ("what can I do", True),  # English: it got "out of scope" after an answer
        ("is that legal", True),
        ("can he go to prison", True),  # English: a variant moved it to refusing maintenance
        ("như vậy có phạm luật không", True),
        ("giờ chị phải làm sao", True),  # the speaker as "chị"
        ("anh ta có bị phạt không", True),  # "anh" left "ta" behind
        ("chị gái tôi có bị phạt không", False),
        ("my husband hits me", False),
        ("họ có được làm vậy không", True),  # thirty-sixth session: "not sure" after a dismissal
        ("is that violence", True),  # thirty-sixth session: it got forced pregnancy
        ("như vậy có phải bạo lực không", True),  # thirty-seventh session: economic violence
        ("có tính là bạo lực gia đình không", True),
        ("vậy có bị coi là bạo hành không", True),
        ("đánh con có phải bạo lực không", False),
        ("bạo lực gia đình là gì", False),
        ("is that a crime", True),
        ("is domestic violence a crime", False),
        ("giờ tôi làm gì tiếp", True),  # thirty-sixth session: it got a beaten wife's first steps
    ],
)
def test_what_names_nothing(text: str, expected: bool) -> None:
    assert names_nothing(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("báo ai", True),  # thirty-third session: after harassment at work, reporting it at work
        ("tố cáo ở đâu", True),
        ("kêu ai giúp", True),
        ("tôi phải báo ai", True),  # thirty-fourth session: the speaker and what they must do
        ("toi phai bao ai", True),
        ("tảo hôn là gì", False),  # a subject of its own
        ("ly hôn được không", False),
        ("báo công an xã thì họ làm gì", False),  # longer: it says what it asks
    ],
)
def test_what_is_brief(text: str, expected: bool) -> None:
    assert is_brief(text) is expected


def test_the_last_entry_is_kept_for_a_while() -> None:
    recent = RecentEntries()
    recent.remember("web:a", "dv-no-contact-order", NOW)
    recent.remember("web:a", "sh-definition", NOW + timedelta(minutes=1))
    assert recent.recall("web:a", NOW + timedelta(minutes=2)) == "sh-definition"
    assert recent.recall("web:a", NOW + timedelta(minutes=1) + KEPT_FOR * 2) is None
    assert recent.recall("web:b", NOW) is None


def test_forgotten_on_request_and_when_full() -> None:
    recent = RecentEntries(limit=2)
    for user in ("web:a", "web:b", "web:c"):
        recent.remember(user, "dv-no-contact-order", NOW)
    assert recent.recall("web:a", NOW) is None  # the least recent went first
    recent.forget("web:b")
    assert recent.recall("web:b", NOW) is None
    assert recent.recall("web:c", NOW) == "dv-no-contact-order"


def test_the_entry_before_is_kept_with_the_last() -> None:
    """Thirty-second session: a follow-up two turns back reads after the entry before."""
    recent = RecentEntries()
    recent.remember("web:a", "pc-adult-sexually-abuses-child", NOW)
    recent.remember("web:a", "dv-where-to-report", NOW + timedelta(minutes=1))
    assert recent.before("web:a", NOW + timedelta(minutes=2)) == "pc-adult-sexually-abuses-child"
    recent.remember("web:a", "dv-where-to-report", NOW + timedelta(minutes=3))  # the same again
    assert recent.before("web:a", NOW + timedelta(minutes=4)) == "pc-adult-sexually-abuses-child"
    assert recent.before("web:a", NOW + timedelta(minutes=3) + KEPT_FOR * 2) is None
    recent.remember("web:b", "sh-definition", NOW)
    recent.remember("web:b", "dv-where-to-report", NOW + KEPT_FOR * 2)  # too old to follow
    assert recent.before("web:b", NOW + KEPT_FOR * 2) is None


def test_whether_it_is_allowed_asks_what_it_is() -> None:
    """Thirty-sixth session: "họ có được làm vậy không" after a dismissal in pregnancy."""
    assert "definition" in asked_of("họ có được làm vậy không")
    assert "definition" in asked_of("công ty có quyền làm thế không")
    assert "definition" not in asked_of("tôi được nghỉ mấy ngày")
    assert "help" in asked_of("what do I do")  # after a child's abuse in English: "not sure"


def test_where_to_complain_asks_where_to_turn() -> None:
    """Thirty-sixth session: "em khiếu nại ở đâu" after a dismissal got "not sure"."""
    assert asks_where("em khiếu nại ở đâu")
    assert asks_where("kiện ở đâu")
