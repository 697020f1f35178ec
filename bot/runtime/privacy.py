"""Questions about what the bot keeps ("bot có lưu tin nhắn của tôi không"), answered plainly.

A frightened person on a shared phone asks this before anything else; it got "out of scope".
"""

from __future__ import annotations

import re

from bot.core.messages import Reply
from bot.core.router import folded_words
from bot.core.turn import Outcome, Turn

KEEPS = "luu|ghi lai|giu|doc|xem|biet|thay|lo|chia se|theo doi"
"""Keeping, reading, knowing or leaking (folded)."""
TALK = (
    r"(nhan tin|nhan|gui|hoi|noi chuyen|chat) (((voi|cho) )?(bot|chatbot)\b|(voi|cho) "
    r"(ban|minh)(?= (co|khong|ko|thi|duoc|nay|nhe)\b|\W*$))"
)
"""Talking to the bot ("nhắn với bot", "gửi bot", "hỏi bạn": not "nói chuyện với bạn trai")."""
ASKED = re.compile(
    rf"\b(bot|chatbot)\b.{{0,40}}\b({KEEPS}|bao mat|rieng tu|an toan|an danh)\b"
    rf"|\b(ban|minh) co ({KEEPS})\b.{{0,30}}"
    r"\b(tin nhan|cau hoi|noi dung|thong tin|cuoc tro chuyen)\b"
    rf"|\b(ban|bot) co ({KEEPS})\b.{{0,20}}\b(so dien thoai|so dt|sdt|ten|dia chi|danh tinh)"
    r"( cua)? (toi|em|tui|minh)\b"
    rf"|\b({KEEPS})\b.{{0,30}}\b{TALK}\b"
    rf"|\b{TALK}\b.{{0,30}}\b({KEEPS}|bao mat|an toan)\b"
    rf"|\b({KEEPS})( duoc)? (tin nhan|cuoc tro chuyen|doan chat|noi dung)( \w+){{0,3}} "
    r"(nay|o day)\b"
    r"|\b(nhan|nhan tin|hoi|chat) (o day|tai day) (co )?(an toan|bi lo|bao mat|bi biet)\b"
    r"|^\W*(thoat|thoat nhanh|exit|quit)\W*$"
    r"|\btin nhan( cua (toi|em|minh|tui))? (co )?(bi|duoc) (luu|ghi lai|giu lai)"
    rf"|\b({KEEPS}) (duoc )?(nhung gi|nhung cau|cau|dieu) (toi|em|minh|tui) (hoi|nhan|viet|ke)\b"
    r"|\b(do|will) you (store|save|keep|log|record|share)\b|\bwho can (see|read)\b"
    r"|\bis (this|it) (private|safe|anonymous|confidential)\b"
)
"""A question about what the bot keeps or who may see the conversation ("chồng đọc trộm tin
nhắn của tôi" names no bot: it is a legal question)."""
APPS = {"telegram": "Telegram", "zalo": "Zalo"}


asks_about_privacy = folded_words(ASKED)
"""Does a message ask what the bot keeps or who can see the conversation?"""


class PrivacyAnswer:
    """Says what is kept, by the deployment's setting, and how to leave no trace."""

    def __init__(self, stores_text: bool, story_minutes: int = 0) -> None:
        self.stores_text = stores_text
        self.story_minutes = story_minutes

    def answer(self, turn: Turn) -> Outcome:
        """Say what is kept, where the conversation stays on the device, and /xoa."""
        kept = "privacy.text_kept" if self.stores_text else "privacy.text_not_kept"
        lines = [turn.t(kept), turn.t("privacy.choices")]
        if self.story_minutes and not self.stores_text:  # bot/qa/story.py
            lines.insert(1, turn.t("privacy.story", minutes=self.story_minutes))
        channel = turn.incoming.channel
        if channel in APPS:
            lines.append(turn.t("privacy.app", app=APPS[channel]))
        elif channel == "web":
            lines.append(turn.t("privacy.web"))
        lines.append(turn.t("privacy.delete"))
        return Outcome((Reply("\n".join(lines)),), intent="privacy", confidence=1.0)
