"""Emergency detection: danger now is caught with or without diacritics; questions are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.qa.training import load_nlu_content
from bot.runtime.assembly import Runtime
from bot.runtime.content import Content
from nlu.emergency import EmergencyDetector, parse_emergency
from nlu.normalize import fold
from nlu.prepare import Preparer
from nlu.teencode import parse_teencode
from tests.chat import Chat

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    # (label, message, emergency?)
    ("violence-now", "Chồng tôi đang đánh tôi", True),
    ("violence-now-folded", "chong toi dang danh toi", True),
    ("violence-now-teencode", "ck dang danh e", True),
    ("violence-now-passive", "em đang bị đánh ở nhà", True),
    ("help-call", "cứu tôi với", True),
    ("help-call-folded", "cuu em voi", True),
    ("knife-threat", "anh ta cầm dao dọa giết cả nhà", True),
    ("kill-threat", "chồng dọa sẽ giết tôi nếu tôi bỏ đi", True),
    ("drunk-smashing", "bố say rượu đang đập phá nhà, mẹ con em trốn trong phòng", True),
    ("neighbour-child", "nhà bên đang đánh đứa bé khóc thét", True),
    ("injury", "chồng đánh tôi chảy máu đầu", True),
    ("suicide", "tôi không muốn sống nữa", True),
    ("suicide-folded", "toi ko muon song nua", True),
    ("suicide-plan", "em định tự tử", True),
    ("not-living-with-spouse", "tôi không muốn sống với người vợ này nữa", False),
    ("not-living-together", "toi khong muon song chung voi chong nua", False),
    ("suicide-with-life", "tôi không muốn sống trên đời này nữa", True),
    ("suicide-pills", "mình vừa uống thuốc ngủ", True),
    ("suicide-end", "chết đi cho xong", True),
    ("child-abuse", "con gái tôi bị bố dượng xâm hại", True),
    ("child-abuse-folded", "con toi bi hang xom sam so", True),
    ("child-abuse-active-voice", "ông ta xâm hại con tôi", True),
    ("child-touched", "Hôm qua cháu kể ông hàng xóm hay sờ vào người cháu", True),
    ("child-touched-folded", "thay giao hay so soang nguoi con be nha em", True),
    ("child-undressed", "ông ấy bắt cháu cởi quần áo", True),
    ("touch-question-not-child", "sếp hay sờ vào người em thì phải làm sao", False),
    ("rape-now", "tôi vừa bị cưỡng hiếp", True),
    ("rape-now-folded", "em moi bi hiep dam toi qua", True),
    ("confinement", "em bị chủ nhà giữ lại không cho về", True),
    ("locked-in", "tôi bị nhốt trong phòng", True),
    ("trafficked", "em bị lừa bán sang trung quốc", True),
    ("fear-and-threat", "em sợ lắm, anh ấy dọa đánh em", True),
    # sixth session: a grid of 50 cries for help written as a new user would found these
    ("trafficked-taken", "em bị bắt bán sang trung quốc", True),
    ("trafficked-taken-away", "bạn tôi bị bắt đi bán rồi", True),
    ("not-street-selling", "con bị bắt đi bán hàng rong có vi phạm luật trẻ em không", False),
    ("child-private-parts", "con gái tôi bị chú hàng xóm sờ vào vùng kín", True),
    ("child-beaten-by-stepfather", "con toi bi cha duong danh dap hang ngay", True),
    ("cannot-walk", "tôi bị đánh suốt đêm, giờ không đi được", True),
    ("starved", "tôi bị bỏ đói mấy ngày rồi không cho ăn", True),
    ("right-now", "em bị ép quan hệ và bị đánh ngay bây giờ", True),
    ("acid", "chồng vừa tạt axit vào mặt tôi", True),
    ("brutal-now", "bị bạn trai đánh đập dã man giờ phải làm sao", True),
    ("just-stabbed", "mẹ em mới bị bố đâm", True),
    ("not-each-round", "mỗi đợt tập huấn có bao nhiêu người", False),
    ("not-waiting-for-a-round", "đợi đợt sau mới được nghỉ phép", False),
    ("not-brutal-law", "đánh đập dã man bị phạt thế nào", False),
    ("english-now", "my husband is beating me right now", True),
    ("english-suicide", "I don't want to live anymore", True),
    ("english-locked", "my husband locked me in the bedroom", True),
    ("english-law-question", "can my husband go to prison for beating me", False),
    ("english-fine-question", "what is the penalty for beating a wife", False),
    ("not-definition", "phòng chống bạo lực là gì", False),
    ("not-definition-folded", "bao luc gia dinh la gi", False),
    ("not-reporting", "chồng đánh vợ thì báo ở đâu", False),
    ("not-penalty", "chồng chửi vợ bị phạt bao nhiêu", False),
    ("not-child-law", "xâm hại tình dục trẻ em bị phạt thế nào", False),
    ("not-child-law-folded", "tre em bi xam hai thi xu ly the nao theo luat", False),
    ("not-slowly", "từ từ nói chuyện với chồng", False),
    ("not-evaluate", "công ty đang đánh giá nhân viên nữ thấp hơn", False),
    ("not-past-hitting", "vợ đánh chồng gây thương tích xử lý thế nào", False),
    ("not-weather", "thời tiết mai thế nào", False),
    ("not-greeting", "xin chào", False),
    ("not-protection-order", "cấm tiếp xúc là gì", False),
    ("not-old-news", "hàng xóm hay cãi nhau có nên báo không", False),
    # nineteenth session: a new user's cries for help that got "out of scope" or a fine
    ("self-harm", "Vợ tôi bị trầm cảm sau sinh và hay tự làm hại mình, tôi cần gọi đâu", True),
    ("self-harm-folded", "em hay tu lam dau ban than moi khi buon", True),
    ("not-from-two", "từ hai năm nay chồng không chu cấp", False),
    ("conditional-kill-threat", "Chồng dọa nếu tôi ly hôn sẽ giết cả nhà tôi", True),
    # twenty-second session: "cứu" (help!) alone got "not sure" with the legal-aid line
    ("help-one-word", "cứu", True),
    ("help-one-word-shouted", "CỨU!!!", True),
    ("help-one-word-folded", "cuu cuu", True),
    ("not-look-up", "tra cứu", False),
    # twenty-third session: being followed home got "not sure"
    ("followed-home", "có người lạ đang theo em về nhà", True),
    ("followed-home-folded", "co thang cu bam theo toi ve tan nha", True),
    ("not-studying", "em đang theo học đại học", False),
    ("not-following-the-news", "tôi đang theo dõi tin tháng hành động", False),
    # twenty-fourth session: a plea for urgent help was a greeting
    ("urgent-plea", "alo alo có ai không, em cần giúp gấp", True),
    ("urgent-plea-folded", "xin giup do gap voi", True),
    ("not-urgent-paperwork", "em cần hỗ trợ gấp thủ tục ly hôn", False),
    # twenty-fifth session: "in danger now" had no pattern, in Vietnamese or in English
    ("in-danger", "tôi đang gặp nguy hiểm", True),
    ("in-danger-english", "where can I call if I'm in danger right now", True),
    ("not-in-danger", "khi gặp nguy hiểm thì gọi số nào", False),
    ("not-dangerous", "is it dangerous to report my husband", False),
    # twenty-sixth session: after retraining, the intent model no longer caught this one
    ("lured-abroad", "bị dụ sang campuchia làm việc giờ bị đánh đập", True),
    ("tricked-to-work-abroad", "bị lừa đi làm ở Campuchia, gia đình muốn cứu thì gọi ai", True),
    ("lured-abroad-folded", "em bi lua gat sang lao lam viec", True),
    ("not-lured-to-a-shop", "bị dụ mua hàng online", False),
    # twenty-eighth session: a child taken by a stranger got "not sure"
    ("child-taken", "con bé nhà tôi bị người lạ đưa đi mất từ chiều", True),
    ("child-taken-folded", "con be nha toi bi nguoi la dua di mat tu chieu", True),
    ("child-missing", "con trai tôi mất tích từ hôm qua", True),
    ("not-missing-law", "người mất tích bao lâu thì được tuyên bố là đã chết", False),
    ("not-taken-to-clinic", "có ai đưa em đi khám được không", False),
    ("miscarried-after-beating", "bị sảy thai do chồng đánh", True),
    ("not-broken-leg-in-crash", "bị gãy chân do đâm xe máy, đá bóng", False),
    ("help-me-plea", "help me!", True),
    ("help-me-please", "please help me", True),
    ("not-help-me-find-a-lawyer", "who can help me for free with a lawyer", False),
]


@pytest.fixture(scope="module")
def detector_and_prepare() -> tuple[EmergencyDetector, Preparer]:
    content, problems = load_nlu_content(ROOT / "content" / "nlu")
    assert problems == []
    return parse_emergency(content.emergency), Preparer(parse_teencode(content.teencode))


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_emergency(
    detector_and_prepare: tuple[EmergencyDetector, Preparer], text: str, expected: bool
) -> None:
    detector, prepare = detector_and_prepare
    assert detector.detect(prepare(text)) is expected


def test_weak_category_yields_to_legal_question() -> None:
    detector = parse_emergency(
        {"categories": {"weak": {"strong": False, "patterns": ["danh"]}}, "exclude": ["la gi"]}
    )
    assert detector.detect("bi danh")
    assert not detector.detect("danh la gi")


def test_danger_words_gate_the_intent_model_alone() -> None:
    detector = parse_emergency({"categories": {}, "danger_words": ["danh", "nhot"]})
    assert detector.dangerous("chong danh toi")
    assert not detector.dangerous("chong toi bi ngay to qua")
    assert parse_emergency({"categories": {}}).dangerous("anything")  # no words: no gate


EVERYDAY = [
    "chồng tôi bị ngáy to quá",
    "mẹ tôi muốn tập yoga",
    "nhà tôi bị nứt tường có sao không",
    "ba tôi bị gãy chân do té xe đạp, bó bột bao lâu",
    "bé nhà tôi 3 tuổi chưa biết nói",
    "nhà tôi bị mất điện gọi ai",
    "ông bắt cháu ngủ chung cho ấm",  # grandparents: everyday family life, not grooming
    "mẹ bắt em ngủ sớm",
    "chú bắt em học bài",
    "e bị bạn trai chia tay rồi đòi lại quà",  # "bị bạn" read as "bị bán" (sold)
    "anh ấy dọa bỏ em",  # thirty-fifth session: threatening to leave her is no danger
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_regression_everyday_trouble_is_no_emergency(runtime: Runtime, text: str) -> None:
    # Sixth session: with the cries for help added as examples, the intent model gave
    # "chồng tôi bị ngáy to quá" 0.96 emergency; it alone now needs a word of harm by a person.
    assert not runtime.qa.parse(text).emergency


@pytest.mark.parametrize(
    "text", ["xong", "Xong.", "ok xong", "dc"], ids=["xong", "xong-dot", "ok-xong", "dc"]
)
def test_regression_one_word_replies_are_not_emergencies(runtime: Runtime, text: str) -> None:
    # Issue 7 (officer flows): "xong" ("done") was classified as an emergency by the intent
    # model alone, because it appears in "chết cho xong". Short messages need a danger pattern.
    assert not runtime.qa.parse(text).emergency


def test_classified_emergency_still_works_for_real_sentences(runtime: Runtime) -> None:
    assert runtime.qa.parse("tôi muốn chết cho xong").emergency


MESSAGES = ROOT / "tests" / "data" / "emergency-messages.txt"


def _messages() -> list[str]:
    lines = MESSAGES.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_cry_for_help_gets_the_emergency_answer(content: Content) -> None:
    """Patterns or the intent model catch each message, as typed and without diacritics."""
    missed = [
        text
        for message in _messages()
        for text in (message, fold(message))
        if not content.qa.answer(text).emergency
    ]
    assert missed == []


def test_a_failing_emergency_listener_never_costs_the_answer(runtime: Runtime) -> None:
    """Thirty-first session: the Q&A listens to emergencies; one listener failing is logged."""

    def broken(turn: object, parse: object) -> None:
        raise RuntimeError("listener down")

    runtime.dispatcher.on_emergency.insert(0, broken)
    chat = Chat(runtime, "web:listener")
    chat.say("chồng em hay đánh em")
    assert "113" in chat.text()
    chat.say("em phải làm gì")  # the Q&A's listener, after the broken one, still kept the entry
    assert "An toàn trước" in chat.text()
