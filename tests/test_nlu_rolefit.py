"""How a message's roles fit an FAQ entry's: agreeing, reversed, another pair (nlu.rolefit)."""

from __future__ import annotations

from bot.runtime.content import Content
from nlu.calibration import Fit
from nlu.model import CONFLICTING_ROLES, REVERSED_ROLES, UNSERVED, kept_share
from nlu.rolefit import conflicting, entry_roles, relation, signature
from nlu.rolepair import NONE, Roles
from nlu.roles import roles

H, W, P, C, ADULT = "husband", "wife", "parent", "child", "adult"


def test_an_entry_for_another_pair_conflicts() -> None:
    """A wife beaten by her husband is not asking the entry written for a beaten child."""
    assert conflicting(roles("ck e đi nhậu về hay đánh e"), Roles(P, C))
    assert not conflicting(roles("ck e đi nhậu về hay đánh e"), Roles(H, W))
    assert not conflicting(roles("vợ đánh chồng"), Roles(H, W))  # reversed, not another pair
    assert not conflicting(roles("bố đánh con"), Roles(ADULT, C))  # the same child suffers
    assert not conflicting(roles("bị đánh"), Roles(P, C))
    assert not conflicting(roles("chồng đánh vợ"), NONE)


def test_one_side_alike_and_the_other_another_person_conflicts() -> None:
    """Thirty-fifth session: "chồng tôi đánh con" got the entry on a husband who beats his wife
    (the same actor was read as the same pair); a husband or wife who beats a child is a parent."""
    assert conflicting(roles("chồng tôi đánh con"), Roles(H, W))
    assert not conflicting(roles("chồng tôi đánh con"), Roles(P, C))
    assert not conflicting(roles("vợ tôi đánh con"), Roles(P, C))
    assert not conflicting(Roles(H, ADULT), Roles(H, W))  # anyone may be an adult
    assert not conflicting(Roles(C, W), Roles(C, P))  # a child who hits its mother


def test_a_family_role_conflicts_with_a_work_entry() -> None:
    """Twenty-fifth session: "Tôi mang thai 7 tháng mà chồng vẫn đánh" names only the husband, and
    got the entry on heavy work for pregnant workers; one role is enough across family and work."""
    work = Roles("employer", "worker")
    assert conflicting(roles("Tôi mang thai 7 tháng mà chồng vẫn đánh"), work)
    assert conflicting(roles("sếp cứ sờ mó tôi"), Roles(H, W))
    assert not conflicting(roles("sếp cứ sờ mó tôi"), work)
    assert not conflicting(Roles("employer", C), Roles(P, C))  # the same child suffers
    assert not conflicting(Roles(ADULT, None), work)  # anyone may be an adult


def test_a_work_entry_whose_questions_name_no_roles_protects_a_worker() -> None:
    """The entry on heavy work for pregnant workers names no one; a husband is another pair."""
    questions = ["lao động nữ mang thai có phải làm việc nặng nhọc không"]
    entry = entry_roles("gender_equality_work", questions)
    assert entry == Roles(None, "worker")
    assert conflicting(roles("Tôi mang thai 7 tháng mà chồng vẫn đánh"), entry)
    assert entry_roles("dv_definition", questions) == NONE
    colleague = roles("nhân viên nam quấy rối đồng nghiệp nữ")
    assert relation(colleague, entry) == 0  # it tells family pairs apart, nothing more
    assert not conflicting(colleague, entry)


def test_relation_agrees_reverses_or_says_nothing() -> None:
    entry = Roles(H, W)
    assert relation(roles("chồng đánh vợ"), entry) == 1
    assert relation(roles("bị vợ đánh"), entry) == -1
    assert relation(roles("vợ đánh chồng"), entry) == -1
    assert relation(roles("đánh chồng có bị phạt không"), entry) == -1
    assert relation(NONE, entry) == 0
    assert relation(roles("sếp quấy rối nhân viên"), entry) == 0


def test_signature_of_an_entry() -> None:
    questions = ["chồng đánh vợ", "bị chồng đánh", "ck đánh vk", "bạo lực là gì"]
    assert signature(questions) == Roles(H, W)
    assert signature(["bạo lực là gì", "báo ở đâu", "chồng đánh vợ", "x", "y", "z"]) == NONE


def test_where_to_report_does_not_depend_on_which_spouse_hits() -> None:
    # Sixth session: "bị vợ đánh thì chồng báo ai được" lost the where-to-report entry (0.90)
    # to "not sure", because that entry's questions say "chồng đánh vợ" and reversed roles
    # keep a quarter of the confidence. Reporting, protection orders and help are one law.
    spouses = ["chồng đánh vợ thì báo ở đâu", "bị chồng đánh báo ai", "ck đánh vk báo đâu"]
    assert entry_roles("dv_reporting", spouses) == NONE
    assert entry_roles("dv_penalties", spouses) == Roles(H, W)
    child = ["bố mẹ đánh con thì báo ai", "con bị bố đánh báo ở đâu", "mẹ đánh con báo đâu"]
    assert entry_roles("dv_reporting", child) == signature(child) != NONE


def test_family_law_does_not_depend_on_which_spouse_left() -> None:
    # Thirteenth session: "Vợ tôi bỏ nhà đi đã 2 năm ... Tôi có ly hôn được không?" got 0.26
    # ("not sure") from the missing-spouse entry (0.99 for "chồng bỏ đi"), whose questions
    # mostly name a husband who left. Husband and wife have the same rights (Điều 17).
    left = ["chồng bỏ đi biệt tích có ly hôn được không", "ck bỏ nhà đi mấy năm", "chồng bỏ đi"]
    assert entry_roles("marriage_family", left) == NONE
    assert entry_roles("dv_penalties", left) == signature(left) != NONE


def test_regression_a_beaten_husband_gets_where_to_report(content: Content) -> None:
    answer = content.qa.answer("bị vợ đánh thì chồng báo ai được")
    assert [(c.document, c.article) for c in answer.citations[:1]] == [("13/2022/QH15", 19)]


def test_an_entry_that_serves_no_sanction_asked_keeps_less() -> None:
    """ "… ép quan hệ … có phạm tội không" got the entry saying what the act is, not the crime."""
    assert kept_share(Fit(0.0, -1.0), NONE, NONE) == UNSERVED
    assert kept_share(Fit(0.0, 0.5), NONE, NONE) == 1.0
    assert kept_share(Fit(-1.0, -1.0), NONE, NONE) == REVERSED_ROLES * UNSERVED
    wife_beaten = roles("ck e đi nhậu về hay đánh e")
    assert kept_share(Fit(0.0, 1.0), wife_beaten, Roles(P, C)) == CONFLICTING_ROLES
