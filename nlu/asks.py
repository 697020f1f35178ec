"""What kind of answer a question wants: is it…?, the fine, prison, where to report, what to do.

The kind decides which entry (and which article) an answer rests on: "chồng đánh vợ bị phạt bao
nhiêu" needs the sanction decree, not the definition. Kinds are those of ``asks:`` in the FAQ
(see bot/faq.py): definition, fine, prison, report, help.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlu.normalize import fold

SANCTIONS = frozenset({"fine", "prison"})
"""Kinds that ask what happens to the person who did it."""

_MONEY = (
    r" (bao nhieu tien|\d+([.,]\d+)?( ?(trieu|nghin|ngan|dong|tr)| den \d+ (trieu|nghin|ngan)))\b"
)
"""An amount of money after "phạt từ": folded, "phạt từ 5 triệu" (a fine from) is "phạt tù"."""
_NOT_ADVISED = r"(?<!nen )(?<!can )(?<!phai )"
"""Not after "nên / cần / phải": "nên xử lý thế nào" asks what to do (see "help"), no sanction."""
_PATTERNS: dict[str, tuple[str, ...]] = {
    "fine": (
        r"(?<!hinh )phat (bao nhieu|may|nhieu|tien|hanh chinh|the nao|ra sao|gi)\b",  # not "giữa"
        r"bi phat(?! tu\b)",
        r"phat tu" + _MONEY,
        r"muc phat",
        r"xu phat",
        r"nop phat",
        r"tien phat",
        r"\bphat (chong|vo|nguoi|bo|me|cha|con|ong|ba)\b",
        r"bao nhieu tien",
        r"\bfine[sd]?\b",
        r"how much .*(pay|penalty)",
    ),
    "prison": (
        r"\b(di|ngoi|bo|o) tu\b",
        r"\btu (giam|bao nhieu(?! tien)|may|khong|ko|k)\b",
        r"nam tu\b",
        r"hinh su",
        r"(?<!xuc )pham toi",  # not "xúc phạm tôi" (insults me)
        r"(co phai|thanh|bi) toi\b",
        r"\bla toi (khong|ko|k|gi|hinh su)\b",
        r"\btoi gi\b",
        r"\btoi danh (gi|nao|la)\b",
        r"khoi to",
        r"truy cuu",
        r"phat tu\b(?!" + _MONEY + ")",
        r"\bmuc an\b",
        r"\ban tu\b",
        r"khung hinh phat",
        r"\bhinh phat\b",
        r"\b(duoc|tuyen|xu|an) vo toi\b",
        r"\bvo toi hay (khong|ko|co toi)\b",
        r"bat giam",
        r"\b(co )?bi (cong an )?bat (khong|ko|k|hok)\b",  # arrested ("bị bắt làm" is forced)
        r"\b(phat|xu|an|lanh an|ngoi) (tu )?(bao nhieu|may) nam\b",  # "phạt bao nhiêu năm"
        r"^\W*toi (cuong dam|hiep dam|dam o|lam nhuc|buc tu|mua ban nguoi|hanh ha nguoi khac"
        r"|co y gay thuong tich|giao cau|to chuc tao hon|khong to giac)\b",  # "tội cưỡng dâm"
        r"\b(prison|jail(ed)?|crime|criminal(ly)?|offen[cs]e|arrest(ed)?|prosecut\w*)\b",
    ),
    "sanction": (
        _NOT_ADVISED + r"xu ly (the nao|ra sao|sao|gi|nhu the nao)",
        r"bi xu ly",
        r"\bbi xu (the nao|ra sao|sao|gi|nhu the nao|toi)\b",  # "bị xử thế nào" (xử lý)
        r"\b(luat|phap luat|cong an|nha nuoc|chinh quyen) xu (the nao|ra sao|sao|nhu the nao)\b",
        r"\bhinh thuc (xu ly|xu phat|ky luat)\b",  # "các hình thức xử lý người có hành vi …"
        r"che tai",
        r"chiu trach nhiem gi",
        _NOT_ADVISED + r"\bxu ly\b.{0,40}\b(the nao|ra sao)\b",
        r"bi (gi|sao) (khong|ko|k)\b",
        r"\b(penalt(y|ies)|punish(ed|ment)?|sanction\w*)\b",
    ),
    "report": (
        r"bao (cho )?(ai|o dau|dau|cong an|chinh quyen|xa|phuong)",
        r"(to cao|to giac|trinh bao|bao tin|khieu nai|phan anh)",
        r"goi (so|dau|ai)",
        r"(gui|nop|viet) don (o |toi |den )?(dau|ai|noi nao|co quan nao)",
        r"\bnho (ai|co quan nao|noi nao)",
        r"\b(noi|ke) (voi|cho) ai\b",
        r"so (dien thoai|hotline|duong day nong)",
        r"\b(report|complain|who (do|should|can) i (tell|call)|hotline)\b",
    ),
    "help": (
        r"(phai|nen|can|co the) lam (gi|sao|the nao)",
        r"\b(phai|nen|can) xu ly (the nao|ra sao|sao|nhu the nao)",
        r"lam (gi|sao) (bay gio|de|duoc)",
        r"\blam (gi|sao|the nao) (khi|neu)\b",  # "Làm gì khi thường xuyên bị chồng bạo lực?"
        r"\bthi lam (sao|gi|the nao)( (a|day|vay|bay gio|ha))?\W*$",  # "bị chồng tát thì làm sao ạ"
        r"\bco cach nao\b",
        r"\b(gio|phai|nen|bay gio) tinh (sao|the nao|lam sao)\b|\btinh sao (day|bay gio|gio)\b",
        r"(ai|noi nao|o dau) (giup|ho tro|tu van)",
        r"(giup do|ho tro|tu van|tro giup)",
        r"\bthu tuc (the nao|ra sao|gi|nhu the nao|la gi)",
        r"\b(co the|nen|biet) (den|di|o|tro ve|tam lanh|nuong nho) (dau|noi nao|nha ai)\b",
        r"\b(what (can|should) (i|we) do|help|support|advice|shelter)\b",
    ),
    "definition": (
        r"\bla gi\b",
        r"co (phai|bi coi|duoc coi|tinh) la",
        r"\bco (phai|tinh|duoc tinh) (bao luc|bao hanh|xam hai|quay roi)\b",  # "có phải bạo lực"
        r"the nao (la|thi bi coi)",
        r"co (vi pham|trai luat|sai luat|hop phap|bi cam|pham luat|pham phap|trai phap luat)",
        r"co (dung|sai) (luat|phap luat|quy dinh|khong|ko|k)\b",
        r"\b(what is|what are|is it|does .* count|is this|is that|legal|allowed)\b",
    ),
}
_MARKED: dict[str, tuple[str, ...]] = {
    "prison": (
        r"\b(là|thành) tội\b",
        r"\btội (gì|danh)\b",
        r"\bvô tội\b",
        r"^\W*((các|những|về|cho (tôi|em|mình) hỏi( về)?) )?tội (?!nghiệp|lỗi|gì)\w+",
    ),
}
"""Patterns read with diacritics where folding makes them ambiguous: folded, "tôi đánh" (I hit)
is "tội danh", "vợ tôi" (my wife) is "vô tội" and "là tôi" (it is me) is "là tội"; a message
that opens with "tội …" names a crime ("tôi …" folded is the speaker)."""
_HANDLED_THINGS = re.compile(
    r"\b(tai san|nha( cua| dat)?|dat( dai)?|(khoan )?no|ho so|don|giay to|tien)"
    r"( (chung|rieng))?( (se|duoc|thi|phai|nay))? xu ly"
)
"""Property, debts or papers "handled" (xử lý): a question about dividing them, no sanction."""
_COMPILED = {kind: re.compile("|".join(f"(?:{p})" for p in ps)) for kind, ps in _PATTERNS.items()}
_COMPILED_MARKED = {k: re.compile("|".join(f"(?:{p})" for p in ps)) for k, ps in _MARKED.items()}


def asks(text: str) -> frozenset[str]:
    """Return the kinds a (raw or prepared) message asks for; "sanction" means fine or prison."""
    folded = _HANDLED_THINGS.sub(" ", fold(text))
    found = {kind for kind, pattern in _COMPILED.items() if pattern.search(folded)}
    lowered = text.lower()
    found |= {kind for kind, pattern in _COMPILED_MARKED.items() if pattern.search(lowered)}
    if "sanction" in found:
        found = (found - {"sanction"}) | SANCTIONS
    if found & SANCTIONS:
        found.discard("definition")
    return frozenset(found)


def fit(asked: frozenset[str], served: Iterable[str]) -> float:
    """Return how well an entry's kinds serve a question: 1 fits, 0.5 another sanction, -1 not."""
    served = frozenset(served)
    if not asked or not served:
        return 0.0
    if asked & served:
        return 1.0
    if asked & SANCTIONS:
        return 0.5 if served & SANCTIONS else -1.0
    return 0.0
