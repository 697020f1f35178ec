"""Law text as citizens see it: the compilers' bracketed notes removed, provenance kept in files."""

from __future__ import annotations

import re

_BRACKETED = re.compile(r"\s*\[([^\[\]\n]*)\]")
_NOTE = re.compile(
    r"nguồn|ocr|\bsic\b|ghi chú|biên soạn|không có|phần còn lại|tệp|\.txt|\.md\b|https?:|"
    r"đối chiếu|cách gọi|suy từ|tóm lược|trích theo|tài liệu bổ sung|ngoặc vuông|điều này —",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t]{2,}")


def _unbracket(match: re.Match[str]) -> str:
    inner = match.group(1)
    if _NOTE.search(inner):
        return ""
    lead = match.group(0)[: len(match.group(0)) - len(inner) - 2]
    return lead + inner


def citizen_text(text: str) -> str:
    """Return ``text`` without editorial notes (``[Trang nguồn …]``, ``[OCR: …]``, ``xem tệp``).

    Short brackets that only restore the law's own words or numbering (``[a)]``, ``[1.]``) are kept
    without their brackets.
    """
    cleaned = _BRACKETED.sub(_unbracket, text)
    lines = [_SPACES.sub(" ", line).strip() for line in cleaned.split("\n")]
    return "\n".join(line for line in lines if line)
