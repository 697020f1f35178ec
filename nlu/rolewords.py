"""The words nlu.roles reads: roles by their everyday names, acts, adverbs, the speaker.

Lists are written as comma-separated phrases with diacritics; a message typed without
diacritics matches them folded.
"""

from __future__ import annotations


def phrases(text: str) -> tuple[str, ...]:
    """Return the comma-separated phrases of ``text``."""
    return tuple(p.strip() for p in text.split(",") if p.strip())


ROLE_PHRASES: dict[str, tuple[str, ...]] = {
    "in_law": phrases(
        "mẹ chồng, má chồng, bố chồng, cha chồng, ba chồng, nhà chồng, gia đình chồng, mẹ vợ, bố "
        "vợ, nhà vợ, mẹ ck, má ck, bố ck, cha ck, ba ck, nhà ck, mẹ vk, bố vk, nhà vk, em chồng, "
        "chị chồng, em ck, chị ck, anh vợ, em vợ, anh vk, em vk"
    ),
    "daughter_in_law": phrases("con dâu, nàng dâu, con rể, chị dâu, em dâu"),
    "husband": phrases(
        "chồng, ck, chg, ox, ông xã, chồng cũ, người chồng, anh chồng, chồng sắp cưới"
    ),
    "wife": phrases("vợ, vk, bx, bà xã, vợ cũ, người vợ, cô vợ, chị vợ"),
    "parent": phrases("bố mẹ, cha mẹ, ba mẹ, ba má, phụ huynh, cha mẹ nuôi"),
    "father": phrases(
        "bố, cha, bố dượng, cha dượng, ba dượng, dượng, bố đẻ, ba tôi, ba tui, ba mình, ba ruột, "
        "ba ghẻ, cha ghẻ, bố ghẻ, tía, ba em, ba con, ba cháu"
    ),
    "mother": phrases("mẹ, má, mẹ kế, mẹ ghẻ, dì ghẻ, mẹ đẻ"),
    "grandfather": phrases("ông nội, ông ngoại"),
    "old_man": phrases("ông"),
    "grandmother": phrases("bà nội, bà ngoại"),
    "child": phrases(
        "con, con cái, con gái, con trai, con nhỏ, con riêng, con nuôi, đứa con, trẻ em, trẻ, đứa "
        "trẻ, đứa bé, bé, bé gái, bé trai, cháu, cháu bé, học sinh, trẻ vị thành niên, người chưa "
        "thành niên"
    ),
    "employer": phrases(
        "sếp, giám đốc, chủ, chủ doanh nghiệp, chủ công ty, công ty, quản lý, cấp trên, trưởng "
        "phòng, người sử dụng lao động, tổ trưởng, chủ xưởng, quản đốc, đốc công, trưởng ca"
    ),
    "worker": phrases(
        "nhân viên, nhân viên nữ, nữ nhân viên, người lao động, lao động nữ, công nhân, cấp dưới, "
        "người làm thuê, người giúp việc"
    ),
    "adult": phrases(
        "người lớn, ông hàng xóm, hàng xóm, thầy giáo, thầy, cô giáo, người lạ, chú hàng xóm, "
        "người đàn ông, gã"
    ),
    "sibling": phrases(
        "anh trai, em trai, chị gái, em gái, anh ruột, chị ruột, em ruột, anh cả, chị cả, em út, "
        "thằng em, thằng anh"
    ),
}
"""Everyday names of each role, with diacritics (matched folded when a message has none)."""

EXACT_ACTS = frozenset({"quánh", "quýnh"})
"""Southern "đánh", read only as typed: folded, "quanh" is "around" ("đi quanh nhà")."""
EXACT_ROLES = frozenset({"dượng"})
"""Role phrases read only as typed: folded, "duong" is also "đường" (road), "dưỡng" (cấp dưỡng)."""

