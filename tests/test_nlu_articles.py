"""Direct article references: which document, article and clause a message names."""

from __future__ import annotations

import pytest

from nlu.articles import ArticleParser
from nlu.normalize import fold
from nlu.parse import ArticleRef

DOCUMENTS = {
    "13/2022/QH15": (
        "Luật Phòng, chống bạo lực gia đình",
        "Luật PCBLGĐ 2022",
        "luật pcblgđ",
        "luat pcbldg",
    ),
    "73/2006/QH11": ("Luật Bình đẳng giới", "Luật Bình đẳng giới 2006"),
    "45/2019/QH14": ("Bộ luật Lao động", "Bộ luật Lao động 2019", "luật lao động"),
    "76/2023/NĐ-CP": (
        "Nghị định quy định chi tiết một số điều của Luật Phòng, chống bạo lực gia đình",
    ),
}

CASES = [
    (
        "law-by-name",
        "điều 3 luật phòng chống bạo lực gia đình",
        ArticleRef("13/2022/QH15", 3, None),
    ),
    ("law-by-abbreviation", "dieu 3 luat pcbldg", ArticleRef("13/2022/QH15", 3, None)),
    ("no-diacritics", "dieu 13 luat binh dang gioi", ArticleRef("73/2006/QH11", 13, None)),
    ("clause-first", "khoản 9 điều 3 bộ luật lao động", ArticleRef("45/2019/QH14", 3, 9)),
    ("clause-first-folded", "khoan 9 dieu 3 bo luat lao dong", ArticleRef("45/2019/QH14", 3, 9)),
    ("clause-after", "điều 3 khoản 9 bộ luật lao động", ArticleRef("45/2019/QH14", 3, 9)),
    ("by-number", "cho tôi xem điều 19 luật 13/2022/QH15", ArticleRef("13/2022/QH15", 19, None)),
    ("decree-short", "điều 7 nghị định 76", ArticleRef("76/2023/NĐ-CP", 7, None)),
    (
        "document-first",
        "luật bình đẳng giới điều 13 quy định gì",
        ArticleRef("73/2006/QH11", 13, None),
    ),
    ("longest-alias-wins", "điều 2 luật lao động", ArticleRef("45/2019/QH14", 2, None)),
]


@pytest.fixture(scope="module")
def parser() -> ArticleParser:
    return ArticleParser.build(DOCUMENTS)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_article_reference(parser: ArticleParser, text: str, expected: ArticleRef) -> None:
    prepared = fold(text.replace("pcbldg", "phong chong bao luc gia dinh"))
    assert parser.parse(prepared) == expected


NOT_LOOKUPS = [
    ("no-article", "luật bình đẳng giới là gì"),
    ("no-document", "điều 3 nói gì"),
    (
        "long-question",
        "theo điều 3 luật bình đẳng giới thì công ty trả lương nữ thấp hơn nam có đúng không ạ",
    ),
    ("unknown-document", "điều 5 luật đất đai"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_LOOKUPS], ids=[c[0] for c in NOT_LOOKUPS])
def test_not_a_lookup(parser: ArticleParser, text: str) -> None:
    assert parser.parse(fold(text)) is None


NAMED = [
    ("what-about", "nghị định 76 về gì", "76/2023/NĐ-CP"),
    ("in-force-folded", "luat binh dang gioi con hieu luc khong", "73/2006/QH11"),
    ("name-alone", "Bộ luật Lao động", "45/2019/QH14"),
    ("english", "what is decree 76/2023 about", "76/2023/NĐ-CP"),
    ("an-article-is-a-lookup", "điều 3 luật bình đẳng giới", None),
    ("a-question-in-the-law", "luật bình đẳng giới có bảo vệ đàn ông không", None),
    ("no-document", "nghị định mới nhất về gì", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NAMED], ids=[c[0] for c in NAMED])
def test_document_asked_about_as_a_whole(
    parser: ArticleParser, text: str, expected: str | None
) -> None:
    assert parser.named(fold(text)) == expected


ASIDE = [
    (
        "title-question",
        "Quy định về cấm tiếp xúc theo Luật phòng chống bạo lực gia đình 2022",
        "quy dinh ve cam tiep xuc",
    ),
    (
        "of-the-code",
        "quyền của lao động nữ mang thai trong Bộ luật Lao động",
        "quyen cua lao dong nu mang thai",
    ),
    ("name-alone", "Bộ luật Lao động", None),  # nothing but the name: no topic left
    ("filler-only", "nội dung luật bình đẳng giới là gì", None),
    ("no-document", "quy định về cấm tiếp xúc", None),
    ("article-lookup", "khoản 2 điều 25 luật phòng chống bạo lực gia đình", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ASIDE], ids=[c[0] for c in ASIDE])
def test_a_message_without_the_document_it_names(
    parser: ArticleParser, text: str, expected: str | None
) -> None:
    """Twenty-third session: a title question's law name pushed its topic's entry below the bar."""
    assert parser.without_document(text) == expected
