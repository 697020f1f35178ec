"""Regressions found by trying the bot as a new user: each question once reached a neighbouring
entry, "not sure" or "out of scope" (probes of the eighth and ninth sessions on issue 13)."""

from __future__ import annotations

import pytest

from bot.qa.engine import QA
from bot.qa.kinds import sanction_kind
from bot.runtime.content import Content
from nlu.normalize import fold


@pytest.fixture(scope="module")
def qa(content: Content) -> QA:
    return content.qa


@pytest.mark.parametrize(
    ("question", "document", "article"),
    [
        ("cháu chứng kiến cha đánh mẹ suốt, cháu nên làm gì", "13/2022/QH15", 19),
        ("người quen biết bé bị đánh đập ở nhà mà làm ngơ thì có sao không", "102/2016/QH13", 51),
        ("bị trưởng phòng sàm sỡ thì em nên làm gì", "45/2019/QH14", 8),
        ("ai ra quyết định cấm tiếp xúc", "13/2022/QH15", 25),
        ("con cái có bổn phận gì với cha mẹ già", "52/2014/QH13", 70),
        ("bị người yêu đánh có phải bạo lực gia đình không", "13/2022/QH15", 2),
        ("bị bạn trai đánh có phải bạo lực gia đình không", "13/2022/QH15", 2),
        ("chồng đọc trộm tin nhắn và theo dõi điện thoại của tôi", "13/2022/QH15", 3),
        ("tôi bị đồng nghiệp nam kể chuyện tục tĩu hàng ngày", "145/2020/NĐ-CP", 84),
        ("vk đòi ly hôn mà e ko muốn thì sao", "52/2014/QH13", 51),
        ("con bị cô giáo phạt quỳ", "102/2016/QH13", 6),
        ("vợ ngoại tình tôi có được nuôi con không", "52/2014/QH13", 81),
        ("anh rể hay nhắn tin gạ gẫm em", "100/2015/QH13", 155),
        ("chồng bạo hành, tôi bỏ đi mang theo con có bị coi là bắt cóc không", "52/2014/QH13", 69),
        ("anh trai đánh em gái có bị xử lý không", "13/2022/QH15", 2),
        (
            "Có người hứa đưa chị tôi sang Trung Quốc làm việc lương cao, giờ mất liên lạc, "
            "nghi bị bán. Tội này xử lý như thế nào?",
            "100/2015/QH13",
            150,
        ),
        (
            "Vợ tôi bị công an xã gọi lên hòa giải vì tôi tát cô ấy. Giờ tôi muốn biết lần đầu "
            "đánh vợ thì bị phạt bao nhiêu tiền?",
            "282/2025/NĐ-CP",
            37,
        ),
        (
            "Em gái tôi 15 tuổi, gia đình nhận tiền sính lễ rồi ép em ấy về làm vợ một người "
            "đàn ông 30 tuổi. Bố mẹ tôi có bị phạt không?",
            "82/2020/NĐ-CP",
            58,
        ),
        (
            "Em 17 tuổi, bị bạn trai ép quan hệ trong nhà nghỉ. Anh ta 20 tuổi. "
            "Em có thể tố cáo tội gì?",
            "100/2015/QH13",
            141,
        ),
        (
            "Chồng tôi không cho tôi theo học đại học tại chức vì cho rằng đàn bà học nhiều "
            "để làm gì. Tôi có quyền đi học không?",
            "52/2014/QH13",
            23,
        ),
        (
            "Tôi muốn ly hôn nhưng chồng giữ giấy đăng ký kết hôn và sổ hộ khẩu không đưa. "
            "Tôi có làm đơn ly hôn được không?",
            "52/2014/QH13",
            51,
        ),
        (
            "Bố mẹ vợ ngăn không cho tôi gặp con sau khi vợ chồng ly hôn dù tôi vẫn cấp dưỡng "
            "đầy đủ. Tôi có quyền gì?",
            "52/2014/QH13",
            82,
        ),
        (
            "Nhà trường có được phân lớp riêng cho nam và nữ, chỉ cho nam học môn kỹ thuật không?",
            "73/2006/QH11",
            14,
        ),
        ("Cán bộ nữ được ưu tiên gì khi bổ nhiệm theo luật bình đẳng giới?", "73/2006/QH11", 11),
        ("bố chồng hay lợi dụng lúc tôi ngủ để sờ người tôi", "13/2022/QH15", 3),
        ("anh chồng cứ tìm cách ôm em dâu, em phải làm sao", "13/2022/QH15", 3),
        ("làm sao để xin lệnh cấm tiếp xúc với chồng", "13/2022/QH15", 25),
        ("Chồng đòi vợ trả lại hết vàng cưới khi ly hôn có được không?", "52/2014/QH13", 43),
        (
            "Bố mẹ bắt con trai 16 tuổi bỏ học đi làm phụ hồ kiếm tiền nuôi cả nhà thì có vi phạm "
            "không?",
            "102/2016/QH13",
            4,
        ),
        ("lấy vợ hai khi chưa ly hôn bị tội gì", "100/2015/QH13", 182),
        ("sếp cưỡng hiếp nhân viên nữ thì bị xử lý hình sự thế nào", "100/2015/QH13", 141),
        (
            "thầy giáo ép học sinh 17 tuổi quan hệ để được lên lớp thì phạm tội gì",
            "100/2015/QH13",
            143,
        ),
        (
            "đang mang thai mà vi phạm nội quy, công ty xử lý kỷ luật tôi có đúng không",
            "45/2019/QH14",
            122,
        ),
        ("bi sep chui rua nhuc ma co duoc nghi ngay khong", "45/2019/QH14", 35),
        ("tre 16 tuoi lam them may gio 1 ngay", "45/2019/QH14", 146),
        ("cưỡng ép kết hôn là gì", "52/2014/QH13", 3),
        ("thành viên gia đình gồm những ai theo luật", "52/2014/QH13", 3),
        (
            "chồng làm ra nhiều tiền hơn thì tài sản chung chồng có quyền hơn vợ à",
            "52/2014/QH13",
            29,
        ),
        ("phụ nữ chưa chồng có được xin tinh trùng để có con không", "52/2014/QH13", 93),
        ("đám cưới thì được nghỉ làm mấy ngày có lương", "45/2019/QH14", 115),
        ("trẻ dưới 18 tuổi bị hỏi cung thì bố mẹ có được ở bên cạnh không", "102/2016/QH13", 70),
        ("hôn nhân thực tế là gì", "52/2014/QH13", 14),
        ("truyền thông về bạo lực gia đình phải bảo đảm yêu cầu gì", "13/2022/QH15", 13),
        ("bố mẹ có được đọc trộm nhật ký của con không", "102/2016/QH13", 21),
        ("trợ giúp viên pháp lý có nghĩa vụ gì với người được giúp", "11/2017/QH14", 18),
        ("ly thân rồi muốn sống lại với nhau có cần thủ tục gì không", "52/2014/QH13", 9),
        ("Điều kiện kết hôn theo Luật Hôn nhân và gia đình 2014 là gì?", "52/2014/QH13", 8),
        ("Trẻ em có hoàn cảnh đặc biệt gồm những nhóm nào?", "102/2016/QH13", 10),
        (
            "Người phát hiện hành vi bạo lực gia đình có trách nhiệm báo tin cho ai?",
            "13/2022/QH15",
            19,
        ),
        ("con gái có được học ngành kỹ thuật như con trai không", "73/2006/QH11", 14),
        ("nhà trường có phải dạy về bình đẳng giới không", "73/2006/QH11", 23),
        ("Tội hiếp dâm người dưới 16 tuổi bị xử lý như thế nào?", "100/2015/QH13", 142),
        (
            "Người lao động có được đơn phương chấm dứt hợp đồng khi bị quấy rối tình dục không?",
            "45/2019/QH14",
            35,
        ),
        (
            "Tôi là giáo viên mầm non. Một bé trong lớp thường có vết bầm ở tay và lưng, hỏi thì "
            "bé bảo bố đánh. Tôi có trách nhiệm báo cho ai không, và báo như thế nào?",
            "13/2022/QH15",
            19,
        ),
        (
            "Chị gái tôi đi xuất khẩu lao động qua môi giới, đến nơi thì bị giữ hộ chiếu và ép "
            "làm việc trong quán karaoke không lương. Gia đình tôi phải làm gì và kẻ môi giới "
            "phạm tội gì?",
            "100/2015/QH13",
            150,
        ),
        (
            "vợ ghen dùng dao cắt chỗ kín của chồng bị xử lý sao",
            "100/2015/QH13",
            134,
        ),
        (
            "Công ty tôi chỉ cử nhân viên nam đi đào tạo ở nước ngoài, lấy lý do nữ phải lo gia "
            "đình. Tôi có năng lực như họ. Như vậy có vi phạm bình đẳng giới không?",
            "73/2006/QH11",
            13,
        ),
        (
            "Tôi bị chồng đánh nhiều năm, giờ muốn ly hôn nhưng không có tiền thuê luật sư. Tôi "
            "làm nông, thu nhập thấp. Có ai giúp tôi miễn phí không?",
            "11/2017/QH14",
            7,
        ),
        (
            "Vợ tôi bỏ nhà đi đã 2 năm, không liên lạc, để lại đứa con 5 tuổi cho tôi nuôi. Tôi "
            "muốn ly hôn nhưng không biết cô ấy ở đâu. Tôi có ly hôn được không?",
            "52/2014/QH13",
            56,
        ),
        (
            "Vợ tôi nghiện cờ bạc, bán hết vàng cưới và vay nợ nhân danh tôi. Tôi có phải trả nợ "
            "thay vợ không?",
            "52/2014/QH13",
            45,
        ),
        (
            "Ông giám đốc xã ép con gái 14 tuổi nhà nghèo quan hệ bằng cách cho tiền, cô bé cũng "
            "đồng ý. Như vậy ông ta có bị tội hiếp dâm không?",
            "100/2015/QH13",
            145,
        ),
        (
            "Trưởng phòng ép tôi đi khách sạn với ông ta nếu muốn được ký hợp đồng chính thức, tôi "
            "từ chối và bị cho nghỉ. Ông ta có bị đi tù không?",
            "100/2015/QH13",
            143,
        ),
        ("đã có quyết định cấm tiếp xúc mà hắn vẫn đến nhà thì sao", "13/2022/QH15", 25),
        (
            "Con trai út nghiện ma túy, thường xuyên đánh đập, trói bố mẹ già để lấy tiền, hàng "
            "xóm ai cũng biết. Nếu tôi tố cáo thì con tôi bị xử lý thế nào?",
            "100/2015/QH13",
            185,
        ),
        (
            "Bố tôi bắt tôi (18 tuổi) phải lấy con trai nhà chủ nợ để trừ nợ, tôi không chịu thì "
            "bị đánh, đe dọa đuổi khỏi nhà. Bố tôi làm vậy có bị xử lý hình sự không?",
            "100/2015/QH13",
            181,
        ),
    ],
    ids=[
        "child-witness-cha",
        "child-abuse-silence",
        "harassment",
        "no-contact-who",
        "children",
        "dating-violence",  # eighth session: got the entry on children beating their parents
        "dating-violence-boyfriend",
        "spying-on-phone",  # got the menu ("theo dõi" read as subscribing)
        "colleague-lewd-talk",  # got "out of scope"
        "wife-wants-divorce",  # got "a husband may not divorce a pregnant wife"
        "teacher-kneeling",  # got "not sure"
        "custody-adultery",  # got "not sure"
        "brother-in-law-texts",  # got harassment at work
        "leaving-with-children",  # got "neglecting a child is domestic violence"
        "brother-hits-sister",  # got "not sure"
        "trafficking-suspected",  # ninth session: got "out of scope"
        "my-wife-is-not-innocent",  # "vợ tôi" folds to "vô tội": the Penal Code came first
        "bride-price-child-marriage",  # got "not sure"
        "boyfriend-forced-sex",  # got the entry on rape within marriage
        "husband-forbids-study",  # got "out of scope"
        "divorce-without-certificate",  # got "not sure"
        "in-laws-block-visits",  # got "not sure"
        "school-separate-classes",  # got "not sure"
        "women-officials-appointment",  # got "not sure"
        "father-in-law-touching",  # tenth session: got "not sure"
        "brother-in-law-hugging",  # got "out of scope"
        "no-contact-how",  # got the definition (Điều 2)
        "wedding-gold-on-divorce",  # got unilateral divorce
        "child-labour-by-parents",  # got the parents' duties
        "second-wife",  # eleventh session: got "not sure"
        "boss-rape",  # got coerced sex (Điều 143) for "cưỡng hiếp"
        "teacher-coerces-pupil",  # got a teacher hitting a pupil
        "discipline-while-pregnant",  # rested on Điều 137 (dismissal), not 122 (no discipline)
        "quit-when-insulted",  # got "not sure" (no entry on quitting when mistreated)
        "minor-working-hours",  # got "not sure" (no entry on young workers' hours)
        "what-is-forced-marriage",  # got the annulment entry (Điều 10), not the definition
        "family-members",  # got what domestic violence is
        "equal-joint-property",  # twelfth session: tune-retrieval tr035 got "not sure"
        "single-woman-donor",  # tr078 got "not sure" (no entry on assisted reproduction)
        "wedding-leave",  # tr079 got "not sure" (no entry on personal leave)
        "child-at-court",  # tr090 got "not sure"
        "de-facto-marriage",  # thirteenth session: tune-headings tz003 got "not sure"
        "dv-communication",  # tz010 got "not sure" (no entry on Điều 13)
        "child-privacy",  # tz013 got "not sure"
        "legal-aid-duties",  # tz018 got the rights of the person helped (Điều 8)
        "separation-reunion",  # tz002 got "not sure"
        "marriage-conditions",  # probe AA: got the entry on obstructing marriage
        "special-circumstances",  # probe AA: got child protection levels (no entry on Điều 10)
        "who-reports-dv",  # probe AA: got the duty to report child abuse (Luật Trẻ em)
        "girls-in-engineering",  # probe Z: got "not sure"
        "ge-in-schools",  # probe Z: got "not sure"
        "rape-under-16",  # probe AB: got rape in general (Điều 141) for the title of Điều 142
        "quit-when-harassed",  # probe AB: got "not sure"
        "teacher-sees-bruises",  # probe AC: got a teacher hitting a pupil
        "labour-trafficking",  # probe AC: got "not sure"
        "knife-attack-on-husband",  # fifteenth session: got the table of fines (variant audit)
        "training-only-men",  # probe AE: got the law's scope (Điều 2)
        "free-lawyer-for-dv-divorce",  # probe AE: got "not sure"
        "missing-wife-divorce",  # probe AG: got "not sure"
        "gambling-wife-debts",  # probe AG: got "not sure"
        "paid-sex-with-14-year-old",  # fourteenth session, probe AL: got rape (Điều 141)
        "boss-hotel-for-contract",  # probe AL: got "not sure" (best match: bigamy)
        "no-contact-order-ignored",  # probe AJ: got withdrawing the order (NĐ 76/2023 Điều 20)
        "addicted-son-beats-parents",  # probe AL: got "not sure"
        "forced-marriage-for-debt",  # probe AL: got "not sure"
    ],
)
def test_answers_rest_on_the_right_article(
    qa: QA, question: str, document: str, article: int
) -> None:
    """Regressions: each question once reached a neighbouring article."""
    answer = qa.answer(question)
    assert not answer.fallback
    assert (answer.citations[0].document, answer.citations[0].article) == (document, article)


