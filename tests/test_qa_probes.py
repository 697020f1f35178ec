"""Probe questions of the later sessions on issue 13 (seventeenth onwards).

Each once got a neighbouring entry, "not sure" or "out of scope"; each is checked as typed and
without diacritics."""

from __future__ import annotations

import pytest

from bot.qa.engine import QA
from bot.runtime.content import Content
from nlu.normalize import fold


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


SEVENTEENTH = [
    ("chồng có 2 vợ thì bị xử lý thế nào", "pc-bigamy"),  # got the fine for a wife beating
    ("bạo lực gia đình có những hình thức nào", "dv-acts-of-domestic-violence"),  # repeat offenders
    ("vợ không cho chồng quan hệ có phải bạo lực không", "dv-refusing-sex"),  # economic violence
    ("công ty có phải ban hành quy định chống quấy rối tình dục không", "sh-employer-duties"),
    (  # read as the parents thrown out ("đuổi ra khỏi nhà. Bố mẹ"): "not sure"
        "Em năm nay 17 tuổi, bố mẹ nhận tiền sính lễ rồi bắt em phải lấy một người hơn em 15 tuổi "
        "ở xã bên. Em không muốn nhưng bố bảo nếu không lấy thì đuổi ra khỏi nhà. Bố mẹ em làm vậy "
        "có bị đi tù không ạ?",
        "pc-forced-marriage-or-divorce",
    ),
    (  # got the entry saying it is domestic violence, not the one on the crime
        "Tôi và chồng đã ly thân 2 năm. Hôm qua anh ấy về nhà, ép tôi quan hệ dù tôi đã từ chối và "
        "chống cự. Chồng cưỡng ép vợ như vậy có phạm tội không?",
        "pc-husband-rapes-wife",
    ),
]


def test_regression_adoption_procedure_is_no_answer_about_violence(qa: QA) -> None:
    # Seventeenth session: it got the entry on domestic violence against foreigners.
    answer = qa.answer("người nước ngoài nhận con nuôi việt nam được không")
    assert answer.fallback
    assert answer.faq_id is None


EIGHTEENTH = [
    ("Bố đẻ xâm hại con gái ruột thì bị xử lý như thế nào?", "pc-child-rape-under-16"),
    ("bị chồng đánh thì gọi số nào", "dv-national-hotline"),  # three hotline entries split it
    ("me ck tat e truoc mat ho hang", "dv-in-laws-abuse-daughter-in-law"),  # "ck" read as husband
    (  # "nhờ ai can thiệp" was no question of whom to tell
        "Mẹ tôi 70 tuổi bị con dâu mắng chửi và không cho ăn. Tôi ở xa thì có thể nhờ ai can "
        "thiệp?",
        "dv-adult-children-abuse-parents",
    ),
    (
        "Tôi bị chồng đánh, đã báo công an xã nhưng họ chỉ hòa giải rồi cho về. Tôi có quyền yêu "
        "cầu xử phạt không?",
        "dv-authorities-inaction",
    ),
    (
        "Bạn tôi bị xâm hại tình dục, cô ấy không dám nói với ai. Có nơi nào hỗ trợ tâm lý không?",
        "sv-after-sexual-assault",
    ),
    (
        "Trong cuộc họp thôn, trưởng thôn không cho phụ nữ phát biểu ý kiến vì cho rằng phụ nữ "
        "không biết gì. Làm vậy có đúng không?",
        "ge-politics",
    ),
    (
        "Tôi nghe nói đánh vợ chỉ bị phạt tiền thôi, cụ thể là bao nhiêu?",
        "dv-fine-husband-beats-wife",
    ),
    ("Chồng tui ổng say xỉn về là đánh tui hoài, tui phải làm sao?", "dv-what-to-do-first"),
]


