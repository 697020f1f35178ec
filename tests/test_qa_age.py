"""The victim's age chooses the Penal Code article for rape and coerced sex (twentieth session)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.qa.age import all_grown, all_under_13, consented, forced, under_age
from bot.qa.answer import Answer
from bot.qa.engine import QA
from bot.runtime.content import Content
from nlu.normalize import fold


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


AGES = [
    ("hiếp dâm người dưới 16 tuổi", True),
    ("người từ đủ 13 tuổi đến dưới 16 tuổi", True),
    ("hiếp dâm người trên 16 tuổi", False),
    ("tôi đã 20 tuổi", False),
    ("con gái tôi 14 tuổi", True),
    ("tôi 40 tuổi, con gái tôi 15 tuổi", True),
    ("hiếp dâm bị tù mấy năm", None),
    ("em học lớp 8, bị bạn trai lớp trên ép quan hệ", True),  # thirty-first session: a grade
    ("con học lớp 12", None),
]


Placed = tuple[tuple[str, float], ...]


def answered(qa: QA, text: str, placed: Placed) -> Answer:
    """Return the answer to ``text`` with the matches ``placed`` instead of the matcher's."""
    return qa.answer_parse(replace(qa.parse(text), faq=placed))


@pytest.mark.parametrize(("text", "child"), AGES, ids=[a[0] for a in AGES])
def test_under_age(text: str, child: bool | None) -> None:
    assert under_age(text) is child
    assert under_age(fold(text)) is child


PROBES = [  # "trên 16 tuổi" got the article on victims under 16 (0.82)
    ("Hiếp dâm người trên 16 tuổi bị phạt tù bao nhiêu năm", "pc-rape"),
    ("hiếp dâm người 17 tuổi bị tù bao nhiêu năm", "pc-rape"),
    ("Hiếp dâm người dưới 16 tuổi bị phạt tù bao nhiêu năm", "pc-child-rape-under-16"),
    ("hiếp dâm em gái 15 tuổi đi tù bao lâu", "pc-child-rape-under-16"),
]


@pytest.mark.parametrize(("text", "entry"), PROBES, ids=[p[0] for p in PROBES])
def test_regression_the_stated_age_chooses_the_article(qa: QA, text: str, entry: str) -> None:
    for question in (text, fold(text)):
        assert qa.answer(question).faq_id == entry, question


@pytest.mark.parametrize(
    ("text", "agreed"),
    [
        ("con gái 14 tuổi cũng đồng ý", True),
        ("hai đứa 15 tuổi yêu nhau rồi tự nguyện quan hệ", True),
        ("em 14 tuổi, em không đồng ý", False),
        ("bé 10 tuổi nói là đồng ý", False),  # under 13, agreeing changes nothing
        ("cô ấy 17 tuổi, đồng ý", False),
        ("cô bé đồng ý", False),  # no age
    ],
)
def test_consented(text: str, agreed: bool) -> None:
    assert consented(text) is agreed
    assert consented(fold(text)) is agreed


def test_regression_a_child_who_agreed_gets_the_article_on_consent(qa: QA) -> None:
    # Twenty-third session: with rape (Điều 141) first, the age moved the answer to the rape of a
    # child (Điều 142); a girl of 14 who agreed is Điều 145.
    text = (
        "Ông giám đốc xã ép con gái 14 tuổi nhà nghèo quan hệ bằng cách cho tiền, cô bé cũng "
        "đồng ý. Như vậy ông ta có bị tội hiếp dâm không?"
    )
    parse = qa.parse(text)
    moved = ("pc-rape", 0.5), ("pc-adult-has-sex-with-child-under-16", 0.49)
    answer = qa.answer_parse(replace(parse, faq=(*moved, *parse.faq[2:])))
    assert (answer.citations[0].document, answer.citations[0].article) == ("100/2015/QH13", 145)


def test_regression_no_article_on_children_under_16_for_a_stated_age_of_16(qa: QA) -> None:
    # Twenty-fifth session: "con 16 tuổi bỏ nhà theo người yêu" got the entry on sex with a child
    # under 16 (Điều 145), which begins "Có." (yes, a crime); at 16 that article does not apply.
    text = "con 16 tuổi bỏ nhà theo người yêu bố mẹ phải làm sao"
    parse = qa.parse(text)
    placed = ("pc-adult-has-sex-with-child-under-16", 0.54), ("dv-forced-marriage", 0.2)
    answer = qa.answer_parse(replace(parse, faq=placed))
    assert answer.faq_id != "pc-adult-has-sex-with-child-under-16"
    assert all(c.article != 145 for c in answer.citations)


def test_regression_no_second_entry_on_article_145_for_a_pupil_of_17(qa: QA) -> None:
    # Twenty-seventh session: the first entry on Điều 145 went, the second took its place.
    text = "cô giáo có quan hệ với học sinh nam 17 tuổi có phạm tội không"
    placed = (
        ("pc-consensual-sex-with-13-to-16", 0.89),
        ("pc-adult-has-sex-with-child-under-16", 0.46),
        ("dv-forced-marriage", 0.2),
    )
    answer = answered(qa, text, placed)
    assert answer.faq_id not in {p[0] for p in placed[:2]}
    assert all(c.article != 145 for c in answer.citations)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("ngủ với bạn gái 17 tuổi tự nguyện có bị tù không", "pc-sex-with-someone-16-or-over"),
        ("ngủ với bạn gái 15 tuổi tự nguyện có bị tù không", "pc-consensual-sex-with-13-to-16"),
    ],
)
def test_regression_the_entry_for_16_or_more_only_for_a_stated_age_of_16_or_more(
    qa: QA, text: str, entry: str
) -> None:
    # Twenty-seventh session: at 16 or more, Điều 145 does not apply; the entry says so.
    parse = qa.parse(text)
    for placed in (
        (("pc-sex-with-someone-16-or-over", 0.8), ("pc-consensual-sex-with-13-to-16", 0.7)),
        (("pc-consensual-sex-with-13-to-16", 0.8), ("pc-sex-with-someone-16-or-over", 0.7)),
    ):
        assert qa.answer_parse(replace(parse, faq=placed)).faq_id == entry, placed


