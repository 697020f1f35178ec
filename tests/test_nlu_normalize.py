"""Normalisation and teencode expansion on real examples."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from bot.qa.training import load_nlu_content
from nlu.normalize import fold, has_diacritics, normalize, strip_marks, words
from nlu.prepare import Preparer
from nlu.synonyms import Synonyms
from nlu.teencode import Teencode, parse_teencode

ROOT = Path(__file__).resolve().parent.parent

NFD_CHONG = unicodedata.normalize("NFD", "Chồng đánh vợ")

NORMALIZE = [
    ("nfd-input", NFD_CHONG, "chồng đánh vợ"),
    ("upper-case", "LUẬT BÌNH ĐẲNG GIỚI", "luật bình đẳng giới"),
    ("whitespace", "  bị   chồng\n\n đánh\t ", "bị chồng đánh"),
    ("control-chars", "chồng\x00 đánh\x07 vợ\u200b", "chồng đánh vợ"),
    ("bidi-marks", "\u202ebáo\u202c ở đâu", "báo ở đâu"),
    ("emoji-kept", "cứu em 😭😭", "cứu em 😭😭"),
    ("empty", "", ""),
    ("only-controls", "\x01\x02", ""),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in NORMALIZE], ids=[c[0] for c in NORMALIZE]
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


FOLD = [
    ("d-stroke", "Đánh đập", "danh dap"),
    ("nfd", NFD_CHONG, "chong danh vo"),
    ("all-tones", "àáảãạ ằắẳẵặ ầấẩẫậ", "aaaaa aaaaa aaaaa"),
    ("horn", "ơ ư Ờ Ữ", "o u o u"),
    ("already-folded", "bi chong danh", "bi chong danh"),
    ("digits-kept", "Điều 19 Luật 13/2022/QH15", "dieu 19 luat 13/2022/qh15"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FOLD], ids=[c[0] for c in FOLD])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_words_drop_punctuation_and_emoji() -> None:
    assert words(fold("Cứu!!! chồng đánh 😭, ở đâu?")) == ["cuu", "chong", "danh", "o", "dau"]


def test_has_diacritics() -> None:
    assert has_diacritics("bị đánh")
    assert not has_diacritics("bi danh")


@pytest.fixture(scope="module")
def teencode() -> Teencode:
    content, problems = load_nlu_content(ROOT / "content" / "nlu")
    assert problems == []
    return parse_teencode(content.teencode)


EXPAND = [
    ("ko-dc", "ko dc", "không được"),
    ("k-question", "có bị phạt k", "có bị phạt không"),
    ("hok", "hok biết", "không biết"),
    ("vk-ck", "ck danh vk", "chồng danh vợ"),
    ("blgd-with-d-stroke", "blgđ là gì", "bạo lực gia đình là gì"),
    ("bldg", "luat pcbldg", "luat phòng chống bạo lực gia đình"),
    ("bdg", "bđg trong lao động", "bình đẳng giới trong lao động"),
    ("bn-price-at-end", "gia vang hom nay bn", "gia vang hom nay bao nhiêu"),
    ("bn-before-unit", "phạt bn tiền", "phạt bao nhiêu tiền"),
    ("bn-person", "bn ơi cho mình hỏi", "bạn ơi cho mình hỏi"),
    ("vc-job", "bị mất vc vì có bầu", "bị mất việc vì có bầu"),
    ("vc-couple", "vc cãi nhau", "vợ chồng cãi nhau"),
    ("keeps-50k", "50k", "50k"),
    ("keeps-punctuation", "ck đánh, vk khóc!", "chồng đánh, vợ khóc!"),
    ("nfd-key", unicodedata.normalize("NFD", "đc"), "được"),
    ("spoken-south", "ổng nhậu xỉn dìa là quánh tui", "ổng nhậu say về là đánh tôi"),
    ("spoken-only-as-typed", "xung quanh tụi nó, xin cái túi", "xung quanh tụi nó, xin cái túi"),
    ("spoken-folded-quanh", "say ve la quanh tui", "say ve la đánh tôi"),
    ("age-short", "e 16t, ny e bat", "em 16 tuổi, người yêu em bat"),
    ("age-not-money", "10tr", "10tr"),
    ("quanh-is-around", "ông quanh năm đi làm xa", "ông quanh năm đi làm xa"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in EXPAND], ids=[c[0] for c in EXPAND])
def test_teencode_expand(teencode: Teencode, text: str, expected: str) -> None:
    assert teencode.expand(text) == expected


def test_teencode_leaves_ordinary_words(teencode: Teencode) -> None:
    sentence = "cả nhà tôi đều biết mẹ chồng hay chì chiết"
    assert teencode.expand(sentence) == sentence


SYNONYMS = [
    ("pregnant-fired", "công ty đuổi việc vì có bầu", ("sa thai", "mang thai")),
    ("folded-input", "cty duoi viec vi co bau", ("sa thai", "mang thai")),
    ("insults", "mẹ chồng hay xỉ vả con dâu", ("lang ma",)),
    ("none", "thời tiết mai thế nào", ()),
]


@pytest.mark.parametrize(("text", "added"), [c[1:] for c in SYNONYMS], ids=[c[0] for c in SYNONYMS])
def test_synonyms_add_the_canonical_phrase(text: str, added: tuple[str, ...]) -> None:
    content, _ = load_nlu_content(ROOT / "content" / "nlu")
    prepare = Preparer.from_data(content.training((), {}))
    base = prepare.base(text)
    expanded = prepare(text)
    assert expanded.startswith(base)
    assert all(phrase in expanded[len(base) :] for phrase in added)
    if not added:
        assert expanded == base


def test_synonyms_match_whole_words_only() -> None:
    synonyms = Synonyms.build([["mang thai", "có bầu"]])
    assert synonyms.expand("co bau") == "co bau mang thai"
    assert synonyms.expand("co bauxit") == "co bauxit"


LATIN = [chr(c) for c in [*range(0x20, 0x250), *range(0x1E00, 0x1F00)]]
OTHERS = ["\u0300", "\u0301", "\u0323", "\u0303", "α", "中", "\u200b", "\n"]


def test_fold_letter_by_letter_is_the_full_fold() -> None:
    rng = random.Random(15)
    mixed = ["".join(rng.choices(LATIN + OTHERS, k=rng.randint(0, 12))) for _ in range(3000)]
    texts = LATIN + mixed
    texts += [unicodedata.normalize("NFD", t) for t in texts[-500:]]
    assert [fold(t) for t in texts] == [strip_marks(normalize(t)) for t in texts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ch0ng t0i h4y d4nh t0i", "chong toi hay danh toi"),
        ("ck t0i d4nh t0i", "chồng toi danh toi"),
        ("52/2014/QH13 điều 3", "52/2014/qh13 điều 3"),
        ("phạt 10tr có 4g không", "phạt 10tr có 4g không"),
        ("b52 f0 covid19", "b52 f0 covid19"),
    ],
)
def test_digits_for_letters_inside_a_word_are_read_as_letters(
    teencode: Teencode, text: str, expected: str
) -> None:
    """Found as a new user would: "ch0ng t0i h4y d4nh t0i" (typed past word filters) got 0.01."""
    assert teencode.expand(text) == expected
