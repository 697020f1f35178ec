"""Stories: "anh ta", "hắn", "he" are the spouse the story names."""

from __future__ import annotations

import pytest

from nlu.pronouns import story_roles
from nlu.rolepair import NONE, Roles
from nlu.roles import roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chồng tôi nghiện rượu mấy năm nay. Tối qua anh ta đánh tôi.", Roles("husband", "wife")),
        ("Chong toi say ruou suot, han danh toi ca dem.", Roles("husband", "wife")),
        ("Lấy chồng được ba năm thì anh bắt đầu đánh tôi.", Roles("husband", "wife")),
        ("Anh chị cho em hỏi, chồng em hay đi nhậu về muộn.", NONE),
        ("Anh ta đánh tôi ở chợ.", NONE),
        ("My husband drinks every night. Last week he pushed me.", Roles("husband", "wife")),
        ("My wife is angry all the time, she hits me.", Roles("wife", "husband")),
    ],
)
def test_a_story_reads_he_as_the_husband_it_names(text: str, expected: Roles) -> None:
    assert story_roles(text) == expected
    assert not roles(text).known or roles(text) == expected
