"""A message that only introduces someone (bot.qa.person): what is kept, and for how long."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.qa.person import KEPT_FOR, People, Person, introduced

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("con gái tôi 14 tuổi", Person("con gái", False, 14)),
        ("con gai toi nam nay 14 tuoi", Person("con gái", False, 14)),
        ("bố tôi 75 tuổi", Person("bố", False, 75)),
        ("chồng tôi", Person("chồng", False, None)),
        ("tôi là công nhân nữ", Person("công nhân", True, None)),
        ("tôi là nữ, 25 tuổi", Person("nữ", True, 25)),
        ("em 15 tuổi", Person("", True, 15)),
        # thirty-fourth session: what the speaker does, and a pregnancy
        ("tôi là giáo viên", Person("giáo viên", True, None)),
        ("em là sinh viên năm 2", Person("sinh viên", True, None)),
        ("tôi làm công nhân may", Person("công nhân", True, None)),
        ("em có bầu 7 tháng", Person("", True, None, pregnant=True)),
        ("vợ tôi đang mang thai", Person("vợ", False, None, pregnant=True)),
        ("em là công nhân bị quản đốc sàm sỡ", None),
        ("tôi là cán bộ xã", Person("cán bộ xã", True, None)),
        ("e hoc lop 9", Person("học sinh", True, None)),  # not the grade (see person.py)
        ("e 16t", Person("", True, 16)),
        ("chị là công nhân", Person("công nhân", True, None)),
        ("chị 30 tuổi", None),  # "chị" alone may be someone else
        ("bé nhà hàng xóm 6 tuổi", Person("bé", False, 6, owner="nhà hàng xóm")),
        # thirty-fifth session: someone told of before, by a pronoun; where the speaker works
        ("nó mới 17 tuổi", Person("người đó", False, 17, owner="", told_of=True)),
        ("con bé mới 13 tuổi", Person("bé", False, 13, owner="", told_of=True)),
        ("nó mới học lớp 7", Person("học sinh", False, None, owner="", told_of=True)),
        ("chị ấy đang có bầu", Person("người đó", False, None, True, "", told_of=True)),
        ("nó", None),
        ("bé", None),
        ("tôi làm ở xưởng may", Person("người lao động", True, None)),
        ("em làm ở khu công nghiệp bắc ninh", Person("người lao động", True, None)),
        ("tôi làm ở xưởng bị đánh", None),
        ("vợ tôi sắp sinh", Person("vợ", False, None, pregnant=True)),
        ("thầy giáo chủ nhiệm của con tôi", Person("thầy giáo", False, None, owner="của con tôi")),
        # thirty-sixth session: what someone told of is ("anh ta là giám đốc công ty")
        ("anh ta là giám đốc công ty", Person("giám đốc", False, None, owner="", told_of=True)),
        ("hắn là hàng xóm", Person("hàng xóm", False, None, owner="", told_of=True)),
        ("hắn là ai", None),
        ("tôi 70 tuổi rồi", Person("", True, 70)),  # a particle after it: "tell me more" missed it
        ("em 16 tuổi ạ", Person("", True, 16)),
        ("anh ta đánh tôi", None),
        # thirty-seventh session: a child by "con" / "cháu", being divorced, a Women's Union officer
        ("con học lớp 7", Person("con", False, None, owner="", told_of=True)),
        ("cháu mới 6 tuổi", Person("", True, 6)),  # "cháu" is also a child who speaks
        ("con gái 14 tuổi", Person("con gái", False, 14, owner="", told_of=True)),
        ("tôi ly hôn được 1 năm", Person("", True, None, divorced=True)),
        ("em đã ly hôn rồi", Person("", True, None, divorced=True)),
        ("tôi muốn ly hôn", None),
        ("tôi là cán bộ hội phụ nữ xã", Person("cán bộ hội phụ nữ xã", True, None)),
        ("con bị đánh", None),
        # anything more is a question or a story of its own
        ("chồng đánh vợ", None),
        ("con gái tôi 14 tuổi bị thầy sờ ngực", None),
        ("bình đẳng giới", None),
        ("em", None),
        ("ck e", None),
    ],
)
def test_what_only_introduces_someone(text: str, expected: Person | None) -> None:
    assert introduced(text) == expected


def test_the_next_message_is_read_after_the_person() -> None:
    assert Person("con gái", False, 14).before("bị thầy sờ ngực") == (
        "con gái tôi 14 tuổi, bị thầy sờ ngực"
    )
    assert Person("công nhân", True, None).before("sếp hay ôm eo tôi") == (
        "tôi là công nhân, sếp hay ôm eo tôi"
    )
    assert Person("bé", False, 6, owner="nhà hàng xóm").before("bị bố mẹ đánh") == (
        "bé nhà hàng xóm 6 tuổi, bị bố mẹ đánh"
    )
    assert Person("người đó", False, 17, owner="").before("có báo công an được không") == (
        "người đó 17 tuổi, có báo công an được không"
    )
    assert Person("", True, None, pregnant=True).before("chồng đá em") == (
        "tôi đang mang thai, chồng đá em"
    )


def test_the_person_is_kept_once_and_for_a_while() -> None:
    people = People()
    person = Person("bố", False, 75)
    people.keep("web:1", person, NOW)
    assert people.take("web:1", NOW + KEPT_FOR) == person
    assert people.take("web:1", NOW + KEPT_FOR) is None  # taken once
    people.keep("web:1", person, NOW)
    assert people.take("web:1", NOW + KEPT_FOR * 2) is None  # too late
    people.keep("web:1", person, NOW)
    people.forget("web:1")  # /xoa
    assert people.take("web:1", NOW) is None


def test_an_officer_is_a_speaker_who_says_so() -> None:
    """Thirty-sixth session: "tôi là cán bộ xã" got "tell me more", not how to send the report."""
    officer = introduced("tôi là cán bộ xã")
    assert officer is not None
    assert officer.officer
    union = introduced("em là cán bộ văn hóa xã")  # thirty-seventh session
    assert union is not None
    assert union.officer
    teacher = introduced("tôi là giáo viên")
    assert teacher is not None
    assert not teacher.officer


def test_being_divorced_is_read_before_the_next_message() -> None:
    """Thirty-seventh session: "tôi ly hôn được 1 năm" got "Có. Vợ, chồng … có quyền … ly hôn"."""
    person = introduced("tôi ly hôn được 1 năm")
    assert person is not None
    read = person.before("vợ cũ không cho tôi gặp con")
    assert read == "tôi đã ly hôn, vợ cũ không cho tôi gặp con"
