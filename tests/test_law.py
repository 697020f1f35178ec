"""Law content: the importer on the real corpus and the parser on small synthetic texts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.problems import ContentError
from bot.law.importer import holdings, parse_corpus_file
from bot.law.library import LawLibrary, import_law, load_law
from bot.law.text import is_note

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "law"
SHIPPED = REPO / "content" / "law"
TODAY = date(2026, 11, 23)

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("law")
    import_law(CORPUS, dest)
    return dest


@pytest.fixture(scope="module")
def library(imported: Path) -> LawLibrary:
    library, problems = load_law(imported)
    assert problems == []
    return library


# --- the importer on the real corpus -------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    ("document", "article", "clause", "expected"),
    [
        ("13/2022/QH15", 19, None, True),
        ("13/2022/QH15", 19, 1, True),
        ("13/2022/QH15", 19, 4, False),
        ("13/2022/QH15", 6, None, False),
        ("13/2022/QH15", 25, 5, False),
        ("13/2022/QH15", 25, 6, True),
        ("45/2019/QH14", 3, 9, True),
        ("144/2021/NĐ-CP", 52, 2, False),
        ("76/2023/NĐ-CP", 7, 1, True),
        ("nđ 125", 8, 2, True),
        ("luat pcbldg", 3, 1, True),
        ("99/2099/QH99", 1, None, False),
    ],
    ids=[
        "pcblgd-19",
        "pcblgd-19-1",
        "pcblgd-19-4-missing",
        "pcblgd-6-not-in-corpus",
        "pcblgd-25-5-not-in-corpus",
        "pcblgd-25-6",
        "blld-3-9",
        "nd144-52-2-not-in-corpus",
        "nd76-7-1",
        "alias-nd-125",
        "alias-no-diacritics",
        "unknown-document",
    ],
)
def test_has(
    library: LawLibrary, document: str, article: int, clause: int | None, expected: bool
) -> None:
    assert library.has(document, article, clause) is expected


@needs_corpus
@pytest.mark.parametrize(
    ("document", "on", "expected"),
    [
        ("144/2021/NĐ-CP", TODAY, False),
        ("144/2021/NĐ-CP", date(2025, 12, 14), True),
        ("144/2021/NĐ-CP", date(2025, 12, 15), False),
        ("282/2025/NĐ-CP", TODAY, True),
        ("282/2025/NĐ-CP", date(2025, 12, 14), False),
        ("13/2022/QH15", TODAY, True),
        ("13/2022/QH15", date(2023, 6, 30), False),
        ("12/2022/NĐ-CP", TODAY, False),
        ("117/2020/NĐ-CP", TODAY, True),
    ],
    ids=[
        "144-today",
        "144-last-day",
        "144-replaced",
        "282-today",
        "282-before",
        "pcblgd-today",
        "pcblgd-before",
        "12-2022-replaced-by-283",
        "117-dates-unknown",
    ],
)
def test_in_force(library: LawLibrary, document: str, on: date, expected: bool) -> None:
    found = library.document(document)
    assert found is not None
    assert found.in_force(on) is expected


@needs_corpus
def test_metadata_comes_from_headers(library: LawLibrary) -> None:
    nd144 = library.documents["144/2021/NĐ-CP"]
    assert (nd144.in_force_until, nd144.replaced_by) == (date(2025, 12, 15), "282/2025/NĐ-CP")
    assert (nd144.issued, nd144.complete, nd144.kind) == (None, False, "nghi_dinh")
    law = library.documents["13/2022/QH15"]
    assert (law.issued, law.in_force_from) == (date(2022, 11, 14), date(2023, 7, 1))
    assert (law.title, law.short, law.kind) == (
        "Luật Phòng, chống bạo lực gia đình",
        "Luật PCBLGĐ 2022",
        "luat",
    )
    assert "luật phòng chống bạo lực gia đình" in law.aliases
    code = library.documents["45/2019/QH14"]
    assert (code.kind, code.complete, len(code.articles)) == ("bo_luat", True, 220)
    assert {"bộ luật lao động", "blld"} <= set(code.aliases)
    assert library.documents["282/2025/NĐ-CP"].issued is None
    # a note in parentheses cut by " — " is no part of the title (regression)
    assert library.documents["283/2026/NĐ-CP"].title.endswith("theo hợp đồng")


@needs_corpus
def test_articles_keep_text_and_notes(library: LawLibrary) -> None:
    law = library.documents["13/2022/QH15"]
    article = law.articles[19]
    assert article.title == "Báo tin, tố giác về hành vi bạo lực gia đình"
    assert article.chapter is not None
    assert article.chapter.startswith("Chương III. ")
    first = article.clause(1)
    assert first is not None
    assert first.text.startswith("Địa chỉ tiếp nhận tin báo")
    assert "\ne) Tổng đài điện thoại quốc gia" in first.text
    assert article.text.startswith("1. Địa chỉ tiếp nhận tin báo")
    assert "inferred" in (law.articles[13].note or "")
    assert "đánh số suy luận" in (law.articles[17].note or "")
    assert law.articles[36].chapter is None
    assert sorted(law.articles) == [
        1,
        2,
        3,
        4,
        5,
        13,
        16,
        17,
        18,
        19,
        20,
        21,
        22,
        23,
        24,
        25,
        26,
        32,
        36,
    ]
    assert "[Nguồn:" not in article.text


@needs_corpus
def test_quoted_amendments_are_not_clauses(library: LawLibrary) -> None:
    article = library.article("45/2019/QH14", 219)
    assert article is not None
    assert [clause.number for clause in article.clauses] == [1, 2]


@needs_corpus
def test_import_is_deterministic(imported: Path, tmp_path: Path) -> None:
    written = import_law(CORPUS, tmp_path)
    assert [path.name for path in written] == sorted(path.name for path in imported.iterdir())
    for path in written:
        assert path.read_bytes() == (imported / path.name).read_bytes()


@needs_corpus
def test_shipped_content_is_up_to_date(imported: Path) -> None:
    shipped = sorted(path.name for path in SHIPPED.glob("*.yml"))
    assert shipped == sorted(path.name for path in imported.glob("*.yml"))
    for name in shipped:
        assert (SHIPPED / name).read_bytes() == (imported / name).read_bytes(), name


def test_shipped_content_loads_without_problems() -> None:
    library, problems = load_law(SHIPPED)
    assert [str(problem) for problem in problems] == []
    assert len(library.documents) >= 15


# --- the parser on small synthetic texts -------------------------------------------------------

SAMPLE = """\
1/2020/QH14 | Luật Thử nghiệm (thông qua ngày 02/01/2020; hiệu lực 01/07/2020) | BẢN KHÔNG ĐẦY ĐỦ
# Thu được: Điều 1, [2] (khoản 1, đánh số suy luận), và 2 điều chưa rõ số. Các điều khác KHÔNG có.

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi
Câu dẫn:
1.Khoản một:
a) Điểm a;
b) Điểm b.
[Khoản 2: KHÔNG CÓ trong bản này.]
3. Khoản ba “trích
1. không phải khoản”.
[Nguồn: https://example.org]

[Điều 2 đến 9: ghi chú của tài liệu.]

Điều [2]. [Tiêu đề tạm — tiêu đề do người biên soạn ghi]
[1.] [Trang nguồn diễn đạt lại:] Khoản một.

Điều [số chưa xác định]. [Không có số]
1. Bỏ qua.
"""


def test_parser_on_sample(tmp_path: Path) -> None:
    source = tmp_path / "luat-thu.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    document = parse_corpus_file(source)
    assert document["title"] == "Luật Thử nghiệm"
    assert (document["issued"], document["in_force_from"]) == (date(2020, 1, 2), date(2020, 7, 1))
    assert document["complete"] is False
    first, second = document["articles"]
    assert first["chapter"] == "Chương I. QUY ĐỊNH CHUNG"
    assert [clause["number"] for clause in first["clauses"]] == [1, 3]
    assert first["clauses"][0]["text"] == "Khoản một:\na) Điểm a;\nb) Điểm b."
    assert first["clauses"][1]["text"] == "Khoản ba “trích\n1. không phải khoản”."
    assert first["note"] == "[Khoản 2: KHÔNG CÓ trong bản này.]\n[Nguồn: https://example.org]"
    assert second["title"] == "Tiêu đề tạm"
    assert second["note"].splitlines() == [
        "article number [2] inferred by the compiler",
        "title supplied by the compiler: tiêu đề do người biên soạn ghi",
        "corpus header: khoản 1, đánh số suy luận",
        "clause numbers [1] assigned by the compiler",
        "clause 1: [Trang nguồn diễn đạt lại:]",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no separators here\n", "line 1 must be"),
        ("1/2020/QH14 | Điều lệ | x\n# Số điều thu được: 1/1 (đầy đủ).\n", "cannot tell the kind"),
        ("1/2020/QH14 | Luật X | x\n# Số điều thu được: 2/2 (đầy đủ).\n\nĐiều 1. A\n", "parsed 1"),
        (
            "1/2020/QH14 | Luật X | x\n# Số điều thu được: 2/2.\n\nĐiều 1. A\n\nĐiều 1. B\n",
            "more than",
        ),
    ],
    ids=["bad-line-1", "unknown-kind", "count-mismatch", "duplicate-article"],
)
def test_importer_rejects_bad_corpus(tmp_path: Path, text: str, message: str) -> None:
    source = tmp_path / "bad.txt"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=message):
        parse_corpus_file(source)


def test_import_removes_only_stale_generated_files(tmp_path: Path) -> None:
    source, dest = tmp_path / "src", tmp_path / "dest"
    source.mkdir()
    (source / "luat-thu.txt").write_text(SAMPLE, encoding="utf-8")
    dest.mkdir()
    (dest / "old.yml").write_text("# Generated by `binhdang content import-law` x\n")
    (dest / "hand.yml").write_text("document: x\n")
    assert import_law(source, dest) == [dest / "luat-thu.yml"]
    assert sorted(path.name for path in dest.iterdir()) == ["hand.yml", "luat-thu.yml"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Thu được: Điều 4 (chỉ khoản 2), Điều 53 (đủ). Khác.", {4: "chỉ khoản 2", 53: "đủ"}),
        ("Trạng thái. Chỉ có Điều 84, 85, 86 (đầy đủ).", {84: "", 85: "", 86: "đầy đủ"}),
        (
            "x. Có Điều 1 (a), Điều [6] (b — c [1]) và Điều 13 (d).",
            {1: "a", 6: "b — c [1]", 13: "d"},
        ),
        ("Thu được nguyên văn: Điều 7 khoản 1 (và đầu khoản 2).", {7: "khoản 1 (và đầu khoản 2)"}),
        ("Thu được: 5, và 2 điều chưa rõ số (x).", {5: ""}),
        ("Số điều thu được: 44/44 (đầy đủ).", {}),
    ],
    ids=["thu-duoc", "chi-co", "co-dieu", "nguyen-van", "unnumbered-ignored", "complete"],
)
def test_holdings(header: str, expected: dict[int, str]) -> None:
    assert holdings(header) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[Nguồn: x]", True),
        ("[Nguồn: x [y]]", True),
        ("[1.] Khoản một.", False),
        ("[a)] Điểm a; [ghi chú]", False),
        ("Khoản [ghi chú]", False),
    ],
    ids=["note", "nested", "bracketed-number", "point-with-note", "inline"],
)
def test_is_note(line: str, expected: bool) -> None:
    assert is_note(line) is expected