NINETEENTH = [
    ("Chồng bị vợ tạt nước sôi thì vợ có bị đi tù không?", "pc-intentional-injury"),  # bigamy
    (  # got the Penal Code entry on obscene messages
        "Tôi là nam bị chị quản lý quấy rối tình dục, nhắn tin gạ gẫm, tôi phải làm sao?",
        "sh-what-to-do",
    ),
    ("Anh trai tôi bị vợ hành hạ, bỏ đói, tôi là em có tố giác được không?", "dv-where-to-report"),
    (
        "Tôi là cán bộ văn hóa xã, nhận được tin báo có vụ bạo lực gia đình thì phải làm gì đầu "
        "tiên?",
        "dv-report-handling",
    ),
    ("thầy giáo nhắn tin gạ em đi chơi riêng rồi đòi ôm, em phải báo ai", "ch-child-asks-for-help"),
    ("anh họ em hay sàm sỡ em khi về quê, em có nên nói với bố mẹ không", "ch-child-asks-for-help"),
    (  # got the crime of abusing a family member, which needs abuse that is regular
        "Bố đánh con 10 tuổi gãy chân thì có bị truy cứu trách nhiệm hình sự không",
        "pc-intentional-injury",
    ),
    (
        "Chồng đánh tôi xong bỏ đi, giờ tôi không có tiền, không có chỗ ở, tôi có thể đến đâu?",
        "dv-shelter",
    ),
    ("Tôi bị sếp quấy rối, muốn nghỉ việc ngay có phải báo trước không?", "sh-quit-without-notice"),
    ("tội hiếp dâm khung hình phạt", "pc-rape"),  # got the rape of a child under 16
    (
        "Tôi kết hôn với người nước ngoài, bị chồng đánh thì luật Việt Nam có bảo vệ không",
        "dv-foreigners",
    ),
    ("Khi nào diễn ra tháng hành động vì bình đẳng giới?", "ge-action-month"),  # children's month
    ("Chủ đề tháng hành động vì bình đẳng giới năm nay là gì?", "ge-action-month"),
]


TWENTIETH = [
    ("ổng nhậu xỉn dìa là quánh tui, tui phải làm sao", "dv-what-to-do-first"),  # out of scope
    (  # "con dâu là bạo lực" read the daughter-in-law as the actor: adult children and parents
        "Mẹ chồng lên mạng nói xấu con dâu là bạo lực gia đình không",
        "dv-in-laws-abuse-daughter-in-law",
    ),
    (  # "not sure"
        "Có người lập nick giả bằng ảnh của tôi để đăng nội dung khiêu dâm, tôi làm sao",
        "sv-online-sexual-harassment",
    ),
    (
        "Phụ nữ có quyền đứng tên trong giấy chứng nhận quyền sử dụng đất không",
        "mf-title-in-one-name",
    ),
    ("Người gây bạo lực gia đình phải tham gia giáo dục, tư vấn ở đâu", "dv-behaviour-change"),
    ("Lao động nữ có được làm ca đêm không", "work-night-overtime-pregnant"),  # "not sure"
    ("em trai hay đánh chị gái, bố mẹ không can", "dv-siblings"),  # "not sure"
    ("nghị định 282/2025 có hiệu lực từ ngày nào", "dv-penalties-overview"),  # "not sure"
    ("nghị định 12/2022 về quấy rối tình dục còn áp dụng không", "sh-penalty"),  # "not sure"
    (  # the entry on the law's scope (Điều 1)
        "luật phòng chống bạo lực gia đình 2022 có bao nhiêu hành vi bạo lực",
        "dv-acts-of-domestic-violence",
    ),
]


