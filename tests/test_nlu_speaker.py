"""The writer's own "cháu" ("Cháu năm nay 15 tuổi") is read as "em"; someone's grandchild is not."""

from __future__ import annotations

import pytest

from nlu.normalize import fold
from nlu.speaker import as_speaker

CASES = [
    (
        "Cháu năm nay 16 tuổi. Bố mẹ cháu gả cháu cho một người 30 tuổi",
        "em nam nay 16 tuoi. bo me em ga em cho mot nguoi 30 tuoi",
    ),
    (
        "Cháu chào các cô chú, năm nay cháu vừa 15 tuổi",
        "em chao cac co chu, nam nay em vua 15 tuoi",
    ),
    (
        "Thưa luật sư, cháu xin hỏi cháu gái cháu bị đánh",
        "thua luat su, em xin hoi chau gai em bi danh",
    ),
    ("Cháu tôi có một người chồng rất vũ phu", "chau toi co mot nguoi chong rat vu phu"),
    ("Cháu bé bị chú dùng xích khóa cổ", "chau be bi chu dung xich khoa co"),
    ("bà nội đánh cháu 6 tuổi", "ba noi danh chau 6 tuoi"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_writer_who_calls_themself_chau(text: str, expected: str) -> None:
    assert as_speaker(fold(text)) == expected
