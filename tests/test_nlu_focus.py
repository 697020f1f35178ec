"""Long stories: the closing question picks among the matches, and agreeing matches add up."""

from __future__ import annotations

import pytest

from nlu.calibration import SURE_OUT_OF_SCOPE, agreed, scoped
from nlu.focus import STORY_WORDS, closing, is_story, lead_with_closing
from nlu.normalize import fold

STORY = (
    "Tôi lấy chồng đã mười năm, nhà nghèo, chồng tôi hay uống rượu. "
    "Mỗi lần say anh ấy lại chửi bới, có lần còn đánh tôi trước mặt các con. "
    "Bố mẹ hai bên khuyên tôi nhẫn nhịn cho yên cửa yên nhà, tôi cũng cố gắng chịu đựng. "
    "Ở xã có buổi tuyên truyền nói về biện pháp cấm tiếp xúc. "
    "Xin hỏi biện pháp này được quy định thế nào?"
)


def test_a_long_story_is_read_by_its_last_two_sentences() -> None:
    assert is_story(STORY)
    assert len(STORY.split()) > STORY_WORDS
    assert closing(STORY) == (
        "Ở xã có buổi tuyên truyền nói về biện pháp cấm tiếp xúc. "
        "Xin hỏi biện pháp này được quy định thế nào?"
    )


@pytest.mark.parametrize(
    "text",
    [
        "chồng đánh vợ thì báo ở đâu?",
        " ".join(["chồng tôi rất hay uống rượu rồi về nhà chửi bới"] * 6),  # long, one sentence
    ],
)
def test_short_messages_and_single_sentences_have_no_closing(text: str) -> None:
    assert closing(text) is None


def test_the_closing_match_leads_when_the_whole_found_it_less_surely() -> None:
    whole = (("dv-repeat-offender", 0.72), ("dv-no-contact-order", 0.39), ("x", 0.2))
    ending = (("dv-no-contact-order", 0.93), ("dv-no-contact-duration", 0.5))
    assert lead_with_closing(whole, ending) == (
        ("dv-no-contact-order", 0.93),
        ("dv-repeat-offender", 0.72),
        ("x", 0.2),
    )


@pytest.mark.parametrize(
    "ending",
    [
        (("elsewhere", 0.99),),  # the whole message never considered it
        (("dv-no-contact-order", 0.5),),  # not surer than the whole's best
        (),
    ],
)
def test_otherwise_the_whole_message_decides(ending: tuple[tuple[str, float], ...]) -> None:
    whole = (("dv-repeat-offender", 0.72), ("dv-no-contact-order", 0.39))
    assert lead_with_closing(whole, ending) == whole


def test_a_closing_question_that_confirms_the_best_match_lends_its_confidence() -> None:
    whole = (("dv-repeat-offender", 0.4), ("dv-no-contact-order", 0.39))
    ending = (("dv-repeat-offender", 0.7),)
    assert lead_with_closing(whole, ending) == (
        ("dv-repeat-offender", 0.7),
        ("dv-no-contact-order", 0.39),
    )


BASES = {"a": "13/2022/QH15:22", "b": "13/2022/QH15:22", "c": "13/2022/QH15:19", "d": ""}


def test_matches_resting_on_the_same_article_raise_the_best_confidence() -> None:
    result = agreed([("a", 0.4), ("c", 0.3), ("b", 0.5)], BASES)
    assert result[0][0] == "a"
    assert result[0][1] == pytest.approx(1 - 0.6 * 0.5)
    assert result[1:] == (("c", 0.3), ("b", 0.5))


def test_other_articles_and_unknown_bases_do_not_add_up() -> None:
    assert agreed([("c", 0.4), ("a", 0.3)], BASES) == (("c", 0.4), ("a", 0.3))
    assert agreed([("d", 0.4), ("d2", 0.3)], {**BASES, "d2": ""})[0] == ("d", 0.4)
    assert agreed([], BASES) == ()


def test_matches_fade_when_the_message_is_surely_out_of_scope() -> None:
    faq = [("a", 0.6), ("b", 0.2)]
    assert scoped(faq, 0.5) == (("a", 0.6), ("b", 0.2))
    assert scoped(faq, SURE_OUT_OF_SCOPE) == (("a", 0.6), ("b", 0.2))
    faded = scoped(faq, 0.99)
    assert faded[0][1] == pytest.approx(0.06)
    assert scoped(faq, 1.0) == (("a", 0.0), ("b", 0.0))


@pytest.mark.parametrize(
    "courtesy",
    ["Mong Luật sư tư vấn giúp em.", "Xin cảm ơn!", "Rất mong được luật sư giải đáp!"],
)
def test_a_closing_plea_for_advice_or_thanks_is_not_the_question(courtesy: str) -> None:
    assert closing(f"{STORY} {courtesy}") == closing(STORY)
    assert closing(f"{STORY} {fold(courtesy)}") == closing(STORY)


@pytest.mark.parametrize(
    "question",
    [
        "Tôi mong chị hướng dẫn tôi cách nào xin ly hôn nhanh nhất.",
        "Cảm ơn vì đã nghe tôi kể, chồng tôi có bị đi tù không?",
    ],
)
def test_a_real_closing_question_is_kept(question: str) -> None:
    ending = closing(f"{STORY} {question}")
    assert ending is not None
    assert ending.endswith(question)