TWENTY_FIRST = [  # all "not sure" or another entry before the session's variants and entries
    (  # a minority custom: the girl is 15
        "Con gái 15 tuổi người Mông bị nhà trai kéo về làm vợ, bố mẹ đồng ý thì có sao không",
        "cm-marrying-off-a-child-penalty",
    ),
    (  # "lương hưu" (pension) drew the entries on retirement
        "Con trai đánh mẹ già 80 tuổi để lấy tiền lương hưu, hàng xóm có được báo không",
        "dv-adult-children-abuse-parents",
    ),
    ("Con rể đánh bố vợ thì bị xử lý ra sao", "dv-fine-physical-violence"),
    ("Cha mẹ già có quyền đòi con cấp dưỡng không", "mf-adult-children-support-parents"),
    ("bạo lực tình dục là gì", "sv-what-is-sexual-violence"),  # a new entry
    ("bltg là gì", "ge-gbv-prohibited"),  # teencode: bạo lực trên cơ sở giới
    ("Dì ghẻ ngược đãi con riêng của chồng", "dv-stepparent-abuse"),
    ("Bị tống tiền bằng ảnh nhạy cảm thì làm sao", "sv-online-sexual-harassment"),  # out of scope
    ("Hôn nhân cận huyết thống ở vùng cao bị xử phạt bao nhiêu", "mf-relatives-marriage-fine"),
    ("blgđ phạt bn tiền v", "dv-penalties-overview"),  # the fine for adult children who beat
    ("Tháng hành động bắt đầu và kết thúc ngày nào", "ge-action-month"),
    ("Ngày gia đình Việt Nam là ngày nào", "ge-related-days"),  # out of scope; a new entry
    ("Em bị revenge porn", "pc-humiliation"),  # synonyms: revenge porn, tung ảnh nóng
    ("Nữ có được làm thợ lặn, thợ mỏ không", "work-reproductive-hazard-jobs"),
]


TWENTY_SECOND = [  # all "not sure" or another entry before the session's variants
    # at 0.45 with each retraining: the entry, or the article it rests on as "may be relevant"
    ("Cấm tiếp xúc trong bạo lực gia đình kéo dài bao nhiêu ngày", "dv-no-contact-duration|~25"),
    ("Mẹ chồng giữ hết vàng cưới của tôi không trả", "dv-property-destruction"),
    ("Nghi hàng xóm buôn người thì tố giác ở đâu", "pc-trafficking"),  # got "where to report DV"
    ("Giải thể thao chỉ thưởng cho đội nam cao hơn đội nữ", "ge-culture"),
    ("em 15 tuổi có được tự quyết định ở với mẹ không", "mf-child-custody"),  # got sex with a child
    ("Bị đồng nghiệp nam gửi ảnh nhạy cảm qua messenger", "sh-online-messages"),
    ("Đàn ông bị vợ ép quan hệ có phải bạo lực không", "dv-marital-rape"),
]

TWENTY_THIRD = [  # "not sure" or another entry before the session's role fixes and variants
    ("Bị quấy rối mà công ty không xử lý thì làm sao", "sh-what-to-do"),  # "mà công ty": no patient
    ("Ly hôn rồi chồng cũ vẫn đến đe dọa thì làm gì", "dv-ex-spouse"),  # "hôn" is no act here
    ("Vợ cũ cứ đến nhà chửi bới gia đình mới của tôi thì sao", "dv-ex-spouse"),  # either way
    (
        "Mẹ chồng nói con dâu không nghe lời thì nhà chồng có quyền đánh, đúng không",
        "dv-in-laws-abuse-daughter-in-law",
    ),
    ("Chồng ngoại tình rồi về đánh vợ thì xử lý thế nào", "dv-fine-husband-beats-wife"),
    ("Con rể đánh bố vợ thì có phải bạo lực gia đình không", "dv-adult-children-abuse-parents"),
    ("Chồng bắt tôi quỳ xin lỗi trước mặt cả nhà", "xp-insulting-family-member"),
    ("anh trai danh em gai bi thuong phai khau 5 mui thi bi xu the nao", "pc-intentional-injury"),
    ("Chồng tôi đã bị phạt hành chính vì đánh vợ, giờ lại đánh tiếp thì sao", "dv-repeat-offender"),
    # matched again without the law it names: the overview of no-contact orders (Điều 2 and 25)
    # or the entry on their duration (Điều 25); retraining moves it from one to the other
    (
        "Quy định về cấm tiếp xúc theo Luật phòng chống bạo lực gia đình 2022",
        "dv-no-contact-order|dv-no-contact-duration",
    ),
]