NOT_ROLES = phrases(
    "ma túy, ma tuý, ma chay, ma quỷ, con dao, con số, con đường, con người, con chó, con mèo, "
    "con vật, con bạc, con nợ, ông bà, phòng chống, cán bộ, bộ đội, bộ luật, bộ trưởng, bộ phận, "
    "sinh con, đẻ con, sanh con, lấy chồng, lấy vợ, chủ tịch, chủ nhiệm, chủ động, chủ yếu, "
    "chủ trì, chủ đề, chủ hộ, lên cơn, một gia đình, một nhà, có gia đình"
)
"""Phrases that hold a word like a role but name none ("nghiện ma túy" holds no "má", "cầm con
dao"; folded, "phong chong" holds no "chồng"; the child of "sinh con" is born, no actor: "Vợ tôi
sau khi sinh con thì … đánh tôi" is the wife; the husband of "lấy chồng" (marry) is no one who
suffers: "con gái tôi lấy chồng xa bị nhà chồng hành hạ"; the "chủ" of "chủ tịch xã" is no
employer; folded "len con" is "lên cơn", a fit, not a child; "một gia đình chồng hay đánh vợ"
is a family in which the husband beats his wife, not his family)."""

NOT_ACTS = phrases(
    "ly hôn, kết hôn, cầu hôn, đính hôn, tảo hôn, hứa hôn, từ hôn, thành hôn, hôn nhân, hôn thú, "
    "đánh bạc, đánh bài, đánh cờ, đánh đề, đánh lô, đánh giá, đánh thức, đánh dấu, đánh máy, "
    "mang thai, mang bầu, khuyết tật, tàn tật, dị tật, bệnh tật, đánh răng, đánh vần, đá bóng"
)
"""Phrases that hold an act but name none: "hôn" (kiss) in "ly hôn rồi chồng cũ …" is marriage,
"đánh bạc" is gambling; folded, "mang thai" (pregnant) holds no "mắng" (scold), nor "khuyết tật"
(disabled) "tát" (slap)."""

SPEAKER = phrases("tôi, em, mình, tui, tao, tớ, e, t")
"""Words for the speaker; "cháu" and "con" are roles (a child) even when the speaker uses them."""

ADVERBS = phrases(
    "hay, thường, thường xuyên, liên tục, cứ, lại, đã, vừa, mới, luôn, suốt ngày, còn, rất "
    "hay, thỉnh thoảng, nhiều lần, đang, sẽ, từng, lúc nào cũng, có, có thể, dám, định, muốn, "
    "đòi, ổng, bả"
)
"""Words between the actor and the act that say nothing about who does it ("ổng", "bả": the
southern "he", "she" that repeat the actor: "chồng tui ổng say xỉn về là đánh tui")."""

ACTS = phrases(
    "đánh, đánh đập, đập, tát, đá, bóp cổ, chửi, chửi bới, mắng, mắng chửi, xúc phạm, lăng "
    "mạ, sỉ nhục, hành hạ, ngược đãi, bạo hành, bạo lực, đe dọa, dọa, hăm dọa, ép, ép buộc, "
    "cưỡng ép, bắt, bắt ép, cấm, đuổi, đuổi việc, sa thải, nhốt, giam, hiếp, hiếp dâm, cưỡng "
    "hiếp, xâm hại, sờ, sờ mó, sàm sỡ, quấy rối, dâm ô, bỏ mặc, bỏ rơi, bỏ, ruồng bỏ, kiểm "
    "soát, giữ, không cho, trừ lương, phân biệt, bắt nạt, đối xử tệ, gả, bán, lừa, cưỡng dâm, "
    "giao cấu, quan hệ, chiếm đoạt, hủy hoại, đập phá, cắt, không chu cấp, bóc lột, ép cưới, "
    "ép lấy, ép quan hệ, cô lập, theo dõi, tra tấn, ném, gạ gẫm, gạ tình, ôm, hôn, động chạm, "
    "đụng chạm, tạt, chém, xô, túm tóc, giật tóc, bạt tai, chê, chê bai, chì chiết, coi thường, "
    "khinh thường, khinh rẻ, miệt thị"
)
"""Acts that have an actor and someone who suffers them.

Not "đẩy", "đâm", "đốt", "hắt", "cắn", "bỏ đói": folded, they are also "day" (English "every
day", "dạy"), "đám", "đợt", "hát", "cần", "bộ đội", and messages often come without diacritics."""

