"""The knowledge-base loader: every planted problem is reported with its file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.qa.faq import load_faq
from bot.runtime.content import Content

TODAY = date(2026, 11, 23)

GOOD = """\
entries:
  - id: dv-where-to-report
    topic: dv_reporting
    questions:
      - "Khi bị bạo lực gia đình thì báo tin cho ai?"
      - "chồng đánh vợ thì báo ở đâu vậy"
      - "bi chong danh thi bao cho ai"
      - "báo bạo lực gia đình ở đâu"
    answer:
      vi: "Bạn báo cho UBND xã hoặc Công an xã."
      en: "Report to the commune."
    more:
      vi: "Chi tiết hơn."
    citations:
      - {document: "13/2022/QH15", article: 19}
      - {document: "13/2022/QH15", article: 19, clause: 1}
"""

ENTRY = """\
  - id: {id}
    topic: {topic}
    questions: ["câu một", "câu hai", "câu ba", "{last}"]
    answer:
      vi: "{answer}"
    citations:
      - {{document: "{document}", article: {article}}}
"""


def _entry(**values: object) -> str:
    defaults: dict[str, object] = {
        "id": "ok-entry",
        "topic": "dv_reporting",
        "last": "câu bốn",
        "answer": "Trả lời.",
        "document": "13/2022/QH15",
        "article": 19,
    }
    return ENTRY.format(**{**defaults, **values})


def test_good_file_loads(content: Content, tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(GOOD, encoding="utf-8")
    faq, problems = load_faq(tmp_path, content.law, TODAY)
    assert problems == []
    entry = faq.get("dv-where-to-report")
    assert entry is not None
    assert entry.basis == "13/2022/QH15:19"
    assert entry.more_text("en") == "Chi tiết hơn."
    assert entry.answer_text("en") == "Report to the commune."
    assert faq.examples()[0].questions[2] == "bi chong danh thi bao cho ai"


CASES = [
    ("unknown-key", "entries:\n" + _entry() + "    colour: red\n", 9, "unknown key 'colour'"),
    (
        "missing-key",
        "entries:\n  - id: x-y\n    topic: dv_reporting\n",
        2,
        "missing key 'questions'",
    ),
    ("bad-id", "entries:\n" + _entry(id="Bad_Id"), 2, "kebab-case"),
    ("unknown-topic", "entries:\n" + _entry(topic="weather"), 3, "unknown topic 'weather'"),
    (
        "too-few-questions",
        "entries:\n" + _entry().replace(', "câu bốn"', ""),
        4,
        "at least 4 questions",
    ),
    ("repeated-question", "entries:\n" + _entry(last="CÂU MỘT"), 4, "repeated question"),
    ("long-answer", "entries:\n" + _entry(answer="x" * 701), 6, "701 characters (max 700)"),
    (
        "missing-article",
        "entries:\n" + _entry(article=999),
        8,
        "Điều 999 of 13/2022/QH15 is not in the law library",
    ),
    (
        "unknown-document",
        "entries:\n" + _entry(document="1/2000/QH10"),
        8,
        "not in the law library",
    ),
    (
        "repealed-document",
        "entries:\n" + _entry(document="144/2021/NĐ-CP", article=52),
        8,
        "not in force on 2026-11-23",
    ),
    (
        "english-not-texts",
        "entries:\n" + _entry() + "    questions_en: [1, 2]\n",
        9,
        "questions_en must be a list of texts",
    ),
    (
        "english-repeated",
        "entries:\n" + _entry() + '    questions_en: ["Is it a crime?", "is it a crime?"]\n',
        9,
        "repeated question",
    ),
    (
        "unknown-ask",
        "entries:\n" + _entry() + "    asks: [fine, weather]\n",
        9,
        "asks: unknown kind 'weather'",
    ),
    ("empty-asks", "entries:\n" + _entry() + "    asks: []\n", 9, "asks must be a list"),
    (
        "either-way-not-a-flag",
        "entries:\n" + _entry() + "    either_way: maybe\n",
        9,
        "either_way must be true or false",
    ),
    ("not-entries", "questions: []\n", 1, "expected a mapping with 'entries:'"),
    ("yaml-syntax", "entries:\n  - id: [\n", 3, "YAML syntax"),
]


@pytest.mark.parametrize(
    ("text", "line", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_planted_problem(
    content: Content, tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / "bad.yml").write_text(text, encoding="utf-8")
    faq, problems = load_faq(tmp_path, content.law, TODAY)
    assert [p.line for p in problems if message in p.message] == [line], [str(p) for p in problems]
    assert all(p.file == str(tmp_path / "bad.yml") for p in problems)
    assert faq.entries == ()


def test_ids_and_questions_unique_across_files(content: Content, tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("entries:\n" + _entry(), encoding="utf-8")
    (tmp_path / "b.yml").write_text("entries:\n" + _entry(), encoding="utf-8")
    faq, problems = load_faq(tmp_path, content.law, TODAY)
    messages = [str(p) for p in problems]
    assert any("b.yml:2: duplicate id 'ok-entry'" in m and "a.yml:2" in m for m in messages)
    assert len(faq.entries) == 1


def test_same_question_in_two_entries(content: Content, tmp_path: Path) -> None:
    text = "entries:\n" + _entry(id="one") + _entry(id="two", last="cau mot khac")
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    _, problems = load_faq(tmp_path, content.law, TODAY)
    assert any("question also in entry 'one'" in p.message for p in problems)


def test_shipped_knowledge_base_is_valid(content: Content) -> None:
    faq, problems = load_faq(Path(content.directory) / "faq", content.law, TODAY)
    assert problems == []
    assert len({e.id for e in faq.entries}) == len(faq.entries) > 0


def test_english_questions_and_asks_load(content: Content, tmp_path: Path) -> None:
    text = (
        "entries:\n"
        + _entry()
        + '    questions_en: ["Where do I report?"]\n    asks: [report, help]\n'
    )
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    faq, problems = load_faq(tmp_path, content.law, TODAY)
    assert problems == []
    entry = faq.entries[0]
    assert entry.questions_en == ("Where do I report?",)
    assert entry.asks == ("report", "help")
    assert faq.examples()[0].questions_en == ("Where do I report?",)
    assert faq.examples()[0].asks == ("report", "help")


def test_same_english_question_in_two_entries(content: Content, tmp_path: Path) -> None:
    english = '    questions_en: ["Is it a crime?"]\n'
    text = "entries:\n" + _entry(id="one") + english + _entry(id="two", last="khac") + english
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    _, problems = load_faq(tmp_path, content.law, TODAY)
    lines = [p.line for p in problems if "question also in entry 'one'" in p.message]
    assert 17 in lines  # the English variant; the Vietnamese ones of the template repeat too


@pytest.mark.parametrize(
    ("document", "article", "topic", "asks"),
    [
        ("100/2015/QH13", 185, "dv_penalties", ("prison",)),
        ("282/2025/NĐ-CP", 37, "dv_penalties", ("fine",)),
        ("13/2022/QH15", 19, "dv_reporting", ("report",)),
        ("13/2022/QH15", 2, "dv_definition", ("definition",)),
        ("11/2017/QH14", 7, "legal_aid", ("help",)),
    ],
)
def test_asks_inferred_from_first_citation_and_topic(
    content: Content,
    tmp_path: Path,
    document: str,
    article: int,
    topic: str,
    asks: tuple[str, ...],
) -> None:
    text = "entries:\n" + _entry(document=document, article=article, topic=topic)
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    faq, problems = load_faq(tmp_path, content.law, TODAY)
    assert problems == []
    assert faq.entries[0].asks == asks


UNVERIFIED_CLAIMS = (
    "miễn phí: 1900 969 680",
    "1900 969 680 (miễn phí",
    "free advice: 1900 969 680",
    "1900 969 680 (free",
    "tư vấn pháp lý miễn phí: 1800 1233",
    "tư vấn pháp lý: gọi 1800 1233",
    "free legal aid: 1800 1233",
    "free legal advice: 1800 1233",
    "for legal advice call 1800 1233",
)
"""Claims the services directory does not back: 1900 969 680's fees are not verified, and
1800 1233 is the legal-aid line (free only for those the Law on Legal Aid names)."""


def test_shipped_texts_never_call_an_unverified_line_free(content: Content) -> None:
    root = Path(content.directory)
    texts = {
        path.relative_to(root): path.read_text(encoding="utf-8").lower()
        for folder in ("faq", "strings", "campaigns", "polls", "quizzes")
        for path in sorted((root / folder).glob("*.yml"))
    }
    found = [
        (str(name), claim)
        for name, text in texts.items()
        for claim in UNVERIFIED_CLAIMS
        if claim in text
    ]
    assert found == []


def test_an_entry_either_way_trains_without_roles(content: Content) -> None:
    # Twenty-second session: the marital-rape entry, written mostly for a husband who forces his
    # wife, was passed over (0.24) for "Đàn ông bị vợ ép quan hệ có phải bạo lực không".
    entry = content.qa.faq.get("dv-marital-rape")
    assert entry is not None
    assert entry.either_way
    example = next(e for e in content.qa.faq.examples() if e.id == "dv-marital-rape")
    assert example.either_way
