"""Other questions offered as buttons: under a confident answer and under "not sure"."""

from __future__ import annotations

from bot.law.citation import Citation
from bot.qa.engine import QA
from bot.qa.faq import Faq, FaqEntry
from bot.qa.suggestions import ALSO, also, buttons, closest, title
from bot.runtime.content import Content


def entry(entry_id: str, article: int, *questions: str, english: tuple[str, ...] = ()) -> FaqEntry:
    """Return an entry citing one article of the 2022 domestic violence law."""
    cited = (Citation("13/2022/QH15", article),)
    return FaqEntry(entry_id, "dv", questions, {"vi": "…"}, cited, None, english)


FAQ = Faq(
    (
        entry("report", 19, "Bị bạo lực gia đình thì báo ở đâu?"),
        entry("report-again", 19, "Báo tin bạo lực cho ai?"),
        entry("define", 3, "Thế nào là bạo lực gia đình?"),
        entry("protect", 22, "Có biện pháp bảo vệ nào?"),
        entry("shelter", 23, "Nơi tạm lánh ở đâu?"),
    )
)


def test_other_matches_on_other_articles_are_offered_best_first() -> None:
    matches = [("report", 0.9), ("report-again", 0.8), ("define", 0.5), ("protect", 0.4)]
    offered = also(FAQ, matches, FAQ.entries[0])
    assert [e.id for e in offered] == ["define", "protect"]  # article 19 is the answer's own


def test_not_sure_suggests_one_entry_per_article_first() -> None:
    matches = [("report", 0.4), ("report-again", 0.35), ("define", 0.3), ("protect", 0.2)]
    assert [e.id for e in closest(FAQ, matches)] == ["report", "define", "protect"]
    assert [e.id for e in closest(FAQ, matches[:3])] == ["report", "define", "report-again"]


def test_weak_matches_and_more_than_two_are_not_offered() -> None:
    matches = [("report", 0.9), ("define", 0.5), ("protect", 0.3), ("shelter", 0.25)]
    assert len(also(FAQ, matches, FAQ.entries[0])) == ALSO
    assert also(FAQ, [("report", 0.9), ("define", 0.1)], FAQ.entries[0]) == []


def test_a_button_names_the_entry_by_a_short_accented_question() -> None:
    story = "Chồng tôi say rượu về là chửi bới, đập phá đồ đạc, có hôm còn đánh cả con. " * 2
    found = entry("x", 19, story, "ck danh vk bao o dau", "Chồng đánh vợ thì báo ở đâu?")
    assert title(found) == "Chồng đánh vợ thì báo ở đâu?"
    assert buttons([found])[0].payload == "qa:faq:x"


def test_in_english_a_button_uses_the_english_question() -> None:
    found = entry("x", 19, "Báo ở đâu?", english=("Where do I report violence?",))
    assert title(found, "en") == "Where do I report violence?"
    assert title(found, "vi") == "Báo ở đâu?"


def test_a_confident_answer_offers_related_questions_on_other_articles(content: Content) -> None:
    qa: QA = content.qa
    answer = qa.answer("chồng đánh vợ có bị đi tù không")
    assert not answer.fallback
    payloads = [b.payload for r in answer.replies for b in r.buttons]
    related = [p for p in payloads if p.startswith("qa:faq:")]
    assert len(related) <= ALSO
    first = answer.citations[0]
    assert all((c.document, c.article) != (first.document, first.article) for c in answer.suggested)
    assert len(answer.suggested) == len(related)


def test_not_sure_suggestions_are_what_the_evaluation_checks(content: Content) -> None:
    answer = content.qa.answer("tôi có chuyện muốn hỏi về gia đình")
    assert answer.fallback
    assert answer.replies[0].buttons
    assert len(answer.suggested) == len(answer.replies[0].buttons)
