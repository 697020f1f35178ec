"""Intent detection on the shipped content, one labelled case per line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.qa.training import load_nlu_content
from bot.runtime.content import Content

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    ("greeting", "xin chào bạn", "greeting"),
    ("greeting-evening", "chào buổi tối", "greeting"),
    ("help", "bạn giúp được những gì", "help"),
    ("help-menu", "cho mình xem menu", "help"),
    ("subscribe", "tôi muốn đăng ký nhận tin tháng hành động", "subscribe"),
    ("subscribe-folded", "dang ky nhan thong bao", "subscribe"),
    ("unsubscribe", "đừng gửi tin nữa", "unsubscribe"),
    ("unsubscribe-folded", "huy nhan tin", "unsubscribe"),
    ("report", "tôi là cán bộ xã, gửi báo cáo tháng", "report"),
    ("report-folded", "muon bao cao so lieu", "report"),
    ("delete", "xóa hết dữ liệu của tôi đi", "delete_data"),
    ("delete-folded", "xoa du lieu", "delete_data"),
    ("thanks", "cảm ơn nhiều nhé", "thanks"),
    ("thanks-english", "thank you bot", "thanks"),
    ("services", "gần nhà tôi có chỗ nào hỗ trợ phụ nữ bị bạo hành không", "find_services"),
    ("oos-weather", "trời hôm nay nóng không", "out_of_scope"),
    ("oos-coffee", "giá cà phê hôm nay", "out_of_scope"),
    ("oos-lottery", "kết quả xổ số", "out_of_scope"),
    ("law-dv", "bi chong danh thi phai lam sao", "ask_law"),
    ("law-marriage-age", "mấy tuổi được kết hôn", "ask_law"),
    ("emergency", "cứu em với, nó đang đánh em", "emergency"),
    ("emergency-teencode", "ck dang danh e", "emergency"),
    # sixth session: find_services needs a word of support ("requires:" in intents.yml)
    ("services-shelter", "nhà tạm lánh ở đâu", "find_services"),
    ("services-hotline-folded", "sdt duong day nong", "find_services"),
    ("services-police-number", "số điện thoại công an xã", "find_services"),
    ("oos-seedlings", "tìm nơi bán cây giống", "out_of_scope"),
    ("oos-gambling", "đánh bạc bị xử lý sao", "out_of_scope"),  # got the wife-beating fine
    ("oos-painter", "tìm thợ sơn nhà", "out_of_scope"),  # not "bảo hành": folds as "bạo hành"
    # eighth session: subscribe, unsubscribe and delete_data need their words too; these got
    # "Việc này bạn làm qua menu nhé" ("theo dõi" is also to spy on, "dung" also "dùng", use)
    ("law-spying-phone", "chồng đọc trộm tin nhắn và theo dõi điện thoại của tôi", "ask_law"),
    ("emergency-plea", "dừng lại đi anh đừng đánh em nữa", "emergency"),
    ("unsubscribe-one-word", "dừng", "unsubscribe"),
    ("unsubscribe-stop", "STOP", "unsubscribe"),
    ("unsubscribe-cancel", "hủy đăng ký", "unsubscribe"),
    ("subscribe-follow", "đăng ký theo dõi", "subscribe"),
    ("delete-account", "tôi muốn xóa tài khoản", "delete_data"),
    ("services-english", "where can I get help in Da Nang", "find_services"),  # out of scope
    # seventeenth session: "not sure", then "out of scope" ("chồng đánh" was no word of support)
    ("services-place-and-harm", "tôi ở đà nẵng, bị chồng đánh thì đến đâu", "find_services"),
    # twenty-first session: folded, "nhắn tin tục tĩu" (texting obscenities) is "nhận tin tức"
    # (receiving the news): a parent's report subscribed them to the campaign news
    ("law-obscene-texts", "Bạn học nhắn tin tục tĩu cho con gái tôi 12 tuổi qua Zalo", "ask_law"),
    ("subscribe-news", "nhận tin", "subscribe"),  # ranked below "unsubscribe", which needs words
    ("subscribe-send-me", "gửi tin cho tôi", "subscribe"),
    ("help-who", "bạn là ai, bạn có phải luật sư không", "help"),
    ("services-centre", "Trung tâm công tác xã hội Đà Nẵng ở đâu", "find_services"),  # out of scope
    # twenty-second session: "which number do I call" had no word of support; out of scope
    ("services-which-number", "vậy tôi nên gọi số nào", "find_services"),
    ("services-whom-to-call", "giờ em phải gọi cho ai", "find_services"),
    ("oos-power-cut-number", "nhà bị mất điện gọi số nào", "out_of_scope"),
    ("report-deadline", "hạn nộp báo cáo bình đẳng giới năm nay", "report"),  # "not sure"
    # twenty-third session: stalking and threatening texts subscribed the user to the news
    ("law-stalked", "Bị bạn trai cũ theo dõi và nhắn tin khủng bố", "ask_law"),
    ("law-stalked-folded", "bi ban trai cu theo doi va nhan tin khung bo", "ask_law"),
    ("greeting-anyone-there", "có ai ở đó không", "greeting"),  # "not sure"
    ("help-who-rude", "mày là ai", "help"),  # out of scope
    # thirty-fourth session: a frightened person asking whether she may text the police got the
    # campaign news; "bắt đầu từ ngày nào" (when does it start) got the greeting
    ("law-text-the-police", "nhắn tin báo công an được không", "ask_law|out_of_scope"),
    ("not-greeting-start-when", "bắt đầu từ ngày nào", "ask_law|out_of_scope"),
    ("greeting-start", "bắt đầu", "greeting"),
    # thirty-fifth session: a man asking whether there is help for men got the greeting
    ("not-greeting-help-for-men", "co ai giup dan ong khong", "ask_law|find_services|fallback"),
    ("greeting-anyone-on-duty", "có ai trực không ạ", "greeting"),
]


def test_someone_else_deleting_messages_is_no_request_to_delete_data(content: Content) -> None:
    assert content.qa.parse("chồng xóa hết tin nhắn của tôi").intent != "delete_data"


@pytest.mark.parametrize(("text", "intent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_intent(content: Content, text: str, intent: str) -> None:
    assert content.qa.parse(text).intent in intent.split("|")


def test_requires_reads_an_intent_as_out_of_scope_without_its_words(content: Content) -> None:
    """The patterns are loaded from intents.yml and checked like the emergency patterns."""
    assert "find_services" in content.qa.data.requires


@pytest.mark.parametrize(
    ("key", "bad_line"),
    [("requires:\n  find_services:\n", "    - '(['"), ("subject:\n", "  - 'vo|(chong'")],
    ids=["requires", "subject"],
)
def test_a_bad_pattern_is_reported_with_its_line(tmp_path: Path, key: str, bad_line: str) -> None:
    shutil.copytree(ROOT / "content" / "nlu", tmp_path, dirs_exist_ok=True)
    text = (tmp_path / "intents.yml").read_text(encoding="utf-8")
    bad = text.replace(key, key + bad_line + "\n", 1)
    (tmp_path / "intents.yml").write_text(bad, encoding="utf-8")
    _, problems = load_nlu_content(tmp_path)
    line = bad.splitlines().index(bad_line) + 1
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(line, "bad pattern")]


def test_subject_must_be_a_list_of_patterns(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content" / "nlu", tmp_path, dirs_exist_ok=True)
    text = (tmp_path / "intents.yml").read_text(encoding="utf-8")
    start = text.index("subject:\n")
    end = text.index("requires:\n")
    (tmp_path / "intents.yml").write_text(text[:start] + "subject: 3\n" + text[end:], "utf-8")
    content, problems = load_nlu_content(tmp_path)
    assert [p.message for p in problems] == ["subject: expected a list of patterns"]
    assert content.subject == ()