@pytest.mark.parametrize(
    ("text", "grown"),
    [
        ("con 16 tuổi bỏ nhà theo người yêu", True),
        ("hai đứa 17 và 19 tuổi", True),
        ("Hai người dưới 18 tuổi quan hệ tình dục với nhau", False),  # under 18 may be under 16
        ("quan hệ với bạn gái 15 tuổi, năm nay vợ tôi đã 17 tuổi", False),
        ("quan hệ với người yêu", False),  # no age
    ],
)
def test_all_grown(text: str, grown: bool) -> None:
    assert all_grown(text) is grown
    assert all_grown(fold(text)) is grown


@pytest.mark.parametrize(
    ("text", "young"),
    [
        ("Giao cấu với người dưới 13 tuổi dù là tự nguyện", True),
        ("con gái tôi 12 tuổi tự nguyện quan hệ với bạn trai 18 tuổi", True),
        ("bé chưa đủ 13 tuổi", True),
        ("con 14 tuổi yêu anh 20 tuổi", False),
        ("người dưới 16 tuổi đồng ý quan hệ", False),  # under 16 may be 13 to 15
        ("quan hệ với người yêu", False),  # no age
    ],
)
def test_all_under_13(text: str, young: bool) -> None:
    assert all_under_13(text) is young
    assert all_under_13(fold(text)) is young


UNDER_13 = [  # Twenty-sixth session: each got Điều 145 (a child of 13 to 15 who agreed)
    "Giao cấu với người dưới 13 tuổi dù là tự nguyện vẫn phạm tội hiếp dâm?",
    "con gái tôi 12 tuổi tự nguyện quan hệ với bạn trai 18 tuổi, bạn trai có bị tội không",
    "bé 11 tuổi đồng ý quan hệ với người lớn thì người đó bị tội gì",
]


@pytest.mark.parametrize("text", UNDER_13)
def test_regression_a_child_under_13_who_agreed_gets_the_article_on_rape(qa: QA, text: str) -> None:
    for question in (text, fold(text)):
        answer = qa.answer(question)
        assert (answer.citations[0].document, answer.citations[0].article) == (
            "100/2015/QH13",
            142,
        ), question


def test_regression_no_article_on_consent_under_13_when_rape_is_not_near(qa: QA) -> None:
    text = "bé 10 tuổi đồng ý quan hệ thì sao"
    parse = qa.parse(text)
    placed = ("pc-adult-has-sex-with-child-under-16", 0.6), ("dv-forced-marriage", 0.2)
    answer = qa.answer_parse(replace(parse, faq=placed))
    assert all(c.article != 145 for c in answer.citations)


def test_regression_the_entry_for_16_or_more_takes_the_place_of_the_one_for_children(
    qa: QA,
) -> None:
    # Twenty-ninth session: "em 16 tuổi quan hệ với bạn trai 19 tuổi …" matched the entry on
    # children under 16 (0.97); it went, and the answer fell to "not sure".
    text = "em 16 tuổi quan hệ với bạn trai 19 tuổi thì bạn ấy có bị đi tù không"
    answer = answered(qa, text, SIXTEEN_READ_AS_A_CHILD)
    assert answer.faq_id == "pc-sex-with-someone-16-or-over"
    assert not answer.fallback
    # Without words of sex it does not: "con 16 tuổi bỏ nhà theo người yêu".
    text = "con 16 tuổi bỏ nhà theo người yêu bố mẹ phải làm sao"
    assert answered(qa, text, SIXTEEN_READ_AS_A_CHILD).faq_id != "pc-sex-with-someone-16-or-over"


SIXTEEN_READ_AS_A_CHILD: Placed = (
    ("pc-consensual-sex-with-13-to-16", 0.97),
    ("pc-rape", 0.2),
    ("pc-sex-with-someone-16-or-over", 0.18),
)
"""The entry on children under 16 first, the entry for people of 16 or more near."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nam sinh lớp 9 hiếp dâm bạn cùng lớp", True),
        ("em 14 tuổi, bị ép quan hệ", True),
        ("A 14 tuổi hiếp dâm chị B 19 tuổi", False),  # Điều 141: the victim is grown
        ("hai đứa 15 tuổi yêu nhau rồi tự nguyện quan hệ", False),
        ("hiếp dâm bị tù mấy năm", False),  # no age
    ],
)
def test_forced(text: str, expected: bool) -> None:
    assert forced(text) is expected
    assert forced(fold(text)) is expected


def test_regression_a_child_forced_gets_the_article_on_rape_not_on_consent(qa: QA) -> None:
    """Thirty-first session: a pupil of grade 9 who rapes got Điều 145 (a child who agreed)."""
    text = "Trách nhiệm pháp lý của nam sinh lớp 9 hiếp dâm bạn cùng lớp thế nào?"
    placed = (("pc-consensual-sex-with-13-to-16", 0.59), ("pc-child-rape-under-16", 0.38))
    assert answered(qa, text, placed).faq_id == "pc-child-rape-under-16"
