"""Intent detection on the shipped content, one labelled case per line."""

from __future__ import annotations

import pytest

from bot.runtime.content import Content

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
]


@pytest.mark.parametrize(("text", "intent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_intent(content: Content, text: str, intent: str) -> None:
    assert content.qa.parse(text).intent == intent
