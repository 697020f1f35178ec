"""The speaker named one way for the model (nlu.speaker): "chồng em đánh em" is "chồng tôi …"."""

from __future__ import annotations

import pytest

from nlu.speaker import one_speaker

SPEAKERS = [
    ("chong em danh em", "chong toi danh toi"),
    ("chong minh danh minh", "chong toi danh toi"),
    ("cho em hoi", "cho toi hoi"),
    ("tui bi danh", "toi bi danh"),
    ("tao bi chong chui", "toi bi chong chui"),
    ("em ket hon duoc 3 nam", "toi ket hon duoc 3 nam"),
    ("mot minh em nuoi con", "mot minh toi nuoi con"),
    # "em" that is someone else, "mình" that is "alone" or the body
    ("tre em bi xam hai", "tre em bi xam hai"),
    ("em gai toi bi danh", "em gai toi bi danh"),
    ("anh em trong nha", "anh em trong nha"),
    ("chi em phu nu", "chi em phu nu"),
    ("cac em hoc sinh", "cac em hoc sinh"),
    ("em be bi bo roi", "em be bi bo roi"),
    ("em chong chui em", "em chong chui toi"),
    ("em ay bi danh", "em ay bi danh"),
    ("o mot minh", "o mot minh"),
    ("tu minh lam", "tu minh lam"),
    ("dau minh may", "dau minh may"),
]


@pytest.mark.parametrize(("folded", "expected"), SPEAKERS)
def test_the_speaker_is_read_as_toi(folded: str, expected: str) -> None:
    """ "chồng em đánh em" got the entry on siblings, "chồng mình đánh mình" on neighbours."""
    assert one_speaker(folded) == expected