POSSESSIVE = ("của",)
MOTHER_AND_ME = phrases("mẹ con tôi, mẹ con em, mẹ con mình, mẹ con tui, má con tôi, má con em")
"""A mother speaking of herself and her child: "chồng đuổi mẹ con em ra khỏi nhà" (the wife)."""
GROUPS = phrases(
    "gia đình, gia đình bên nội, gia đình bên ngoại, họ hàng, nhà nội, nhà ngoại, bên nội, bên "
    "ngoại"
)
"""Groups that open a clause as its own subject: "em gái tôi 16 tuổi, gia đình bên nội ép em
lấy chồng" (the family acts, not the sister)."""
YOUNG_SPEAKER = ("cháu",)
"""How a young person names themselves after a role: "bố mẹ cháu ép cháu …" (my parents)."""
PASSIVE = ("bị",)
SCORN = ("thằng", "đứa", "mụ", "gã")
BA = ("ba",)
"""The southern "ba" (father) right after "bị" and before an act: "mẹ con bị ba đánh hoài" (not
"ba" the number elsewhere: "đánh ba mẹ con tôi")."""
"""Words of scorn before a role after "bị": "tôi bị thằng con trai út đánh" (I suffer it)."""
AGENTS = phrases(
    "anh, chị, ông, bà, người, kẻ, thằng, gã, bạn, họ, hàng, đồng, giáo, thầy, mấy, một, các, "
    "những, nhà, gia"
)
"""First words of someone, not a role, who does an act to the one before "bị": "chị gái tôi bị anh
rể đánh" (not an illness, as in "bị tâm thần hay đánh mẹ")."""
PLACE = ("ở", "tại")
"""Words after which a role names a place, not who suffers: "bị quấy rối ở công ty"."""
CLAUSE = phrases("mà, nhưng, thì, nên, vì, khi, nếu, để, do")
"""Words that start another clause: a role after them is not who suffers the act before them
("bị quấy rối mà công ty không xử lý", "bị đánh nhưng bố mẹ không biết")."""
PREDICATE = ("làm", "là")
"""Words after which a role says what someone is, not who else acts: "chồng em làm công nhân,
… về nhà là chửi em" (the husband still acts)."""
KIND_AFTER = ("là", "phải")
"""Words after which "bạo lực" names the kind asked about, not an act: "… con dâu là bạo lực?"."""
KIND = ("bạo",)
"""The first word of "bạo lực", "bạo hành"."""
COUNTERPART = {
    "husband": "wife",
    "wife": "husband",
    "parent": "child",
    "child": "parent",
    "in_law": "daughter_in_law",
    "daughter_in_law": "in_law",
    "employer": "worker",
    "worker": "employer",
}
"""Who the speaker is when they name the other role as theirs ("chồng tôi" → a wife)."""

FRAIL = phrases("già, lẫn, yếu, ốm, bệnh, liệt, khuyết, tàn, mù, điếc, bầu, thai, nhỏ, bé")
"""Words that describe someone as needing care: "Bố tôi bị lẫn, anh trai tôi bỏ mặc" (the father
suffers, not the speaker); so does an age under 16 or from 60 ("Mẹ tôi năm nay 70 tuổi")."""
YEARS = ("tuổi",)
CARED_FOR_AGES = (16, 60)
"""Ages outside [16, 60) describe a child or an old person ("con tôi 3 tuổi", "mẹ tôi 70 tuổi")."""

MAX_LEAD = 4
"""Words allowed between the actor and the act ("chồng say rượu về đánh vợ")."""
MAX_GAP = 3
"""Words allowed between an act and its patient ("đánh cả vợ", "đánh đập dã man vợ")."""
SUBJECT_AT = 2
"""A role this near the start of a sentence or clause is its subject ("Dạ, chồng em …", "Em
kết hôn được 3 năm, chồng em … mỗi lần say là … bóp cổ em")."""
MAX_CARRY = 14
"""Words a subject carries over to a later act, no other role between ("Chồng em hay uống
rượu, mỗi lần say là về chửi bới")."""
