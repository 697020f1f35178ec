"""The person a story opens with, and "X của Y": who suffers when the act names no one after it."""

from __future__ import annotations

import pytest

from nlu.normalize import fold
from nlu.rolepair import Roles
from nlu.roles import roles

H, W, P, C = "husband", "wife", "parent", "child"
IN, DIL = "in_law", "daughter_in_law"

DESCRIBED = [
    # A parent described as needing care, then who acts with no one after the act: the parent.
    ("mẹ tôi năm nay 70 tuổi, anh cả tôi hay chửi mắng và đuổi bà ra khỏi nhà", Roles(C, P)),
    ("bố tôi 80 tuổi bị lẫn, anh trai tôi bỏ mặc không cho ăn uống đầy đủ", Roles(C, P)),
    ("bố tôi bị lẫn, anh trai tôi bỏ mặc không cho ăn", Roles(C, P)),
    ("con tôi mới 3 tuổi, chồng tôi hay đánh", Roles(H, C)),
    # Not described as needing care, or no comma: the speaker, as before.
    ("bố tôi mất sớm, mẹ tôi hay đánh", Roles(P, C)),
    ("chồng tôi đi làm xa, mẹ chồng tôi hay chửi", Roles(IN, DIL)),
    ("chồng tôi 40 tuổi, mẹ chồng tôi hay chửi", Roles(IN, DIL)),  # an adult's age
    ("chồng tôi hay đánh tôi", Roles(H, W)),
    ("chồng tôi say rượu, hay đánh", Roles(H, W)),
    # Someone named after the act still suffers it.
    ("mẹ tôi 70 tuổi, anh trai tôi hay chửi tôi", Roles("sibling", "sibling")),
]


OWNED = [
    # "X của Y bị Z đánh": X suffers, not Y.
    ("con riêng của vợ bị chồng sau đánh", Roles(H, C)),
    ("mẹ của em bị bố đánh", Roles(H, W)),
    ("mẹ em bị bố em đánh", Roles(H, W)),
    ("vợ bị chồng đánh", Roles(H, W)),
]


WIFE_FAMILY = [
    # The wife's brothers are her family, not the wife ("anh vợ" read "vợ" acting).
    ("bố vợ và anh vợ kéo đến nhà đánh tôi vì tôi cãi nhau với vợ", Roles(IN, DIL)),
    ("em vợ hay chửi tôi", Roles(IN, DIL)),
    ("vợ tôi hay chửi tôi", Roles(W, H)),
]


@pytest.mark.parametrize(("text", "expected"), [*DESCRIBED, *OWNED, *WIFE_FAMILY])
def test_who_suffers(text: str, expected: Roles) -> None:
    """Thirty-second session: each read the speaker, the wife or the wife acting instead."""
    assert roles(text) == expected
    assert roles(fold(text)) == expected