TWENTY_FOURTH = [  # "not sure", a greeting or another entry before the session's fixes
    ("Anh trai nghiện game đánh mẹ để lấy tiền", "dv-adult-children-abuse-parents"),  # sibling
    (
        "Con trai nghiện ma túy đe dọa giết bố mẹ, gia đình phải làm gì",
        "dv-adult-children-abuse-parents",
    ),
    (  # both name Điều 134 for an injured child; retraining moves it from one to the other
        "Cậu đánh cháu gây thương tích phải nhập viện",
        "dv-relatives-beat-child|pc-intentional-injury",
    ),
    ("Dạ em chào ad, bị chồng đánh thì làm sao", "dv-what-to-do-first"),  # was a greeting
    ("cho em hỏi xíu, bị chồng đánh thì làm sao", "dv-what-to-do-first"),  # was "not sure"
    ("Mn ơi cho e hỏi bạo lực tinh thần là gì ạ", "dv-verbal-abuse"),
    ("Bị ép sinh con thứ ba có phải bạo lực gia đình không", "dv-forced-pregnancy-abortion"),
    ("Bà ngoại bị ông ngoại đánh thì con cháu có quyền báo công an không", "dv-neighbor-report"),
]


TWENTY_FIFTH = [  # "not sure" or another entry before the session's fixes
    (
        "Tôi làm công nhân, quản đốc hay gọi vào phòng riêng nói chuyện tục tĩu và đụng chạm. Tôi "
        "sợ mất việc nên không dám nói. Tôi nên làm gì?",
        "sh-what-to-do",
    ),  # the worker was read as the one who harassed
    ("ông chủ sờ mó tui ở chỗ làm, tui nghỉ luôn được hông", "sh-quit-without-notice"),
    ("má tui bị ba tui đánh hoài, tui mới 14 tuổi, tui phải gọi ai", "dv-child-witness"),
    ("có người lập nick giả đăng ảnh tôi kèm lời lẽ bẩn thỉu", "pc-humiliation"),
    ("vợ cấm chồng gặp bố mẹ đẻ", "dv-obstruct-family-contact"),
    ("bố mẹ ép con đồng tính đi chữa bệnh", "dv-discrimination-in-family"),  # forced marriage
    ("chồng không cho tiền nhưng cũng không đánh đập có phải bạo lực không", "dv-economic-control"),
    ("chồng nghiện rượu đánh vợ con và bán hết đồ trong nhà", "dv-property-destruction"),
]


TWENTY_SIXTH = [  # "not sure" or another entry before the session's fixes
    (  # the entry on destroyed property, not whether a neighbour may call the police
        "vợ chồng em trai cãi nhau đập phá đồ đạc cả đêm, hàng xóm như tôi có được gọi công an "
        "không",
        "dv-neighbor-report",
    ),
    ("giáo dục tại cộng đồng đối với người gây bạo lực gia đình là gì", "dv-behaviour-change"),
    ("tháng hành động 2026", "ge-action-month"),  # not sure
    ("chong em toan di nhau ve la chui em, em chan lam roi", "dv-verbal-abuse"),  # a child witness
    ("vk t cu doi ly hon, t phai lam sao", "mf-unilateral-divorce"),  # a pregnant wife
    (
        "Em chào anh chị, em là sinh viên, em bị một anh khóa trên quấy rối bằng tin nhắn tục tĩu "
        "hàng ngày, em nên làm gì ạ?",
        "sv-online-sexual-harassment",
    ),
    ("ngày 25/11 là ngày gì", "ge-related-days"),  # out of scope
    (  # not sure: no entry on a manager who humiliates workers
        "Tôi làm công nhân ở khu công nghiệp, quản đốc hay bắt nữ công nhân đứng phạt giữa xưởng "
        "và chửi bới thậm tệ. Công nhân nữ chúng tôi có thể kiện không?",
        "lab-worker-mistreated",
    ),
    ("chị gái tôi bị anh rể cấm không cho về nhà mẹ đẻ", "dv-obstruct-family-contact"),  # touching
    ("công ty không tuyển tôi vì tôi đang nuôi con nhỏ", "work-recruit-gender"),  # not sure
]

