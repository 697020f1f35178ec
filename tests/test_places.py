"""Place-name matching: real 2025 names, with or without diacritics, abbreviated, in sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.units import official_units
from bot.services.placenames import load_aliases, place_index
from bot.services.places import PlaceIndex, accent_compatible, place_key
from tests.conftest import ROOT

ALIASES = ROOT / "content" / "services" / "place-names.yml"


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return place_index(ALIASES)


# (typed, code of the best match) — names checked against vietnam-provinces 2025.10 (34 provinces,
# 3,321 communes after the 1/7/2025 mergers).
SEARCHES = [
    ("gia lai", "52"),
    ("Gia Lai", "52"),
    ("tỉnh Gia Lai", "52"),
    ("Ia Grai", "23764"),
    ("ia grai", "23764"),
    ("xa ia grai", "23764"),
    ("Xã Ia Grai, Gia Lai", "23764"),
    ("xa ia grai gia lai", "23764"),
    ("iagrai", "23764"),
    ("TP HCM", "79"),
    ("hcm", "79"),
    ("tphcm", "79"),
    ("Tp.Hồ Chí Minh", "79"),
    ("thanh pho ho chi minh", "79"),
    ("sài gòn", "79"),
    ("ha noi", "01"),
    ("Hà Nội", "01"),
    ("hanoi", "01"),
    ("hn", "01"),
    ("da nang", "48"),
    ("Đà Nẵng", "48"),
    ("danang", "48"),
    ("can tho", "92"),
    ("Huế", "46"),
    ("hue", "46"),
    ("dak lak", "66"),
    ("daklak", "66"),
    ("Đắk Lắk", "66"),
    ("ca mau", "96"),
    ("an giang", "91"),
    ("phuong hoan kiem", "00070"),
    ("Hoàn Kiếm", "00070"),
    ("p. Bến Thành", "26743"),
    ("ben thanh", "26743"),
    ("hong ha", "00097"),
    ("cua nam", "00073"),
    ("van mieu quoc tu giam", "00196"),
    ("Văn Miếu – Quốc Tử Giám", "00196"),
    ("buon ma thuot", "24133"),
    ("Buôn Ma Thuột", "24133"),
    ("pleiku", "23575"),
    ("quy nhon", "21583"),
    ("M'Drắk", "24412"),
    ("mdrak", "24412"),
    ("blao", "24829"),
    ("cu mgar", "24280"),
    ("chan may lang co", "20152"),
    ("thu duc", "26824"),
    ("vung tau", "26506"),
    ("thu dau mot", "25747"),
    ("bien hoa", "26068"),
    ("phuong hai chau", "20242"),
    ("Hải Châu, Đà Nẵng", "20242"),
    ("ninh kieu", "31135"),
    ("dac khu phu quoc", "31078"),
    ("con dao", "26732"),
    ("mong cai 1", "06712"),
    ("a luoi 2", "20044"),
    ("sa pa", "03006"),
    ("hac thanh", "14797"),
    ("phuong hoa binh, hai phong", "11533"),
    ("Hòa Bình, Thành phố Hồ Chí Minh", "27211"),
    ("bat trang", "00583"),
    ("tỉnh Hòa Bình", "25"),
    ("tinh yen bai", "15"),
    ("tỉnh Bến Tre", "86"),
    # twenty-eighth session: more provinces abolished on 1/7/2025, with a source for each
    ("Quảng Bình", "44"),
    ("binh duong", "79"),
    ("Bà Rịa - Vũng Tàu", "79"),
    ("tỉnh Nam Định", "37"),
    ("Hà Giang", "08"),
    ("Quảng Nam", "48"),
]


@pytest.mark.parametrize(("typed", "code"), SEARCHES, ids=[s[0] for s in SEARCHES])
def test_search_finds_the_place(index: PlaceIndex, typed: str, code: str) -> None:
    found = index.search(typed).units
    assert found, f"nothing found for {typed!r}"
    assert found[0].code == code, [u.name for u in found]


def test_table_has_at_least_40_real_names() -> None:
    units = official_units()
    assert len(SEARCHES) >= 40
    assert all(units.get(code) is not None for _, code in SEARCHES)


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("sai gon", {"79", "26740"}),
        ("hoa binh", {"25", "04795", "11533", "27211"}),
        ("da lat", {"24781"}),
    ],
    ids=["city-and-ward", "same-name-in-many-provinces", "part-of-a-name"],
)
def test_ambiguous_names_offer_every_match(index: PlaceIndex, typed: str, codes: set[str]) -> None:
    assert codes <= {u.code for u in index.search(typed).units}


def test_old_district_word_is_flagged(index: PlaceIndex) -> None:
    found = index.search("huyện Ia Grai")
    assert found.old_name
    assert [u.code for u in found.units] == ["23764"]


@pytest.mark.parametrize("typed", ["xyzzy", "", "huyện Không Tồn Tại", "12345"])
def test_unknown_place_finds_nothing(index: PlaceIndex, typed: str) -> None:
    assert index.search(typed).units == ()


SENTENCES = [
    ("tôi cần giúp đỡ ở Gia Lai", ["52"]),
    ("noi tam lanh gan xa Ia Grai", ["23764"]),
    ("tim noi ho tro o Da Nang", ["48"]),
    ("nhà tạm lánh ở Cần Thơ", ["92"]),
    ("ha noi co nha tam lanh khong", ["01"]),
    ("tôi ở phường Hoàn Kiếm", ["00070"]),
    ("xã Hòa Bình ở Vĩnh Long", ["29830"]),
    ("tôi ở hcm", ["79"]),
    ("tôi ở sài gòn", ["79", "26740"]),
    ("noi ho tro o Ia Grai, Gia Lai", ["23764"]),
    ("bị bạo lực gia đình thì báo ai", []),
    ("bi bao luc gia dinh", []),
    ("ở làng tôi có ai giúp không", []),
    ("Tôi bị chồng đánh", []),
    ("tìm nơi hỗ trợ", []),
]


@pytest.mark.parametrize(("text", "codes"), SENTENCES, ids=[s[0] for s in SENTENCES])
def test_find_in_text(index: PlaceIndex, text: str, codes: list[str]) -> None:
    assert [u.code for u in index.find_in_text(text)] == codes


@pytest.mark.parametrize(
    ("typed", "name", "ok"),
    [
        ("Hoà Bình", "Hòa Bình", True),
        ("hoa binh", "Hòa Bình", True),
        ("làng", "Láng", False),
        ("Đà nang", "Đà Nẵng", True),
        ("Huệ", "Huế", False),
    ],
    ids=["old-tone-placement", "no-diacritics", "other-tone", "partly-marked", "hue-vs-hue"],
)
def test_accent_compatible(typed: str, name: str, ok: bool) -> None:
    assert accent_compatible(typed, name) is ok


def test_place_key_drops_case_marks_and_punctuation() -> None:
    assert place_key("Tp.Hồ Chí Minh") == "tp ho chi minh"
    assert place_key("Xã M’Drắk") == "xa mdrak"


def test_alias_file_problems(tmp_path: Path) -> None:
    path = tmp_path / "place-names.yml"
    path.write_text('aliases:\n  "79": [HCM]\n  "01": [hcm]\n  "999": [x]\n', encoding="utf-8")
    aliases, problems = load_aliases(path, official_units())
    assert aliases == {"HCM": "79"}
    assert [(p.line, p.message) for p in problems] == [
        (3, "alias 'hcm' already names unit '79'"),
        (4, "unknown unit code '999'"),
    ]
