"""Direct article references: "điều 3 luật pcbldg", "khoản 9 điều 3 bộ luật lao động"."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from nlu.normalize import fold, words
from nlu.parse import ArticleRef

_ARTICLE = re.compile(r"\bdieu (\d{1,3})\b")
_CLAUSE_BEFORE = re.compile(r"\bkhoan (\d{1,2})\s*,?\s*(?:cua\s+)?dieu\s+\d")
_CLAUSE_AFTER = re.compile(r"\bdieu \d{1,3}\s*,?\s*khoan (\d{1,2})\b")
_FILLER_TEXT = (
    "cho toi xem noi gi quy dinh ve la cua theo trong tra cuu doc dung toan van minh "
    "em hoi muon biet voi a nhe the nao nhu ra sao tim hieu giup"
)
_FILLER = frozenset(_FILLER_TEXT.split())
_ABOUT_TEXT = (
    "ve gi noi dung con khong ko chua co hieu luc hien hanh nam nao ngay bao gio ban hanh "
    "moi nhat so tom tat gioi thieu van ban ai what is it about still in force the"
)
_ABOUT = _FILLER | frozenset(_ABOUT_TEXT.split())
"""Words a question about a whole document may hold besides its name (the filler too)."""
MAX_EXTRA_WORDS = 6
MIN_TOPIC_WORDS = 2
"""Words besides the filler a message must keep without its document to be matched again."""
_PUNCTUATION = re.compile(r"[,;:.!?()\"'“”]+")


def _clean(text: str) -> str:
    """Return folded text with punctuation (but not "/" or "-") turned into single spaces."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


def _number_aliases(number: str) -> list[str]:
    """Return the ways people write a document number: "13/2022/qh15", "nghi dinh 76"."""
    folded = fold(number)
    parts = folded.split("/")
    aliases = [folded]
    if len(parts) >= 2:
        aliases.append(f"{parts[0]}/{parts[1]}")
    if "nd-cp" in folded:
        aliases += [f"nghi dinh {parts[0]}", f"nghi dinh so {parts[0]}"]
    else:
        aliases += [f"luat {parts[0]}/{parts[1]}" if len(parts) >= 2 else f"luat {parts[0]}"]
    return aliases


@dataclass(frozen=True)
class ArticleParser:
    """Finds an article reference and the document it names, by the document's aliases."""

    aliases: tuple[tuple[str, str], ...]  # (folded alias, document number), longest first

    @classmethod
    def build(cls, documents: Mapping[str, Sequence[str]]) -> ArticleParser:
        """Build from document number -> names (title, short name, aliases)."""
        pairs = {
            (_clean(name), number)
            for number, names in documents.items()
            for name in [*names, *_number_aliases(number)]
            if _clean(name)
        }
        ordered = sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0], pair[1]))
        return cls(tuple(ordered))

    def parse(self, prepared: str) -> ArticleRef | None:
        """Return the reference in folded, expanded text when the message is a lookup request."""
        prepared = _clean(prepared)
        article = _ARTICLE.search(prepared)
        if article is None:
            return None
        found = self._document(prepared)
        if found is None:
            return None
        document, alias = found
        rest = prepared.replace(alias, " ")
        rest = _ARTICLE.sub(" ", re.sub(r"\bkhoan \d{1,2}\b", " ", rest))
        extra = [word for word in words(rest) if word not in _FILLER]
        if len(extra) > MAX_EXTRA_WORDS:
            return None
        return ArticleRef(document, int(article.group(1)), _clause(prepared))

    def named(self, prepared: str) -> str | None:
        """Return the document a message asks about as a whole: "nghị định 125/2021 về gì"."""
        prepared = _clean(prepared)
        if _ARTICLE.search(prepared):
            return None
        found = self._document(prepared)
        if found is None:
            return None
        document, alias = found
        extra = [w for w in words(prepared.replace(alias, " ")) if w not in _ABOUT]
        return document if len(extra) <= 1 else None

    def without_document(self, prepared: str) -> str | None:
        """Return the folded message without the document it names, when other words remain.

        "quy định về cấm tiếp xúc theo luật phòng chống bạo lực gia đình 2022" becomes "quy định
        về cấm tiếp xúc": the law's long name outweighs the two words the question is about.
        """
        prepared = _clean(prepared)
        found = None if _ARTICLE.search(prepared) else self._document(prepared)
        if found is None:  # no document, or an article lookup (answered by the article itself)
            return None
        alias = re.escape(found[1])
        named = (
            rf"(?:\b(?:theo|cua|trong|tai)\s+)?(?<![\w/]){alias}(?![\w/])(?:\s+(?:nam\s+)?\d{{4}})?"
        )
        rest = " ".join(re.sub(named, " ", prepared, count=1).split())
        left = [w for w in words(rest) if w not in _FILLER]
        return rest if len(left) >= MIN_TOPIC_WORDS else None

    @functools.cached_property
    def _any_alias(self) -> re.Pattern[str]:
        """One pattern that finds whether any alias is in a message (most messages name none)."""
        names = "|".join(re.escape(alias) for alias, _ in self.aliases)
        return re.compile(rf"(?<![\w/])(?:{names})(?![\w/])")

    def _document(self, prepared: str) -> tuple[str, str] | None:
        """Return the longest alias in the message and its document (named on every message)."""
        if not self.aliases or not self._any_alias.search(prepared):
            return None
        for alias, number in self.aliases:
            if re.search(rf"(?<![\w/]){re.escape(alias)}(?![\w/])", prepared):
                return number, alias
        return None


def _clause(prepared: str) -> int | None:
    match = _CLAUSE_BEFORE.search(prepared) or _CLAUSE_AFTER.search(prepared)
    return int(match.group(1)) if match else None
