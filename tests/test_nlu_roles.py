"""Who did what to whom: actor and patient for family, work and child pairs, both ways round."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlu.normalize import fold
from nlu.phrasetable import is_marked
from nlu.rolepair import NONE, Roles
from nlu.roles import roles, suffers

H, W, P, C = "husband", "wife", "parent", "child"
IN, DIL, BOSS, WORKER, ADULT = "in_law", "daughter_in_law", "employer", "worker", "adult"

PAIRS = [
    # husband / wife, both directions, active and passive, speaker as either
    ("chồng đánh vợ", H, W),
    ("mẹ ghẻ ngược đãi con riêng của chồng", P, C),  # twenty-first session
    ("vợ đánh chồng", W, H),
    ("bị chồng đánh", H, W),
    ("bị vợ đánh", W, H),
    ("tôi bị chồng đánh", H, W),
    ("tôi bị vợ đánh thì sao", W, H),
    ("vợ bị chồng đánh có được báo công an không", H, W),
    ("chồng bị vợ chửi bới hằng ngày", W, H),
    ("chồng tôi hay đánh tôi", H, W),
    ("vợ tôi thường xuyên xúc phạm tôi", W, H),
    ("ck e hay say xin ve danh e", H, W),
    ("vk em cứ mắng chửi em", W, H),
    ("chồng say rượu về đánh vợ", H, W),
    ("đánh vợ có bị đi tù không", None, W),
    ("đánh chồng có bị phạt không", None, H),
    ("chồng ép vợ quan hệ có phạm tội không", H, W),
    ("chồng không cho vợ đi làm", H, W),
    ("vợ kiểm soát hết tiền của chồng", W, H),
    ("chồng tôi còn chửi bới tôi trước mặt con", H, W),
    ("ông xã dọa giết tôi", H, W),
    # parents / children
    ("bố đánh con có bị phạt không", P, C),
    ("con đánh bố mẹ thì xử lý sao", C, P),
    ("bố mẹ ép con gái 16 tuổi lấy chồng", P, C),
    ("con trai tôi hay chửi tôi", C, P),
    ("tôi bị con trai đánh", C, P),
    ("cháu bị bố đánh", P, C),
    ("bé bị mẹ kế hành hạ", P, C),
    ("Con gái tôi bị bố dượng xâm hại", P, C),
    ("con cái bỏ mặc cha mẹ già", C, P),
    # mother-in-law / daughter-in-law
    ("mẹ chồng chửi con dâu", IN, DIL),
    ("con dâu bị mẹ chồng hành hạ", IN, DIL),
    ("tôi bị mẹ chồng đuổi ra khỏi nhà", IN, DIL),
    ("con dâu đánh mẹ chồng", DIL, IN),
    ("mẹ chồng tôi bị con dâu ngược đãi", DIL, IN),
    ("nhà chồng đuổi tôi ra khỏi nhà", IN, DIL),
    # "ck" / "vk" inside an in-law's name: "mẹ ck" is the mother-in-law, not the husband
    ("mẹ ck tát e trước mặt họ hàng", IN, DIL),
    ("e bị bố ck chửi", IN, DIL),
    # southern "ổng" / "bả" repeat the actor
    ("chồng tui ổng say xỉn về là đánh tui hoài", H, W),
    ("má chồng tui bả chửi tui suốt ngày", IN, DIL),
    # acts of harm a new user named (nineteenth session)
    ("chồng bị vợ tạt nước sôi", W, H),
    ("chồng cầm dao chém vợ", H, W),
    ("chồng túm tóc vợ lôi ra sân", H, W),
    ("sếp quấy rối nhân viên tại công ty", BOSS, WORKER),
    # employer / worker
    ("sếp quấy rối nhân viên nữ", BOSS, WORKER),
    ("em bị sếp sàm sỡ", BOSS, WORKER),
    ("nhân viên bị giám đốc quấy rối tình dục", BOSS, WORKER),
    ("sếp tôi hay nhắn tin gạ gẫm tôi", BOSS, WORKER),
    ("công ty đuổi việc lao động nữ mang thai", BOSS, WORKER),
    ("nhân viên quấy rối sếp nữ", WORKER, BOSS),
    ("giám đốc sờ mó nữ nhân viên", BOSS, WORKER),
    # adults / children
    ("người lớn xâm hại trẻ em", ADULT, C),
    ("cháu bị ông hàng xóm sờ vào người", ADULT, C),
    ("trẻ em bị người lạ dâm ô", ADULT, C),
    ("thầy giáo sàm sỡ học sinh", ADULT, C),
    ("học sinh bị thầy đánh", ADULT, C),
    # words that start like a role and name none (found as a new user would)
    ("con trai nghiện ma túy về đánh bố mẹ đòi tiền", C, P),
    ("chồng cầm con dao đánh vợ", H, W),
]

FORMS: list[Callable[[str], str]] = [str, fold]


@pytest.mark.parametrize(("text", "actor", "patient"), PAIRS, ids=[p[0] for p in PAIRS])
@pytest.mark.parametrize("form", FORMS, ids=["as given", "no diacritics"])
def test_actor_and_patient(
    text: str, actor: str | None, patient: str, form: Callable[[str], str]
) -> None:
    assert roles(form(text)) == Roles(actor, patient)


def test_the_table_covers_every_pair_both_ways() -> None:
    seen = {(a, p) for _, a, p in PAIRS}
    for pair in [(H, W), (P, C), (IN, DIL), (BOSS, WORKER)]:
        assert pair in seen
        assert pair[::-1] in seen
    assert (ADULT, C) in seen
    assert len(PAIRS) >= 40


@pytest.mark.parametrize(
    "text",
    [
        "bạo lực gia đình là gì",
        "vợ chồng cãi nhau",
        "thủ tục ly hôn thế nào",
        "còn bao lâu thì được nghỉ thai sản",
        "bị quấy rối ở công ty có được nghỉ việc ngay k",  # after "ở" a role is a place
        "",
    ],
)
def test_no_roles(text: str) -> None:
    assert roles(text) == NONE
    assert roles(fold(text)) == NONE


def test_regression_is_it_violence_names_no_act() -> None:
    # Twentieth session: "con dâu là bạo lực" read the daughter-in-law as the actor, and the
    # question got the entry on adult children who abuse their parents.
    text = "Mẹ chồng lên mạng nói xấu con dâu là bạo lực gia đình không"
    for question in (text, fold(text)):
        assert roles(question).actor != "daughter_in_law", question
    assert roles("chồng hễ say là đánh vợ") == Roles("husband", "wife")


def test_regression_southern_ba_with_the_speaker_is_a_parent() -> None:
    # Twentieth session: "ba" alone is also "three"; "ba tui" is "my father", and the message of a
    # 15-year-old ("ba tui hay đánh má tui …, tui gọi số mấy") was answered "out of scope".
    # Twenty-fourth session: a father who beats the mother is a husband who beats his wife.
    for text in ("ba tui hay đánh má tui mỗi lần say", "ba tôi đánh mẹ tôi"):
        assert roles(text) == Roles(H, W), text
        assert roles(fold(text)) == Roles(H, W), text
    assert roles("có ba người đánh tôi") == NONE


def test_with_diacritics_bo_is_not_bo() -> None:
    assert roles("chồng bỏ vợ con") == Roles(H, W)
    assert roles("vợ chồng còn đánh nhau") != Roles(W, C)


def test_in_a_message_typed_with_diacritics_a_bare_word_is_read_as_typed() -> None:
    """In "ma túy", "ma" was read as "má" (mother): an addict beating his parents was a parent."""
    assert is_marked(("chồng", "tôi", "đánh", "tôi"), ("chong", "toi", "danh", "toi"))
    assert not is_marked(("ck", "e", "hay", "đánh", "e"), ("ck", "e", "hay", "danh", "e"))
    assert roles("mẹ nghiện ma túy hay đánh con") == Roles(P, C)


def test_an_act_does_not_reach_a_role_in_the_next_sentence() -> None:
    """ "… thì đuổi ra khỏi nhà. Bố mẹ em làm vậy …" read the parents as the ones thrown out."""
    story = (
        "Em năm nay 17 tuổi, bố mẹ nhận tiền sính lễ rồi bắt em phải lấy một người hơn em 15 "
        "tuổi. Em không muốn nhưng bố bảo nếu không lấy thì đuổi ra khỏi nhà. Bố mẹ em làm vậy "
        "có bị đi tù không ạ?"
    )
    rest = story.split("tuổi. ", 1)[1]
    assert roles(rest) == NONE
    assert roles(fold(rest)) == NONE
    # Thirtieth session: the subject of a clause after a comma carries to its act ("bắt em").
    assert roles(story) == roles(fold(story)) == Roles("parent", "child")
    assert roles("Tôi sợ lắm. Chồng tôi hay đánh tôi!") == Roles(H, W)
    assert roles("say rượu về đánh\nbố mẹ không dám nói") == NONE


def test_a_role_after_a_clause_word_is_not_the_patient() -> None:
    """Twenty-third session: "bị quấy rối mà công ty …" read the company as the one harassed, and
    folded, "ma" (mà) was read as "má" (mother); the entry on harassment at work lost its place."""
    for text in (
        "Bị quấy rối mà công ty không xử lý thì làm sao",
        "bị đánh nhưng bố mẹ không biết",
        "bị đánh thì chồng bỏ đi",
    ):
        assert roles(text).patient is None, text
        assert roles(fold(text)).patient is None, text
    assert roles("con danh ma") == Roles(C, P)  # folded "má" at the end is a mother
    assert roles("con danh ma toi") == Roles(C, P)
    assert roles("chồng đánh vợ mà không ai can") == Roles(H, W)


def test_an_illness_after_bi_does_not_stop_the_actor() -> None:
    """ "Bố tôi bị tâm thần hay đánh mẹ": "bị" names an illness here, not an act suffered."""
    assert roles("Bố tôi bị tâm thần hay đánh mẹ, có bị xử lý không") == Roles(H, W)
    assert roles("chong toi bi benh hay chui toi") == Roles(H, W)
    assert roles("chồng tôi bị đánh") == NONE
    assert roles("chồng bị vợ đánh") == Roles(W, H)


@pytest.mark.parametrize("form", [str, fold], ids=["as given", "no diacritics"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tui 60 tuổi bị thằng con trai út đánh vì ko cho nó tiền", Roles("child", "parent")),
        ("mẹ tôi bị thằng con út đánh", Roles("child", "parent")),
        ("bị thằng chồng đánh", Roles(H, W)),
        ("tôi bị mụ mẹ chồng chửi", Roles("in_law", "daughter_in_law")),
        ("tôi bị em chồng chửi", Roles("in_law", "daughter_in_law")),
        ("chị chồng hay đánh tôi", Roles("in_law", "daughter_in_law")),
    ],
)
def test_regression_a_word_of_scorn_or_a_husbands_sibling_after_bi(
    text: str, expected: Roles, form: Callable[[str], str]
) -> None:
    """Twenty-eighth session: "bị thằng con trai út đánh" named no one who suffers; "em chồng"
    was read as the husband."""
    assert roles(form(text)) == expected


def test_someone_after_bi_makes_the_one_before_suffer() -> None:
    """ "Chị gái tôi bị anh rể đánh" read the sister as the one who beats."""
    assert roles("Chị gái tôi bị anh rể đánh gãy tay") == NONE
    assert roles("chi gai toi bi anh re danh gay tay") == NONE
    assert roles("con bị bạn cùng lớp đánh hội đồng") == NONE
    assert roles("Em gái tôi làm thu ngân, bị một anh giám sát ca sờ mông") == NONE


def test_the_subject_of_a_story_carries_to_a_later_act() -> None:
    """ "Chồng em hay uống rượu, mỗi lần say là về chửi bới …" named no actor."""
    text = "Chồng em hay uống rượu, mỗi lần say là về chửi bới, có lần còn cầm dao dọa em"
    assert roles(text) == Roles(H, W)
    assert roles("Mẹ chồng em khó tính, hay soi mói, chửi bới em") == Roles(IN, DIL)
    assert roles("Chồng em đi làm xa, ở nhà bố chồng hay sàm sỡ em").actor == IN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("em gái tôi năm nay 16 tuổi, gia đình bên nội đang ép em lấy một người 30 tuổi", NONE),
        ("em gai toi nam nay 16 tuoi, gia dinh ben noi dang ep em lay mot nguoi 30 tuoi", NONE),
        ("con gái tôi mới 15 tuổi, họ hàng bên nội cứ ép cháu lấy chồng", Roles(None, C)),
        # "một gia đình chồng …" is a family in which the husband acts, not his family
        ("trong thôn có một gia đình chồng hay đánh vợ, vợ không dám báo", Roles(H, W)),
        ("trong xóm có gia đình chồng hay đánh vợ", Roles(H, W)),
    ],
)
def test_a_family_that_opens_a_clause_is_its_subject(text: str, expected: Roles) -> None:
    """The sister a story opens with carried to "ép em" and read (sibling, sibling)."""
    assert roles(text) == expected


SUFFERS = [
    ("bị đánh thì đi khám ở đâu để có giấy chứng nhận thương tích", True),
    ("tôi bị chồng chửi suốt", True),
    ("con bị sàm sỡ ở trường", True),
    ("bị sốt thì đi khám ở đâu", False),
    ("Bố tôi bị tâm thần", False),
    ("phụ nữ có được đứng tên sổ đỏ không", False),
]


@pytest.mark.parametrize(("text", "expected"), SUFFERS)
def test_suffers_tells_an_act_suffered_from_an_illness(text: str, expected: bool) -> None:
    """Twenty-fifth session: "bị đánh …" names no one but tells of violence suffered."""
    assert suffers(text) is expected
    assert suffers(fold(text)) is expected


THIRTIETH = [
    # The subject of a clause after a comma carries to its act.
    (
        "Em kết hôn được 3 năm, chồng em làm ăn thua lỗ nên hay uống rượu, mỗi lần say là đập "
        "đồ và bóp cổ em.",
        Roles(H, W),
    ),
    # "cháu" after a role is a young speaker: my parents.
    ("Cháu năm nay 17 tuổi, bố mẹ cháu đang ép cháu nghỉ học để lấy chồng.", Roles(P, C)),
    # Folded, "bo me" is a pair of parents, not "bỏ mẹ" (abandon the mother).
    ("chau nam nay 17 tuoi, bo me chau ep chau lay chong", Roles(P, C)),
    # "mẹ con em" is the speaker with her child; with a father acting, the mother.
    ("chồng đuổi mẹ con em ra khỏi nhà", Roles(H, W)),
    ("chong danh ca me con toi", Roles(H, W)),
    ("bố đánh mẹ con tôi", Roles(H, W)),
    ("chồng đánh mẹ tôi", Roles(H, P)),
    # The southern "quánh" is "đánh" as typed; folded "quanh" is "around".
    ("thằng chồng nó nhậu về là quánh vợ", Roles(H, W)),
    ("chong di quanh nha vo", NONE),
    # The "chủ" of "chủ tịch xã" is no employer.
    ("chủ tịch xã có quyền áp dụng biện pháp gì với người gây bạo lực", NONE),
    ("chủ xưởng đánh công nhân", Roles("employer", "worker")),
]


@pytest.mark.parametrize(("text", "expected"), THIRTIETH)
def test_clauses_young_speakers_and_mother_and_child(text: str, expected: Roles) -> None:
    """Thirtieth session: a husband who "mỗi lần say là … bóp cổ em" after a comma was no one."""
    assert roles(text) == expected


THIRTY_FIRST = [
    # A role after "làm" / "là" says what the actor is; the actor still carries to the act.
    (
        "Em lấy chồng được 2 năm, chồng em làm công nhân, lương ít nhưng hay nhậu, về nhà là "
        "kiếm chuyện chửi em.",
        Roles(H, W),
    ),
    ("chong em lam cong nhan, luong it nhung hay nhau, ve nha la kiem chuyen chui em", Roles(H, W)),
    ("vợ tôi là giáo viên, hay chửi tôi trước mặt con", Roles(W, H)),
    ("nhà chồng biết thai là con gái nên bắt em bỏ", Roles("in_law", "daughter_in_law")),
    ("nha chong biet thai la con gai nen bat em bo", Roles("in_law", "daughter_in_law")),
    # Folded "bo me" after a comma is the parents, who open the clause, not "bỏ mẹ".
    ("em la con trai nhung thich con trai, bo me biet chuyen thi danh va nhot em", Roles(P, C)),
    ("Em la con nuoi, bo me nuoi bat em nghi hoc di lam", Roles(P, C)),
    # Folded "len con" is "lên cơn" (a fit), not a child.
    ("chong nghien ma tuy, len con la doi tien va danh vo con", Roles(H, W)),
    # The speaker after "làm" is who suffers, not what someone is ("làm tôi sợ").
    ("con 16 tuoi di lam them thi duoc lam toi da may tieng", NONE),
]


@pytest.mark.parametrize(("text", "expected"), THIRTY_FIRST)
def test_a_predicate_role_does_not_stop_the_actor(text: str, expected: Roles) -> None:
    """Thirty-first session: "chồng em làm công nhân, … chửi em" named no one."""
    assert roles(text) == expected


THIRTY_SEVENTH = [
    # Folded, "tổ trưởng" after a comma holds "tớ" (to): the team leader acts, no one's worker.
    (
        "toi lam cong nhan, to truong thuong xuyen dung cham vao nguoi toi va noi nhung cau bay",
        Roles(BOSS, WORKER),
    ),
    ("tôi làm công nhân, tổ trưởng thường xuyên đụng chạm vào người tôi", Roles(BOSS, WORKER)),
    ("cong nhan to truong so toi", Roles(BOSS, WORKER)),
]


@pytest.mark.parametrize(("text", "expected"), THIRTY_SEVENTH)
def test_a_speaker_word_that_opens_a_role_is_no_possessive(text: str, expected: Roles) -> None:
    """Thirty-seventh session: folded, a worker's story of a team leader read the worker acting."""
    assert roles(text) == expected


THIRTY_SEVENTH_BA = [
    # The southern "ba" (father) after "bị" and before an act; "mẹ con" is the child speaking.
    ("mẹ con bị ba đánh hoài", Roles(P, C)),
    ("me con bi ba danh hoai", Roles(P, C)),
    ("em bị ba mắng suốt", Roles(P, C)),
    ("ba em đánh em", Roles(P, C)),
    ("bị ba người đánh", NONE),  # three people
]


@pytest.mark.parametrize(("text", "expected"), THIRTY_SEVENTH_BA)
def test_the_southern_ba_who_acts_is_the_father(text: str, expected: Roles) -> None:
    """Thirty-seventh session: "mẹ con bị ba đánh hoài" read the child acting."""
    assert roles(text) == expected