TWENTY_SEVENTH = [  # "not sure" or another entry before the session's fixes
    ("anh trai tôi hay đánh tôi", "dv-siblings"),  # a brother named no pair: no entry
    ("em trai tôi say rượu đánh chị gái", "dv-siblings"),
    ("bị chồng đánh thì cần giữ những chứng cứ gì", "dv-evidence"),  # not sure
    ("nam giới có được làm nghề giáo viên mầm non không", "ge-men-protected"),  # teachers who hit
    ("tao hon o vung dan toc thieu so xu ly the nao", "cm-marrying-off-a-child-penalty"),
    ("kết hôn cận huyết thống ở vùng dân tộc bị cấm không", "mf-prohibited-relatives"),
    ("chong dang anh vo khoa than len mang de tra thu", "dv-privacy-disclosure"),  # not sure
    ("ban trai dong tinh danh minh co phai bao luc gia dinh khong", "dv-dating-partner"),
    (  # forced marriage
        "Em là nữ, em thích con gái. Bố mẹ biết chuyện thì nhốt em trong phòng, lấy điện thoại, "
        "bắt em đi gặp thầy cúng để chữa. Em 17 tuổi, em phải làm sao?",
        "dv-discrimination-in-family",
    ),
    ("phụ nữ khuyết tật bị xâm hại tình dục thì được hỗ trợ gì", "sv-after-sexual-assault"),
    ("em 16 tuổi có bầu, bố mẹ bắt phá thai", "dv-forced-pregnancy-abortion"),  # not sure
    ("bả mẹ chồng kêu tui là đồ không biết đẻ", "dv-in-laws-abuse-daughter-in-law"),  # a parent
    ("nhiễm HIV có bị đuổi việc không", "work-discrimination-definition"),  # a pregnant worker
    ("mẹ chồng đánh tôi, chồng bênh mẹ, tôi có nên báo công an không", "dv-where-to-report"),
]

THIRTY_THIRD = [  # the commonest statement with the speaker named "em" or "mình"
    ("chồng em đánh em", "dv-husband-beats-wife"),  # the entry on siblings was closest (0.36)
    ("chồng mình đánh mình", "dv-husband-beats-wife"),  # the one on neighbours who report
]


THIRTY_FOURTH = [
    # a child beaten by a parent got the entry on a husband who beats his wife (0.66-0.71)
    ("mẹ tôi đánh tôi", "dv-parents-beat-children"),
    ("bố tôi đánh tôi", "dv-parents-beat-children"),
    ("anh trai tôi đánh tôi", "dv-siblings"),  # the same, 0.48
    ("em trai tôi đánh tôi", "dv-siblings"),
    # a pregnant wife kicked got the entry on neglect (with the pregnancy read first: nothing)
    ("tôi đang mang thai, chồng em đá vào bụng em", "dv-husband-beats-wife"),
]

THIRTY_FIFTH = [  # "not sure", the emergency answer alone or another entry before the session
    ("chồng tôi đánh con", "dv-parents-beat-children"),  # a husband who beats his wife (0.88)
    ("Chồng bạo lực thì tòa có giao con cho vợ nuôi không?", "mf-custody-leaving-violent-spouse"),
    ("Chồng đòi ly hôn vì vợ chỉ sinh con gái có được không?", "mf-unilateral-divorce"),
    ("Thầy dạy lái xe cứ sờ đùi học viên nữ", "sv-public-sexual-harassment"),  # out of scope
    ("tôi bị chồng đánh phải khâu 5 mũi ở đầu", "pc-intentional-injury"),  # out of scope
    ("chồng tôi có bồ", "mf-adultery-bigamy"),  # a relative's groping ("bồ" folded is "bố")
    ("chồng em đánh em trước mặt con, con em sợ không dám ngủ", "dv-child-witness"),
    ("Trẻ bị xâm hại có được hỗ trợ tâm lý miễn phí không?", "ch-support-for-abused-children"),
]


PROBES = (
    [(f"s17-{i}", *p) for i, p in enumerate(SEVENTEENTH)]
    + [(f"s18-{i}", *p) for i, p in enumerate(EIGHTEENTH)]
    + [(f"s19-{i}", *p) for i, p in enumerate(NINETEENTH)]
    + [(f"s20-{i}", *p) for i, p in enumerate(TWENTIETH)]
    + [(f"s21-{i}", *p) for i, p in enumerate(TWENTY_FIRST)]
    + [(f"s22-{i}", *p) for i, p in enumerate(TWENTY_SECOND)]
    + [(f"s23-{i}", *p) for i, p in enumerate(TWENTY_THIRD)]
    + [(f"s24-{i}", *p) for i, p in enumerate(TWENTY_FOURTH)]
    + [(f"s25-{i}", *p) for i, p in enumerate(TWENTY_FIFTH)]
    + [(f"s26-{i}", *p) for i, p in enumerate(TWENTY_SIXTH)]
    + [(f"s27-{i}", *p) for i, p in enumerate(TWENTY_SEVENTH)]
    + [(f"s33-{i}", *p) for i, p in enumerate(THIRTY_THIRD)]
    + [(f"s34-{i}", *p) for i, p in enumerate(THIRTY_FOURTH)]
    + [(f"s35-{i}", *p) for i, p in enumerate(THIRTY_FIFTH)]
)