@pytest.mark.parametrize(
    "question",
    [
        "tôi 15 tuổi bố mẹ bắt lấy chồng",
        "em mới 16 mà bố mẹ bắt cưới",
        "bố mẹ ép duyên con có vi phạm pháp luật không",
        "bị ép gả cho người lớn tuổi phải làm sao",
    ],
    ids=["bat-lay-chong", "bat-cuoi", "ep-duyen", "ep-ga"],
)
def test_regression_forced_marriage_in_everyday_words(qa: QA, question: str) -> None:
    # Eighth session: "bố mẹ bắt lấy chồng" ("bắt" = make someone) got "not sure" and "ép gả"
    # the fine for marrying off a 16-year-old; a synonym group reads them as "ép cưới".
    for text in (question, fold(question)):
        answer = qa.answer(text)
        assert answer.faq_id == "dv-forced-marriage", text
        assert (answer.citations[0].document, answer.citations[0].article) == ("13/2022/QH15", 3)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("can my husband stop me from working", "ge-wife-not-allowed-work"),
        ("I am 16 and my parents want me to marry", "dv-forced-marriage"),
        ("can I get divorced if my husband refuses", "mf-unilateral-divorce"),
        ("what is the legal marriage age for women?", "cm-marriage-age"),
        ("how many years in prison for human trafficking?", "pc-trafficking"),
        ("can I get a protection order against my husband?", "dv-no-contact-commune-request"),
    ],
    ids=["work", "child-marriage", "divorce", "marriage-age", "trafficking", "protection-order"],
)
def test_regression_english_questions_of_a_new_user(qa: QA, question: str, entry: str) -> None:
    # Eighth session: each got "I am not sure I understood your question".
    answer = qa.answer(question, "en")
    assert not answer.fallback
    assert answer.faq_id == entry


def test_regression_a_pregnant_wife_beaten_gets_the_violence_answer(qa: QA) -> None:
    # Eighth session: after the emergency lines it got "a husband may not ask for a divorce
    # while his wife is pregnant".
    answer = qa.answer("chồng đánh tôi khi tôi đang mang bầu 7 tháng")
    assert answer.emergency
    assert answer.faq_id == "dv-husband-beats-wife"


def test_regression_an_emergency_that_asks_the_penalty_rests_on_the_sanction(
    qa: QA, content: Content
) -> None:
    # Eleventh session: a message with a danger word got the entry's answer with its citations
    # in the entry's order (the definition first), although it asked for the penalty.
    answer = qa.answer(
        "Chồng tôi thường đánh đập vợ con, lăng mạ, chửi bới, có lúc còn đe dọa sẽ giết vợ con. "
        "Vậy pháp luật quy định như thế nào về những chế tài, hình phạt này?"
    )
    assert answer.emergency
    assert sanction_kind(content.law, answer.citations[0].document) in ("prison", "fine")
