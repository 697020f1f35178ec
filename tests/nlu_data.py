"""Small training data for NLU tests that must not depend on the shipped knowledge base."""

from __future__ import annotations

from pathlib import Path

from bot.qa.training import load_nlu_content
from nlu.training import FaqExample, TrainingData

ROOT = Path(__file__).resolve().parent.parent

TOY_FAQS = (
    FaqExample(
        "dv-where-to-report",
        "dv_reporting",
        (
            "Khi bị bạo lực gia đình thì báo tin cho ai?",
            "chồng đánh vợ thì báo ở đâu",
            "bi chong danh thi bao cho ai",
            "báo bạo lực gia đình ở đâu",
        ),
        "Bạn có thể báo tin cho UBND xã, Công an xã, trưởng thôn.",
    ),
    FaqExample(
        "ge-equal-pay",
        "gender_equality_work",
        (
            "Lao động nữ có được trả lương bằng nam không?",
            "công ty trả lương nữ thấp hơn nam có đúng không",
            "cty tra luong nu it hon nam",
            "lương nam nữ",
        ),
        "Người sử dụng lao động phải trả lương bình đẳng, không phân biệt giới tính.",
    ),
    FaqExample(
        "cm-marriage-age",
        "child_marriage",
        (
            "Độ tuổi kết hôn theo luật là bao nhiêu?",
            "mấy tuổi thì được lấy chồng",
            "nam bao nhieu tuoi duoc lay vo",
            "tuổi kết hôn",
        ),
        "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.",
    ),
)


def toy_training() -> TrainingData:
    """Return the shipped content/nlu data with three toy FAQ entries."""
    content, problems = load_nlu_content(ROOT / "content" / "nlu")
    assert problems == []
    documents = {"13/2022/QH15": ("Luật Phòng, chống bạo lực gia đình", "luật pcblgđ")}
    return content.training(TOY_FAQS, documents)