@pytest.mark.parametrize(("question", "entry"), [p[1:] for p in PROBES], ids=[p[0] for p in PROBES])
def test_regression_session_probes(qa: QA, question: str, entry: str) -> None:
    """Each probe gets its entry (or one of the entries "a|b" that serve it equally).

    "~25" also accepts the tentative answer that names Điều 25 as the article that may be relevant.
    """
    for text in (question, fold(question)):
        answer = qa.answer(text)
        assert not answer.fallback, text
        named = {f"~{c.article}" for c in answer.citations[:1]} if answer.tentative else set()
        assert {answer.faq_id, *named} & set(entry.split("|")), text


def test_regression_english_forced_marriage_of_a_sister_gets_the_entry(qa: QA) -> None:
    # Eighteenth session: "what can we do?" asked nothing, and the question got "not sure".
    answer = qa.answer(
        "My father forces my 15-year-old sister to marry. What can we do?", locale="en"
    )
    assert not answer.fallback
    assert answer.faq_id == "dv-forced-marriage"


def test_regression_a_story_of_harm_read_as_out_of_scope_gets_the_likely_entry(qa: QA) -> None:
    # Nineteenth session: the intent model read it as out of scope (everyday words: phone, money),
    # so the clear best match was never offered; a message that tells of harm is a legal question.
    text = (
        "Tôi bị chồng kiểm soát điện thoại, tiền bạc, không được đi đâu, tôi phải làm sao để "
        "thoát ra?"
    )
    for question in (text, fold(text)):
        answer = qa.answer(question)
        assert answer.intent == "ask_law", question
        assert answer.faq_id == "dv-monitoring-control", question


def test_regression_insults_to_a_husband_are_no_question_about_a_crime(qa: QA) -> None:
    # Twentieth session: folded "xúc phạm tôi" is "phạm tội" (a crime), so the answer put the
    # Penal Code's humiliation article before the law that says this is domestic violence.
    text = (
        "Chào anh chị. Tôi là nam, 35 tuổi. Vợ tôi thường xuyên chửi bới, xúc phạm tôi trước mặt "
        "con cái và hàng xóm, còn không cho tôi gặp bố mẹ đẻ. Tôi có thể làm gì?"
    )
    answer = qa.answer(text)
    assert answer.faq_id == "xp-insulting-family-member"
    assert (answer.citations[0].document, answer.citations[0].article) == ("13/2022/QH15", 3)


def test_regression_english_a_husband_beaten_by_his_wife(qa: QA) -> None:
    # Twentieth session: "not sure".
    answer = qa.answer("I am a man and my wife beats me", locale="en")
    assert answer.faq_id == "dv-wife-beats-husband"


def test_regression_changing_the_lock_is_no_emergency(qa: QA) -> None:
    # Twenty-second session: "khóa cửa" (locking someone in) is a danger word; a woman asking
    # whether she may change the lock got the emergency answer and the entry on locking people up.
    answer = qa.answer("Tôi có được thay khóa cửa không cho chồng vào nhà không")
    assert not answer.emergency


def test_regression_a_pregnant_wife_beaten_gets_no_entry_on_work(qa: QA) -> None:
    # Twenty-fifth session: the husband alone named, the entry on heavy work for pregnant workers
    # answered (0.59); a family role is now another pair than a work entry.
    text = "Tôi mang thai 7 tháng mà chồng vẫn đánh"
    for question in (text, fold(text)):
        entry = qa.answer(question).faq_id
        assert entry is None or not entry.startswith("work-"), question
